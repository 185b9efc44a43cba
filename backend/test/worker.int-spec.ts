import { getQueueToken } from '@nestjs/bull';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Role } from '@focus-racer/api-types';
import type { Queue } from 'bull';
import { randomBytes, randomUUID } from 'node:crypto';
import { JOBS, PURGE_EXPIRED_TOKENS_SCHEDULE, RETRY_UNSENT_RECEIPTS_SCHEDULE, QUEUES } from '../src/ai-pipeline/queues';
import { PasswordResetToken } from '../src/auth/entities/password-reset-token.entity';
import { RefreshToken } from '../src/auth/entities/refresh-token.entity';
import { User } from '../src/users/entities/user.entity';
import { WorkerModule } from '../src/worker.module';
import { createTestDatabase, TestDatabase } from './test-database';

const DAY = 86_400_000;

describe('worker (Bull on real Redis, real PostgreSQL)', () => {
  let db: TestDatabase;
  let worker: INestApplicationContext;
  let queue: Queue;

  beforeAll(async () => {
    db = await createTestDatabase();
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      REDIS_PREFIX: `focus-racer-test-${randomBytes(4).toString('hex')}`,
    });
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    worker = await moduleRef.init();
    queue = worker.get<Queue>(getQueueToken(QUEUES.MAINTENANCE));
  });

  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await worker?.close();
    await db?.drop();
  });

  it('schedules the hourly token purge and the receipt retry on start', async () => {
    const repeatable = await queue.getRepeatableJobs();
    const cron = (schedule: { repeat?: unknown }) => (schedule.repeat as { cron: string }).cron;
    expect(repeatable).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: JOBS.PURGE_EXPIRED_TOKENS, cron: cron(PURGE_EXPIRED_TOKENS_SCHEDULE) }),
        expect.objectContaining({ name: JOBS.RETRY_UNSENT_RECEIPTS, cron: cron(RETRY_UNSENT_RECEIPTS_SCHEDULE) }),
      ]),
    );
    expect(repeatable).toHaveLength(2);
  });

  it('consumes the maintenance queue: expired and long-revoked tokens go, live ones stay', async () => {
    const user = await db.dataSource.getRepository(User).save({
      email: `worker-${randomBytes(3).toString('hex')}@example.test`,
      passwordHash: 'x',
      role: Role.RUNNER,
      displayName: 'Worker test',
    });
    const now = Date.now();
    const refresh = db.dataSource.getRepository(RefreshToken);
    const token = (expiresAt: number, revokedAt: number | null) => ({
      userId: user.id,
      familyId: randomUUID(),
      tokenHash: randomBytes(32).toString('hex'),
      expiresAt: new Date(expiresAt),
      revokedAt: revokedAt === null ? null : new Date(revokedAt),
    });
    const live = await refresh.save(token(now + 30 * DAY, null));
    await refresh.save(token(now - 10 * DAY, null));
    await refresh.save(token(now + 30 * DAY, now - 10 * DAY));
    const resets = db.dataSource.getRepository(PasswordResetToken);
    await resets.save({ userId: user.id, tokenHash: randomBytes(32).toString('hex'), expiresAt: new Date(now - 10 * DAY) });
    const liveReset = await resets.save({ userId: user.id, tokenHash: randomBytes(32).toString('hex'), expiresAt: new Date(now + DAY) });

    const job = await queue.add(JOBS.PURGE_EXPIRED_TOKENS, { olderThanDays: 7 });
    expect(await job.finished()).toEqual({ refreshTokens: 2, passwordResetTokens: 1 });
    expect((await refresh.find()).map((row) => row.id)).toEqual([live.id]);
    expect((await resets.find()).map((row) => row.id)).toEqual([liveReset.id]);

    // Idempotent: a second run finds nothing more to do.
    const again = await queue.add(JOBS.PURGE_EXPIRED_TOKENS, { olderThanDays: 7 });
    expect(await again.finished()).toEqual({ refreshTokens: 0, passwordResetTokens: 0 });
  });
});
