import { PhotoUploadFileResult, PhotoUploadResult } from '@focus-racer/api-types';
import { QueueItem, QueueOptions, QueueSnapshot, UploadPart, UploadQueue, UploadTransport, UploadTransportError } from './upload-queue';

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

const item = (n: number, size = 100): QueueItem => ({ key: `Race/IMG_${n}.JPG|${size}|1`, name: `IMG_${n}.JPG`, file: new File([new Uint8Array(size)], `IMG_${n}.JPG`) });

interface Call {
  parts: readonly UploadPart[];
  signal: AbortSignal;
  resolve(result: PhotoUploadResult): void;
  reject(error: unknown): void;
}

/** A server whose answers the test gives one request at a time; by default it stores every file once. */
class FakeServer implements UploadTransport {
  readonly calls: Call[] = [];
  readonly stored = new Set<string>();
  creditBalance = 1000;

  send(parts: readonly UploadPart[], signal: AbortSignal): Promise<PhotoUploadResult> {
    return new Promise<PhotoUploadResult>((resolve, reject) => this.calls.push({ parts, signal, resolve, reject }));
  }

  get open(): Call[] {
    return this.calls.filter((call) => !(call as { settled?: boolean }).settled);
  }

  /** Answers the oldest open request: accepted, or alreadyReceived for a key stored before. */
  answer(index = 0, override: (part: UploadPart) => PhotoUploadFileResult | null = () => null): void {
    const call = this.take(index);
    const files = call.parts.map((part) => {
      const forced = override(part);
      if (forced) return forced;
      const already = this.stored.has(part.key);
      this.stored.add(part.key);
      return { filename: part.name, status: 'accepted' as const, photoId: `photo-${part.key}`, clientKey: part.key, ...(already ? { alreadyReceived: true } : {}) };
    });
    const accepted = files.filter((file) => file.status === 'accepted').length;
    call.resolve({ batchId: 'b1', files, accepted, rejected: files.length - accepted, creditBalance: this.creditBalance });
  }

  /** The server stored the files, but the answer never came back (the connection dropped). */
  storeThenDrop(index = 0): void {
    const call = this.take(index);
    for (const part of call.parts) this.stored.add(part.key);
    call.reject(new UploadTransportError({ kind: 'network' }));
  }

  fail(error: UploadTransportError, index = 0): void {
    this.take(index).reject(error);
  }

  private take(index: number): Call {
    const call = this.open[index];
    if (!call) throw new Error(`no open request #${index}`);
    (call as { settled?: boolean }).settled = true;
    return call;
  }
}

/** Timers the test fires by hand. */
class ManualTimers {
  readonly pending: { ms: number; run: () => void; cancelled: boolean }[] = [];
  set = (run: () => void, ms: number) => {
    const timer = { ms, run, cancelled: false };
    this.pending.push(timer);
    return () => (timer.cancelled = true);
  };
  get waiting() {
    return this.pending.filter((timer) => !timer.cancelled);
  }
  fireAll(): void {
    const due = this.waiting;
    this.pending.length = 0;
    for (const timer of due) timer.run();
  }
}

function setUp(count: number, options: Partial<QueueOptions> = {}, compress: (file: File) => Promise<Blob> = (file) => Promise.resolve(file)) {
  const server = new FakeServer();
  const timers = new ManualTimers();
  const answered: { key: string; result: PhotoUploadFileResult }[] = [];
  const states: QueueSnapshot[] = [];
  const items = Array.from({ length: count }, (_, i) => item(i + 1));
  const queue = new UploadQueue(
    items,
    compress,
    server,
    { answered: (it, result) => answered.push({ key: it.key, result }), changed: (state) => states.push(state) },
    { parallelRequests: 3, maxFilesPerRequest: 1, targetRequestBytes: 1, readyAhead: 2, compressParallel: 2, retryBaseMs: 1000, retryMaxMs: 8000, random: () => 1, setTimer: timers.set, ...options },
  );
  return { queue, server, timers, answered, states, items };
}

describe('UploadQueue', () => {
  it('keeps 3 requests on the wire, no more, and answers every file exactly once', async () => {
    const { queue, server, answered } = setUp(8);
    queue.start();
    await flush();
    expect(server.open).toHaveLength(3);
    let maxOpen = 0;
    while (server.open.length > 0) {
      maxOpen = Math.max(maxOpen, server.open.length);
      server.answer();
      await flush();
    }
    expect(maxOpen).toBe(3);
    expect(answered.map((a) => a.key).sort()).toEqual(Array.from({ length: 8 }, (_, i) => item(i + 1).key).sort());
    expect(queue.snapshot).toMatchObject({ status: 'done', total: 8, answered: 8, accepted: 8, rejected: 0, sending: 0 });
  });

  it('puts ready files together in one request up to the file and byte limits, key before file', async () => {
    const { queue, server } = setUp(6, { parallelRequests: 1, maxFilesPerRequest: 4, targetRequestBytes: 250, readyAhead: 6, compressParallel: 6 });
    queue.start();
    await flush();
    // The first request left with what was ready at that moment; the rest waited for it to come back.
    server.answer();
    await flush();
    const sizes = server.calls.map((call) => call.parts.length);
    expect(sizes[1]).toBe(3); // 100 + 100 + 100 bytes: the third took it past 250
    expect(server.calls[1]?.parts.map((part) => part.name)).toEqual(['IMG_2.JPG', 'IMG_3.JPG', 'IMG_4.JPG']);
  });

  it('never holds the whole batch: files are reduced only a few ahead of the upload', async () => {
    let reduced = 0;
    const { queue, server } = setUp(100, { readyAhead: 2, maxFilesPerRequest: 1 }, (file) => {
      reduced++;
      return Promise.resolve(file);
    });
    queue.start();
    await flush();
    // 3 on the wire + at most readyAhead + one request's worth waiting.
    expect(reduced).toBe(3 + 2 + 1);
    expect(queue.snapshot.compressed).toBe(reduced);
    server.answer();
    await flush();
    expect(reduced).toBe(1 + 3 + 2 + 1);
  });

  it('retries a request that got no answer with exponential backoff, and counts files the server had stored as done', async () => {
    const { queue, server, timers, answered } = setUp(2, { parallelRequests: 1 });
    queue.start();
    await flush();
    server.storeThenDrop(); // IMG_1 stored, answer lost
    await flush();
    expect(queue.snapshot).toMatchObject({ status: 'retrying', retryInMs: 1000 });
    expect(server.open).toHaveLength(0);

    timers.fireAll();
    await flush();
    expect(server.open[0]?.parts.map((part) => part.name)).toEqual(['IMG_1.JPG']);
    server.fail(new UploadTransportError({ kind: 'server', status: 503 }));
    await flush();
    expect(queue.snapshot).toMatchObject({ status: 'retrying', retryInMs: 2000 });
    timers.fireAll();
    await flush();
    server.fail(new UploadTransportError({ kind: 'network' }));
    await flush();
    expect(queue.snapshot.retryInMs).toBe(4000);

    timers.fireAll();
    await flush();
    server.answer(); // the server: IMG_1 already received
    await flush();
    server.answer();
    await flush();
    expect(answered.map((a) => [a.key, a.result.alreadyReceived ?? false])).toEqual([
      [item(1).key, true],
      [item(2).key, false],
    ]);
    expect(queue.snapshot).toMatchObject({ status: 'done', accepted: 2, alreadyReceived: 1 });
    expect(server.stored.size).toBe(2);
  });

  it('caps the backoff and keeps at least half of it with jitter', async () => {
    const { queue, server, timers } = setUp(1, { parallelRequests: 1, random: () => 0 });
    queue.start();
    await flush();
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      server.fail(new UploadTransportError({ kind: 'network' }));
      await flush();
      waits.push(queue.snapshot.retryInMs ?? -1);
      timers.fireAll();
      await flush();
    }
    expect(waits).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
  });

  it('waits for the connection while offline, then goes on at once without waiting for the backoff', async () => {
    const { queue, server, timers } = setUp(4);
    queue.start();
    await flush();
    queue.setOnline(false);
    for (let i = 0; i < 3; i++) server.fail(new UploadTransportError({ kind: 'network' }));
    await flush();
    expect(queue.snapshot.status).toBe('offline');
    expect(server.open).toHaveLength(0);
    expect(timers.waiting).toHaveLength(0);

    queue.setOnline(true);
    await flush();
    expect(queue.snapshot.status).toBe('running');
    expect(server.open.map((call) => call.parts[0]?.name)).toEqual(['IMG_1.JPG', 'IMG_2.JPG', 'IMG_3.JPG']);
  });

  it('stops on 402 with the server message, sends nothing more, and goes on after resume()', async () => {
    const { queue, server, timers, answered } = setUp(5);
    queue.start();
    await flush();
    server.answer();
    server.fail(new UploadTransportError({ kind: 'credits', message: 'This upload needs 1 credit but you have 0: buy at least 1 more credit' }));
    await flush();
    expect(queue.snapshot).toMatchObject({ status: 'out-of-credits', message: 'This upload needs 1 credit but you have 0: buy at least 1 more credit' });
    // Requests already on the wire come back; nothing new leaves, not even after the timers.
    while (server.open.length > 0) {
      server.answer();
      await flush();
    }
    timers.fireAll();
    await flush();
    expect(server.open).toHaveLength(0);
    expect(answered).toHaveLength(3);
    expect(queue.snapshot.status).toBe('out-of-credits');

    queue.resume();
    await flush();
    while (server.open.length > 0) {
      server.answer();
      await flush();
    }
    expect(answered).toHaveLength(5);
    expect(queue.snapshot.status).toBe('done');
  });

  it('takes an "out of credits" rejection of a file as not sent: the queue stops and sends it again later', async () => {
    const { queue, server, answered } = setUp(1);
    queue.start();
    await flush();
    server.answer(0, (part) => ({
      filename: part.name,
      status: 'rejected',
      clientKey: part.key,
      reason: 'Not processed: you ran out of credits during this upload; buy more credits and upload it again',
    }));
    await flush();
    expect(queue.snapshot).toMatchObject({ status: 'out-of-credits', rejected: 0, answered: 0 });
    expect(answered).toHaveLength(0);
    queue.resume();
    await flush();
    server.answer();
    await flush();
    expect(queue.snapshot).toMatchObject({ status: 'done', accepted: 1 });
  });

  it('lists files the server refuses, with its reason, and finishes the batch', async () => {
    const { queue, server, answered } = setUp(2, { parallelRequests: 1 });
    queue.start();
    await flush();
    server.answer(0, (part) => ({ filename: part.name, status: 'rejected', clientKey: part.key, reason: 'Already uploaded to this event' }));
    await flush();
    server.answer();
    await flush();
    expect(answered.map((a) => a.result.reason ?? 'ok')).toEqual(['Already uploaded to this event', 'ok']);
    expect(queue.snapshot).toMatchObject({ status: 'done', accepted: 1, rejected: 1 });
  });

  it('stops for good on another refusal, and tries again only when asked', async () => {
    const { queue, server, timers } = setUp(1);
    queue.start();
    await flush();
    server.fail(new UploadTransportError({ kind: 'refused', status: 404, message: 'Event not found' }));
    await flush();
    timers.fireAll();
    await flush();
    expect(queue.snapshot).toMatchObject({ status: 'failed', message: 'Event not found' });
    expect(server.open).toHaveLength(0);
    queue.resume();
    await flush();
    expect(server.open).toHaveLength(1);
  });

  it('stop() aborts the requests on the wire and sends nothing more', async () => {
    const { queue, server } = setUp(6);
    queue.start();
    await flush();
    const signals = server.open.map((call) => call.signal);
    queue.stop();
    await flush();
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(queue.snapshot.status).toBe('stopped');
    expect(server.calls).toHaveLength(3);
  });

  it('sends the original when a reduction fails', async () => {
    const { queue, server } = setUp(1, {}, () => Promise.reject(new Error('decode failed')));
    queue.start();
    await flush();
    expect(server.open[0]?.parts[0]?.blob.size).toBe(100);
  });
});
