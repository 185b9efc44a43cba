import { AuthResponse, BibSource, EventDto, PhotoStatus, PhotoUploadResult, Role } from '@focus-racer/api-types';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { PIPELINE_QUEUES, QUEUES } from '../src/ai-pipeline/queues';
import { BibNumber } from '../src/photos/entities/bib-number.entity';
import { Photo } from '../src/photos/entities/photo.entity';
import { User } from '../src/users/entities/user.entity';
import { photoFixtures } from './photo-fixtures';
import { bearer, createTestApp, register, TestApp } from './test-app';

/**
 * The real worker (src/worker.ts under ts-node, as `npm run import` runs scripts) in a child process, killed with
 * SIGKILL while it holds jobs, then started again. Bull's lock and stalled check are shortened so the second worker
 * takes the dead one's jobs over in seconds instead of 30.
 */
jest.setTimeout(120_000);

const PHOTOS = 20;
const BIBS = ['1207', '3481', '5862', '7093'];
const INITIAL_CREDITS = 25;
const REPO_ROOT = resolve(__dirname, '../..');

describe('pipeline crash: the worker is killed mid-batch and started again', () => {
  let t: TestApp;
  let alice: AuthResponse;
  let event: EventDto;
  let worker: ChildProcess | null = null;
  let output = '';
  const photos = () => t.db.dataSource.getRepository(Photo);

  function startWorker(): ChildProcess {
    const child = spawn(process.execPath, ['-r', 'ts-node/register', 'backend/src/worker.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, TS_NODE_PROJECT: 'backend/tsconfig.scripts.json', LOG_LEVEL: 'warn', LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return child;
  }

  async function stopWorker(signal: NodeJS.Signals): Promise<void> {
    if (!worker || worker.exitCode !== null || worker.signalCode !== null) return;
    const exited = once(worker, 'exit');
    worker.kill(signal);
    await exited;
  }

  async function until(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; worker output:\n${output.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const activeJobs = async () => {
    const counts = await Promise.all(PIPELINE_QUEUES.map((name) => t.app.get<Queue>(getQueueToken(name)).getActiveCount()));
    return counts.reduce((sum, count) => sum + count, 0);
  };

  beforeAll(async () => {
    t = await createTestApp({
      PIPELINE_CONCURRENCY: '2',
      BIB_READER: 'local',
      BIB_READER_LONG_EDGE: '800',
      LINKING_DEBOUNCE_MS: '300',
      QUEUE_LOCK_DURATION_MS: '8000',
      QUEUE_STALLED_INTERVAL_MS: '1000',
    });
    alice = await register(t, Role.PHOTOGRAPHER);
    await t.db.dataSource.getRepository(User).update(alice.user.id, { creditBalance: INITIAL_CREDITS });
    event = (await t.http().post('/api/events').set(...bearer(alice)).send({ name: 'Ekiden de Paris', date: '2026-10-04', location: 'Paris', sport: 'running' }).expect(201))
      .body as EventDto;
  }, 60_000);

  afterAll(async () => {
    await stopWorker('SIGKILL');
    await Promise.all(Object.values(QUEUES).map((name) => t?.app.get<Queue>(getQueueToken(name)).obliterate({ force: true }).catch(() => undefined)));
    await t?.close();
  });

  it('ends with every photo processed once, charged once, none lost and no row written twice', async () => {
    const upload = t.http().post(`/api/events/${event.id}/photos`).set(...bearer(alice));
    for (let i = 0; i < PHOTOS - BIBS.length; i++) upload.attach('files', await photoFixtures.jpeg(300 + i), `crowd-${i}.jpg`);
    for (const [i, number] of BIBS.entries()) upload.attach('files', await photoFixtures.bib(number, 7 + i), `bib-${number}.jpg`);
    const result = (await upload.expect(201)).body as PhotoUploadResult;
    expect(result).toMatchObject({ accepted: PHOTOS, creditBalance: INITIAL_CREDITS - PHOTOS });
    const ids = result.files.map((file) => file.photoId as string);

    worker = startWorker();
    // Killed once a few photos are through and the worker holds jobs: some photos are mid-pipeline.
    await until(async () => (await photos().countBy({ eventId: event.id, status: PhotoStatus.PROCESSED })) >= 2 && (await activeJobs()) > 0, 'the first photos processed', 60_000);
    await stopWorker('SIGKILL');
    const processedAtKill = await photos().countBy({ eventId: event.id, status: PhotoStatus.PROCESSED });
    expect(processedAtKill).toBeLessThan(PHOTOS);
    // Jobs the dead worker held stay active in Redis until their lock expires: the second worker must take them over.
    expect(await activeJobs()).toBeGreaterThan(0);

    worker = startWorker();
    await until(async () => (await photos().countBy({ eventId: event.id, status: PhotoStatus.PROCESSED })) === PHOTOS, 'every photo processed', 90_000);
    await stopWorker('SIGTERM');

    const rows = await photos().find({ where: { eventId: event.id }, order: { originalFilename: 'ASC' } });
    expect(rows.map((row) => row.id).sort()).toEqual([...ids].sort());
    for (const row of rows) {
      expect(row).toMatchObject({ status: PhotoStatus.PROCESSED, processingError: null });
      expect(Object.keys(row.stageTimestamps)).toEqual(expect.arrayContaining(['normalise', 'derivatives', 'quality', 'bibs', 'linking']));
    }

    // Charged at upload, in the upload's transaction: one ledger line per photo, whatever the worker went through.
    const ledger = (await t.db.dataSource.query(
      `SELECT photo_id AS "photoId", count(*)::int AS lines, sum(delta)::int AS delta FROM credit_transactions WHERE user_id = $1 GROUP BY photo_id`,
      [alice.user.id],
    )) as Array<{ photoId: string; lines: number; delta: number }>;
    expect(ledger.map((line) => line.photoId).sort()).toEqual([...ids].sort());
    expect(ledger.every((line) => line.lines === 1 && line.delta === -1)).toBe(true);
    expect((await t.db.dataSource.getRepository(User).findOneByOrFail({ id: alice.user.id })).creditBalance).toBe(INITIAL_CREDITS - PHOTOS);

    const bibs = await t.db.dataSource.getRepository(BibNumber).find({ where: { eventId: event.id }, relations: { photo: true } });
    expect(bibs.map((bib) => [bib.photo?.originalFilename, bib.number, bib.source]).sort()).toEqual(
      BIBS.map((number) => [`bib-${number}.jpg`, number, BibSource.OCR]).sort(),
    );
    const duplicateFaces = (await t.db.dataSource.query(
      `SELECT photo_id FROM faces WHERE event_id = $1 GROUP BY photo_id, box::text HAVING count(*) > 1`,
      [event.id],
    )) as unknown[];
    expect(duplicateFaces).toEqual([]);
    const failed = await Promise.all(PIPELINE_QUEUES.map((name) => t.app.get<Queue>(getQueueToken(name)).getFailed()));
    expect(failed.flat().map((job) => [job.id, job.failedReason, job.stacktrace, job.attemptsMade])).toEqual([]);
  });
});
