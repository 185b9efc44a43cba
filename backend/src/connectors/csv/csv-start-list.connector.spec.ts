import { StartListSourceError } from '../start-list-connector';
import { readCsvStartList } from './csv-start-list.connector';

const read = (text: string, options: Partial<Parameters<typeof readCsvStartList>[0]> = {}) =>
  readCsvStartList({ bytes: Buffer.from(text, 'utf8'), maxRows: 100, ...options });

describe('readCsvStartList', () => {
  it('maps each line to a candidate named by its line, padded rows accepted', () => {
    const readout = read('Dossard;Nom;Prénom\n1;Martin;Paul;;\n\n2;Roux;Léa\n');
    expect(readout).toMatchObject({ encoding: 'utf-8', delimiter: ';', headers: ['Dossard', 'Nom', 'Prénom'], mapping: { bib: 0, lastName: 1, firstName: 2 } });
    expect(readout.candidates).toEqual([
      { row: 2, ref: 'line 2', values: { bib: '1', lastName: 'Martin', firstName: 'Paul' } },
      { row: 4, ref: 'line 4', values: { bib: '2', lastName: 'Roux', firstName: 'Léa' } },
    ]);
  });

  it('marks a line with too many or too few values as unreadable, saying why', () => {
    const [extra, missing] = read('Dossard;Nom;Prénom\n1;Martin;Paul;en trop\n2;Roux\n').candidates;
    expect(extra.unreadable).toBe('4 columns where the file has 3: a value probably contains the semicolon without quotes');
    expect(missing.unreadable).toBe('2 columns where the file has 3: a value may be missing or a line break may have cut the row');
  });

  it('counts lines from the real first line when Excel wrote a sep= line', () => {
    const readout = read('sep=,\r\nbib,name\r\n7,Roux\r\n');
    expect(readout.delimiter).toBe(',');
    expect(readout.candidates[0]).toMatchObject({ row: 3, values: { bib: '7' } });
  });

  it('names the columns of a file without titles and waits for a mapping', () => {
    const readout = read('7;Roux;Léa\n8;Petit;Luc\n', { hasHeaderRow: false });
    expect(readout).toMatchObject({ headers: ['Column 1', 'Column 2', 'Column 3'], mappingProblems: ['Choose the column that holds the bib numbers'], candidates: [] });
    const mapped = read('7;Roux;Léa\n8;Petit;Luc\n', { hasHeaderRow: false, mapping: { bib: 0, lastName: 1 } });
    expect(mapped.candidates.map((candidate) => [candidate.row, candidate.values.bib])).toEqual([
      [1, '7'],
      [2, '8'],
    ]);
  });

  it('says a file does not look like the preset platform\'s export', () => {
    expect(read('Bib,Name\n1,Roux\n', { preset: 'kms' }).mappingProblems).toEqual([
      'The file has no "Dossard" column: it does not look like a KMS export; choose the columns yourself',
    ]);
  });

  it('refuses an empty file, titles without runners and too many rows as a whole', () => {
    const failure = (text: string, maxRows = 100) => {
      try {
        read(text, { maxRows });
      } catch (error) {
        return error instanceof StartListSourceError ? [error.status, error.reason, error.message] : error;
      }
      return null;
    };
    expect(failure('')).toEqual([422, 'empty', 'The file is empty']);
    expect(failure('Dossard;Nom\n')).toEqual([422, 'empty', 'The file has column titles but no runners']);
    expect(failure('Dossard\n1\n2\n3\n', 2)).toEqual([422, 'too-many-rows', 'The file has more than 2 rows: split it into several files']);
    expect(failure('Dossard;"Nom\n1;x\n2;y\n3;z\n4;t\n5;u\n6;v\n')).toEqual([422, 'unreadable', 'The first line (the column titles) cannot be read: a quote opened on this line is never closed']);
  });
});
