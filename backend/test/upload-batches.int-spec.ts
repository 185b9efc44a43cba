import { AuthResponse, CreditReason, EventDto, PhotoUploadResult, Role, UploadBatchDetailDto, UploadBatchDto } from '@focus-racer/api-types';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { QUEUES } from '../src/ai-pipeline/queues';
import { EventPhotographer } from '../src/events/entities/event-photographer.entity';
import { CreditTransaction } from '../src/payments/entities/credit-transaction.entity';
import { Photo } from '../src/photos/entities/photo.entity';
import { OBJECT_STORAGE, ObjectStorage } from '../src/storage/object-storage';
import { User } from '../src/users/entities/user.entity';
import { photoFixtures } from './photo-fixtures';
import { bearer, createTestApp, register, TestApp } from './test-app';

/** One file of a batch as the pro app sends it: its client key (path|size|lastModified) and its bytes. */
interface KeyedFile {
  key: string;
  name: string;
  content: Buffer;
}

/**
 * The multipart body of a batch upload, written by hand (the wire format the pro app uses: a `key` text field right
 * before each file part), so a test can send part of it and cut the connection.
 */
function multipartBody(files: KeyedFile[], boundary: string): { parts: Buffer[]; end: Buffer } {
  const parts = files.map(({ key, name, content }) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="key"\r\n\r\n${key}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: image/jpeg\r\n\r\n`),
      content,
      Buffer.from('\r\n'),
    ]),
  );
  return { parts, end: Buffer.from(`--${boundary}--\r\n`) };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('upload batches: resumable uploads, each file stored and charged exactly once (real PostgreSQL, Redis, disk)', () => {
  let t: TestApp;
  let alice: AuthResponse;
  let bob: AuthResponse;
  let event: EventDto;
  let port: number;

  const setCredits = (user: AuthResponse, creditBalance: number) => t.db.dataSource.getRepository(User).update(user.user.id, { creditBalance });
  const balanceOf = async (user: AuthResponse) => (await t.db.dataSource.getRepository(User).findOneByOrFail({ id: user.user.id })).creditBalance;
  const ledgerOf = (user: AuthResponse) => t.db.dataSource.getRepository(CreditTransaction).findBy({ userId: user.user.id, reason: CreditReason.PHOTO_PROCESSED });
  const photosOf = (batchId: string) => t.db.dataSource.getRepository(Photo).find({ where: { uploadBatchId: batchId }, order: { createdAt: 'ASC' } });

  async function createBatch(user: AuthResponse, eventId: string, body: object): Promise<UploadBatchDto> {
    return (await t.http().post(`/api/events/${eventId}/upload-batches`).set(...bearer(user)).send(body).expect(201)).body as UploadBatchDto;
  }

  function send(user: AuthResponse, eventId: string, batchId: string, files: KeyedFile[]) {
    let req = t.http().post(`/api/events/${eventId}/photos?batchId=${batchId}&fileCount=${files.length}`).set(...bearer(user));
    for (const file of files) req = req.field('key', file.key).attach('files', file.content, { filename: file.name, contentType: 'image/jpeg' });
    return req;
  }

  async function folder(count: number, seed: number): Promise<KeyedFile[]> {
    return Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const content = await photoFixtures.jpeg(seed + i);
        return { key: `Marathon 2026/arrivée/IMG_${String(i).padStart(4, '0')}.jpg|${content.length}|1767000000000`, name: `IMG_${i}.jpg`, content };
      }),
    );
  }

  beforeAll(async () => {
    t = await createTestApp();
    [alice, bob] = await Promise.all([register(t, Role.PHOTOGRAPHER), register(t, Role.PHOTOGRAPHER)]);
    event = (await t.http().post('/api/events').set(...bearer(alice)).send({ name: 'Marathon de Metz', date: '2026-10-11', location: 'Metz', sport: 'running' }).expect(201))
      .body as EventDto;
    const server = t.app.getHttpServer() as http.Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await Promise.all(Object.values(QUEUES).map((name) => t?.app.get<Queue>(getQueueToken(name)).obliterate({ force: true }).catch(() => undefined)));
    await t?.close();
  });

  it('creates a batch, refuses bad input, lists batches newest first to whom they belong', async () => {
    const first = await createBatch(alice, event.id, { label: '  Arrivée  ', expectedFiles: 3 });
    expect(first).toMatchObject({
      eventId: event.id,
      uploaderId: alice.user.id,
      label: 'Arrivée',
      expectedFiles: 3,
      completedAt: null,
      stage: 'uploading',
      counters: { received: 0, processed: 0, failed: 0, processing: 0, duplicates: 0, blurry: 0, withBibs: 0, needsReview: 0 },
    });
    const second = await createBatch(alice, event.id, { expectedFiles: 1 });
    expect(second.label).toBeNull();

    const bad = await t.http().post(`/api/events/${event.id}/upload-batches`).set(...bearer(alice)).send({ expectedFiles: 0, label: 'x'.repeat(201) }).expect(400);
    expect(bad.body.message).toEqual(expect.arrayContaining(['expectedFiles must be at least 1', 'label must be at most 200 characters']));
    await t.http().post(`/api/events/${event.id}/upload-batches`).set(...bearer(alice)).send({ expectedFiles: 2, extra: true }).expect(400);
    // Not their event: as if it did not exist.
    await t.http().post(`/api/events/${event.id}/upload-batches`).set(...bearer(bob)).send({ expectedFiles: 1 }).expect(404);
    await t.http().get(`/api/upload-batches/${first.id}`).set(...bearer(bob)).expect(404);
    await t.http().get(`/api/upload-batches/not-a-uuid`).set(...bearer(alice)).expect(400);

    // An assigned photographer has batches of their own and sees only those; the owner sees every batch.
    await t.db.dataSource.getRepository(EventPhotographer).insert({ eventId: event.id, photographerId: bob.user.id });
    const bobs = await createBatch(bob, event.id, { label: 'Bob', expectedFiles: 1 });
    const listed = (await t.http().get(`/api/events/${event.id}/upload-batches`).set(...bearer(alice)).expect(200)).body as UploadBatchDto[];
    expect(listed.map((batch) => batch.id)).toEqual([bobs.id, second.id, first.id]);
    const bobsList = (await t.http().get(`/api/events/${event.id}/upload-batches`).set(...bearer(bob)).expect(200)).body as UploadBatchDto[];
    expect(bobsList.map((batch) => batch.id)).toEqual([bobs.id]);
    await t.http().get(`/api/upload-batches/${first.id}`).set(...bearer(bob)).expect(404);
    await t.http().get(`/api/upload-batches/${bobs.id}`).set(...bearer(alice)).expect(200);
    // Nobody uploads into someone else's batch, not even the event's owner.
    await setCredits(alice, 5);
    const res = await send(alice, event.id, bobs.id, await folder(1, 900)).expect(404);
    expect(res.body.message).toBe('Upload batch not found');
  });

  it('resumes after the connection drops mid-file: all 10 sent again, exactly 10 photos and 10 ledger lines', async () => {
    await setCredits(alice, 100);
    const before = (await ledgerOf(alice)).length;
    const batch = await createBatch(alice, event.id, { label: 'Résumé', expectedFiles: 10 });
    const files = await folder(10, 100);
    const boundary = `----focus-racer-${randomBytes(8).toString('hex')}`;
    const { parts, end } = multipartBody(files, boundary);

    // The first attempt: four whole files, then half of the fifth, then the network goes.
    const request = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/events/${event.id}/photos?batchId=${batch.id}&fileCount=10`,
      headers: {
        Authorization: `Bearer ${alice.accessToken}`,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(parts.reduce((sum, part) => sum + part.length, end.length)),
      },
    });
    const outcome = new Promise<string>((resolve) => {
      request.on('response', (response) => resolve(`answered ${response.statusCode}`));
      request.on('error', (error) => resolve(`cut: ${error.message}`));
    });
    for (const part of parts.slice(0, 4)) request.write(part);
    request.write(parts[4].subarray(0, Math.floor(parts[4].length / 2)));
    await until(async () => (await photosOf(batch.id)).length === 4, 'the first four photos to be stored');
    request.destroy();
    expect(await outcome).toMatch(/^cut: /);

    // The server gave up on the cut file: nothing half-stored, nothing charged for it, and it still answers.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const afterCut = await photosOf(batch.id);
    expect(afterCut.map((photo) => photo.clientFileKey)).toEqual(files.slice(0, 4).map((file) => file.key));
    expect((await ledgerOf(alice)).length - before).toBe(4);
    const reopened = (await t.http().get(`/api/upload-batches/${batch.id}`).set(...bearer(alice)).expect(200)).body as UploadBatchDetailDto;
    expect(reopened.receivedKeys).toEqual(files.slice(0, 4).map((file) => file.key));
    expect(reopened).toMatchObject({ stage: 'uploading', completedAt: null, counters: { received: 4 } });

    // The tab comes back and simply sends the whole folder again.
    const again = (await send(alice, event.id, batch.id, files).expect(201)).body as PhotoUploadResult;
    expect(again.batchId).toBe(batch.id);
    expect(again.files.map((file) => [file.clientKey, file.status, file.alreadyReceived ?? false])).toEqual(
      files.map((file, i) => [file.key, 'accepted', i < 4]),
    );
    expect(again.files.slice(0, 4).map((file) => file.photoId)).toEqual(afterCut.map((photo) => photo.id));
    expect(again).toMatchObject({ accepted: 10, rejected: 0 });

    const stored = await photosOf(batch.id);
    expect(stored).toHaveLength(10);
    expect(new Set(stored.map((photo) => photo.clientFileKey))).toEqual(new Set(files.map((file) => file.key)));
    expect(new Set(stored.map((photo) => photo.contentHash)).size).toBe(10);
    const storage = t.app.get<ObjectStorage>(OBJECT_STORAGE);
    for (const photo of stored) expect(await storage.exists(photo.originalKey)).toBe(true);
    const ledger = (await ledgerOf(alice)).filter((line) => stored.some((photo) => photo.id === line.photoId));
    expect(ledger).toHaveLength(10);
    expect(new Set(ledger.map((line) => line.photoId)).size).toBe(10);
    expect(await balanceOf(alice)).toBe(90);

    // Every expected file is in: the batch moves on to processing, and a third attempt changes nothing.
    const done = (await t.http().get(`/api/upload-batches/${batch.id}`).set(...bearer(alice)).expect(200)).body as UploadBatchDetailDto;
    expect(done.completedAt).toEqual(expect.any(String));
    expect(done.stage).toBe('processing');
    expect(done.counters).toMatchObject({ received: 10, processing: 10 });
    expect([...done.receivedKeys].sort()).toEqual(files.map((file) => file.key).sort());
    const third = (await send(alice, event.id, batch.id, files).expect(201)).body as PhotoUploadResult;
    expect(third.files.every((file) => file.alreadyReceived === true)).toBe(true);
    expect(await photosOf(batch.id)).toHaveLength(10);
    expect(await balanceOf(alice)).toBe(90);
  });

  it('keeps one photo when parallel requests send the same key, even with other bytes (recompressed on retry)', async () => {
    await setCredits(alice, 20);
    const batch = await createBatch(alice, event.id, { expectedFiles: 1 });
    const [file] = await folder(1, 300);
    const results = await Promise.all(Array.from({ length: 4 }, () => send(alice, event.id, batch.id, [file]).expect(201)));
    const answers = results.map((res) => (res.body as PhotoUploadResult).files[0]);
    expect(answers.every((answer) => answer.status === 'accepted')).toBe(true);
    expect(answers.filter((answer) => !answer.alreadyReceived)).toHaveLength(1);
    const stored = await photosOf(batch.id);
    expect(stored).toHaveLength(1);
    expect(new Set(answers.map((answer) => answer.photoId))).toEqual(new Set([stored[0].id]));
    expect(await balanceOf(alice)).toBe(19);

    // The browser re-encodes the same source file on resume: other bytes, same key, still the same photo.
    const recompressed = { ...file, content: await photoFixtures.nearCopy(file.content) };
    const res = (await send(alice, event.id, batch.id, [recompressed]).expect(201)).body as PhotoUploadResult;
    expect(res.files[0]).toMatchObject({ status: 'accepted', alreadyReceived: true, photoId: stored[0].id });
    expect(await balanceOf(alice)).toBe(19);
  });

  it('still refuses bytes already in the event under another key, and files without a key, uncharged', async () => {
    await setCredits(alice, 20);
    const batch = await createBatch(alice, event.id, { expectedFiles: 3 });
    const [file] = await folder(1, 400);
    const first = (await send(alice, event.id, batch.id, [file]).expect(201)).body as PhotoUploadResult;
    const copy = (await send(alice, event.id, batch.id, [{ ...file, key: `copie/${file.key}` }]).expect(201)).body as PhotoUploadResult;
    expect(copy.files[0]).toEqual({
      filename: file.name,
      status: 'rejected',
      reason: 'Already uploaded to this event',
      existingPhotoId: first.files[0].photoId,
      clientKey: `copie/${file.key}`,
    });

    const [unkeyed] = await folder(1, 401);
    const res = await t
      .http()
      .post(`/api/events/${event.id}/photos?batchId=${batch.id}`)
      .set(...bearer(alice))
      .attach('files', unkeyed.content, { filename: 'sans-clé.jpg', contentType: 'image/jpeg' })
      .field('key', 'too late: a key goes before its file')
      .expect(201);
    expect((res.body as PhotoUploadResult).files).toEqual([
      { filename: 'sans-clé.jpg', status: 'rejected', reason: 'Not stored: in a batch upload every file must come right after its "key" field' },
    ]);
    const long = await send(alice, event.id, batch.id, [{ ...unkeyed, key: 'k'.repeat(513) }]).expect(201);
    expect((long.body as PhotoUploadResult).files[0]).toMatchObject({ status: 'rejected', reason: 'Not stored: the key of a file must be 1 to 512 characters' });
    expect(await photosOf(batch.id)).toHaveLength(1);
    expect(await balanceOf(alice)).toBe(19);

    // Bad batch ids: not a UUID (400), unknown or of another event (404), before any file is read.
    await send(alice, event.id, 'nope', [file]).expect(400);
    await send(alice, event.id, '00000000-0000-4000-8000-000000000000', [file]).expect(404);
    const other = (await t.http().post('/api/events').set(...bearer(alice)).send({ name: 'Trail de Gérardmer', date: '2026-07-05', location: 'Gérardmer', sport: 'trail' }).expect(201))
      .body as EventDto;
    await send(alice, other.id, batch.id, [file]).expect(404);
  });

  it('lets the client declare a batch finished when some files were refused', async () => {
    await setCredits(alice, 20);
    const batch = await createBatch(alice, event.id, { expectedFiles: 2 });
    const [good] = await folder(1, 500);
    await send(alice, event.id, batch.id, [good, { key: 'notes.pdf|80|1', name: 'notes.pdf', content: photoFixtures.pdf() }]).expect(201);
    const waiting = (await t.http().get(`/api/upload-batches/${batch.id}`).set(...bearer(alice)).expect(200)).body as UploadBatchDetailDto;
    expect(waiting).toMatchObject({ stage: 'uploading', completedAt: null, counters: { received: 1 } });
    const completed = (await t.http().post(`/api/upload-batches/${batch.id}/complete`).set(...bearer(alice)).expect(200)).body as UploadBatchDto;
    expect(completed).toMatchObject({ stage: 'processing', completedAt: expect.any(String) });
    const again = (await t.http().post(`/api/upload-batches/${batch.id}/complete`).set(...bearer(alice)).expect(200)).body as UploadBatchDto;
    expect(again.completedAt).toBe(completed.completedAt);
    await t.http().post(`/api/upload-batches/${batch.id}/complete`).set(...bearer(bob)).expect(404);

    // The photo list says which batch each photo came from.
    const photos = (await t.http().get(`/api/events/${event.id}/photos`).set(...bearer(alice)).expect(200)).body as { items: Array<{ id: string; uploadBatchId: string | null }> };
    const [stored] = await photosOf(batch.id);
    expect(photos.items.find((photo) => photo.id === stored.id)?.uploadBatchId).toBe(batch.id);
  });
});
