/**
 * @jest-environment ./src/ai-pipeline/recognition/onnx-jest-environment.cjs
 */
import { AuthResponse, BibSource, CursorPage, EventDto, PhotoDto, PhotoStatus, PhotoUploadResult, Role } from '@focus-racer/api-types';
import { getQueueToken } from '@nestjs/bull';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Job, Queue } from 'bull';
import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { PhotoJobData, QUEUES } from '../src/ai-pipeline/queues';
import { PhotoStageRunner } from '../src/ai-pipeline/processors/photo-stage.runner';
import { PhotoQualityProcessor } from '../src/ai-pipeline/processors/quality.processor';
import { StartListEntry } from '../src/connectors/entities/start-list-entry.entity';
import { BibNumber } from '../src/photos/entities/bib-number.entity';
import { Photo } from '../src/photos/entities/photo.entity';
import { OBJECT_STORAGE, ObjectStorage } from '../src/storage/object-storage';
import { storageKeys } from '../src/storage/storage-keys';
import { User } from '../src/users/entities/user.entity';
import { WorkerModule } from '../src/worker.module';
import { photoFixtures } from './photo-fixtures';
import { bearer, createTestApp, register, TestApp } from './test-app';

/**
 * The API enqueues, a worker booted in-process on the same database, Redis prefix and storage consumes. The bib
 * stage runs the real offline OCR (hence the ONNX test environment), at 960 px to stay quick.
 */
// The stages (OCR included) run for real on a shared 2-core machine: give the pipeline time, never assert on it.
jest.setTimeout(180_000);

describe('photo pipeline (worker on real Redis, PostgreSQL and disk storage)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let alice: AuthResponse;
  let event: EventDto;
  const photos = () => t.db.dataSource.getRepository(Photo);

  async function waitUntil(ids: string[], done: (photo: Photo) => boolean, timeoutMs = 150_000): Promise<Photo[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await photos().findBy(ids.map((id) => ({ id })));
      if (rows.length === ids.length && rows.every(done)) return ids.map((id) => rows.find((row) => row.id === id) as Photo);
      if (Date.now() > deadline) throw new Error(`Photos not done in time: ${JSON.stringify(rows.map((row) => [row.originalFilename, row.status, row.processingError]))}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  beforeAll(async () => {
    t = await createTestApp({ PIPELINE_CONCURRENCY: '2', BIB_READER: 'local', BIB_READER_LONG_EDGE: '960', LINKING_DEBOUNCE_MS: '200' });
    worker = await (await Test.createTestingModule({ imports: [WorkerModule] }).compile()).init();
    alice = await register(t, Role.PHOTOGRAPHER);
    await t.db.dataSource.getRepository(User).update(alice.user.id, { creditBalance: 20 });
    event = (
      await t.http().post('/api/events').set(...bearer(alice)).send({ name: 'Foulées de Lyon', date: '2026-05-01', location: 'Lyon', sport: 'running', watermarkText: 'Foulées 2026' }).expect(201)
    ).body as EventDto;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(Object.values(QUEUES).map((name) => worker?.get<Queue>(getQueueToken(name)).obliterate({ force: true }).catch(() => undefined)));
    await worker?.close();
    await t?.close();
  });

  it('takes uploaded photos to processed: upright size and EXIF, watermarked derivatives, blur and near-duplicate flags', async () => {
    const burst = await photoFixtures.jpeg(51, 800, 600);
    const portrait = await sharp(await photoFixtures.jpeg(52, 800, 600))
      .withExif({ IFD0: { Make: 'Canon', Model: 'Canon EOS R6' }, IFD2: { DateTimeOriginal: '2026:05:01 09:08:07', OffsetTimeOriginal: '+02:00' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const blurred = await sharp(await photoFixtures.jpeg(53, 800, 600)).blur(12).jpeg().toBuffer();
    const res = await t
      .http()
      .post(`/api/events/${event.id}/photos`)
      .set(...bearer(alice))
      .attach('files', burst, 'burst-1.jpg')
      .attach('files', portrait, 'portrait.jpg')
      .attach('files', blurred, 'blurred.jpg')
      .attach('files', await photoFixtures.png(54), 'podium.png')
      .expect(201);
    const upload = res.body as PhotoUploadResult;
    expect(upload.accepted).toBe(4);
    // Uploaded later, so it is the one flagged: the first of a burst stays the original.
    const second = await t.http().post(`/api/events/${event.id}/photos`).set(...bearer(alice)).attach('files', await photoFixtures.nearCopy(burst), 'burst-2.jpg').expect(201);
    const ids = [...upload.files, ...(second.body as PhotoUploadResult).files].map((file) => file.photoId as string);

    const [first, turned, blurry, png, copy] = await waitUntil(ids, (photo) => photo.status === PhotoStatus.PROCESSED || photo.status === PhotoStatus.FAILED);
    // Every stage of this worker's pipeline (faces among them once a faces processor is registered).
    const stages = ['normalise', 'derivatives', ...worker.get(PhotoStageRunner).prerequisites('linking'), 'linking'].sort();
    expect(stages).toEqual(expect.arrayContaining(['bibs', 'derivatives', 'linking', 'normalise', 'quality']));
    for (const photo of [first, turned, blurry, png, copy]) {
      expect(photo).toMatchObject({ status: PhotoStatus.PROCESSED, processingError: null });
      expect(photo.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
      expect(photo.blurScore).toEqual(expect.any(Number));
      expect(Object.keys(photo.stageTimestamps).sort()).toEqual(stages);
      const storage = worker.get<ObjectStorage>(OBJECT_STORAGE);
      expect(photo.webKey).toBe(storageKeys.webWebp(event.id, photo.id));
      expect(photo.thumbKey).toBe(storageKeys.thumb(event.id, photo.id));
      const thumb = await sharp(await storage.getBuffer(photo.thumbKey as string)).metadata();
      expect(Math.max(thumb.width, thumb.height)).toBeLessThanOrEqual(400);
      expect((await sharp(await storage.getBuffer(photo.webKey as string)).metadata()).format).toBe('webp');
      expect(await storage.exists(storageKeys.webJpeg(event.id, photo.id))).toBe(true);
    }
    expect(turned).toMatchObject({ width: 600, height: 800, exifOrientation: 6, camera: 'Canon EOS R6' });
    expect(turned.takenAt?.toISOString()).toBe('2026-05-01T07:08:07.000Z');
    expect(first).toMatchObject({ width: 800, height: 600, isBlurry: false, duplicateOfId: null });
    expect(blurry.isBlurry).toBe(true);
    expect(copy.duplicateOfId).toBe(first.id);
    expect([turned, blurry, png].map((photo) => photo.duplicateOfId)).toEqual([null, null, null]);
  });

  it('flags a near-duplicate pair whichever of the two is scored first (concurrent quality jobs)', async () => {
    // Rows and originals written directly, not enqueued: the two scorings are run by hand in the racy order.
    const storage = worker.get<ObjectStorage>(OBJECT_STORAGE);
    const quality = worker.get(PhotoQualityProcessor);
    const original = await photoFixtures.jpeg(61, 800, 600);
    const make = async (label: string, bytes: Buffer, createdAt: Date): Promise<Photo> => {
      const id = randomUUID();
      const key = storageKeys.original(event.id, id, 'jpg');
      await storage.putBuffer(key, bytes, 'image/jpeg');
      return photos().save({
        id, eventId: event.id, originalKey: key, originalFilename: label, mimeType: 'image/jpeg', sizeBytes: bytes.length,
        contentHash: createHash('sha256').update(bytes).digest('hex'), createdAt,
      });
    };
    const earlier = await make('pair-1.jpg', original, new Date(Date.now() - 1000));
    const later = await make('pair-2.jpg', await photoFixtures.nearCopy(original), new Date());
    // The later photo is scored first, while the earlier one has no hash yet: nothing to point at.
    expect((await quality.score(later)).duplicateOfId).toBeUndefined();
    // The earlier one then finds its unflagged twin and flags it; its own result leaves its flag alone.
    expect((await quality.score(earlier)).duplicateOfId).toBeUndefined();
    expect((await photos().findOneByOrFail({ id: later.id })).duplicateOfId).toBe(earlier.id);
    expect((await photos().findOneByOrFail({ id: earlier.id })).duplicateOfId).toBeNull();
  });

  it('records the error and status failed when the last attempt of a stage fails', async () => {
    const res = await t.http().post(`/api/events/${event.id}/photos`).set(...bearer(alice)).attach('files', await photoFixtures.jpeg(61), 'lost.jpg').expect(201);
    const photoId = (res.body as PhotoUploadResult).files[0].photoId as string;
    await waitUntil([photoId], (photo) => photo.status === PhotoStatus.PROCESSED);
    const job = { data: { photoId }, attemptsMade: 4, opts: { attempts: 5 } } as unknown as Job<PhotoJobData>;
    await expect(
      worker.get(PhotoStageRunner).run('normalise', job, () => Promise.reject(new Error('The original is unreadable'))),
    ).rejects.toThrow('The original is unreadable');
    expect(await photos().findOneByOrFail({ id: photoId })).toMatchObject({ status: PhotoStatus.FAILED, processingError: 'normalise: The original is unreadable' });
  });

  it('serves thumbnails and web versions of published events only, never originals; reprocess runs the stages again', async () => {
    const photo = await photos().findOneByOrFail({ eventId: event.id, originalFilename: 'burst-1.jpg' });
    const thumbUrl = `/api/media/${photo.thumbKey}`;
    await t.http().get(thumbUrl).expect(404);
    await t.http().patch(`/api/events/${event.id}`).set(...bearer(alice)).send({ status: 'published' }).expect(200);

    const thumb = await t.http().get(thumbUrl).expect(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(thumb.body as Buffer).metadata()).width).toBeLessThanOrEqual(400);
    const web = await t.http().get(`/api/media/${photo.webKey}`).expect(200);
    expect(web.headers['content-type']).toBe('image/webp');
    await t.http().get(`/api/media/${storageKeys.webJpeg(event.id, photo.id)}`).expect(200);
    const original = await t.http().get(`/api/media/${photo.originalKey}`).expect(404);
    expect(original.body.message).toBe('No such image');
    await photos().update(photo.id, { hidden: true });
    await t.http().get(thumbUrl).expect(404);
    await photos().update(photo.id, { hidden: false });

    const page = (await t.http().get(`/api/events/${event.id}/photos`).set(...bearer(alice)).expect(200)).body as CursorPage<PhotoDto>;
    const listed = page.items.find((item) => item.id === photo.id);
    expect(listed).toMatchObject({ status: PhotoStatus.PROCESSED, isBlurry: false });
    // The pro app's link to the same thumbnail, signed (it also opens drafts' and hidden photos': pro-media-links).
    expect(listed?.thumbUrl).toMatch(new RegExp(`^${thumbUrl}\\?exp=\\d+&sig=`));
    await t.http().get(listed?.thumbUrl as string).expect(200);

    const stranger = await register(t, Role.PHOTOGRAPHER);
    await t.http().post(`/api/photos/${photo.id}/reprocess`).set(...bearer(stranger)).expect(404);
    const before = photo.stageTimestamps.bibs;
    const balance = (await t.db.dataSource.getRepository(User).findOneByOrFail({ id: alice.user.id })).creditBalance;
    await t.http().post(`/api/photos/${photo.id}/reprocess`).set(...bearer(alice)).expect(202);
    const [again] = await waitUntil([photo.id], (row) => row.status === PhotoStatus.PROCESSED && row.stageTimestamps.bibs !== before);
    expect(again).toMatchObject({ webKey: photo.webKey, perceptualHash: photo.perceptualHash, duplicateOfId: null });
    expect((await t.db.dataSource.getRepository(User).findOneByOrFail({ id: alice.user.id })).creditBalance).toBe(balance);
  });

  it('reads the bib on a photo, snapped to the start list, and replaces its OCR rows when reprocessed', async () => {
    await t.db.dataSource.getRepository(StartListEntry).insert([
      { eventId: event.id, bib: '4821', firstName: 'Ana', lastName: 'Lopez' },
      { eventId: event.id, bib: '4827', firstName: 'Ben', lastName: 'Martin' },
    ]);
    const res = await t.http().post(`/api/events/${event.id}/photos`).set(...bearer(alice)).attach('files', await photoFixtures.bib('4821'), 'bib.jpg').expect(201);
    const photoId = (res.body as PhotoUploadResult).files[0].photoId as string;
    const [done] = await waitUntil([photoId], (photo) => photo.status === PhotoStatus.PROCESSED || photo.status === PhotoStatus.FAILED);
    expect(done).toMatchObject({ status: PhotoStatus.PROCESSED, ocrProvider: 'local-paddle' });
    const bibs = () => t.db.dataSource.getRepository(BibNumber).findBy({ photoId });
    const rows = await bibs();
    expect(rows.map((row) => [row.number, row.source])).toEqual([['4821', BibSource.OCR]]);
    // The card is at x 250..550, y 200..360 of the 800 × 600 original.
    expect(rows[0].box?.x).toBeGreaterThanOrEqual(240);
    expect((rows[0].box?.x ?? 0) + (rows[0].box?.w ?? 0)).toBeLessThanOrEqual(560);

    await t.http().post(`/api/photos/${photoId}/reprocess`).set(...bearer(alice)).expect(202);
    await waitUntil([photoId], (photo) => photo.status === PhotoStatus.PROCESSED && photo.stageTimestamps.bibs !== done.stageTimestamps.bibs);
    expect((await bibs()).map((row) => row.number)).toEqual(['4821']);
  });
});
