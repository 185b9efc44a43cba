import { Injectable, InjectionToken } from '@angular/core';
import { DOWNSCALE_MAX_EDGE, DOWNSCALE_QUALITY, DownscaleRequest, DownscaleResponse } from './downscale';

/** Turns a chosen file into what is sent: the reduced JPEG, or the file itself. */
export interface PhotoCompressor {
  /** Never rejects: when the browser cannot reduce a photo, the original is sent (the server still checks it). */
  compress(file: File): Promise<Blob>;
  /** How many photos it reduces at once (the queue keeps that many in hand). */
  readonly parallelism: number;
}

export const PHOTO_COMPRESSOR = new InjectionToken<PhotoCompressor>('PHOTO_COMPRESSOR', {
  providedIn: 'root',
  factory: () => new WorkerPhotoCompressor(),
});

/** Workers are let go after this long without work: a decoded 45 MP photo holds ~180 MB until then. */
const IDLE_MS = 30_000;

interface PooledWorker {
  worker: Worker;
  busy: boolean;
}

interface Job {
  request: Omit<DownscaleRequest, 'id'>;
  file: File;
  resolve: (blob: Blob) => void;
}

/**
 * A small pool of downscale workers (one per two cores, at most two: decoding is memory-hungry and the upload, not
 * the compression, is what a laptop waits for). Jobs wait their turn; a worker that fails is replaced and its
 * photo sent as the original.
 */
@Injectable()
export class WorkerPhotoCompressor implements PhotoCompressor {
  readonly parallelism = Math.min(2, Math.max(1, Math.floor((globalThis.navigator?.hardwareConcurrency ?? 2) / 2)));
  private readonly pool: PooledWorker[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private starting = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private unavailable = typeof Worker === 'undefined';

  compress(file: File): Promise<Blob> {
    if (this.unavailable) return Promise.resolve(file);
    return new Promise<Blob>((resolve) => {
      this.waiting.push({ request: { file, maxEdge: DOWNSCALE_MAX_EDGE, quality: DOWNSCALE_QUALITY }, file, resolve });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    while (this.waiting.length > 0 && !this.unavailable) {
      const slot = this.pool.find((candidate) => !candidate.busy);
      if (slot) {
        const job = this.waiting.shift() as Job;
        slot.busy = true;
        void this.run(slot, job);
        continue;
      }
      if (this.pool.length + this.starting >= this.parallelism) return;
      this.starting++;
      const worker = await this.start();
      this.starting--;
      if (worker) this.pool.push({ worker, busy: false });
      else this.unavailable = true;
    }
    // No worker can be started (old browser, blocked script): every photo goes as it is.
    if (this.unavailable) for (const job of this.waiting.splice(0)) job.resolve(job.file);
  }

  private async start(): Promise<Worker | null> {
    try {
      const { createDownscaleWorker } = await import('./downscale-worker');
      return createDownscaleWorker();
    } catch {
      return null;
    }
  }

  private run(slot: PooledWorker, job: Job): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((done) => {
      const finish = (blob: Blob, broken = false) => {
        slot.worker.removeEventListener('message', onMessage);
        slot.worker.removeEventListener('error', onError);
        job.resolve(blob);
        if (broken) {
          slot.worker.terminate();
          this.pool.splice(this.pool.indexOf(slot), 1);
        } else {
          slot.busy = false;
        }
        done();
        if (this.waiting.length > 0) void this.pump();
        else this.scheduleIdle();
      };
      const onMessage = (message: MessageEvent<DownscaleResponse>) => {
        if (message.data.id !== id) return;
        finish(message.data.ok && message.data.blob ? message.data.blob : job.file);
      };
      const onError = () => finish(job.file, true);
      slot.worker.addEventListener('message', onMessage);
      slot.worker.addEventListener('error', onError);
      slot.worker.postMessage({ id, ...job.request } satisfies DownscaleRequest);
    });
  }

  private scheduleIdle(): void {
    if (this.idleTimer || this.pool.some((slot) => slot.busy)) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.pool.some((slot) => slot.busy) || this.waiting.length > 0) return;
      for (const slot of this.pool.splice(0)) slot.worker.terminate();
    }, IDLE_MS);
  }
}
