import { BibSource, PhotoStageProgress, PhotoStatus, Role } from '@focus-racer/api-types';
import { getQueueToken } from '@nestjs/bull';
import { Global, INestApplicationContext, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Queue } from 'bull';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { photoProgressChannel } from '../src/ai-pipeline/photo-progress.publisher';
import { LinkingPassScheduler } from '../src/ai-pipeline/linking-pass.scheduler';
import { PhotoLinkingProcessor } from '../src/ai-pipeline/processors/linking.processor';
import { PhotoStageRunner } from '../src/ai-pipeline/processors/photo-stage.runner';
import { QUEUES } from '../src/ai-pipeline/queues';
import { cosineSimilarity, FACE_INDEXER, FaceIndexer } from '../src/ai-pipeline/recognition/face-indexer';
import { RedisConfig } from '../src/config/redis.config';
import { RaceEvent } from '../src/events/entities/event.entity';
import { BibNumber } from '../src/photos/entities/bib-number.entity';
import { BoundingBox } from '../src/photos/entities/bounding-box';
import { Face } from '../src/photos/entities/face.entity';
import { Photo } from '../src/photos/entities/photo.entity';
import { User } from '../src/users/entities/user.entity';
import { WorkerModule } from '../src/worker.module';
import { createTestDatabase, TestDatabase } from './test-database';

jest.setTimeout(60_000);

/** Local embeddings compared by cosine, as the local indexer does; nothing is detected (faces are made by hand). */
const indexer: FaceIndexer = { provider: 'test', index: async () => [], detect: async () => [], similarity: cosineSimilarity };

/** Provides FACE_INDEXER to the worker's modules whether or not the worker provides one itself (then overridden). */
@Global()
@Module({ providers: [{ provide: FACE_INDEXER, useValue: indexer }], exports: [FACE_INDEXER] })
class TestFaceIndexerModule {}

/** Unit vector along `axes` (8-d), e.g. unit({ 0: 1, 1: 0.3 }). */
function unit(axes: Record<number, number>): number[] {
  const vector = Array.from({ length: 8 }, (_, i) => axes[i] ?? 0);
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

const FACE: BoundingBox = { x: 100, y: 100, w: 100, h: 100 };
/** Under FACE, on the chest. */
const CHEST: BoundingBox = { x: 50, y: 350, w: 200, h: 120 };

describe('face linking (linking stage on real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let worker: INestApplicationContext;
  let redis: Redis;
  let eventId: string;
  const progress: PhotoStageProgress[] = [];
  const photos = () => db.dataSource.getRepository(Photo);
  const bibs = () => db.dataSource.getRepository(BibNumber);
  let linkEvent: jest.SpyInstance;
  let counter = 0;

  /** A photo through every stage before linking, with its faces and bibs. */
  async function readyPhoto(faces: Array<{ embedding: number[]; box?: BoundingBox }>, tags: Array<{ number: string; source: BibSource; box: BoundingBox | null }> = []): Promise<string> {
    const done = new Date().toISOString();
    const photo = await photos().save({
      eventId,
      originalKey: `events/${eventId}/originals/${++counter}.jpg`,
      originalFilename: `${counter}.jpg`,
      mimeType: 'image/jpeg',
      sizeBytes: 1000,
      contentHash: randomBytes(32).toString('hex'),
      status: PhotoStatus.PROCESSING,
      stageTimestamps: { normalise: done, derivatives: done, quality: done, bibs: done, faces: done },
    });
    await db.dataSource.getRepository(Face).insert(faces.map((face) => ({ photoId: photo.id, eventId, box: face.box ?? FACE, embedding: face.embedding, quality: 0.9 })));
    if (tags.length > 0) await bibs().insert(tags.map((tag) => ({ photoId: photo.id, eventId, confidence: 0.95, ...tag })));
    return photo.id;
  }

  /** What the last of the stages before linking does when it finishes: enqueue linking (after the debounce). */
  async function finishBibs(ids: string[]): Promise<void> {
    const runner = worker.get(PhotoStageRunner);
    await runner.advance('bibs', await runner.record(db.dataSource.manager, 'bibs', ids));
  }

  /** Back to the state of a reprocessed photo whose bibs stage is about to finish. */
  async function rewind(id: string): Promise<void> {
    await photos().update(id, { status: PhotoStatus.PROCESSING, stageTimestamps: { normalise: 'x', derivatives: 'x', quality: 'x', faces: 'x' } });
  }

  async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function waitProcessed(ids: string[]): Promise<void> {
    await until(async () => (await photos().findBy(ids.map((id) => ({ id })))).every((row) => row.status === PhotoStatus.PROCESSED && row.stageTimestamps.linking), 'photos linked');
  }

  const links = async (photoId: string) =>
    (await bibs().find({ where: { photoId, source: BibSource.FACE_LINK }, order: { number: 'ASC' } })).map((row) => ({
      number: row.number,
      similarity: row.similarity,
      confidence: row.confidence,
      linkedFromPhotoId: row.linkedFromPhotoId,
    }));

  const a = unit({ 0: 1 });
  const b = unit({ 1: 1 });
  const bystander = unit({ 2: 1 });
  const d = unit({ 3: 1 });
  let r1: string, r2: string, r3: string, tagged: string;
  let nearA: string, farA: string, between: string, likeBystander: string, twoRunners: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      REDIS_PREFIX: `focus-racer-test-${randomBytes(4).toString('hex')}`,
      LINKING_DEBOUNCE_MS: '300',
      FACE_LINK_THRESHOLD: '0.6',
      FACE_LINK_MARGIN: '0.05',
    });
    worker = await (
      await Test.createTestingModule({ imports: [WorkerModule, TestFaceIndexerModule] }).overrideProvider(FACE_INDEXER).useValue(indexer).compile()
    ).init();
    linkEvent = jest.spyOn(worker.get(PhotoLinkingProcessor), 'linkEvent');
    const owner = await db.dataSource.getRepository(User).save({ email: `linking-${randomBytes(3).toString('hex')}@example.test`, passwordHash: 'x', role: Role.PHOTOGRAPHER, displayName: 'Linking test' });
    eventId = (await db.dataSource.getRepository(RaceEvent).save({ ownerId: owner.id, name: 'Trail des Crêtes', slug: `trail-${counter}-${randomBytes(3).toString('hex')}`, date: '2026-06-01', location: 'Vosges', sport: 'trail' })).id;
    const config = worker.get(RedisConfig);
    redis = new Redis(config.url);
    redis.on('message', (_channel: string, text: string) => progress.push(JSON.parse(text) as PhotoStageProgress));
    await redis.subscribe(photoProgressChannel(config.prefix, eventId));
  });

  afterAll(async () => {
    await Promise.all(Object.values(QUEUES).map((name) => worker?.get<Queue>(getQueueToken(name)).obliterate({ force: true }).catch(() => undefined)));
    await worker?.close();
    redis?.disconnect();
    await db?.drop();
  });

  it('gives a photo without a bib the bib of the runner whose face matches, above the threshold and clear of the next runner, in one pass', async () => {
    r1 = await readyPhoto([{ embedding: a }], [{ number: '101', source: BibSource.OCR, box: CHEST }]);
    // Runner 202 and a bystander far to the side: the bystander wears no bib, so their face is no evidence.
    r2 = await readyPhoto([{ embedding: b }, { embedding: bystander, box: { x: 900, y: 100, w: 100, h: 100 } }], [{ number: '202', source: BibSource.OCR, box: CHEST }]);
    r3 = await readyPhoto([{ embedding: d }], [{ number: '303', source: BibSource.MANUAL, box: null }]);
    tagged = await readyPhoto([{ embedding: unit({ 4: 1 }) }], [{ number: '999', source: BibSource.MANUAL, box: null }]);
    nearA = await readyPhoto([{ embedding: unit({ 0: 1, 5: 0.4 }) }]);
    farA = await readyPhoto([{ embedding: unit({ 0: 1, 5: 1.8 }) }]);
    between = await readyPhoto([{ embedding: unit({ 0: 1, 1: 1 }) }]);
    likeBystander = await readyPhoto([{ embedding: unit({ 2: 1, 5: 0.2 }) }]);
    twoRunners = await readyPhoto([{ embedding: unit({ 0: 1, 6: 0.3 }) }, { embedding: unit({ 3: 1, 6: 0.5 }), box: { x: 600, y: 100, w: 100, h: 100 } }]);
    const all = [r1, r2, r3, tagged, nearA, farA, between, likeBystander, twoRunners];
    const manual = () => bibs().find({ where: { source: BibSource.MANUAL }, order: { id: 'ASC' } });
    const manualBefore = await manual();

    await finishBibs(all);
    await waitProcessed(all);

    expect(await links(nearA)).toEqual([{ number: '101', similarity: expect.closeTo(cosineSimilarity(a, unit({ 0: 1, 5: 0.4 })), 5), confidence: expect.closeTo(0.928, 2), linkedFromPhotoId: r1 }]);
    expect(cosineSimilarity(a, unit({ 0: 1, 5: 1.8 }))).toBeLessThan(0.6);
    expect(await links(farA)).toEqual([]);
    // As close to 101 as to 202 (cosine 0.71 each): a close call links nobody.
    expect(await links(between)).toEqual([]);
    expect(await links(likeBystander)).toEqual([]);
    expect((await links(twoRunners)).map((link) => [link.number, link.linkedFromPhotoId])).toEqual([['101', r1], ['303', r3]]);
    for (const id of [r1, r2, r3, tagged]) expect(await links(id)).toEqual([]);
    expect(await manual()).toEqual(manualBefore);

    // Nine photos ready at once, nine linking jobs: one pass.
    expect(linkEvent).toHaveBeenCalledTimes(1);
    const linked = (id: string) => progress.filter((message) => message.photoId === id && message.stage === 'linking');
    await until(() => all.every((id) => linked(id).length > 0), 'the linking progress messages');
    for (const id of all) expect(linked(id)).toEqual([{ photoId: id, batchId: null, stage: 'linking', status: PhotoStatus.PROCESSED }]);
  });

  it('replaces the face-link rows when run again (reprocessed photo), leaving OCR and manual rows as they are', async () => {
    const before = await bibs().find({ order: { id: 'ASC' } });
    linkEvent.mockClear();
    await rewind(nearA);
    await finishBibs([nearA]);
    await waitProcessed([nearA]);

    expect(linkEvent).toHaveBeenCalledTimes(1);
    const after = await bibs().find({ order: { id: 'ASC' } });
    const kept = (rows: BibNumber[]) => rows.filter((row) => row.source !== BibSource.FACE_LINK);
    expect(kept(after)).toEqual(kept(before));
    const linkRows = (rows: BibNumber[]) =>
      rows.filter((row) => row.source === BibSource.FACE_LINK).map((row) => [row.photoId, row.number, row.similarity, row.linkedFromPhotoId]).sort();
    expect(linkRows(after)).toEqual(linkRows(before));
  });

  it('links older photos when a new bib-tagged photo arrives, even while a pass is already running', async () => {
    linkEvent.mockClear();
    const original = PhotoLinkingProcessor.prototype.linkEvent;
    let release!: () => void;
    const firstPassBusy = new Promise<void>((resolve) => (release = resolve));
    linkEvent.mockImplementationOnce(async function (this: PhotoLinkingProcessor, ...args: Parameters<PhotoLinkingProcessor['linkEvent']>) {
      await firstPassBusy;
      return original.apply(this, args);
    });
    await rewind(farA);
    await finishBibs([farA]);
    await until(() => linkEvent.mock.calls.length === 1, 'the first pass');

    // Ready once the first pass has listed its photos: its own job makes a second pass after the first.
    const newRunner = await readyPhoto([{ embedding: unit({ 2: 1, 7: 0.1 }) }], [{ number: '404', source: BibSource.OCR, box: CHEST }]);
    await finishBibs([newRunner]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    release();
    await waitProcessed([farA, newRunner]);

    expect(linkEvent).toHaveBeenCalledTimes(2);
    expect((await links(likeBystander)).map((link) => [link.number, link.linkedFromPhotoId])).toEqual([['404', newRunner]]);
    expect(await links(nearA)).toHaveLength(1);
  });

  it('relinks the whole event after a bib correction: the corrected number reaches the linked photos, and "no bib" stays so', async () => {
    // What PUT /api/photos/:id/bibs writes (photo-triage.int-spec.ts covers the API): r1 was 111, not 101; nearA shows nobody.
    await bibs().delete({ photoId: r1 });
    await bibs().insert({ photoId: r1, eventId, number: '111', source: BibSource.MANUAL, confidence: 1, box: CHEST });
    await bibs().delete({ photoId: nearA });
    await photos().update([r1, nearA], { bibsCorrectedAt: new Date(), reviewedAt: new Date() });
    linkEvent.mockClear();

    await worker.get(LinkingPassScheduler).relinkEvent(eventId);
    await until(() => linkEvent.mock.calls.length === 1, 'the relink pass');
    await until(async () => (await links(twoRunners)).some((link) => link.number === '111'), 'the corrected number on the linked photo');

    expect((await links(twoRunners)).map((link) => [link.number, link.linkedFromPhotoId])).toEqual([['111', r1], ['303', r3]]);
    expect(await bibs().findBy({ photoId: nearA })).toEqual([]);
    expect(await bibs().findBy({ number: '101' })).toEqual([]);
  });
});
