import { decodeText, decodeWindows1252 } from './text-encoding';

describe('decodeText', () => {
  const accents = 'Dossard;Nom;Prénom\n12;Lefèvre;Hélène\n13;Œuvray;François\n';

  it('reads UTF-8, with or without a BOM, accents kept', () => {
    expect(decodeText(Buffer.from(accents, 'utf8'))).toEqual({ text: accents, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(accents, 'utf8')]))).toEqual({ text: accents, encoding: 'utf-8' });
  });

  it('takes a file that is not UTF-8 as Windows-1252, including the bytes where it differs from Latin-1', () => {
    // "Hélène Œuvray – 10 €" as Excel on Windows writes it.
    const bytes = Buffer.from([0x48, 0xe9, 0x6c, 0xe8, 0x6e, 0x65, 0x20, 0x8c, 0x75, 0x76, 0x72, 0x61, 0x79, 0x20, 0x96, 0x20, 0x31, 0x30, 0x20, 0x80]);
    expect(decodeText(bytes)).toEqual({ text: 'Hélène Œuvray – 10 €', encoding: 'windows-1252' });
  });

  it('honours the encoding the pro chose, and says so when the file is not in it', () => {
    const latin = Buffer.from([0x4c, 0xe9, 0x61]);
    expect(decodeText(latin, 'windows-1252').text).toBe('Léa');
    expect(() => decodeText(latin, 'utf-8')).toThrow('The file is not valid UTF-8: choose the Windows-1252 encoding');
  });

  it('reads UTF-16LE files with a BOM (Excel "Unicode text")', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Dossard\tNom\n7\tGaëlle\n', 'utf16le')]);
    expect(decodeText(bytes)).toEqual({ text: 'Dossard\tNom\n7\tGaëlle\n', encoding: 'utf-16le' });
  });

  it('refuses spreadsheets and binaries with a sentence saying what to do', () => {
    expect(() => decodeText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toThrow('save it as CSV');
    expect(() => decodeText(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).toThrow('Excel 97-2003 workbook (.xls)');
    expect(() => decodeText(Buffer.from([0x01, 0x00, 0x02, 0x03]))).toThrow('This is not a text (CSV) file');
  });

  it('decodes every byte of Windows-1252 to one character', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = decodeWindows1252(all);
    expect(text).toHaveLength(256);
    expect(text.charAt(0xe9)).toBe('é');
    expect(text.charAt(0x9c)).toBe('œ');
    expect(text.charAt(0x81)).toBe('\u0081');
  });
});
