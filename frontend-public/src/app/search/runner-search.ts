import { SearchQuery } from '@focus-racer/api-types';

/** What a runner typed in the event's search box, understood as a bib number or a name. */
export type RunnerSearch = { kind: 'bib'; bib: string } | { kind: 'name'; name: string };

export type RunnerSearchParse = RunnerSearch | { kind: 'invalid'; message: string } | { kind: 'empty' };

const MAX_BIB_DIGITS = 8;

/**
 * One box for both, because runners type whichever they remember: digits (spaces and a leading "#" or "n°"
 * forgiven, as on the bib itself) are a bib; letters are a name. A mix is refused with a sentence rather than
 * guessed, since a wrong guess shows someone else's photos.
 */
export function parseRunnerSearch(text: string): RunnerSearchParse {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (!trimmed) return { kind: 'empty' };
  const compact = trimmed.replace(/^(#|n°|no\.?)\s*/i, '').replace(/\s/g, '');
  if (/^\d+$/.test(compact)) {
    return compact.length <= MAX_BIB_DIGITS
      ? { kind: 'bib', bib: compact }
      : { kind: 'invalid', message: `A bib number has at most ${MAX_BIB_DIGITS} digits.` };
  }
  if (/\d/.test(trimmed)) {
    return { kind: 'invalid', message: 'Type either your bib number (digits only) or your name, not both.' };
  }
  const letters = trimmed.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2) return { kind: 'invalid', message: 'Type at least two letters of your name.' };
  return { kind: 'name', name: trimmed };
}

/** The API query of a search (`?bib=` or `?name=`), with the anonymous viewer when nobody is signed in. */
export function toSearchQuery(search: RunnerSearch, viewer: string | null): SearchQuery {
  const query: SearchQuery = search.kind === 'bib' ? { bib: search.bib } : { name: search.name };
  if (viewer) query.viewer = viewer;
  return query;
}
