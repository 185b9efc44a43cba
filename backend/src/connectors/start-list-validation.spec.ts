import { START_LIST_MAX_LISTED_ISSUES } from '@focus-racer/api-types';
import { describeRefusal, StartListCandidate, validateStartList } from './start-list-validation';

const row = (line: number, values: StartListCandidate['values'], unreadable?: string): StartListCandidate => ({
  row: line,
  ref: `line ${line}`,
  values,
  ...(unreadable ? { unreadable } : {}),
});

describe('validateStartList', () => {
  it('keeps good rows, cleaned: bib upper-cased, spaces folded, empty optional fields null', () => {
    const { entries, report } = validateStartList([
      row(2, { bib: ' a012 ', firstName: 'Hélène', lastName: '  Lefèvre\u00a0 Dupont ', club: '', email: 'helene@example.fr', chipTime: '1:02:03,5' }),
    ]);
    expect(entries).toEqual([
      { row: 2, bib: 'A012', firstName: 'Hélène', lastName: 'Lefèvre Dupont', category: null, club: null, email: 'helene@example.fr', chipTime: '1:02:03.5' },
    ]);
    expect(report).toMatchObject({ totalRows: 1, validRows: 1, invalidRows: 0, errors: [], warnings: [] });
  });

  it('refuses a missing bib, a malformed bib, an unreadable line and an over-long name, each with its line', () => {
    const { entries, report } = validateStartList([
      row(2, { bib: '', lastName: 'Martin' }),
      row(3, { bib: '12 3', lastName: 'Roux' }),
      row(4, {}, '5 columns where the file has 4'),
      row(5, { bib: '7', lastName: 'x'.repeat(101) }),
      row(6, { bib: '8', lastName: 'Petit' }),
    ]);
    expect(entries.map((entry) => entry.bib)).toEqual(['8']);
    expect(report.errors.map((error) => [error.row, error.code])).toEqual([
      [2, 'missing-bib'],
      [3, 'invalid-bib'],
      [4, 'unreadable-line'],
      [5, 'too-long'],
    ]);
    expect(report.errors[0].message).toBe('Line 2: no bib number');
    expect(report.errors[2].message).toBe('Line 4: 5 columns where the file has 4');
    expect(report).toMatchObject({ totalRows: 5, validRows: 1, invalidRows: 4, errorCount: 4 });
  });

  it('refuses every row of a bib given to two runners, and names the other row', () => {
    const { entries, report } = validateStartList([
      row(2, { bib: '101', firstName: 'Paul', lastName: 'Martin' }),
      row(3, { bib: '102', firstName: 'Léa', lastName: 'Roux' }),
      row(9, { bib: '101', firstName: 'Jean', lastName: 'Durand' }),
    ]);
    expect(entries.map((entry) => entry.bib)).toEqual(['102']);
    expect([...validateStartList([row(2, { bib: '101' }), row(3, { bib: '101', lastName: 'x' }), row(4, { bib: '' })]).refusedBibs]).toEqual(['101']);
    expect(report.errors.map((error) => [error.row, error.code, error.bib])).toEqual([
      [2, 'duplicate-bib', '101'],
      [9, 'duplicate-bib', '101'],
    ]);
    expect(report.errors[0].message).toBe('Line 2: bib 101 is also given to line 9 (Jean Durand)');
  });

  it('imports the very same runner listed twice once, with a warning', () => {
    const { entries, report } = validateStartList([
      row(2, { bib: '5', firstName: 'Léa', lastName: 'Roux' }),
      row(3, { bib: '5', firstName: 'LÉA', lastName: 'ROUX' }),
    ]);
    expect(entries).toHaveLength(1);
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((warning) => [warning.row, warning.code])).toEqual([[3, 'repeated-row']]);
  });

  it('keeps a runner whose email or chip time is malformed, without that field, with a warning', () => {
    const { entries, report } = validateStartList([row(2, { bib: '5', lastName: 'Roux', email: 'lea@roux', chipTime: '1h02', club: 'c'.repeat(151) })]);
    expect(entries[0]).toMatchObject({ bib: '5', email: null, chipTime: null, club: null });
    expect(report.warnings.map((warning) => warning.code)).toEqual(['field-too-long', 'invalid-email', 'invalid-chip-time']);
    expect(report.invalidRows).toBe(0);
  });

  it('lists at most START_LIST_MAX_LISTED_ISSUES issues and says the list is cut', () => {
    const rows = Array.from({ length: START_LIST_MAX_LISTED_ISSUES + 5 }, (_, i) => row(i + 2, { bib: '' }));
    const { report } = validateStartList(rows);
    expect(report.errors).toHaveLength(START_LIST_MAX_LISTED_ISSUES);
    expect(report).toMatchObject({ truncated: true, errorCount: START_LIST_MAX_LISTED_ISSUES + 5, invalidRows: START_LIST_MAX_LISTED_ISSUES + 5 });
  });

  it('sums a refusal up in one sentence that says nothing was imported', () => {
    const { report } = validateStartList([row(2, { bib: '' }), row(3, { bib: '' }), row(4, { bib: '' }), row(5, { bib: '' })]);
    expect(describeRefusal(report)).toBe(
      '4 rows cannot be imported: Line 2: no bib number; Line 3: no bib number; Line 4: no bib number (and 1 more). ' +
        'Nothing was imported: fix these rows, or import again with skipInvalidRows to leave them out.',
    );
  });
});
