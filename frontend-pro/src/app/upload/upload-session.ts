import { HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, InjectionToken, signal } from '@angular/core';
import { PhotoUploadFileResult, UploadBatchDto } from '@focus-racer/api-types';
import { apiErrorMessage, AuthService } from '@focus-racer/ui';
import { firstValueFrom, Observable } from 'rxjs';
import { UploadBatchesApi } from '../api/upload-batches-api';
import { keyWithoutFolders } from './client-file-key';
import { FileSelection, UploadCandidate } from './file-selection';
import { LocalSending } from './batch-timeline.state';
import { PHOTO_COMPRESSOR } from './photo-compressor';
import { UPLOAD_MANIFEST_STORE, UploadManifest } from './upload-manifest-store';
import {
  QueueItem,
  QueueOptions,
  QueueSnapshot,
  UploadPart,
  UploadQueue,
  UploadTransport,
  UploadTransportError,
} from './upload-queue';

/** Queue settings; the specs shorten the waits. */
export const UPLOAD_QUEUE_OPTIONS = new InjectionToken<Partial<QueueOptions>>('UPLOAD_QUEUE_OPTIONS', {
  providedIn: 'root',
  factory: () => ({}),
});

/** How often the manifest of a running batch is written to IndexedDB at most (the server keeps what was received). */
const SAVE_EVERY_MS = 500;
/** Finished batches are remembered this long, for their refused files. */
const KEEP_FINISHED_MS = 30 * 24 * 3600 * 1000;

/** The batch this tab is sending now. */
export interface ActiveUpload {
  batchId: string;
  eventId: string;
  eventName: string;
  label: string;
  reduce: boolean;
  snapshot: QueueSnapshot;
  /** All runs together (a resume adds to the first run's numbers). */
  sending: LocalSending;
  /** Files planned but not found in the folder chosen to resume. */
  notFound: number;
}

export interface ResumeOutcome {
  /** Sent now. */
  toSend: number;
  /** Planned, still to send, and not in the chosen folder. */
  notFound: number;
  /** Chosen files that are not part of this batch (left out). */
  notInBatch: number;
}

/**
 * Sends upload batches from this tab, across page changes (the service lives as long as the app): creates the batch,
 * keeps its manifest on the device (IndexedDB), runs the queue, follows online/offline, tells the server when every
 * file had its answer, and resumes a batch a closed tab left unfinished once the person chooses the folder again.
 */
@Injectable({ providedIn: 'root' })
export class UploadSession {
  private readonly api = inject(UploadBatchesApi);
  private readonly store = inject(UPLOAD_MANIFEST_STORE);
  private readonly compressor = inject(PHOTO_COMPRESSOR);
  private readonly auth = inject(AuthService);
  private readonly queueOptions = inject(UPLOAD_QUEUE_OPTIONS);

  private readonly current = signal<ActiveUpload | null>(null);
  private readonly remembered = signal<UploadManifest[]>([]);
  /** Bumped whenever files are answered or a batch finishes: pages re-read the server's counters. */
  private readonly changes = signal(0);

  readonly active = this.current.asReadonly();
  readonly revision = this.changes.asReadonly();
  /** This person's batches that a closed tab (or a stop) left with files still to send. */
  readonly unfinished = computed(() => {
    const sending = this.current();
    const busy = sending && !isOver(sending.snapshot.status) ? sending.batchId : null;
    const userId = this.auth.user()?.id;
    return this.remembered().filter((manifest) => !manifest.finishedAt && manifest.batchId !== busy && manifest.userId === userId);
  });
  private readonly restored = signal(false);
  /** True once the manifests kept on this device have been read. */
  readonly loaded = this.restored.asReadonly();

  private queue: UploadQueue | null = null;
  private manifest: UploadManifest | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    if (typeof window !== 'undefined') {
      const online = () => this.queue?.setOnline(true);
      const offline = () => this.queue?.setOnline(false);
      // Leaving while photos are still to send: the browser asks first (they can be resumed, but only by choosing
      // the folder again).
      const beforeUnload = (event: BeforeUnloadEvent) => {
        const sending = this.current();
        if (sending && !isOver(sending.snapshot.status)) {
          this.flushSave();
          event.preventDefault();
          event.returnValue = '';
        }
      };
      window.addEventListener('online', online);
      window.addEventListener('offline', offline);
      window.addEventListener('beforeunload', beforeUnload);
      inject(DestroyRef).onDestroy(() => {
        window.removeEventListener('online', online);
        window.removeEventListener('offline', offline);
        window.removeEventListener('beforeunload', beforeUnload);
      });
    }
    void this.reload();
  }

  /** The refused files of a batch sent from this device (the server keeps only what it stored). */
  rejectedOf(batchId: string): UploadManifest['rejected'] {
    if (this.manifest?.batchId === batchId) return this.manifest.rejected;
    return this.remembered().find((manifest) => manifest.batchId === batchId)?.rejected ?? [];
  }

  /** Opens a batch for the chosen photos and starts sending. Errors carry a sentence for the person. */
  async start(event: { id: string; name: string }, selection: FileSelection, reduce: boolean): Promise<UploadBatchDto> {
    this.assertIdle();
    const user = this.auth.user();
    if (!user) throw new Error('Sign in again to upload.');
    let batch: UploadBatchDto;
    try {
      batch = await firstValueFrom(this.api.create(event.id, { label: selection.label, expectedFiles: selection.photos.length }));
    } catch (error) {
      throw new Error(apiErrorMessage(error));
    }
    const now = new Date().toISOString();
    const manifest: UploadManifest = {
      batchId: batch.id,
      userId: user.id,
      eventId: event.id,
      eventName: event.name,
      label: selection.label,
      createdAt: now,
      updatedAt: now,
      reduce,
      files: selection.photos.map((photo) => ({ key: photo.key, name: nameOf(photo), size: photo.file.size })),
      sentKeys: [],
      rejected: [],
      finishedAt: null,
      plannedFiles: selection.photos.length,
    };
    // On the device before the first byte leaves: a tab closed from now on can be resumed.
    await this.store.put(manifest);
    this.remember(manifest);
    this.run(manifest, selection.photos.map((photo) => ({ key: photo.key, name: nameOf(photo), file: photo.file })), 0);
    return batch;
  }

  /**
   * Goes on with a batch a closed tab left unfinished, with the folder chosen again: the keys the server already
   * holds (`receivedKeys`) and those refused before are skipped, the rest are sent. A file chosen from a parent or
   * sub-folder of the first one still matches by name, size and date.
   */
  async resume(manifest: UploadManifest, selection: FileSelection): Promise<ResumeOutcome> {
    this.assertIdle();
    let received: string[];
    try {
      received = (await firstValueFrom(this.api.get(manifest.batchId))).receivedKeys;
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 404) {
        await this.forget(manifest, false);
        throw new Error('This batch is no longer on the server; upload the photos as a new batch.');
      }
      throw new Error(apiErrorMessage(error));
    }
    const planned = new Set(manifest.files.map((file) => file.key));
    const sent = new Set([...manifest.sentKeys, ...received.filter((key) => planned.has(key))]);
    const refused = new Set(manifest.rejected.map((rejection) => rejection.key));
    const byKey = new Map(selection.photos.map((photo) => [photo.key, photo]));
    const byName = uniqueBy(selection.photos, (photo) => keyWithoutFolders(photo.key));

    const items: QueueItem[] = [];
    let notFound = 0;
    for (const file of manifest.files) {
      if (sent.has(file.key) || refused.has(file.key)) continue;
      const photo = byKey.get(file.key) ?? byName.get(keyWithoutFolders(file.key));
      if (!photo) {
        notFound++;
        continue;
      }
      items.push({ key: file.key, name: file.name, file: photo.file });
    }
    const plannedWithoutFolders = new Set(manifest.files.map((file) => keyWithoutFolders(file.key)));
    const notInBatch = selection.photos.filter((photo) => !planned.has(photo.key) && !plannedWithoutFolders.has(keyWithoutFolders(photo.key))).length;
    if (items.length === 0 && notFound > 0) {
      throw new Error(
        `None of the ${format(notFound)} photos still to send is in what you chose. Choose the folder you chose first ("${manifest.label}").`,
      );
    }
    const resumed: UploadManifest = { ...manifest, sentKeys: [...sent], updatedAt: new Date().toISOString() };
    await this.store.put(resumed);
    this.remember(resumed);
    this.run(resumed, items, notFound);
    return { toSend: items.length, notFound, notInBatch };
  }

  /** "Retry now" while waiting, "Resume" after buying credits or after a refusal. */
  retryNow(): void {
    this.queue?.resume();
  }

  /** Stops sending; the batch stays on this device as unfinished, to resume by choosing the folder again. */
  stop(): void {
    this.queue?.stop();
  }

  /**
   * Gives up on the files still to send: the photos already received go on being processed (the server is told the
   * batch is complete) and the device forgets the manifest.
   */
  async forget(manifest: UploadManifest, tellServer = true): Promise<void> {
    if (tellServer) await firstValueFrom(this.api.complete(manifest.batchId)).catch(() => undefined);
    await this.store.remove(manifest.batchId);
    this.remembered.update((list) => list.filter((item) => item.batchId !== manifest.batchId));
    this.changes.update((n) => n + 1);
  }

  /** Clears the finished upload from this tab (its timeline stays reachable from the batch list). */
  dismiss(): void {
    const sending = this.current();
    if (sending && isOver(sending.snapshot.status)) {
      this.current.set(null);
      this.queue = null;
      this.manifest = null;
    }
  }

  private async reload(): Promise<void> {
    try {
      const all = await this.store.list();
      const now = Date.now();
      for (const old of all.filter((manifest) => manifest.finishedAt && now - Date.parse(manifest.finishedAt) > KEEP_FINISHED_MS)) {
        await this.store.remove(old.batchId);
      }
      const kept = all
        .filter((manifest) => !(manifest.finishedAt && now - Date.parse(manifest.finishedAt) > KEEP_FINISHED_MS))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      this.remembered.set(kept);
      for (const manifest of kept) {
        if (manifest.finishedAt && !manifest.serverCompleted && manifest.userId === this.auth.user()?.id) void this.tellComplete(manifest);
      }
    } finally {
      this.restored.set(true);
    }
  }

  private run(manifest: UploadManifest, items: QueueItem[], notFound: number): void {
    const before = {
      answered: manifest.sentKeys.length + manifest.rejected.length,
      accepted: manifest.sentKeys.length,
      rejected: manifest.rejected.length,
    };
    this.manifest = manifest;
    const sentKeys = new Set(manifest.sentKeys);
    const compress = manifest.reduce ? (file: File) => this.compressor.compress(file) : (file: File) => Promise.resolve<Blob>(file);
    const update = (snapshot: QueueSnapshot) =>
      this.current.set({
        batchId: manifest.batchId,
        eventId: manifest.eventId,
        eventName: manifest.eventName,
        label: manifest.label,
        reduce: manifest.reduce,
        snapshot,
        notFound,
        sending: {
          reduce: manifest.reduce,
          planned: manifest.plannedFiles,
          compressed: before.answered + snapshot.compressed,
          answered: before.answered + snapshot.answered,
          accepted: before.accepted + snapshot.accepted,
          rejected: before.rejected + snapshot.rejected,
          status: snapshot.status,
        },
      });
    const queue = new UploadQueue(
      items,
      compress,
      this.transport(manifest.eventId, manifest.batchId),
      {
        answered: (item, result) => {
          this.record(item, result, sentKeys);
          this.changes.update((n) => n + 1);
        },
        changed: (snapshot) => {
          if (this.queue !== queue) return;
          update(snapshot);
          if (snapshot.status === 'done') void this.finish(manifest, notFound);
          if (snapshot.status === 'stopped') this.flushSave();
        },
      },
      { compressParallel: this.compressor.parallelism, ...this.queueOptions },
    );
    this.queue = queue;
    update(queue.snapshot);
    queue.setOnline(typeof navigator === 'undefined' || navigator.onLine !== false);
    queue.start();
  }

  private record(item: QueueItem, result: PhotoUploadFileResult, sentKeys: Set<string>): void {
    const manifest = this.manifest;
    if (!manifest) return;
    if (result.status === 'accepted') {
      if (!sentKeys.has(item.key)) {
        sentKeys.add(item.key);
        manifest.sentKeys.push(item.key);
      }
    } else {
      manifest.rejected.push({ key: item.key, name: item.name, reason: result.reason ?? 'Refused by the server' });
    }
    this.scheduleSave();
  }

  /** Every file found had its answer: the server moves the batch on, and the device keeps only the refusals. */
  private async finish(manifest: UploadManifest, notFound: number): Promise<void> {
    if (notFound > 0) {
      // Some planned photos were not in the folder chosen to resume: the batch stays unfinished on this device.
      this.flushSave();
      this.changes.update((n) => n + 1);
      return;
    }
    const finished: UploadManifest = { ...manifest, files: [], sentKeys: [], finishedAt: new Date().toISOString(), updatedAt: new Date().toISOString() };
    this.manifest = finished;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    await this.store.put(finished);
    this.remember(finished);
    await this.tellComplete(finished);
    this.changes.update((n) => n + 1);
  }

  /**
   * Moves the batch on to processing on the server. Without it a batch with refused files would wait for them
   * forever; when it fails (offline at that very moment) the next visit of the upload page says it again.
   */
  private async tellComplete(manifest: UploadManifest): Promise<void> {
    try {
      await firstValueFrom(this.api.complete(manifest.batchId));
    } catch {
      return;
    }
    const confirmed = { ...manifest, serverCompleted: true };
    if (this.manifest?.batchId === manifest.batchId) this.manifest = confirmed;
    await this.store.put(confirmed).catch(() => undefined);
    this.remember(confirmed);
  }

  private transport(eventId: string, batchId: string): UploadTransport {
    return {
      send: (parts: readonly UploadPart[], signal: AbortSignal) =>
        untilAborted(this.api.sendFiles(eventId, batchId, parts), signal).catch((error: unknown) => {
          throw toTransportError(error);
        }),
    };
  }

  private scheduleSave(): void {
    this.saveTimer ??= setTimeout(() => {
      this.saveTimer = null;
      this.save();
    }, SAVE_EVERY_MS);
  }

  private flushSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.save();
  }

  private save(): void {
    const manifest = this.manifest;
    if (!manifest) return;
    manifest.updatedAt = new Date().toISOString();
    const copy = { ...manifest, sentKeys: [...manifest.sentKeys], rejected: [...manifest.rejected] };
    void this.store.put(copy).catch(() => undefined);
    this.remember(copy);
  }

  private remember(manifest: UploadManifest): void {
    this.remembered.update((list) => [manifest, ...list.filter((item) => item.batchId !== manifest.batchId)]);
  }

  private assertIdle(): void {
    const sending = this.current();
    if (sending && !isOver(sending.snapshot.status)) {
      throw new Error(`"${sending.label}" is still being sent: wait for it to finish, or stop it first.`);
    }
  }
}

function isOver(status: QueueSnapshot['status']): boolean {
  return status === 'done' || status === 'stopped';
}

function nameOf(photo: UploadCandidate): string {
  return photo.path.slice(photo.path.lastIndexOf('/') + 1) || photo.file.name;
}

function uniqueBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  const twice = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (map.has(key)) twice.add(key);
    else map.set(key, item);
  }
  for (const key of twice) map.delete(key);
  return map;
}

function format(value: number): string {
  return new Intl.NumberFormat('en-GB').format(value);
}

/** The first answer of an HTTP call, cancelled (and the promise rejected) when the signal aborts. */
function untilAborted<T>(request: Observable<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscription = request.subscribe({ next: resolve, error: reject });
    signal.addEventListener('abort', () => {
      subscription.unsubscribe();
      reject(new DOMException('Upload stopped', 'AbortError'));
    });
  });
}

/** How the queue should take a failed request: retry (network, 5xx), stop for credits, or stop for good. */
export function toTransportError(error: unknown): UploadTransportError {
  if (!(error instanceof HttpErrorResponse)) return new UploadTransportError({ kind: 'network' });
  const { status } = error;
  if (status === 0) return new UploadTransportError({ kind: 'network' });
  if (status === 402) return new UploadTransportError({ kind: 'credits', message: apiErrorMessage(error) });
  if (status >= 500 || status === 408 || status === 429) return new UploadTransportError({ kind: 'server', status });
  return new UploadTransportError({ kind: 'refused', status, message: apiErrorMessage(error) });
}

