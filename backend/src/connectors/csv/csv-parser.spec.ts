import { detectDelimiter, parseCsv, readSeparatorHint } from './csv-parser';

describe('parseCsv', () => {
  it('splits records on the delimiter and trims unquoted values', () => {
    expect(parseCsv('Dossard;Nom\r\n 12 ; Martin \r\n13;Durand', { delimiter: ';' })).toEqual([
      { line: 1, fields: ['Dossard', 'Nom'] },
      { line: 2, fields: ['12', 'Martin'] },
      { line: 3, fields: ['13', 'Durand'] },
    ]);
  });

  it('reads quoted values holding delimiters, doubled quotes and line breaks, and numbers lines as the file does', () => {
    const text = 'bib,name,club\n1,"Martin, Paul","AC ""Les Lions"""\n2,"Durand\nJean",ASPTT\n3,Roux,\n';
    expect(parseCsv(text, { delimiter: ',' })).toEqual([
      { line: 1, fields: ['bib', 'name', 'club'] },
      { line: 2, fields: ['1', 'Martin, Paul', 'AC "Les Lions"'] },
      { line: 3, fields: ['2', 'Durand\nJean', 'ASPTT'] },
      { line: 5, fields: ['3', 'Roux', ''] },
    ]);
  });

  it('handles CR-only line ends and skips blank lines and lines of bare delimiters', () => {
    expect(parseCsv('a\tb\r\r1\t2\r\t\r3\t4', { delimiter: '\t' })).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
      { line: 5, fields: ['3', '4'] },
    ]);
  });

  it('keeps a quote inside an unquoted value as text', () => {
    expect(parseCsv('1;Jean "Jeannot" Dupont', { delimiter: ';' })[0].fields).toEqual(['1', 'Jean "Jeannot" Dupont']);
  });

  it('reports a quote left open without swallowing the rest of the file', () => {
    const lines = ['1;"Martin;Paul', '2;Durand;Jean', '3;Roux;Léa', '4;Petit;Luc', '5;Morel;Eva', '6;Fabre;Noé', '7;Blanc;Zoé'];
    const records = parseCsv(lines.join('\n'), { delimiter: ';' });
    expect(records[0]).toEqual({ line: 1, fields: [], error: 'a quote opened on this line is never closed' });
    expect(records.slice(1).map((record) => record.fields[0])).toEqual(['2', '3', '4', '5', '6', '7']);
  });

  it('reports text after a closing quote and goes on with the next line', () => {
    const records = parseCsv('1;"Martin" Paul;x\n2;Durand;y', { delimiter: ';' });
    expect(records[0]).toMatchObject({ line: 1, error: 'a quoted value is followed by more text before the next delimiter' });
    expect(records[1]).toEqual({ line: 2, fields: ['2', 'Durand', 'y'] });
  });

  it('stops after maxRecords', () => {
    expect(parseCsv('1\n2\n3\n4', { delimiter: ';', maxRecords: 2 })).toHaveLength(2);
  });
});

describe('detectDelimiter', () => {
  it('finds semicolon, comma, tab and vertical bar', () => {
    expect(detectDelimiter('Dossard;Nom;Prénom;Club\n1;Martin;Paul;AC Lyon, section trail\n2;Roux;Léa;ASPTT')).toBe(';');
    expect(detectDelimiter('bib,last,first\n1,Martin,Paul\n2,Roux,Léa')).toBe(',');
    expect(detectDelimiter('bib\tlast name\tfirst name\n1\tDe La Tour\tPaul\n2\tRoux\tLéa')).toBe('\t');
    expect(detectDelimiter('bib|last|first\n1|Martin|Paul')).toBe('|');
  });

  it('prefers the delimiter that gives consistent columns over one that appears in values', () => {
    expect(detectDelimiter('Dossard;Nom\n1;"Martin, Paul"\n2;"Roux, Léa"\n3;Petit')).toBe(';');
  });

  it('falls back to semicolon for a single column', () => {
    expect(detectDelimiter('Dossard\n1\n2')).toBe(';');
  });
});

describe('readSeparatorHint', () => {
  it('reads and removes the sep= line Excel can write', () => {
    expect(readSeparatorHint('sep=,\r\na,b')).toEqual({ delimiter: ',', rest: 'a,b' });
    expect(readSeparatorHint('Dossard;Nom')).toBeNull();
  });
});
