import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteRange, InvalidStorageKeyError, ObjectNotFoundError, ObjectStorage, StoredObjectInfo } from './object-storage';
import { assertValidKey, assertValidPrefix } from './storage-keys';

/** Temporary files start with this, so a listing (or a person) can tell an unfinished write from an object. */
const TEMP_PREFIX = '.tmp-';

/**
 * Default storage: a folder (STORAGE_ROOT). Each write goes to a temporary file beside its target and is renamed
 * over it once complete; rename within a directory is atomic on POSIX, so a reader (a download, a pipeline job)
 * sees the old object or the new one, never a half-written file, and a crashed upload leaves no object behind.
 */
export class LocalDiskStorage implements ObjectStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  // The content type is not kept on disk: the photos table records it, and the extension of the key says it too.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  async putStream(key: string, body: Readable, _contentType: string): Promise<{ size: number }> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    const temp = join(dirname(target), `${TEMP_PREFIX}${randomUUID()}`);
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      await pipeline(body, counter, createWriteStream(temp, { flags: 'wx' }));
      await rename(temp, target);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    return { size };
  }

  async putBuffer(key: string, body: Buffer, contentType: string): Promise<{ size: number }> {
    return this.putStream(key, Readable.from([body]), contentType);
  }

  async getStream(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    // Opened here rather than by createReadStream so a missing file fails this call, not a later 'error' event.
    const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' || error.code === 'EISDIR' ? new ObjectNotFoundError(key) : error;
    });
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      throw new ObjectNotFoundError(key);
    }
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async getBuffer(key: string): Promise<Buffer> {
    const path = this.pathOf(key);
    if (!(await this.stat(key))) throw new ObjectNotFoundError(key);
    return readFile(path);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async stat(key: string): Promise<StoredObjectInfo | null> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { size: info.size, lastModified: new Date(info.mtimeMs) } : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    try {
      if ((await stat(path)).isFile()) await unlink(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertValidPrefix(prefix);
    const dir = this.resolveInside(prefix.slice(0, -1), prefix);
    const count = await countFiles(dir);
    await rm(dir, { recursive: true, force: true });
    return count;
  }

  /** Absolute path of a key; throws InvalidStorageKeyError for keys that could leave the root. */
  private pathOf(key: string): string {
    assertValidKey(key);
    if (key.split('/').some((segment) => segment.startsWith(TEMP_PREFIX))) {
      throw new InvalidStorageKeyError(key, `segments must not start with "${TEMP_PREFIX}" (reserved for unfinished writes)`);
    }
    return this.resolveInside(key, key);
  }

  /** Belt and braces after assertValidKey: the resolved path must still be inside the root. */
  private resolveInside(relative: string, key: string): string {
    const path = resolve(this.root, relative);
    if (!path.startsWith(this.root + sep)) throw new InvalidStorageKeyError(key, 'it resolves outside the storage root');
    return path;
  }
}

async function countFiles(dir: string): Promise<number> {
  try {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    return entries.filter((entry) => entry.isFile() && !entry.name.startsWith(TEMP_PREFIX)).length;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}
