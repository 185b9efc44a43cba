import type { Readable } from 'node:stream';

/** Metadata of a stored object. */
export interface StoredObjectInfo {
  size: number;
  lastModified: Date;
}

/** Inclusive byte range, as in an HTTP `Range: bytes=start-end` header; `end` omitted reads to the end. */
export interface ByteRange {
  start: number;
  end?: number;
}

/**
 * The storage edge: originals and derivatives of photos, addressed by keys such as
 * `events/{eventId}/originals/{photoId}.jpg` (see storage-keys.ts). Local disk by default, S3 (or MinIO) when
 * S3_BUCKET is set. Keys are validated by every implementation: a key never escapes its root or bucket prefix.
 *
 * Writes replace an existing object whole (a reader never sees half a file), so a pipeline job that runs twice
 * simply writes the same derivative twice.
 */
export interface ObjectStorage {
  /** Streams `body` into `key` (multipart upload → storage without holding the file in memory). */
  putStream(key: string, body: Readable, contentType: string): Promise<{ size: number }>;
  putBuffer(key: string, body: Buffer, contentType: string): Promise<{ size: number }>;
  /** Throws ObjectNotFoundError when there is no such object. */
  getStream(key: string, range?: ByteRange): Promise<Readable>;
  /** The whole object in memory: for the pipeline stages, which decode the image anyway. */
  getBuffer(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  /** null when there is no such object. */
  stat(key: string): Promise<StoredObjectInfo | null>;
  /** Deleting a missing object is not an error (a job that deletes may run twice). */
  delete(key: string): Promise<void>;
  /**
   * Deletes every object under `prefix`, which must end with `/` so that `events/1/` can never also take
   * `events/10/…`. Returns how many objects were deleted.
   */
  deletePrefix(prefix: string): Promise<number>;
}

/** Injection token of the configured ObjectStorage. */
export const OBJECT_STORAGE = Symbol('ObjectStorage');

export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored object at "${key}"`);
    this.name = 'ObjectNotFoundError';
  }
}

/** A key or prefix that could escape the storage root (`..`, absolute, backslashes) or is otherwise malformed. */
export class InvalidStorageKeyError extends Error {
  constructor(readonly key: string, reason: string) {
    super(`Invalid storage key ${JSON.stringify(key)}: ${reason}`);
    this.name = 'InvalidStorageKeyError';
  }
}
