/**
 * The behaviour every ObjectStorage driver promises, as one suite that the disk spec and the S3 integration spec
 * both run. Named `.test.ts` so that it is type-checked with the specs and left out of the app build, but not
 * collected by jest on its own (testMatch is `*.spec.ts`).
 */
import { Readable } from 'node:stream';
import { InvalidStorageKeyError, ObjectNotFoundError, ObjectStorage } from './object-storage';
import { storageKeys } from './storage-keys';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A stream of `size` pseudo-random bytes in uneven chunks, like a multipart upload delivers. */
export function bytesStream(size: number, seed = 1): { stream: Readable; bytes: Buffer } {
  const bytes = Buffer.alloc(size);
  let state = seed;
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  const chunks: Buffer[] = [];
  for (let offset = 0, step = 1; offset < size; offset += step, step = (step * 7 + 13) % 70_000 || 1) {
    chunks.push(bytes.subarray(offset, Math.min(size, offset + step)));
  }
  return { stream: Readable.from(chunks), bytes };
}

export function objectStorageContract(storage: () => ObjectStorage): void {
  const event = 'c0ffee00-0000-4000-8000-000000000001';
  const other = 'c0ffee00-0000-4000-8000-000000000010';

  it('stores a stream and reads it back whole, by range, and as a buffer', async () => {
    const key = storageKeys.original(event, 'p1', 'jpg');
    const { stream, bytes } = bytesStream(300_000);
    await expect(storage().putStream(key, stream, 'image/jpeg')).resolves.toEqual({ size: 300_000 });
    expect((await readAll(await storage().getStream(key))).equals(bytes)).toBe(true);
    expect((await storage().getBuffer(key)).equals(bytes)).toBe(true);
    const range = await readAll(await storage().getStream(key, { start: 1000, end: 1999 }));
    expect(range.equals(bytes.subarray(1000, 2000))).toBe(true);
    const tail = await readAll(await storage().getStream(key, { start: 299_990 }));
    expect(tail.equals(bytes.subarray(299_990))).toBe(true);
  });

  it('reports existence and size, and replaces an object whole on a second write', async () => {
    const key = storageKeys.thumb(event, 'p2');
    expect(await storage().exists(key)).toBe(false);
    expect(await storage().stat(key)).toBeNull();
    await storage().putBuffer(key, Buffer.from('first version, longer'), 'image/jpeg');
    await storage().putBuffer(key, Buffer.from('second'), 'image/jpeg');
    expect(await storage().exists(key)).toBe(true);
    expect(await storage().stat(key)).toEqual({ size: 6, lastModified: expect.any(Date) });
    expect((await storage().getBuffer(key)).toString()).toBe('second');
  });

  it('stores an empty object', async () => {
    const key = storageKeys.webJpeg(event, 'empty');
    await expect(storage().putStream(key, Readable.from([]), 'image/jpeg')).resolves.toEqual({ size: 0 });
    expect(await storage().stat(key)).toEqual({ size: 0, lastModified: expect.any(Date) });
  });

  it('says a missing object is missing', async () => {
    const key = storageKeys.webWebp(event, 'nothing-here');
    await expect(storage().getStream(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage().getBuffer(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('deletes one object, and deleting it again is harmless', async () => {
    const key = storageKeys.webWebp(event, 'p3');
    await storage().putBuffer(key, Buffer.from('x'), 'image/webp');
    await storage().delete(key);
    expect(await storage().exists(key)).toBe(false);
    await expect(storage().delete(key)).resolves.toBeUndefined();
  });

  it('deletes everything under an event prefix and nothing of another event sharing its first characters', async () => {
    const mine = [
      storageKeys.original(event, 'a', 'png'),
      storageKeys.webJpeg(event, 'a'),
      storageKeys.webWebp(event, 'a'),
      storageKeys.thumb(event, 'a'),
    ];
    const theirs = storageKeys.original(other, 'a', 'png');
    for (const key of [...mine, theirs]) await storage().putBuffer(key, Buffer.from(key), 'image/png');
    const before = await Promise.all(mine.map((key) => storage().exists(key)));
    expect(before).toEqual([true, true, true, true]);

    expect(await storage().deletePrefix(storageKeys.event(event))).toBeGreaterThanOrEqual(mine.length);
    for (const key of mine) expect(await storage().exists(key)).toBe(false);
    expect((await storage().getBuffer(theirs)).toString()).toBe(theirs);
    await expect(storage().deletePrefix(storageKeys.event(event))).resolves.toBe(0);
  });

  it.each(['../escape.jpg', 'events/../../etc/passwd', '/etc/passwd', 'events\\x\\y.jpg', 'events//x.jpg', '', 'a/./b'])(
    'refuses the key %j',
    async (key) => {
      await expect(storage().putBuffer(key, Buffer.from('x'), 'image/jpeg')).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(storage().getStream(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(storage().delete(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    },
  );

  it('refuses a prefix without a trailing slash, which could take a neighbour event', async () => {
    await expect(storage().deletePrefix('events/c0ffee00')).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage().deletePrefix('../')).rejects.toBeInstanceOf(InvalidStorageKeyError);
  });
}
