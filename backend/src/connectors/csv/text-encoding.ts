import type { StartListEncoding } from '@focus-racer/api-types';

/**
 * Turns an uploaded start-list file into text. French organisers' files come in three encodings: UTF-8 (web
 * platforms, LibreOffice), Windows-1252 (Excel "CSV (séparateur: point-virgule)" on Windows, most timing software)
 * and UTF-16LE with a BOM (Excel "Texte Unicode"). Accents must survive all three.
 */

export type RequestedEncoding = StartListEncoding | 'auto';

export interface DecodedText {
  text: string;
  encoding: StartListEncoding;
}

/** The bytes are not a text file we can read, or not in the encoding the pro asked for. */
export class UnreadableFileError extends Error {}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function decodeText(bytes: Uint8Array, requested: RequestedEncoding = 'auto'): DecodedText {
  refuseBinaryFormats(bytes);
  if (startsWith(bytes, UTF8_BOM)) return { text: decodeUtf8(bytes.subarray(3), true), encoding: 'utf-8' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) {
    throw new UnreadableFileError('The file is in UTF-16 big-endian, which is not supported: save it as CSV UTF-8');
  }
  switch (requested) {
    case 'utf-8':
      return { text: decodeUtf8(bytes, false), encoding: 'utf-8' };
    case 'windows-1252':
      return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
    case 'utf-16le':
      return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
    case 'auto':
      // Valid UTF-8 is almost never an accident for a file with accents; anything else is taken as Windows-1252,
      // which decodes every byte (Latin-1 would turn Excel's €, œ and curly quotes into control characters).
      try {
        return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
      } catch {
        return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
      }
  }
}

function decodeUtf8(bytes: Uint8Array, hadBom: boolean): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableFileError(
      hadBom
        ? 'The file says it is UTF-8 but holds bytes that are not: save it again as CSV UTF-8'
        : 'The file is not valid UTF-8: choose the Windows-1252 encoding, or leave the encoding on automatic',
    );
  }
}

/**
 * Windows-1252 by table. Node 20's `TextDecoder('windows-1252')` decodes as Latin-1 (0x80 gives U+0080, not €),
 * so the 0x80–0x9F block, where Windows-1252 differs, is mapped here. Undefined bytes keep the C1 control, as
 * the WHATWG decoder does.
 */
const WINDOWS_1252_HIGH: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes: number[] = [];
    const end = Math.min(start + CHUNK, bytes.length);
    for (let i = start; i < end; i++) {
      const byte = bytes[i];
      codes.push(byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : byte);
    }
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}

/** Spreadsheets sent as they are: say what to do instead of reporting every line as unreadable. */
function refuseBinaryFormats(bytes: Uint8Array): void {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    throw new UnreadableFileError('This is an Excel or LibreOffice workbook (.xlsx/.ods), not a CSV file: open it and save it as CSV, then upload the CSV');
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new UnreadableFileError('This is an Excel 97-2003 workbook (.xls), not a CSV file: open it and save it as CSV, then upload the CSV');
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) throw new UnreadableFileError('This is a PDF, not a CSV file: export the start list as CSV from the registration platform');
  // UTF-16 files carry NULs in every other byte; they were handled above by their BOM.
  const head = bytes.subarray(0, 4096);
  if (!startsWith(bytes, [0xff, 0xfe]) && !startsWith(bytes, [0xfe, 0xff]) && head.includes(0)) {
    throw new UnreadableFileError('This is not a text (CSV) file');
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}
