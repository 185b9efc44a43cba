/**
 * Start lists: the runners of an event (bib, names, category, club), imported by the event's pros from a CSV file
 * or pulled from a registration platform (Njuko, KMS). Endpoints live under `/api/events/:id/start-list`.
 */

/** Registration platforms the API can pull a start list from. */
export type StartListProvider = 'njuko' | 'kms';

export const START_LIST_PROVIDERS: readonly StartListProvider[] = ['njuko', 'kms'] as const;

/** Where a start list came from: an uploaded file or a platform's API. */
export type StartListSource = 'csv' | StartListProvider;

/** The fields of one runner a file column can be mapped to. Only `bib` is required. */
export type StartListField = 'bib' | 'firstName' | 'lastName' | 'category' | 'club' | 'email' | 'chipTime';

export const START_LIST_FIELDS: readonly StartListField[] = ['bib', 'firstName', 'lastName', 'category', 'club', 'email', 'chipTime'] as const;

/** Field → 0-based column index of the file. A field left out is not imported (stored empty). */
export type StartListColumnMapping = Partial<Record<StartListField, number>>;

/** Column presets for the export files of the registration platforms (also usable for their files sent by email). */
export type StartListPreset = StartListProvider;

export type StartListEncoding = 'utf-8' | 'windows-1252' | 'utf-16le';

/** `tab` is accepted in requests for `\t`; responses always give the character. */
export type StartListDelimiter = ';' | ',' | '\t' | '|';

/** One runner as stored. `email` is only shown to the event's owner. */
export interface StartListEntryDto {
  bib: string;
  firstName: string;
  lastName: string;
  category: string | null;
  club: string | null;
  email: string | null;
  /** As the timing provider prints it ("1:02:03"). */
  chipTime: string | null;
  updatedAt: string;
}

/**
 * Why a row is refused (`error`) or imported with a field left out (`warning`):
 * - missing-bib: the bib cell is empty;
 * - invalid-bib: not 1–12 letters, digits or dashes;
 * - duplicate-bib: the same bib on several rows with different runners (every one of those rows is refused: the
 *   API will not guess which runner wears it);
 * - unreadable-line: wrong number of columns or broken quotes (often a name holding the delimiter);
 * - too-long: a name over 100 characters;
 * - invalid-email, invalid-chip-time, field-too-long: warnings, the field is left empty and the runner imported;
 * - repeated-row: warning, the very same runner twice, imported once.
 */
export type StartListIssueCode =
  | 'missing-bib'
  | 'invalid-bib'
  | 'duplicate-bib'
  | 'unreadable-line'
  | 'too-long'
  | 'invalid-email'
  | 'invalid-chip-time'
  | 'field-too-long'
  | 'repeated-row';

export interface StartListRowIssue {
  /** 1-based: the line of the file as a spreadsheet numbers it (header = 1), or the position in the platform's list. */
  row: number;
  /** "line 12", or "Njuko registration 48213" for a platform. */
  ref: string;
  /** The row's bib as read, when there is one. */
  bib: string | null;
  code: StartListIssueCode;
  /** A sentence for the pro, in English; the app may translate from `code`. */
  message: string;
}

export interface StartListReport {
  /** Data rows read (header and blank lines not counted). */
  totalRows: number;
  /** Rows that would be imported. */
  validRows: number;
  /** Rows refused (each has at least one error). */
  invalidRows: number;
  errors: StartListRowIssue[];
  warnings: StartListRowIssue[];
  /** True when more issues exist than listed (at most START_LIST_MAX_LISTED_ISSUES of each kind). */
  truncated: boolean;
  errorCount: number;
  warningCount: number;
}

export const START_LIST_MAX_LISTED_ISSUES = 500;

/** A mapped row as it would be imported. */
export interface StartListPreviewRow {
  row: number;
  bib: string | null;
  firstName: string;
  lastName: string;
  category: string | null;
  club: string | null;
  email: string | null;
  chipTime: string | null;
  /** Whether this row would be imported. */
  valid: boolean;
}

/**
 * `POST /api/events/:id/start-list/csv/preview` (multipart: `file`, and optional text fields `delimiter`,
 * `encoding`, `hasHeaderRow`, `preset`, `mapping` as JSON, e.g. `{"bib":0,"lastName":1}`). Nothing is written.
 */
export interface StartListCsvPreview {
  filename: string;
  encoding: StartListEncoding;
  delimiter: StartListDelimiter;
  hasHeaderRow: boolean;
  /** Column titles (or "Column 1".."Column n" without a header row). */
  headers: string[];
  /** What the API guessed from the titles, or the preset's columns when one was asked for. */
  suggestedMapping: StartListColumnMapping;
  /** The mapping used for `rows` and `report`: the one sent, else the suggestion. */
  mapping: StartListColumnMapping;
  /** Why `mapping` cannot be imported (no bib column, a column out of range); empty when it can. */
  mappingProblems: string[];
  /** The first rows, mapped (at most 20); empty while the mapping has problems. */
  rows: StartListPreviewRow[];
  /** Null while the mapping has problems. */
  report: StartListReport | null;
  /** Valid rows whose bib is already in the event's start list (an import would update them). */
  existingBibs: number;
}

/** Result of `POST .../start-list/csv/import` and `POST .../start-list/connector/sync`. */
export interface StartListImportResult {
  source: StartListSource;
  created: number;
  updated: number;
  /** Rows identical to the stored runner. */
  unchanged: number;
  /** Invalid rows left out (only with `skipInvalidRows`). */
  skipped: number;
  /** Runners removed because they were not in the new list (only with `replaceExisting`). */
  removed: number;
  /** Photos whose OCR bibs changed when snapped to the new list. */
  resnappedPhotos: number;
  report: StartListReport;
}

/**
 * Body of the 422 answered when rows are invalid and `skipInvalidRows` is not set: the usual error shape plus the
 * report. Nothing was written.
 */
export interface StartListRejectedError {
  statusCode: 422;
  error: string;
  message: string;
  details: { report: StartListReport };
}

/** `PUT /api/events/:id/start-list/connector`. The API key is write-only: later reads show a hint. */
export interface StartListConnectorBody {
  provider: StartListProvider;
  /** Njuko: the edition id; KMS: the race (épreuve) id, as shown in the platform's back office. */
  externalEventId: string;
  /** Required when the connector is created or the provider changes; left out, the stored key is kept. */
  apiKey?: string;
}

export interface StartListConnectorDto {
  provider: StartListProvider;
  externalEventId: string;
  /** The key masked, e.g. "••••••••3f9a". The key itself is never returned. */
  apiKeyHint: string;
  lastSyncAt: string | null;
  lastSyncResult: Omit<StartListImportResult, 'report'> | null;
  updatedAt: string;
}

/** `POST .../start-list/connector/sync` and the CSV import options. */
export interface StartListImportOptions {
  /** Import the valid rows and leave the invalid ones out, instead of refusing the whole list. */
  skipInvalidRows?: boolean;
  /** Remove the runners that are not in the new list (default: keep them; the new list adds and updates). */
  replaceExisting?: boolean;
}
