import { AuthResponse, EventDto, EventProgressCounters, PhotoStageProgress, PhotoStatus, PhotoUploadResult, Role, UploadBatchDto } from '@focus-racer/api-types';
import { getQueueToken } from '@nestjs/bull';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Queue } from 'bull';
import Redis from 'ioredis';
import { get, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { photoProgressChannel } from '../src/ai-pipeline/photo-progress.publisher';
import { PhotoStageRunner } from '../src/ai-pipeline/processors/photo-stage.runner';
import { QUEUES } from '../src/ai-pipeline/queues';
import { BIB_READER, BibReader } from '../src/ai-pipeline/recognition/bib-reader';
import { RedisConfig } from '../src/config/redis.config';
import { Photo } from '../src/photos/entities/photo.entity';
import { User } from '../src/users/entities/user.entity';
import { WorkerModule } from '../src/worker.module';
import { photoFixtures } from './photo-fixtures';
import { bearer, createTestApp, register, TestApp } from './test-app';

jest.setTimeout(120_000);

interface SseMessage {
  event: string;
  data: unknown;
}

/** A progress stream opened the way a browser would, over a real socket; collects the messages as they come. */
class ProgressStream {
  readonly messages: SseMessage[] = [];
  private buffer = '';
  constructor(
    readonly request: ReturnType<typeof get>,
    readonly response: IncomingMessage,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\n\n')) >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const lines = block.split('\n').filter((line) => !line.startsWith(':'));
        const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
        const data = lines.find((line) => line.startsWith('data: '))?.slice(6);
        if (event && data) this.messages.push({ event, data: JSON.parse(data) });
      }
    });
  }

  photo(): PhotoStageProgress[] {
    return this.messages.filter((message) => message.event === 'photo').map((message) => message.data as PhotoStageProgress);
  }

  counters(): EventProgressCounters[] {
    return this.messages.filter((message) => message.event === 'counters').map((message) => message.data as EventProgressCounters);
  }

  close(): void {
    this.request.destroy();
  }
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('live progress of an event (SSE over Redis pub/sub from an in-process worker) and reprocessing an event', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let redis: Redis;
  let port: number;
  let alice: AuthResponse;
  let event: EventDto;
  let channel: string;
  const photos = () => t.db.dataSource.getRepository(Photo);

  function open(path: string, headers: Record<string, string>): Promise<ProgressStream> {
    return new Promise((resolve, reject) => {
      const request = get({ host: '127.0.0.1', port, path, headers }, (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new Error(`HTTP ${response.statusCode}`));
          return;
        }
        resolve(new ProgressStream(request, response));
      });
      request.on('error', reject);
    });
  }

  const subscribers = async () => ((await redis.pubsub('NUMSUB', channel)) as [string, number])[1];

  beforeAll(async () => {
    t = await createTestApp({ PIPELINE_CONCURRENCY: '2', LINKING_DEBOUNCE_MS: '200' });
    // No OCR here: what is under test is the progress, not the reading (photo-pipeline.int-spec runs the real reader).
    const reader: BibReader = { provider: 'none', read: async () => [] };
    worker = await (await Test.createTestingModule({ imports: [WorkerModule] }).overrideProvider(BIB_READER).useValue(reader).compile()).init();
    const server = t.app.getHttpServer() as import('node:http').Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    const config = t.app.get(RedisConfig);
    redis = new Redis(config.url);
    alice = await register(t, Role.PHOTOGRAPHER);
    await t.db.dataSource.getRepository(User).update(alice.user.id, { creditBalance: 10 });
    event = (await t.http().post('/api/events').set(...bearer(alice)).send({ name: 'Semi de Nantes', date: '2026-04-12', location: 'Nantes', sport: 'running' }).expect(201)).body as EventDto;
    channel = photoProgressChannel(config.prefix, event.id);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(Object.values(QUEUES).map((name) => worker?.get<Queue>(getQueueToken(name)).obliterate({ force: true }).catch(() => undefined)));
    await worker?.close();
    redis?.disconnect();
    await t?.close();
  });

  it('streams the counters, each stage of each uploaded photo, refreshed counters, and unsubscribes on disconnect', async () => {
    const stranger = await register(t, Role.PHOTOGRAPHER);
    await expect(open(`/api/events/${event.id}/progress`, { Authorization: bearer(stranger)[1] })).rejects.toThrow('HTTP 404');
    await expect(open(`/api/events/${event.id}/progress`, {})).rejects.toThrow('HTTP 401');

    const stream = await open(`/api/events/${event.id}/progress`, { Authorization: bearer(alice)[1] });
    expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);
    await until(() => stream.counters().length > 0, 'the first counters');
    expect(stream.messages[0]).toEqual({
      event: 'counters',
      data: { uploaded: 0, processed: 0, withBibs: 0, linkedByFace: 0, duplicates: 0, blurry: 0, failed: 0, processing: 0 },
    });
    expect(await subscribers()).toBe(1);

    // One photo in an upload batch, one outside: each frame says which batch its photo came in (the batch timeline).
    const batch = (await t.http().post(`/api/events/${event.id}/upload-batches`).set(...bearer(alice)).send({ expectedFiles: 1 }).expect(201)).body as UploadBatchDto;
    const inBatch = await t.http().post(`/api/events/${event.id}/photos?batchId=${batch.id}`).set(...bearer(alice))
      .field('key', 'a.jpg|1').attach('files', await photoFixtures.jpeg(71), 'a.jpg').expect(201);
    const outside = await t.http().post(`/api/events/${event.id}/photos`).set(...bearer(alice)).attach('files', await photoFixtures.jpeg(72), 'b.jpg').expect(201);
    const ids = [inBatch, outside].map((res) => (res.body as PhotoUploadResult).files[0].photoId as string);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    const batchOf = (id: string) => (id === ids[0] ? batch.id : null);

    await until(() => stream.counters().some((counters) => counters.processed === 2), 'counters with both photos processed');
    // Quality, bibs (and faces, once registered) run side by side after derivatives, in any order; linking joins them.
    const sideBySide = worker.get(PhotoStageRunner).prerequisites('linking');
    expect(sideBySide).toEqual(expect.arrayContaining(['quality', 'bibs']));
    for (const id of ids) {
      const stages = stream.photo().filter((progress) => progress.photoId === id);
      expect(stages.slice(0, 2)).toEqual([
        { photoId: id, batchId: batchOf(id), stage: 'normalise', status: PhotoStatus.PROCESSING },
        { photoId: id, batchId: batchOf(id), stage: 'derivatives', status: PhotoStatus.PROCESSING },
      ]);
      expect(stages.slice(2, -1)).toEqual(expect.arrayContaining(sideBySide.map((stage) => ({ photoId: id, batchId: batchOf(id), stage, status: PhotoStatus.PROCESSING }))));
      expect(stages.slice(2, -1)).toHaveLength(sideBySide.length);
      expect(stages.at(-1)).toEqual({ photoId: id, batchId: batchOf(id), stage: 'linking', status: PhotoStatus.PROCESSED });
    }
    expect(stream.counters().at(-1)).toEqual({ uploaded: 2, processed: 2, withBibs: 0, linkedByFace: 0, duplicates: 0, blurry: 0, failed: 0, processing: 0 });

    stream.close();
    await until(async () => (await subscribers()) === 0, 'the subscription to be dropped', 10_000);
  });

  it('accepts the token as ?access_token= on an event-stream request (EventSource cannot send headers), and only there', async () => {
    const token = encodeURIComponent(alice.accessToken);
    await t.http().get(`/api/events/${event.id}/photos?access_token=${token}`).expect(401);
    const stream = await open(`/api/events/${event.id}/progress?access_token=${token}`, { Accept: 'text/event-stream' });
    await until(() => stream.counters().length > 0, 'the first counters');
    expect(stream.counters()[0]).toMatchObject({ uploaded: 2, processed: 2 });
    stream.close();
    await until(async () => (await subscribers()) === 0, 'the subscription to be dropped', 10_000);
  });

  it('POST /api/events/:id/reprocess queues the failed photos again (all of them with ?all=true), for the owner only', async () => {
    const [failed] = await photos().find({ where: { eventId: event.id }, order: { originalFilename: 'ASC' } });
    await photos().update(failed.id, { status: PhotoStatus.FAILED, processingError: 'normalise: The original is unreadable' });
    const stranger = await register(t, Role.PHOTOGRAPHER);
    await t.http().post(`/api/events/${event.id}/reprocess`).set(...bearer(stranger)).expect(404);
    await t.http().post(`/api/events/${event.id}/reprocess?all=maybe`).set(...bearer(alice)).expect(400);

    const stream = await open(`/api/events/${event.id}/progress`, { Authorization: bearer(alice)[1] });
    await until(() => stream.counters().length > 0, 'the first counters');
    expect(stream.counters()[0]).toMatchObject({ processed: 1, failed: 1 });
    const res = await t.http().post(`/api/events/${event.id}/reprocess`).set(...bearer(alice)).expect(202);
    expect(res.body).toEqual({ queued: 1 });
    await until(() => stream.counters().some((counters) => counters.processed === 2 && counters.failed === 0), 'the failed photo processed again');
    expect(new Set(stream.photo().map((progress) => progress.photoId))).toEqual(new Set([failed.id]));
    expect(await photos().findOneByOrFail({ id: failed.id })).toMatchObject({ status: PhotoStatus.PROCESSED, processingError: null });

    expect((await t.http().post(`/api/events/${event.id}/reprocess`).set(...bearer(alice)).expect(202)).body).toEqual({ queued: 0 });
    expect((await t.http().post(`/api/events/${event.id}/reprocess?all=true`).set(...bearer(alice)).expect(202)).body).toEqual({ queued: 2 });
    await until(() => stream.photo().filter((progress) => progress.status === PhotoStatus.PROCESSED).length === 3, 'both photos processed again');
    stream.close();
  });
});
