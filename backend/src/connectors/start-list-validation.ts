import type { StartListField, StartListIssueCode, StartListReport, StartListRowIssue } from '@focus-racer/api-types';
import { START_LIST_MAX_LISTED_ISSUES } from '@focus-racer/api-types';

/**
 * The rules every start list goes through, whatever brought it (CSV, Njuko, KMS): a row is refused for a missing
 * or malformed bib, a bib shared with another runner, or a line that could not be read; an optional field that is
 * malformed (email, chip time, an over-long club) is left empty with a warning and the runner kept, because
 * dropping a runner for a typo in their email would lose their photos' bib later on.
 */

/** One row as read from the source, before the rules. */
export interface StartListCandidate {
  /** 1-based line (CSV) or position (platform list). */
  row: number;
  /** How the pro finds the row: "line 12", "Njuko registration 4821". */
  ref: string;
  values: Partial<Record<StartListField, string | null | undefined>>;
  /** Set when the source could not read the row at all. */
  unreadable?: string;
}

/** A runner ready to be stored. */
export interface ValidStartListEntry {
  row: number;
  bib: string;
  firstName: string;
  lastName: string;
  category: string | null;
  club: string | null;
  email: string | null;
  chipTime: string | null;
}

export interface ValidatedStartList {
  entries: ValidStartListEntry[];
  report: StartListReport;
  /** Rows refused, for previews that flag each row. */
  invalidRows: ReadonlySet<number>;
  /** Bibs named on refused rows (all of them, the report's list may be cut): a replacing import keeps these runners. */
  refusedBibs: ReadonlySet<string>;
}

/** Letters, digits and dashes ("A012", "12-3"); stored upper-case; the column is varchar(12). */
const BIB = /^[0-9A-Z][0-9A-Z-]{0,11}$/;
const NAME_MAX = 100;
const OPTIONAL_MAX: Record<'category' | 'club', number> = { category: 50, club: 150 };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** "1:02:03", "01:02:03.4", "42:10", "1:02:03,25"; at most 16 characters (the column). */
const CHIP_TIME = /^(\d{1,3}:)?\d{1,2}:\d{2}([.,]\d{1,3})?$/;

export function validateStartList(candidates: readonly StartListCandidate[]): ValidatedStartList {
  const errors: StartListRowIssue[] = [];
  const warnings: StartListRowIssue[] = [];
  const invalid = new Set<number>();
  const refusedBibs = new Set<string>();
  const issue = (list: StartListRowIssue[], candidate: StartListCandidate, bib: string | null, code: StartListIssueCode, message: string) => {
    list.push({ row: candidate.row, ref: candidate.ref, bib, code, message: `${capitalise(candidate.ref)}: ${message}` });
    if (list !== errors) return;
    invalid.add(candidate.row);
    if (bib) refusedBibs.add(bib.toUpperCase());
  };

  const checked: Array<{ candidate: StartListCandidate; entry: ValidStartListEntry }> = [];
  for (const candidate of candidates) {
    if (candidate.unreadable) {
      issue(errors, candidate, null, 'unreadable-line', candidate.unreadable);
      continue;
    }
    const rawBib = clean(candidate.values.bib);
    const bib = rawBib.toUpperCase();
    if (bib === '') {
      issue(errors, candidate, null, 'missing-bib', 'no bib number');
      continue;
    }
    if (!BIB.test(bib)) {
      issue(errors, candidate, rawBib, 'invalid-bib', `"${rawBib}" is not a bib number (1 to 12 letters, digits or dashes)`);
      continue;
    }
    const firstName = clean(candidate.values.firstName);
    const lastName = clean(candidate.values.lastName);
    const tooLong = [
      ['first name', firstName],
      ['last name', lastName],
    ].filter(([, value]) => value.length > NAME_MAX);
    if (tooLong.length > 0) {
      issue(errors, candidate, bib, 'too-long', tooLong.map(([label]) => `the ${label} is longer than ${NAME_MAX} characters`).join(', '));
      continue;
    }
    const optional = (field: 'category' | 'club'): string | null => {
      const value = clean(candidate.values[field]);
      if (value.length <= OPTIONAL_MAX[field]) return value || null;
      issue(warnings, candidate, bib, 'field-too-long', `the ${field} is longer than ${OPTIONAL_MAX[field]} characters and was left out`);
      return null;
    };
    const email = clean(candidate.values.email);
    const chipTime = clean(candidate.values.chipTime);
    const entry: ValidStartListEntry = {
      row: candidate.row,
      bib,
      firstName,
      lastName,
      category: optional('category'),
      club: optional('club'),
      email: email === '' ? null : email.length <= 254 && EMAIL.test(email) ? email : null,
      chipTime: chipTime === '' ? null : chipTime.length <= 16 && CHIP_TIME.test(chipTime) ? chipTime.replace(',', '.') : null,
    };
    if (email !== '' && entry.email === null) issue(warnings, candidate, bib, 'invalid-email', `"${email}" is not an email address and was left out`);
    if (chipTime !== '' && entry.chipTime === null) {
      issue(warnings, candidate, bib, 'invalid-chip-time', `"${chipTime}" is not a time such as 1:02:03 and was left out`);
    }
    checked.push({ candidate, entry });
  }

  const byBib = new Map<string, Array<{ candidate: StartListCandidate; entry: ValidStartListEntry }>>();
  for (const item of checked) {
    const group = byBib.get(item.entry.bib);
    if (group) group.push(item);
    else byBib.set(item.entry.bib, [item]);
  }
  const entries: ValidStartListEntry[] = [];
  for (const group of byBib.values()) {
    const [first, ...others] = group;
    if (others.length === 0) {
      entries.push(first.entry);
      continue;
    }
    if (others.every((other) => sameRunner(other.entry, first.entry))) {
      // The very same runner twice (a file pasted into itself): harmless, imported once.
      entries.push(first.entry);
      for (const other of others) issue(warnings, other.candidate, other.entry.bib, 'repeated-row', `same runner as ${first.candidate.ref}, imported once`);
      continue;
    }
    // Two runners with one bib: refuse them all rather than guess, since a wrong guess sells photos to the wrong runner.
    for (const item of group) {
      const elsewhere = group.filter((other) => other !== item).map((other) => `${other.candidate.ref} (${displayName(other.entry)})`);
      issue(errors, item.candidate, item.entry.bib, 'duplicate-bib', `bib ${item.entry.bib} is also given to ${elsewhere.join(', ')}`);
    }
  }
  entries.sort((a, b) => a.row - b.row);
  errors.sort((a, b) => a.row - b.row);
  warnings.sort((a, b) => a.row - b.row);

  return {
    entries,
    invalidRows: invalid,
    refusedBibs,
    report: {
      totalRows: candidates.length,
      validRows: entries.length,
      invalidRows: invalid.size,
      errors: errors.slice(0, START_LIST_MAX_LISTED_ISSUES),
      warnings: warnings.slice(0, START_LIST_MAX_LISTED_ISSUES),
      truncated: errors.length > START_LIST_MAX_LISTED_ISSUES || warnings.length > START_LIST_MAX_LISTED_ISSUES,
      errorCount: errors.length,
      warningCount: warnings.length,
    },
  };
}

/** The one-sentence summary of a refused list, naming the first problems. */
export function describeRefusal(report: StartListReport): string {
  const rows = report.invalidRows;
  const first = report.errors.slice(0, 3).map((error) => error.message);
  const more = report.errorCount > first.length ? ` (and ${report.errorCount - first.length} more)` : '';
  return (
    `${rows} row${rows === 1 ? '' : 's'} cannot be imported: ${first.join('; ')}${more}. ` +
    'Nothing was imported: fix these rows, or import again with skipInvalidRows to leave them out.'
  );
}

/** Trims and folds runs of spaces (and the non-breaking spaces spreadsheets paste) into one space. */
function clean(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

function sameRunner(a: ValidStartListEntry, b: ValidStartListEntry): boolean {
  return (
    a.firstName.toLowerCase() === b.firstName.toLowerCase() &&
    a.lastName.toLowerCase() === b.lastName.toLowerCase() &&
    a.category === b.category &&
    a.club === b.club &&
    a.email === b.email &&
    a.chipTime === b.chipTime
  );
}

function displayName(entry: ValidStartListEntry): string {
  return [entry.firstName, entry.lastName].filter(Boolean).join(' ') || 'no name';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
