import { EventStatus, PhotoStatus, Role, SearchResponse } from '@focus-racer/api-types';
import { existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { FACE_INDEXER, FaceIndexer } from '../src/ai-pipeline/recognition/face-indexer';
import { photoLikeJpeg } from '../src/ai-pipeline/imaging/synthetic-images.test';
import { RaceEvent } from '../src/events/entities/event.entity';
import { Face } from '../src/photos/entities/face.entity';
import { Photo } from '../src/photos/entities/photo.entity';
import { createTestApp, register, TestApp } from './test-app';

/**
 * Selfie search through the HTTP API with the real local face models, on `shared/datasets/faces` (press photos of
 * 6 people, internal use only: read in place beside the repository, never copied; FOCUS_RACER_FACES_DIR points
 * elsewhere). The event's faces are indexed with the same FaceIndexer the API embeds the selfie with.
 */
const FACES_DIR = process.env['FOCUS_RACER_FACES_DIR'] ?? resolve(__dirname, '../../../shared/datasets/faces');
const haveFaces = existsSync(join(FACES_DIR, 'images'));
if (!haveFaces) console.warn(`Selfie search tests skipped: no face dataset at ${FACES_DIR} (set FOCUS_RACER_FACES_DIR)`);
const describeWithFaces = haveFaces ? describe : describe.skip;

/** Event photos (one person each) and the selfies asked with. */
const EVENT_PHOTOS: Record<string, string> = {
  'face_12.jpg': 'obama',
  'face_13.jpg': 'obama',
  'face_05.jpg': 'biden',
  'face_06.jpg': 'kit_harington',
  'face_09.jpg': 'rose_leslie',
};

describeWithFaces('selfie search (real face models)', () => {
  let t: TestApp;
  let event: RaceEvent;
  const idOf: Record<string, string> = {};
  const labelOf = (photoId: string) => Object.keys(idOf).find((file) => idOf[file] === photoId);

  const selfie = (image: Buffer, consent = true) =>
    t
      .http()
      .post(`/api/public/events/${event.slug}/search/selfie`)
      .field('consent', String(consent))
      .attach('selfie', image, 'selfie.jpg');

  beforeAll(async () => {
    // Below the default (0.6, ~1 % false accepts on race photos): these posed press photos of one person span
    // 0.59–0.66, another person 0.50.
    t = await createTestApp({ FACE_INDEXER: 'local', SELFIE_MIN_SIMILARITY: '0.55' });
    const owner = await register(t, Role.PHOTOGRAPHER);
    event = await t.db.dataSource.getRepository(RaceEvent).save({
      ownerId: owner.user.id,
      name: 'Selfie 10K',
      slug: `selfie-10k-${randomUUID().slice(0, 8)}`,
      date: '2026-05-01',
      location: 'Paris',
      sport: 'running',
      status: EventStatus.PUBLISHED,
    });
    const indexer = t.app.get<FaceIndexer>(FACE_INDEXER);
    for (const file of Object.keys(EVENT_PHOTOS)) {
      const id = randomUUID();
      idOf[file] = id;
      await t.db.dataSource.getRepository(Photo).save({
        id,
        eventId: event.id,
        originalKey: `events/${event.id}/originals/${id}.jpg`,
        webKey: `events/${event.id}/web/${id}.webp`,
        thumbKey: `events/${event.id}/thumbs/${id}.jpg`,
        originalFilename: file,
        mimeType: 'image/jpeg',
        sizeBytes: 1,
        width: 800,
        height: 600,
        contentHash: id.replace(/-/g, '').padEnd(64, '0'),
        status: PhotoStatus.PROCESSED,
      });
      const faces = await indexer.index(readFileSync(join(FACES_DIR, 'images', file)), { eventId: event.id, photoId: id });
      await t.db.dataSource.getRepository(Face).save(faces.map((face) => ({ ...face, photoId: id, eventId: event.id })));
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('finds the person of the selfie, ranked by face similarity, and nobody else', async () => {
    const res = await selfie(readFileSync(join(FACES_DIR, 'images', 'face_11.jpg'))).expect(200);
    const body = res.body as SearchResponse;
    expect(body.mode).toBe('selfie');
    expect(body.results.map((result) => labelOf(result.photo.id)).sort()).toEqual(['face_12.jpg', 'face_13.jpg']);
    const similarities = body.results.map((result) => (result.reasons[0] as { similarity: number }).similarity);
    expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
    for (const result of body.results) {
      expect(result.reasons).toEqual([{ kind: 'selfie', similarity: expect.any(Number) }]);
      expect(result.score).toBeGreaterThan(0.5);
    }
    const other = (await selfie(readFileSync(join(FACES_DIR, 'images', 'face_10.jpg'))).expect(200)).body as SearchResponse;
    expect(other.results.map((result) => labelOf(result.photo.id))).toEqual(['face_09.jpg']);
  }, 60_000);

  it('answers 422 with a sentence when the selfie shows no face, 400 without consent or without a file', async () => {
    const noFace = await selfie(await photoLikeJpeg(640, 480, 3)).expect(422);
    expect(noFace.body.message).toMatch(/could not find a face/);
    const notImage = await selfie(Buffer.from('not an image at all')).expect(422);
    expect(notImage.body.message).toMatch(/JPEG, PNG or WebP/);
    const refused = await selfie(readFileSync(join(FACES_DIR, 'images', 'face_11.jpg')), false).expect(400);
    expect(refused.body.message).toMatch(/needs your consent/);
    await t.http().post(`/api/public/events/${event.slug}/search/selfie`).field('consent', 'true').expect(400);
  }, 60_000);
});
