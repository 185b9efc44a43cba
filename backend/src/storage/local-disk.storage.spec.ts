import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalDiskStorage } from './local-disk.storage';
import { bytesStream, objectStorageContract } from './object-storage.contract.test';
import { InvalidStorageKeyError } from './object-storage';
import { storageKeys } from './storage-keys';

describe('LocalDiskStorage', () => {
  let root: string;
  let storage: LocalDiskStorage;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'focus-racer-storage-'));
    storage = new LocalDiskStorage(root);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  describe('the ObjectStorage contract', () => objectStorageContract(() => storage));

  it('lays objects out as files under the root', async () => {
    const key = storageKeys.original('e1', 'p1', 'jpg');
    await storage.putBuffer(key, Buffer.from('jpeg bytes'), 'image/jpeg');
    expect(await readdir(join(root, 'events', 'e1', 'originals'))).toEqual(['p1.jpg']);
  });

  it('leaves neither the object nor a temporary file when the upload stream fails half-way', async () => {
    const key = storageKeys.original('e2', 'broken', 'jpg');
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(10_000));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(storage.putStream(key, failing, 'image/jpeg')).rejects.toThrow('client went away');
    expect(await storage.exists(key)).toBe(false);
    expect(await readdir(join(root, 'events', 'e2', 'originals'))).toEqual([]);
  });

  it('keeps the previous version readable until the new one is complete', async () => {
    const key = storageKeys.thumb('e3', 'p');
    await storage.putBuffer(key, Buffer.from('old'), 'image/jpeg');
    const failing = new Readable({
      read() {
        this.destroy(new Error('aborted'));
      },
    });
    await expect(storage.putStream(key, failing, 'image/jpeg')).rejects.toThrow('aborted');
    expect((await storage.getBuffer(key)).toString()).toBe('old');
    const { stream, bytes } = bytesStream(50_000);
    await storage.putStream(key, stream, 'image/jpeg');
    expect((await storage.getBuffer(key)).equals(bytes)).toBe(true);
  });

  it('does not follow a key out of the root even when the file exists there', async () => {
    await writeFile(join(root, '..', 'outside-secret.txt'), 'secret').catch(() => undefined);
    await expect(storage.getBuffer('../outside-secret.txt')).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.exists('..')).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await rm(join(root, '..', 'outside-secret.txt'), { force: true });
  });

  it('treats a directory as no object', async () => {
    await storage.putBuffer(storageKeys.thumb('e4', 'p'), Buffer.from('x'), 'image/jpeg');
    expect(await storage.exists('events/e4/thumbs')).toBe(false);
    await expect(storage.getStream('events/e4/thumbs')).rejects.toThrow('No stored object');
    await expect(storage.delete('events/e4/thumbs')).resolves.toBeUndefined();
    expect(await storage.exists(storageKeys.thumb('e4', 'p'))).toBe(true);
  });

  it('refuses keys naming its temporary files', async () => {
    await expect(storage.putBuffer('events/e5/.tmp-123', Buffer.from('x'), 'image/jpeg')).rejects.toBeInstanceOf(
      InvalidStorageKeyError,
    );
  });
});
