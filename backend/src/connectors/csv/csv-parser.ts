import type { StartListDelimiter } from '@focus-racer/api-types';

/**
 * A small RFC 4180 reader for start lists: quoted fields ("" for a quote, delimiters and line breaks inside
 * quotes), CRLF, LF or CR line ends, and the physical line where each record starts so that a report says "line
 * 12" as the pro's spreadsheet does. A broken record is returned with an error instead of stopping the file, and
 * never swallows the rest of the file: a quote left open for more than MAX_QUOTED_LINE_BREAKS line breaks is taken
 * as a stray quote, the record is reported and reading goes on at the next line.
 */

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  fields: string[];
  /** Set when the record could not be read; `fields` is then empty. */
  error?: string;
}

export interface CsvParseOptions {
  delimiter: StartListDelimiter;
  /** Stop after this many non-blank records (the caller refuses longer files). */
  maxRecords?: number;
  /** Line number of the text's first line (2 when a `sep=` line was cut off). */
  firstLine?: number;
}

const MAX_QUOTED_LINE_BREAKS = 5;

export const DELIMITER_NAMES: Record<StartListDelimiter, string> = { ';': 'semicolon', ',': 'comma', '\t': 'tab', '|': 'vertical bar' };

export function parseCsv(text: string, options: CsvParseOptions): CsvRecord[] {
  const { delimiter } = options;
  const maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
  const records: CsvRecord[] = [];
  let pos = 0;
  let line = options.firstLine ?? 1;
  while (pos < text.length && records.length < maxRecords) {
    const result = readRecord(text, pos, line, delimiter);
    pos = result.next;
    line = result.nextLine;
    if (result.record.error || !isBlank(result.record.fields)) records.push(result.record);
  }
  return records;
}

interface ReadResult {
  record: CsvRecord;
  next: number;
  nextLine: number;
}

function readRecord(text: string, start: number, startLine: number, delimiter: string): ReadResult {
  const fields: string[] = [];
  let field = '';
  let pos = start;
  let line = startLine;
  let quoted = false;
  let quotedBreaks = 0;
  // True right after the closing quote of a quoted field: only a delimiter, a line end or spaces may follow.
  let afterQuote = false;

  while (pos < text.length) {
    const char = text[pos];
    if (quoted) {
      if (char === '"') {
        if (text[pos + 1] === '"') {
          field += '"';
          pos += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
        pos++;
        continue;
      }
      if (char === '\r' || char === '\n') {
        quotedBreaks++;
        if (quotedBreaks > MAX_QUOTED_LINE_BREAKS) return unclosedQuote(text, start, startLine);
        line++;
        if (char === '\r' && text[pos + 1] === '\n') {
          field += '\r\n';
          pos += 2;
          continue;
        }
      }
      field += char;
      pos++;
      continue;
    }
    if (char === delimiter) {
      fields.push(afterQuote ? field : field.trim());
      field = '';
      afterQuote = false;
      pos++;
      continue;
    }
    if (char === '\r' || char === '\n') {
      fields.push(afterQuote ? field : field.trim());
      const next = char === '\r' && text[pos + 1] === '\n' ? pos + 2 : pos + 1;
      return { record: { line: startLine, fields }, next, nextLine: line + 1 };
    }
    if (afterQuote) {
      if (char === ' ' || char === '\t') {
        pos++;
        continue;
      }
      return brokenRecord(text, pos, startLine, line, 'a quoted value is followed by more text before the next delimiter');
    }
    if (char === '"' && field.trim() === '') {
      quoted = true;
      field = '';
      pos++;
      continue;
    }
    // A quote inside an unquoted value (Jean "Jeannot" Dupont) is kept as text, as spreadsheets do.
    field += char;
    pos++;
  }
  if (quoted) return unclosedQuote(text, start, startLine);
  fields.push(afterQuote ? field : field.trim());
  return { record: { line: startLine, fields }, next: pos, nextLine: line };
}

function unclosedQuote(text: string, start: number, startLine: number): ReadResult {
  return brokenRecord(text, start, startLine, startLine, 'a quote opened on this line is never closed');
}

/** Skips to the end of the current physical line and reports the record. */
function brokenRecord(text: string, from: number, startLine: number, line: number, error: string): ReadResult {
  let pos = from;
  while (pos < text.length && text[pos] !== '\r' && text[pos] !== '\n') pos++;
  if (text[pos] === '\r' && text[pos + 1] === '\n') pos += 2;
  else if (pos < text.length) pos++;
  return { record: { line: startLine, fields: [], error }, next: pos, nextLine: line + 1 };
}

/** A line with nothing but delimiters (Excel pads empty rows with them) counts as blank. */
function isBlank(fields: string[]): boolean {
  return fields.every((field) => field.trim() === '');
}

const CANDIDATES: readonly StartListDelimiter[] = [';', ',', '\t', '|'];
const SAMPLE_RECORDS = 50;

/**
 * The delimiter that splits the first records into the most consistent number of columns (at least 2); on a tie,
 * the one giving more columns, then the French default `;`. A file of one column gets `;`.
 */
export function detectDelimiter(text: string): StartListDelimiter {
  const sample = text.slice(0, 256 * 1024);
  let best: { delimiter: StartListDelimiter; consistency: number; columns: number } | null = null;
  for (const delimiter of CANDIDATES) {
    const records = parseCsv(sample, { delimiter, maxRecords: SAMPLE_RECORDS }).filter((record) => !record.error);
    if (records.length === 0) continue;
    const { value: columns, count } = modalColumnCount(records);
    if (columns < 2) continue;
    const consistency = count / records.length;
    if (!best || consistency > best.consistency || (consistency === best.consistency && columns > best.columns)) {
      best = { delimiter, consistency, columns };
    }
  }
  return best?.delimiter ?? ';';
}

/** The most frequent number of fields among the records (the larger one on a tie). */
export function modalColumnCount(records: readonly CsvRecord[]): { value: number; count: number } {
  const counts = new Map<number, number>();
  for (const record of records) counts.set(record.fields.length, (counts.get(record.fields.length) ?? 0) + 1);
  let value = 0;
  let count = 0;
  for (const [columns, times] of counts) {
    if (times > count || (times === count && columns > value)) {
      value = columns;
      count = times;
    }
  }
  return { value, count };
}

/** Excel writes `sep=;` as a first line when asked to; it names the delimiter and is not data. */
export function readSeparatorHint(text: string): { delimiter: StartListDelimiter; rest: string } | null {
  const match = /^sep=(.)\r?\n/i.exec(text);
  if (!match) return null;
  const delimiter = match[1] as StartListDelimiter;
  if (!CANDIDATES.includes(delimiter)) return null;
  return { delimiter, rest: text.slice(match[0].length) };
}
