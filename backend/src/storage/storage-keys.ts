import { InvalidStorageKeyError } from './object-storage';

/** Matches the photos.original_key / web_key / thumb_key columns. */
export const MAX_KEY_LENGTH = 512;

/**
 * Throws unless `key` is a relative, forward-slash path of plain segments. Both drivers call this first: on disk a
 * key is joined to STORAGE_ROOT, so `..`, an absolute path or a backslash (a separator on Windows, and a trap
 * for anything that normalises paths) could reach files outside it.
 */
export function assertValidKey(key: string): void {
  assertSegments(key, key.split('/'));
}

/** Like assertValidKey, for a prefix: the same rules, and it must end with `/` (see ObjectStorage.deletePrefix). */
export function assertValidPrefix(prefix: string): void {
  if (!prefix.endsWith('/')) throw new InvalidStorageKeyError(prefix, 'a prefix must end with "/"');
  assertSegments(prefix, prefix.slice(0, -1).split('/'));
}

function assertSegments(key: string, segments: string[]): void {
  if (key.length === 0) throw new InvalidStorageKeyError(key, 'it is empty');
  if (key.length > MAX_KEY_LENGTH) throw new InvalidStorageKeyError(key, `it is longer than ${MAX_KEY_LENGTH} characters`);
  if (key.startsWith('/')) throw new InvalidStorageKeyError(key, 'it must be relative, not start with "/"');
  if (key.includes('\\')) throw new InvalidStorageKeyError(key, 'it must not contain backslashes');
  // Control characters (NUL truncates paths in C libraries) have no business in a key.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key)) throw new InvalidStorageKeyError(key, 'it must not contain control characters');
  for (const segment of segments) {
    if (segment === '') throw new InvalidStorageKeyError(key, 'it must not contain empty segments ("//")');
    if (segment === '.' || segment === '..') throw new InvalidStorageKeyError(key, 'it must not contain "." or ".." segments');
  }
}

/** File extension of a stored original: the detected content type, never the uploaded file name. */
export type OriginalExtension = 'jpg' | 'png' | 'webp';

/** Ids become path segments, so only id-like strings (UUIDs, slugs) are accepted. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

function id(kind: string, value: string): string {
  if (!ID_PATTERN.test(value)) throw new InvalidStorageKeyError(value, `${kind} must be letters, digits, "-" or "_"`);
  return value;
}

/**
 * The storage layout, in one place: `events/{eventId}/{originals|web|thumbs}/{photoId}.{ext}`. Everything of an
 * event sits under one prefix so deleting an event (or erasing it for GDPR) is one deletePrefix.
 */
export const storageKeys = {
  event: (eventId: string): string => `events/${id('eventId', eventId)}/`,
  original: (eventId: string, photoId: string, ext: OriginalExtension): string =>
    `events/${id('eventId', eventId)}/originals/${id('photoId', photoId)}.${ext}`,
  webWebp: (eventId: string, photoId: string): string => `events/${id('eventId', eventId)}/web/${id('photoId', photoId)}.webp`,
  webJpeg: (eventId: string, photoId: string): string => `events/${id('eventId', eventId)}/web/${id('photoId', photoId)}.jpg`,
  thumb: (eventId: string, photoId: string): string => `events/${id('eventId', eventId)}/thumbs/${id('photoId', photoId)}.jpg`,
  /** A new `version` (a fresh id) at each upload: a cached old cover or logo can never be served for the new one. */
  eventCover: (eventId: string, version: string): string => `events/${id('eventId', eventId)}/cover/${id('version', version)}.jpg`,
  eventLogo: (eventId: string, version: string): string => `events/${id('eventId', eventId)}/branding/logo-${id('version', version)}.png`,
} as const;
