import { PhotoStatus, Role } from '@focus-racer/api-types';
import { getQueueToken } from '@nestjs/bull';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Queue } from 'bull';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { photoLikeJpeg } from '../src/ai-pipeline/imaging/synthetic-images.test';
import { PhotoFacesProcessor } from '../src/ai-pipeline/processors/faces.processor';
import { QUEUES } from '../src/ai-pipeline/queues';
import { cosineSimilarity, DetectedFace, FACE_INDEXER, FaceIndexer } from '../src/ai-pipeline/recognition/face-indexer';
import { RaceEvent } from '../src/events/entities/event.entity';
import { Face } from '../src/photos/entities/face.entity';
import { Photo } from '../src/photos/entities/photo.entity';
import { OBJECT_STORAGE, ObjectStorage } from '../src/storage/object-storage';
import { User } from '../src/users/entities/user.entity';
import { WorkerModule } from '../src/worker.module';
import { createTestDatabase, TestDatabase } from './test-database';

jest.setTimeout(60_000);

/**
 * The faces stage on real PostgreSQL and storage, with the indexer replaced at its edge: what the stage hands the
 * indexer (an upright copy at FACE_LONG_EDGE) and what it stores (boxes in the original's pixels, one row per face
 * however often it runs). The models themselves are tested in local-face-indexer.spec.ts.
 */
describe('faces stage (PhotoFacesProcessor on real PostgreSQL)', () => {
  let db: TestDatabase;
  let worker: INestApplicationContext;
  let storageRoot: string;
  let eventId: string;
  let nextFaces: DetectedFace[] = [];
  const received: Array<{ width?: number; height?: number; context: { eventId: string; photoId: string } }> = [];
  const removeIndexed = jest.fn((): Promise<void> => Promise.resolve());
  const indexer: FaceIndexer = {
    provider: 'test',
    index: async (image, context) => {
      const { width, height } = await sharp(image).metadata();
      received.push({ width, height, context });
      return nextFaces;
    },
    detect: async () => [],
    similarity: cosineSimilarity,
    removeIndexed,
  };
  const faces = (photoId: string) => db.dataSource.getRepository(Face).find({ where: { photoId }, order: { quality: 'DESC' } });

  /** A stored original and its photo row, as the normalise stage leaves them (width × height upright). */
  async function storedPhoto(original: Buffer, upright: { width: number; height: number }): Promise<Photo> {
    const key = `events/${eventId}/originals/${randomBytes(4).toString('hex')}.jpg`;
    await worker.get<ObjectStorage>(OBJECT_STORAGE).putBuffer(key, original, 'image/jpeg');
    return db.dataSource.getRepository(Photo).save({
      eventId,
      originalKey: key,
      originalFilename: 'finish.jpg',
      mimeType: 'image/jpeg',
      sizeBytes: original.length,
      contentHash: randomBytes(32).toString('hex'),
      status: PhotoStatus.PROCESSING,
      ...upright,
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    storageRoot = await mkdtemp(join(tmpdir(), 'focus-racer-storage-'));
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      STORAGE_ROOT: storageRoot,
      LOG_LEVEL: 'silent',
      REDIS_PREFIX: `focus-racer-test-${randomBytes(4).toString('hex')}`,
      FACE_LONG_EDGE: '800',
    });
    worker = await (await Test.createTestingModule({ imports: [WorkerModule] }).overrideProvider(FACE_INDEXER).useValue(indexer).compile()).init();
    const owner = await db.dataSource
      .getRepository(User)
      .save({ email: `faces-${randomBytes(3).toString('hex')}@example.test`, passwordHash: 'x', role: Role.PHOTOGRAPHER, displayName: 'Faces test' });
    eventId = (
      await db.dataSource
        .getRepository(RaceEvent)
        .save({ ownerId: owner.id, name: 'Semi de Lyon', slug: `semi-${randomBytes(3).toString('hex')}`, date: '2026-04-12', location: 'Lyon', sport: 'running' })
    ).id;
  });

  afterAll(async () => {
    await Promise.all(Object.values(QUEUES).map((name) => worker?.get<Queue>(getQueueToken(name)).obliterate({ force: true }).catch(() => undefined)));
    await worker?.close();
    await db?.drop();
    await rm(storageRoot, { recursive: true, force: true });
  });

  beforeEach(() => {
    received.length = 0;
    removeIndexed.mockClear();
  });

  it('indexes an upright copy at FACE_LONG_EDGE and stores each face with its box in pixels of the original', async () => {
    // Stored a quarter-turn to the left with EXIF orientation 6: upright it is 1000 × 1600.
    const original = await sharp(await photoLikeJpeg(1600, 1000, 3)).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const photo = await storedPhoto(original, { width: 1000, height: 1600 });
    const embedding = [0.6, 0.8];
    nextFaces = [
      { box: { x: 100, y: 50, w: 40, h: 40 }, quality: 0.9, embedding, externalFaceId: null },
      { box: { x: 300, y: 400, w: 20, h: 24 }, quality: 0.5, embedding: [1, 0], externalFaceId: null },
    ];

    expect(await worker.get(PhotoFacesProcessor).indexFaces(photo)).toEqual({});

    expect(received).toEqual([{ width: 500, height: 800, context: { eventId, photoId: photo.id } }]);
    const rows = await faces(photo.id);
    expect(rows.map(({ eventId: event, box, quality, externalFaceId }) => ({ event, box, quality, externalFaceId }))).toEqual([
      { event: eventId, box: { x: 200, y: 100, w: 80, h: 80 }, quality: expect.closeTo(0.9, 5), externalFaceId: null },
      { event: eventId, box: { x: 600, y: 800, w: 40, h: 48 }, quality: expect.closeTo(0.5, 5), externalFaceId: null },
    ]);
    expect(rows[0].embedding?.map((value) => Number(value.toFixed(5)))).toEqual(embedding);
  });

  it('replaces the faces of a photo indexed again, and has the provider drop the ones it no longer returns', async () => {
    const photo = await storedPhoto(await photoLikeJpeg(800, 600, 4), { width: 800, height: 600 });
    const face = (id: string, x: number): DetectedFace => ({ box: { x, y: 10, w: 50, h: 50 }, quality: 0.8, embedding: null, externalFaceId: id });
    const processor = worker.get(PhotoFacesProcessor);

    nextFaces = [face('face-1', 10), face('face-2', 200)];
    await processor.indexFaces(photo);
    nextFaces = [face('face-2', 200), face('face-3', 400)];
    await processor.indexFaces(photo);

    expect((await faces(photo.id)).map((row) => row.externalFaceId).sort()).toEqual(['face-2', 'face-3']);
    expect(removeIndexed.mock.calls).toEqual([[eventId, ['face-1']]]);
  });

  it('leaves a photo without faces with no face rows', async () => {
    const photo = await storedPhoto(await photoLikeJpeg(640, 480, 5), { width: 640, height: 480 });
    nextFaces = [{ box: { x: 1, y: 1, w: 40, h: 40 }, quality: 0.9, embedding: [1, 0], externalFaceId: null }];
    await worker.get(PhotoFacesProcessor).indexFaces(photo);

    nextFaces = [];
    await worker.get(PhotoFacesProcessor).indexFaces(photo);

    expect(await faces(photo.id)).toEqual([]);
  });
});
