import type { StartListColumnMapping, StartListDelimiter, StartListEncoding, StartListPreset } from '@focus-racer/api-types';
import { START_LIST_FIELDS } from '@focus-racer/api-types';
import { StartListConnector, StartListReadout, StartListSourceError } from '../start-list-connector';
import type { StartListCandidate } from '../start-list-validation';
import { mappingProblems, PRESET_COLUMNS, PRESET_LABELS, presetMapping, suggestMapping } from './column-mapping';
import { CsvRecord, DELIMITER_NAMES, detectDelimiter, modalColumnCount, parseCsv, readSeparatorHint } from './csv-parser';
import { decodeText, RequestedEncoding, UnreadableFileError } from './text-encoding';

export interface CsvStartListRequest {
  bytes: Uint8Array;
  delimiter?: StartListDelimiter | 'auto';
  encoding?: RequestedEncoding;
  /** Default true: the first line holds the column titles. */
  hasHeaderRow?: boolean;
  preset?: StartListPreset;
  /** Sent by the pro; otherwise the preset's columns, otherwise the guess from the titles. */
  mapping?: StartListColumnMapping;
  maxRows: number;
}

export interface CsvStartListReadout extends StartListReadout {
  encoding: StartListEncoding;
  delimiter: StartListDelimiter;
  hasHeaderRow: boolean;
  headers: string[];
  suggestedMapping: StartListColumnMapping;
  mapping: StartListColumnMapping;
  /** Why the mapping cannot be used (no bib column...); `candidates` is then empty. */
  mappingProblems: string[];
}

/**
 * The CSV path: decode (UTF-8, Windows-1252, UTF-16), detect the delimiter, read the records, check each line has
 * the header's number of columns, and map the columns to runner fields. Pure: the bytes are already in memory
 * (the upload is capped in size before it gets here). Also reads the platforms' own export files, with a preset.
 */
export class CsvStartListConnector implements StartListConnector<CsvStartListRequest, CsvStartListReadout> {
  readonly source = 'csv' as const;

  async read(request: CsvStartListRequest): Promise<CsvStartListReadout> {
    return readCsvStartList(request);
  }
}

export function readCsvStartList(request: CsvStartListRequest): CsvStartListReadout {
  let decoded;
  try {
    decoded = decodeText(request.bytes, request.encoding ?? 'auto');
  } catch (error) {
    if (error instanceof UnreadableFileError) throw new StartListSourceError(422, error.message, 'unreadable');
    throw error;
  }
  const hint = readSeparatorHint(decoded.text);
  const text = hint?.rest ?? decoded.text;
  const requested = request.delimiter ?? 'auto';
  const delimiter = requested !== 'auto' ? requested : (hint?.delimiter ?? detectDelimiter(text));
  const hasHeaderRow = request.hasHeaderRow ?? true;

  const records = parseCsv(text, { delimiter, firstLine: hint ? 2 : 1, maxRecords: request.maxRows + (hasHeaderRow ? 2 : 1) });
  if (records.length === 0) throw new StartListSourceError(422, 'The file is empty', 'empty');
  const header = hasHeaderRow ? records.shift() : undefined;
  if (header?.error) throw new StartListSourceError(422, `The first line (the column titles) cannot be read: ${header.error}`, 'unreadable');
  if (records.length === 0) throw new StartListSourceError(422, 'The file has column titles but no runners', 'empty');
  if (records.length > request.maxRows) {
    throw new StartListSourceError(422, `The file has more than ${request.maxRows.toLocaleString('en')} rows: split it into several files`, 'too-many-rows');
  }

  const columns = header ? header.fields.length : modalColumnCount(records.filter((record) => !record.error)).value;
  const headers = header
    ? header.fields.map((title, i) => title.trim() || `Column ${i + 1}`)
    : Array.from({ length: columns }, (_, i) => `Column ${i + 1}`);

  const suggested = request.preset ? presetMapping(request.preset, headers).mapping : hasHeaderRow ? suggestMapping(headers) : {};
  const mapping = request.mapping ?? suggested;
  const problems = mappingProblems(mapping, columns);
  if (request.preset && !request.mapping && mapping.bib === undefined) {
    const titles = (PRESET_COLUMNS[request.preset].bib ?? []).map((title) => `"${title}"`).join(' or ');
    problems.splice(0, problems.length, `The file has no ${titles} column: it does not look like a ${PRESET_LABELS[request.preset]} export; choose the columns yourself`);
  }

  return {
    encoding: decoded.encoding,
    delimiter,
    hasHeaderRow,
    headers,
    suggestedMapping: suggested,
    mapping,
    mappingProblems: problems,
    candidates: problems.length > 0 ? [] : records.map((record) => toCandidate(record, columns, mapping, delimiter)),
  };
}

function toCandidate(record: CsvRecord, columns: number, mapping: StartListColumnMapping, delimiter: StartListDelimiter): StartListCandidate {
  const ref = `line ${record.line}`;
  if (record.error) return { row: record.line, ref, values: {}, unreadable: record.error };
  const { fields } = record;
  // Trailing empty cells (a row padded with delimiters) are harmless; a row with values beyond the header is
  // almost always a value holding the delimiter without quotes, which shifts every following column.
  const extra = fields.slice(columns);
  if (fields.length < columns || extra.some((value) => value.trim() !== '')) {
    const cause =
      fields.length > columns
        ? `: a value probably contains the ${DELIMITER_NAMES[delimiter]} without quotes`
        : ': a value may be missing or a line break may have cut the row';
    return { row: record.line, ref, values: {}, unreadable: `${fields.length} columns where the file has ${columns}${cause}` };
  }
  const values: StartListCandidate['values'] = {};
  for (const field of START_LIST_FIELDS) {
    const index = mapping[field];
    if (index !== undefined) values[field] = fields[index];
  }
  return { row: record.line, ref, values };
}
