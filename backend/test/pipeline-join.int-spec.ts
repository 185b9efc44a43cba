import { PhotoStatus, Role } from '@focus-racer/api-types';
import { getQueueToken } from '@nestjs/bull';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Job, Queue } from 'bull';
import { randomBytes } from 'node:crypto';
import { PhotoStageRunner } from '../src/ai-pipeline/processors/photo-stage.runner';
import { PhotoJobData, QUEUES } from '../src/ai-pipeline/queues';
import { RaceEvent } from '../src/events/entities/event.entity';
import { Photo, PhotoStageTimestamps } from '../src/photos/entities/photo.entity';
import { User } from '../src/users/entities/user.entity';
import { WorkerModule } from '../src/worker.module';
import { createTestDatabase, TestDatabase } from './test-database';

/** The join of the stages that run side by side, on real PostgreSQL: who sees them all done, what a failure keeps. */
describe('pipeline join (PhotoStageRunner on real PostgreSQL)', () => {
  let db: TestDatabase;
  let worker: INestApplicationContext;
  let runner: PhotoStageRunner;
  let eventId: string;
  const photos = () => db.dataSource.getRepository(Photo);

  async function photoAfterDerivatives(status = PhotoStatus.PROCESSING): Promise<string> {
    const done = new Date().toISOString();
    // Faces too, so that the test holds whether or not this worker registers a faces stage.
    const stageTimestamps: PhotoStageTimestamps = { normalise: done, derivatives: done, faces: done };
    const photo = await photos().save({
      eventId,
      originalKey: `events/${eventId}/originals/${randomBytes(4).toString('hex')}.jpg`,
      originalFilename: 'join.jpg',
      mimeType: 'image/jpeg',
      sizeBytes: 1000,
      contentHash: randomBytes(32).toString('hex'),
      status,
      stageTimestamps,
    });
    return photo.id;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    Object.assign(process.env, { NODE_ENV: 'test', DATABASE_URL: db.url, LOG_LEVEL: 'silent', REDIS_PREFIX: `focus-racer-test-${randomBytes(4).toString('hex')}` });
    worker = await (await Test.createTestingModule({ imports: [WorkerModule] }).compile()).init();
    runner = worker.get(PhotoStageRunner);
    const owner = await db.dataSource.getRepository(User).save({ email: `join-${randomBytes(3).toString('hex')}@example.test`, passwordHash: 'x', role: Role.PHOTOGRAPHER, displayName: 'Join test' });
    eventId = (await db.dataSource.getRepository(RaceEvent).save({ ownerId: owner.id, name: 'Relais', slug: `relais-${randomBytes(3).toString('hex')}`, date: '2026-06-01', location: 'Lille', sport: 'running' })).id;
  });

  afterAll(async () => {
    await Promise.all(Object.values(QUEUES).map((name) => worker?.get<Queue>(getQueueToken(name)).obliterate({ force: true }).catch(() => undefined)));
    await worker?.close();
    await db?.drop();
  });

  it('lets exactly one of two sibling stages finishing at the same moment see both done', async () => {
    const joined = runner.prerequisites('linking');
    const ids = await Promise.all(Array.from({ length: 20 }, () => photoAfterDerivatives()));
    for (const id of ids) {
      // Two pool connections, two concurrent UPDATEs of the same row.
      const [quality, bibs] = await Promise.all([runner.record(db.dataSource.manager, 'quality', [id]), runner.record(db.dataSource.manager, 'bibs', [id])]);
      const sawAllDone = [...quality, ...bibs].filter((record) => joined.every((stage) => record.stageTimestamps[stage] !== undefined));
      expect(sawAllDone).toHaveLength(1);
    }
  });

  it('keeps a failed photo failed with its error when a sibling stage succeeds, and adds a second failure to the error', async () => {
    const id = await photoAfterDerivatives(PhotoStatus.PROCESSING);
    const lastAttempt = { data: { photoId: id }, attemptsMade: 4, opts: { attempts: 5 } } as unknown as Job<PhotoJobData>;
    await expect(runner.run('quality', lastAttempt, () => Promise.reject(new Error('blur score: corrupt data')))).rejects.toThrow('corrupt data');
    await runner.run('bibs', lastAttempt, async () => ({ ocrProvider: 'test' }));
    expect(await photos().findOneByOrFail({ id })).toMatchObject({ status: PhotoStatus.FAILED, processingError: 'quality: blur score: corrupt data', ocrProvider: 'test' });

    await expect(runner.run('bibs', lastAttempt, () => Promise.reject(new Error('reader crashed')))).rejects.toThrow('reader crashed');
    expect(await photos().findOneByOrFail({ id })).toMatchObject({ status: PhotoStatus.FAILED, processingError: 'quality: blur score: corrupt data\nbibs: reader crashed' });
  });
});
