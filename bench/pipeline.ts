/**
 * End-to-end pipeline benchmark: a folder of photos through the product's own upload path and queues, timed.
 *
 *   npm run bench:pipeline -- <folder> [--limit N] [--concurrency C] [--upload-first] [--keep]
 *
 * Sets up a throw-away world — database `focus_racer_bench_<random>` (migrated), a temporary storage root, its own
 * REDIS_PREFIX, a photographer with enough credits and an event — then starts the real worker (backend/src/worker.ts,
 * WorkerModule) as a child process, so its memory and CPU time are measured on their own, and imports the folder
 * through PhotosService.ingestFile, IMPORT_CONCURRENCY files at a time, exactly as `npm run import` does. It waits
 * until every accepted photo is processed or failed, prints the figures and removes everything it made (database,
 * files, queues) unless --keep.
 *
 * End to end runs from the first upload to the last photo processed; uploads overlap processing, as when a
 * photographer imports a card while the worker runs. "Processing only" runs from the first job the worker took to
 * the last photo processed; with --upload-first the worker starts only once every photo is uploaded, so that figure
 * excludes the upload entirely. The worker's settings come from the environment as in production
 * (PIPELINE_CONCURRENCY — or --concurrency —, BIB_READER_THREADS, BIB_READER_LONG_EDGE, FACE_INDEXER...).
 * Per-stage figures come from the Bull jobs (created, started and finished times). The last line is
 * machine-readable and always has the same shape.
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bull';
import { EventStatus, PhotoStatus, Role } from '@focus-racer/api-types';
import type { Job, Queue } from 'bull';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { PHOTO_STAGES, QUEUES } from '../backend/src/ai-pipeline/queues';
import { IMPORT_CONCURRENCY } from '../backend/src/cli/import-photos';
import { AuthUser } from '../backend/src/common/decorators/current-user.decorator';
import { CoreModule } from '../backend/src/core.module';
import { buildTypeOrmOptions } from '../backend/src/database/typeorm-options';
import { RaceEvent } from '../backend/src/events/entities/event.entity';
import { Photo } from '../backend/src/photos/entities/photo.entity';
import { PhotosModule } from '../backend/src/photos/photos.module';
import { PhotosService } from '../backend/src/photos/photos.service';
import { QueuesModule } from '../backend/src/queues.module';
import { RedisModule } from '../backend/src/redis/redis.module';
import { StorageModule } from '../backend/src/storage/storage.module';
import { User } from '../backend/src/users/entities/user.entity';

@Module({ imports: [CoreModule.forRoot({ LOG_LEVEL: 'warn' }), RedisModule, QueuesModule, StorageModule, PhotosModule] })
class BenchIngestModule {}

const USAGE = 'Usage: npm run bench:pipeline -- <folder> [--limit N] [--concurrency C] [--upload-first] [--keep]';
const PHOTO_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp']);
const WORKER_READY_TIMEOUT_MS = 180_000;
/** Without progress for this long the run is declared stuck (a stage retrying with backoff, a dead worker). */
const STALL_TIMEOUT_MS = 300_000;

interface Args {
  folder: string;
  limit?: number;
  concurrency?: number;
  uploadFirst: boolean;
  keep: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { folder: '', uploadFirst: false, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--limit') args.limit = positiveInteger(arg, argv[++i]);
    else if (arg === '--concurrency') args.concurrency = positiveInteger(arg, argv[++i]);
    else if (arg === '--upload-first') args.uploadFirst = true;
    else if (arg === '--keep') args.keep = true;
    else if (!arg.startsWith('--') && !args.folder) args.folder = arg;
    else throw new Error(`Unknown argument ${arg}. ${USAGE}`);
  }
  if (!args.folder) throw new Error(USAGE);
  return args;
}

function positiveInteger(flag: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${flag} takes a whole number from 1`);
  return number;
}

async function listPhotos(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && PHOTO_EXTENSIONS.has(extname(entry.name).toLowerCase()))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A database of its own, migrated like production, dropped at the end (WITH (FORCE): a killed worker's sessions do not block it). */
async function createBenchDatabase(baseUrl: string): Promise<{ url: string; dataSource: DataSource; drop: () => Promise<void> }> {
  const name = `focus_racer_bench_${randomBytes(5).toString('hex')}`;
  const admin = new URL(baseUrl);
  admin.pathname = '/postgres';
  const onAdmin = async (sql: string) => {
    const client = new DataSource({ type: 'postgres', url: admin.toString(), poolSize: 1 });
    await client.initialize();
    try {
      await client.query(sql);
    } finally {
      await client.destroy();
    }
  };
  await onAdmin(`CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const dataSource = new DataSource(buildTypeOrmOptions(url.toString()));
  const drop = async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await onAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
  return { url: url.toString(), dataSource, drop };
}

/** The product's worker, as `npm start` runs it but from the sources (ts-node), with its logs in a file. */
class WorkerProcess {
  readonly child: ChildProcess;
  private peakRssKb = 0;
  private readonly sampler: NodeJS.Timeout;
  private readonly exited: Promise<number | null>;

  constructor(env: NodeJS.ProcessEnv, readonly logFile: string) {
    // The child writes its logs straight into the file: nothing of them goes through this process.
    const log = openSync(logFile, 'a');
    this.child = spawn(process.execPath, ['-r', 'ts-node/register', 'backend/src/worker.ts'], {
      env: { ...env, TS_NODE_PROJECT: 'backend/tsconfig.scripts.json', LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.exited = new Promise((done) => this.child.once('exit', (code) => done(code)));
    // VmHWM (read at the end) is the kernel's own peak; sampling VmRSS is the fallback if the process is gone.
    this.sampler = setInterval(() => (this.peakRssKb = Math.max(this.peakRssKb, procStatusKb(this.child.pid, 'VmRSS'))), 250);
  }

  async ready(): Promise<void> {
    const deadline = Date.now() + WORKER_READY_TIMEOUT_MS;
    for (;;) {
      if (readFileSync(this.logFile, 'utf8').includes('worker started')) return;
      if (this.child.exitCode !== null) throw new Error(`The worker exited (${this.child.exitCode}):\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`The worker did not start within ${WORKER_READY_TIMEOUT_MS / 1000} s:\n${this.tail()}`);
      await sleep(200);
    }
  }

  /** Peak resident memory so far, MB. */
  peakRssMb(): number {
    this.peakRssKb = Math.max(this.peakRssKb, procStatusKb(this.child.pid, 'VmHWM'));
    return this.peakRssKb / 1024;
  }

  /** User + system CPU seconds the worker has used (Linux /proc; 0 elsewhere). */
  cpuSeconds(): number {
    try {
      const fields = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
    } catch {
      return 0;
    }
  }

  tail(lines = 20): string {
    return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  }

  async stop(): Promise<void> {
    clearInterval(this.sampler);
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const killed = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(killed);
  }
}

function procStatusKb(pid: number | undefined, field: string): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const rate = (count: number, ms: number) => (ms > 0 ? (count / (ms / 1000)).toFixed(2) : 'nan');
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

interface StageFigures {
  stage: string;
  jobs: number;
  meanRunMs: number;
  meanWaitMs: number;
  spanMs: number;
  busyMs: number;
  firstStartedAt: number;
}

/** From the Bull jobs of one stage: how long each ran and waited, and over which span the stage was active. */
function stageFigures(stage: string, jobs: Job[]): StageFigures {
  const done = jobs.filter((job) => job.processedOn && job.finishedOn);
  const run = done.map((job) => (job.finishedOn as number) - (job.processedOn as number));
  // A delayed stage (linking's debounce) counts its wait from when it became runnable.
  const wait = done.map((job) => (job.processedOn as number) - (job.timestamp + (job.opts.delay ?? 0)));
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const first = Math.min(...done.map((job) => job.processedOn as number));
  const last = Math.max(...done.map((job) => job.finishedOn as number));
  return {
    stage,
    jobs: done.length,
    meanRunMs: done.length ? sum(run) / done.length : NaN,
    meanWaitMs: done.length ? sum(wait) / done.length : NaN,
    spanMs: done.length ? last - first : NaN,
    busyMs: sum(run),
    firstStartedAt: first,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const folder = resolve(args.folder);
  if (!(await stat(folder).catch(() => null))?.isDirectory()) throw new Error(`${folder} is not a folder. ${USAGE}`);
  const files = (await listPhotos(folder)).slice(0, args.limit);
  if (files.length === 0) throw new Error(`No JPEG, PNG or WebP photos in ${folder}.`);

  const cleanups: Array<() => Promise<unknown>> = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse().splice(0)) await cleanup().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

  try {
    const root = await mkdtemp(join(tmpdir(), 'focus-racer-bench-'));
    if (!args.keep) cleanups.push(() => rm(root, { recursive: true, force: true }));
    const db = await createBenchDatabase(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/focus_racer');
    if (!args.keep) cleanups.push(db.drop);
    else cleanups.push(async () => {
      await db.dataSource.destroy();
      console.log(`kept: database ${db.url}, files under ${root}, Redis prefix ${process.env['REDIS_PREFIX']}`);
    });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      // Production refuses to start without them; nothing the bench runs signs a token.
      JWT_ACCESS_SECRET: process.env['JWT_ACCESS_SECRET'] ?? randomBytes(32).toString('hex'),
      JWT_REFRESH_SECRET: process.env['JWT_REFRESH_SECRET'] ?? randomBytes(32).toString('hex'),
      DATABASE_URL: db.url,
      STORAGE_ROOT: join(root, 'storage'),
      OUTBOX_DIR: join(root, 'outbox'),
      REDIS_PREFIX: `focus-racer-bench-${randomBytes(4).toString('hex')}`,
      ...(args.concurrency ? { PIPELINE_CONCURRENCY: String(args.concurrency) } : {}),
    };
    // The S3 settings of a developer's shell would send the bench's files to a real bucket.
    for (const name of ['S3_BUCKET', 'S3_ENDPOINT']) delete env[name];
    Object.assign(process.env, env);
    for (const name of ['S3_BUCKET', 'S3_ENDPOINT']) delete process.env[name];

    // abortOnError false: a start-up error reaches the clean-up below instead of ending the process there.
    const app = await NestFactory.createApplicationContext(BenchIngestModule, { logger: ['error', 'warn'], abortOnError: false });
    cleanups.push(async () => {
      if (!args.keep) {
        await Promise.all(Object.values(QUEUES).map((name) => app.get<Queue>(getQueueToken(name)).obliterate({ force: true }).catch(() => undefined)));
      }
      await app.close();
    });
    const users = db.dataSource.getRepository(User);
    const account = await users.save(
      users.create({
        email: `bench-${randomBytes(4).toString('hex')}@bench.focusracer.local`,
        passwordHash: 'not-a-login',
        role: Role.PHOTOGRAPHER,
        displayName: 'Bench photographer',
        creditBalance: files.length + 10,
      }),
    );
    const events = db.dataSource.getRepository(RaceEvent);
    const event = await events.save(
      events.create({
        name: 'Pipeline bench',
        slug: `pipeline-bench-${randomBytes(4).toString('hex')}`,
        date: new Date().toISOString().slice(0, 10),
        location: 'Bench',
        sport: 'running',
        status: EventStatus.DRAFT,
        ownerId: account.id,
        watermarkText: 'Focus Racer bench',
      }),
    );
    const user: AuthUser = { id: account.id, email: account.email, role: account.role };
    const photos = app.get(PhotosService);

    console.log(
      `bench:pipeline — ${files.length} photos from ${folder}; ${cpus().length} CPUs, load ${load()}; ` +
        `PIPELINE_CONCURRENCY ${env['PIPELINE_CONCURRENCY'] ?? '(default)'}, BIB_READER ${env['BIB_READER'] ?? '(default)'}, ` +
        `BIB_READER_THREADS ${env['BIB_READER_THREADS'] ?? '(default)'}, FACE_INDEXER ${env['FACE_INDEXER'] ?? '(default)'}`,
    );

    const worker = new WorkerProcess(env, join(root, 'worker.log'));
    cleanups.push(() => worker.stop());
    // CPU the worker spent starting (compiling the sources, connecting) is not the photos' cost.
    let workerStartupCpu = 0;
    const startWorker = async () => {
      const t0 = Date.now();
      await worker.ready();
      workerStartupCpu = worker.cpuSeconds();
      console.log(`worker ready in ${seconds(Date.now() - t0)} s (pid ${worker.child.pid}, ${workerStartupCpu.toFixed(1)} CPU s to start)`);
    };
    if (!args.uploadFirst) await startWorker();

    // The import: the same service call and the same parallelism as `npm run import`.
    const uploadStarted = Date.now();
    const rejected: string[] = [];
    let next = 0;
    const importNext = async (): Promise<void> => {
      for (let index = next++; index < files.length; index = next++) {
        const file = files[index];
        const result = await photos.ingestFile(user, event, { filename: relative(folder, file), stream: createReadStream(file) });
        if (result.status !== 'accepted') rejected.push(`${relative(folder, file)}: ${result.reason}`);
      }
    };
    await Promise.all(Array.from({ length: IMPORT_CONCURRENCY }, importNext));
    const uploadMs = Date.now() - uploadStarted;
    const accepted = files.length - rejected.length;
    console.log(`uploaded ${accepted} photos in ${seconds(uploadMs)} s (${rate(accepted, uploadMs)} photos/s); ${rejected.length} refused`);
    for (const line of rejected.slice(0, 10)) console.log(`  refused ${line}`);
    if (args.uploadFirst) await startWorker();

    // Until every accepted photo is processed or failed.
    const photoRows = db.dataSource.getRepository(Photo);
    let lastDone = -1;
    let lastProgress = Date.now();
    for (;;) {
      const counts = (await photoRows
        .createQueryBuilder('photo')
        .select('photo.status', 'status')
        .addSelect('count(*)::int', 'count')
        .where('photo.event_id = :eventId', { eventId: event.id })
        .groupBy('photo.status')
        .getRawMany()) as Array<{ status: PhotoStatus; count: number }>;
      const of = (status: PhotoStatus) => counts.find((row) => row.status === status)?.count ?? 0;
      const done = of(PhotoStatus.PROCESSED) + of(PhotoStatus.FAILED);
      if (done !== lastDone) {
        process.stderr.write(`\r  ${done}/${accepted} photos processed or failed (${seconds(Date.now() - uploadStarted)} s, load ${load()})`);
        lastDone = done;
        lastProgress = Date.now();
      }
      if (done >= accepted) break;
      if (worker.child.exitCode !== null) throw new Error(`The worker exited (${worker.child.exitCode}):\n${worker.tail()}`);
      if (Date.now() - lastProgress > STALL_TIMEOUT_MS) throw new Error(`No progress for ${STALL_TIMEOUT_MS / 1000} s:\n${worker.tail()}`);
      await sleep(250);
    }
    process.stderr.write('\n');
    const workerCpu = worker.cpuSeconds() - workerStartupCpu;
    const workerPeakMb = worker.peakRssMb();

    const rows = await photoRows.find({ select: { id: true, status: true, processingError: true, stageTimestamps: true, updatedAt: true }, where: { eventId: event.id } });
    const finishedAt = (photo: Photo) => Math.max(photo.updatedAt.getTime(), ...Object.values(photo.stageTimestamps).map((at) => new Date(at as string).getTime()));
    const lastProcessed = Math.max(...rows.map(finishedAt));
    const failed = rows.filter((photo) => photo.status === PhotoStatus.FAILED);

    const stages: StageFigures[] = [];
    for (const { stage, queue } of PHOTO_STAGES) {
      const jobs = await app.get<Queue>(getQueueToken(queue)).getCompleted(0, -1);
      if (jobs.length > 0) stages.push(stageFigures(stage, jobs));
    }
    const firstJobStarted = Math.min(...stages.map((figures) => figures.firstStartedAt));
    const endToEndMs = lastProcessed - uploadStarted;
    const processingMs = lastProcessed - firstJobStarted;

    console.log(`\nstage          jobs   mean run s   mean wait s   active span s   jobs/s over span   busy (run s / span s)`);
    for (const figures of stages) {
      console.log(
        `${figures.stage.padEnd(14)} ${String(figures.jobs).padStart(4)}   ${(figures.meanRunMs / 1000).toFixed(3).padStart(10)}   ` +
          `${(figures.meanWaitMs / 1000).toFixed(3).padStart(11)}   ${seconds(figures.spanMs).padStart(13)}   ` +
          `${rate(figures.jobs, figures.spanMs).padStart(16)}   ${(figures.busyMs / figures.spanMs).toFixed(2).padStart(21)}`,
      );
      if (figures.jobs < accepted) console.log(`  (${figures.jobs} completed jobs for ${accepted} photos: a linking pass serves several photos; Bull keeps the last 1000)`);
    }
    console.log(
      `\nend to end: ${accepted} photos in ${seconds(endToEndMs)} s = ${rate(accepted, endToEndMs)} photos/s ` +
        `(first upload → last photo processed${args.uploadFirst ? ', worker start included' : ''})`,
    );
    console.log(
      `processing only: ${seconds(processingMs)} s = ${rate(accepted, processingMs)} photos/s ` +
        `(first job started → last photo processed${args.uploadFirst ? '; uploads done before the worker started' : '; uploads overlapped'})`,
    );
    console.log(
      `worker: ${workerCpu.toFixed(1)} CPU s after start = ${(workerCpu / accepted).toFixed(2)} CPU s/photo, ` +
        `${(workerCpu / (processingMs / 1000)).toFixed(2)} cores busy on average; peak RSS ${workerPeakMb.toFixed(0)} MB`,
    );
    const benchCpu = process.cpuUsage();
    console.log(
      `bench process (upload side): ${((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)} CPU s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; ` +
        `${cpus().length} CPUs, load now ${load()}`,
    );
    console.log(`failures: ${failed.length}`);
    for (const photo of failed.slice(0, 10)) console.log(`  ${photo.id}: ${photo.processingError}`);
    console.log(
      `pipeline: photos=${accepted} failed=${failed.length} seconds=${seconds(endToEndMs)} photos_per_s=${rate(accepted, endToEndMs)} ` +
        `processing_photos_per_s=${rate(accepted, processingMs)} worker_cpu_s_per_photo=${(workerCpu / accepted).toFixed(2)} ` +
        `peak_rss_mb=${workerPeakMb.toFixed(0)} cpus=${cpus().length} load1=${loadavg()[0].toFixed(2)}`,
    );
  } finally {
    await cleanUp();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    process.exit(1);
  },
);
