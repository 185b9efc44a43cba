import { parseRunnerSearch, toSearchQuery } from './runner-search';

describe('parseRunnerSearch', () => {
  it('reads digits as a bib, forgiving spaces and a leading # or n°', () => {
    expect(parseRunnerSearch('1234')).toEqual({ kind: 'bib', bib: '1234' });
    expect(parseRunnerSearch('  12 34 ')).toEqual({ kind: 'bib', bib: '1234' });
    expect(parseRunnerSearch('#0042')).toEqual({ kind: 'bib', bib: '0042' });
    expect(parseRunnerSearch('n° 7')).toEqual({ kind: 'bib', bib: '7' });
  });

  it('reads letters as a name, with accents, hyphens and apostrophes kept', () => {
    expect(parseRunnerSearch('  Marie   Dupont ')).toEqual({ kind: 'name', name: 'Marie Dupont' });
    expect(parseRunnerSearch("Jean-Luc O'Neil")).toEqual({ kind: 'name', name: "Jean-Luc O'Neil" });
    expect(parseRunnerSearch('Éloïse')).toEqual({ kind: 'name', name: 'Éloïse' });
  });

  it('says nothing was typed for blank text', () => {
    expect(parseRunnerSearch('   ')).toEqual({ kind: 'empty' });
  });

  it('refuses a mix of digits and letters rather than guessing which was meant', () => {
    const parsed = parseRunnerSearch('Dupont 1234');
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.message).toContain('not both');
  });

  it('refuses a bib too long to be one and a name of one letter', () => {
    expect(parseRunnerSearch('123456789').kind).toBe('invalid');
    expect(parseRunnerSearch('M').kind).toBe('invalid');
    expect(parseRunnerSearch('- .').kind).toBe('invalid');
  });
});

describe('toSearchQuery', () => {
  it('sends ?bib= or ?name=, with the anonymous viewer only when there is one', () => {
    expect(toSearchQuery({ kind: 'bib', bib: '1234' }, 'device-1')).toEqual({ bib: '1234', viewer: 'device-1' });
    expect(toSearchQuery({ kind: 'name', name: 'Marie Dupont' }, null)).toEqual({ name: 'Marie Dupont' });
  });
});
