import { PhotoUploadFileResult, PhotoUploadResult } from '@focus-racer/api-types';

/**
 * The client side of a resumable upload batch, without Angular: files are reduced a few ahead of the upload (never
 * the whole batch in memory), grouped into requests, sent N requests at a time, retried with exponential backoff
 * on network errors and 5xx, paused while the browser is offline, and stopped on 402 until credits are bought.
 *
 * Exactly once: a file is in at most one request at a time and leaves the queue only with an answer (accepted,
 * `alreadyReceived` counts as accepted, or rejected with a reason). A request that failed without an answer goes
 * back to the front of the queue whole: the server answers `alreadyReceived` for the files it stored before the
 * connection dropped, and stores nor charges them again.
 */

export interface QueueItem {
  key: string;
  /** File name shown in the rejected list and sent as the part's file name. */
  name: string;
  file: File;
}

/** One file part of a request, preceded on the wire by its `key` field. */
export interface UploadPart {
  key: string;
  name: string;
  blob: Blob;
}

export type TransportFailure =
  /** No answer (offline, connection reset, proxy gone). */
  | { kind: 'network' }
  /** 5xx, 408, 429: the server may do better in a moment. */
  | { kind: 'server'; status: number }
  /** 402: not enough credits for the files of the request. */
  | { kind: 'credits'; message: string }
  /** Any other refusal (batch or event gone, session over): retrying will not help. */
  | { kind: 'refused'; status: number; message: string };

export class UploadTransportError extends Error {
  constructor(readonly failure: TransportFailure, message = failure.kind) {
    super(message);
    this.name = 'UploadTransportError';
  }
}

export interface UploadTransport {
  send(parts: readonly UploadPart[], signal: AbortSignal): Promise<PhotoUploadResult>;
}

export type QueueStatus =
  | 'idle'
  | 'running'
  /** The browser says it is offline: waiting for `online`. */
  | 'offline'
  /** A request failed without an answer: waiting `retryInMs` before trying again. */
  | 'retrying'
  | 'out-of-credits'
  /** Refused for good (message says why); `resume()` tries again. */
  | 'failed'
  | 'stopped'
  | 'done';

export interface QueueSnapshot {
  status: QueueStatus;
  total: number;
  /** Files ready to send (reduced, or the original when reduction is off or not needed). */
  compressed: number;
  /** Files with an answer: accepted + rejected. */
  answered: number;
  /** Stored in the batch, whether by this request or an earlier one (`alreadyReceived`). */
  accepted: number;
  alreadyReceived: number;
  rejected: number;
  /** Files in requests on the wire now. */
  sending: number;
  /** When status is retrying: the wait before the next try. */
  retryInMs: number | null;
  /** Why the queue stopped (out of credits, refused), in the server's words. */
  message: string | null;
}

export interface QueueListener {
  /** Each file's answer, exactly once per key. */
  answered?(item: QueueItem, result: PhotoUploadFileResult): void;
  changed?(snapshot: QueueSnapshot): void;
}

export interface QueueOptions {
  /** Requests on the wire at once. */
  parallelRequests: number;
  /** Most files in one request. */
  maxFilesPerRequest: number;
  /** A request takes more ready files only while it weighs less than this. */
  targetRequestBytes: number;
  /** Reduced files held ready beyond those being sent (bounds memory). */
  readyAhead: number;
  /** Parallel reductions. */
  compressParallel: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Timer seam for the specs. */
  setTimer(callback: () => void, ms: number): () => void;
  random(): number;
}

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = {
  parallelRequests: 3,
  maxFilesPerRequest: 4,
  targetRequestBytes: 6 * 1024 * 1024,
  readyAhead: 6,
  compressParallel: 2,
  retryBaseMs: 1_000,
  retryMaxMs: 30_000,
  setTimer: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    return () => clearTimeout(handle);
  },
  random: Math.random,
};

/** A per-file rejection that is not about the file: the balance ran out during the request. Sent again later. */
export function isOutOfCreditsRejection(result: PhotoUploadFileResult): boolean {
  return result.status === 'rejected' && /out of credits/i.test(result.reason ?? '');
}

interface Ready {
  item: QueueItem;
  blob: Blob;
  /** Position in the batch: files sent back to the queue keep their order. */
  seq: number;
}

export class UploadQueue {
  private readonly options: QueueOptions;
  private readonly waiting: QueueItem[];
  private readonly ready: Ready[] = [];
  private readonly requests = new Set<AbortController>();
  private readonly done = new Set<string>();
  private compressing = 0;
  private nextSeq = 0;
  private sendingFiles = 0;
  private attempt = 0;
  private cancelRetry: (() => void) | null = null;
  private online = true;
  private state: QueueSnapshot;

  constructor(
    items: readonly QueueItem[],
    private readonly compress: (file: File) => Promise<Blob>,
    private readonly transport: UploadTransport,
    private readonly listener: QueueListener = {},
    options: Partial<QueueOptions> = {},
  ) {
    this.options = { ...DEFAULT_QUEUE_OPTIONS, ...options };
    this.waiting = [...items];
    this.state = {
      status: 'idle',
      total: items.length,
      compressed: 0,
      answered: 0,
      accepted: 0,
      alreadyReceived: 0,
      rejected: 0,
      sending: 0,
      retryInMs: null,
      message: null,
    };
  }

  get snapshot(): QueueSnapshot {
    return this.state;
  }

  start(): void {
    if (this.state.status !== 'idle') return;
    this.set({ status: this.online ? 'running' : 'offline' });
    this.pump();
  }

  /** After buying credits, after a refusal, or "Retry now" while waiting: go on at once. */
  resume(): void {
    if (this.state.status === 'done' || this.state.status === 'stopped' || this.state.status === 'idle') return;
    this.clearRetry();
    this.attempt = 0;
    this.set({ status: this.online ? 'running' : 'offline', message: null, retryInMs: null });
    this.pump();
  }

  /** The browser's online/offline events. Back online, the queue goes on without waiting for the backoff. */
  setOnline(online: boolean): void {
    this.online = online;
    if (!online && (this.state.status === 'running' || this.state.status === 'retrying')) {
      this.clearRetry();
      this.set({ status: 'offline', retryInMs: null });
    } else if (online && this.state.status === 'offline') {
      this.attempt = 0;
      this.set({ status: 'running' });
      this.pump();
    }
  }

  /** Cancels the batch here: requests on the wire are aborted, nothing more is sent. */
  stop(): void {
    if (this.state.status === 'done') return;
    this.clearRetry();
    for (const request of this.requests) request.abort();
    this.requests.clear();
    this.ready.length = 0;
    this.waiting.length = 0;
    this.set({ status: 'stopped', sending: 0 });
  }

  private pump(): void {
    this.dispatch();
    this.compressAhead();
    this.finishIfDone();
  }

  private compressAhead(): void {
    if (this.state.status === 'stopped') return;
    // Enough for the next request and a few more: the rest of the batch stays as file handles, unread.
    const room = this.options.readyAhead + this.options.maxFilesPerRequest;
    while (this.waiting.length > 0 && this.compressing < this.options.compressParallel && this.ready.length + this.compressing < room) {
      const item = this.waiting.shift() as QueueItem;
      const seq = this.nextSeq++;
      this.compressing++;
      this.compress(item.file)
        .catch(() => item.file)
        .then((blob) => {
          this.compressing--;
          if (this.state.status === 'stopped') return;
          this.requeue([{ item, blob, seq }]);
          this.set({ compressed: this.state.compressed + 1 });
          this.pump();
        });
    }
  }

  private dispatch(): void {
    while (this.state.status === 'running' && this.requests.size < this.options.parallelRequests && this.ready.length > 0) {
      const group: Ready[] = [this.ready.shift() as Ready];
      let bytes = group[0]?.blob.size ?? 0;
      while (this.ready.length > 0 && group.length < this.options.maxFilesPerRequest && bytes < this.options.targetRequestBytes) {
        const next = this.ready.shift() as Ready;
        group.push(next);
        bytes += next.blob.size;
      }
      void this.send(group);
    }
  }

  private async send(group: Ready[]): Promise<void> {
    const controller = new AbortController();
    this.requests.add(controller);
    this.sendingFiles += group.length;
    this.set({ sending: this.sendingFiles });
    let result: PhotoUploadResult | null = null;
    let failure: TransportFailure | null = null;
    try {
      result = await this.transport.send(
        group.map(({ item, blob }) => ({ key: item.key, name: item.name, blob })),
        controller.signal,
      );
    } catch (error) {
      failure = error instanceof UploadTransportError ? error.failure : { kind: 'network' };
    }
    this.requests.delete(controller);
    if (controller.signal.aborted || this.state.status === 'stopped') return;
    this.sendingFiles -= group.length;
    this.set({ sending: this.sendingFiles });
    if (result) this.settle(group, result);
    else if (failure) this.fail(group, failure);
    this.pump();
  }

  /** Each file's answer, matched by key (by position for a server that does not echo keys). */
  private settle(group: Ready[], result: PhotoUploadResult): void {
    const byKey = new Map(result.files.filter((file) => file.clientKey).map((file) => [file.clientKey as string, file]));
    const unanswered: Ready[] = [];
    let outOfCredits = false;
    group.forEach((entry, index) => {
      const answer = byKey.get(entry.item.key) ?? (byKey.size === 0 ? result.files[index] : undefined);
      if (!answer) unanswered.push(entry);
      else if (isOutOfCreditsRejection(answer)) {
        outOfCredits = true;
        unanswered.push(entry);
      } else this.answer(entry.item, answer);
    });
    this.requeue(unanswered);
    this.attempt = 0;
    if (outOfCredits) this.stopFor('out-of-credits', `You ran out of credits during this upload (balance ${result.creditBalance}).`);
    else if (this.state.status === 'retrying') this.resume();
  }

  private answer(item: QueueItem, result: PhotoUploadFileResult): void {
    if (this.done.has(item.key)) return;
    this.done.add(item.key);
    const accepted = result.status === 'accepted';
    this.set({
      answered: this.state.answered + 1,
      accepted: this.state.accepted + (accepted ? 1 : 0),
      alreadyReceived: this.state.alreadyReceived + (accepted && result.alreadyReceived ? 1 : 0),
      rejected: this.state.rejected + (accepted ? 0 : 1),
    });
    this.listener.answered?.(item, result);
  }

  private fail(group: Ready[], failure: TransportFailure): void {
    this.requeue(group);
    switch (failure.kind) {
      case 'credits':
        this.stopFor('out-of-credits', failure.message);
        return;
      case 'refused':
        this.stopFor('failed', failure.message);
        return;
      default:
        if (!this.online) {
          this.set({ status: 'offline' });
          return;
        }
        if (this.state.status !== 'running') return; // another request already scheduled the retry
        this.attempt++;
        this.scheduleRetry();
    }
  }

  /** Back into the ready files, in batch order (a failed request's files go before those reduced since). */
  private requeue(entries: Ready[]): void {
    if (entries.length === 0) return;
    this.ready.push(...entries);
    this.ready.sort((a, b) => a.seq - b.seq);
  }

  private scheduleRetry(): void {
    const exponential = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** (this.attempt - 1));
    // Full jitter would retry at once half the time; keep at least half the delay.
    const wait = Math.round(exponential * (0.5 + this.options.random() / 2));
    this.set({ status: 'retrying', retryInMs: wait });
    this.cancelRetry = this.options.setTimer(() => {
      this.cancelRetry = null;
      if (this.state.status !== 'retrying') return;
      this.set({ status: 'running', retryInMs: null });
      this.pump();
    }, wait);
  }

  private stopFor(status: 'out-of-credits' | 'failed', message: string): void {
    this.clearRetry();
    this.set({ status, message, retryInMs: null });
  }

  private clearRetry(): void {
    this.cancelRetry?.();
    this.cancelRetry = null;
  }

  private finishIfDone(): void {
    const empty = this.waiting.length === 0 && this.ready.length === 0 && this.compressing === 0 && this.requests.size === 0;
    if (empty && this.state.status !== 'stopped' && this.state.status !== 'done' && this.state.status !== 'idle') {
      this.set({ status: 'done', retryInMs: null, message: null });
    }
  }

  private set(changes: Partial<QueueSnapshot>): void {
    this.state = { ...this.state, ...changes };
    this.listener.changed?.(this.state);
  }
}
