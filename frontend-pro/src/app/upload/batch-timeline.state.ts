import { PhotoStageProgress, PhotoStatus, UploadBatchDto } from '@focus-racer/api-types';
import { QueueStatus } from './upload-queue';

/**
 * The state behind a batch's four-step timeline (compress → upload → process → done), without Angular.
 *
 * The server's batch (GET /api/events/:id/upload-batches, re-read when the progress stream (re)connects and now and
 * then while it runs) is the truth; between two reads the SSE `photo` frames of this batch move the process ring at
 * once. Frames only add photos seen finishing since the last read, so a frame that arrives twice, or one already
 * counted by the read, is not counted again: the next read replaces everything.
 */
export interface BatchLive {
  batch: UploadBatchDto;
  /** Photos of this batch seen processed / failed in frames since `batch` was read. */
  processedSince: ReadonlySet<string>;
  failedSince: ReadonlySet<string>;
}

export function liveFromBatch(batch: UploadBatchDto): BatchLive {
  return { batch, processedSince: new Set(), failedSince: new Set() };
}

/** A frame of the event's stream: only this batch's photos reaching processed or failed change anything. */
export function applyPhotoFrame(live: BatchLive, frame: PhotoStageProgress): BatchLive {
  if (frame.batchId !== live.batch.id) return live;
  if (frame.status === PhotoStatus.PROCESSED && !live.processedSince.has(frame.photoId)) {
    const failedSince = new Set(live.failedSince);
    failedSince.delete(frame.photoId); // reprocessed after a failure
    return { ...live, processedSince: new Set(live.processedSince).add(frame.photoId), failedSince };
  }
  if (frame.status === PhotoStatus.FAILED && !live.failedSince.has(frame.photoId)) {
    return { ...live, failedSince: new Set(live.failedSince).add(frame.photoId) };
  }
  return live;
}

export interface BatchCounts {
  expected: number;
  received: number;
  processed: number;
  failed: number;
}

export function liveCounts(live: BatchLive): BatchCounts {
  const { counters, expectedFiles } = live.batch;
  const received = counters.received;
  const failed = Math.min(received, counters.failed + live.failedSince.size);
  const processed = Math.min(received - failed, counters.processed + live.processedSince.size);
  return { expected: expectedFiles, received, processed, failed };
}

/** What this tab knows while it sends the batch (all runs of it together, a resume included). */
export interface LocalSending {
  reduce: boolean;
  /** Files planned for the batch. */
  planned: number;
  /** Ready to send (reduced, or original). */
  compressed: number;
  /** Files with an answer (accepted + rejected). */
  answered: number;
  accepted: number;
  rejected: number;
  status: QueueStatus;
}

export type StepId = 'compress' | 'upload' | 'process' | 'done';
export type StepState = 'waiting' | 'active' | 'paused' | 'complete' | 'skipped';

export interface TimelineStep {
  id: StepId;
  label: string;
  state: StepState;
  /** 0..100, for the ring. */
  percent: number;
  /** Under the ring: "1 234 / 3 000", "Off", "Ready". */
  caption: string;
  /** A line under the caption, or null. */
  detail: string | null;
}

const number = new Intl.NumberFormat('en-GB');
const n = (value: number) => number.format(value);
const percentOf = (done: number, total: number) => (total <= 0 ? 0 : Math.min(100, Math.round((done / total) * 100)));
const PAUSED: ReadonlySet<QueueStatus> = new Set(['offline', 'retrying', 'out-of-credits', 'failed', 'stopped']);

export function batchTimeline(live: BatchLive | null, local: LocalSending | null): TimelineStep[] {
  const counts = live ? liveCounts(live) : null;
  const stage = live?.batch.stage ?? 'uploading';
  const expected = counts?.expected ?? local?.planned ?? 0;
  const uploadFinished = stage !== 'uploading' || (local?.status === 'done');

  const compress = compressStep(local, uploadFinished || (counts !== null && counts.received >= expected));
  const upload = uploadStep(local, counts, expected, uploadFinished);
  const process = processStep(counts, local, stage);
  const overall = Math.round((upload.percent + process.percent) / 2);
  const done: TimelineStep =
    stage === 'done'
      ? { id: 'done', label: 'Done', state: 'complete', percent: 100, caption: 'Ready', detail: doneDetail(live) }
      : { id: 'done', label: 'Done', state: 'waiting', percent: overall, caption: 'Overall', detail: null };
  return [compress, upload, process, done];
}

function compressStep(local: LocalSending | null, finished: boolean): TimelineStep {
  const base = { id: 'compress' as const, label: 'Compress' };
  if (local && !local.reduce) return { ...base, state: 'skipped', percent: 100, caption: 'Off', detail: 'Originals are sent' };
  if (local) {
    const done = Math.min(local.planned, local.compressed);
    const state: StepState = done >= local.planned ? 'complete' : PAUSED.has(local.status) ? 'paused' : 'active';
    return { ...base, state, percent: percentOf(done, local.planned), caption: `${n(done)} / ${n(local.planned)}`, detail: null };
  }
  return finished
    ? { ...base, state: 'complete', percent: 100, caption: 'Done', detail: null }
    : { ...base, state: 'waiting', percent: 0, caption: '—', detail: 'In the browser that sends the photos' };
}

function uploadStep(local: LocalSending | null, counts: BatchCounts | null, expected: number, finished: boolean): TimelineStep {
  const base = { id: 'upload' as const, label: 'Upload' };
  if (local) {
    const state: StepState = local.status === 'done' ? 'complete' : PAUSED.has(local.status) ? 'paused' : 'active';
    const detail = local.rejected > 0 ? `${n(local.rejected)} refused` : null;
    return { ...base, state, percent: percentOf(local.answered, local.planned), caption: `${n(local.answered)} / ${n(local.planned)}`, detail };
  }
  const received = counts?.received ?? 0;
  if (finished) return { ...base, state: 'complete', percent: 100, caption: `${n(received)} / ${n(expected)}`, detail: null };
  return {
    ...base,
    state: 'waiting',
    percent: percentOf(received, expected),
    caption: `${n(received)} / ${n(expected)}`,
    detail: 'Waiting for the rest of the photos',
  };
}

function processStep(counts: BatchCounts | null, local: LocalSending | null, stage: string): TimelineStep {
  const base = { id: 'process' as const, label: 'Process' };
  // While this tab sends, its own count of stored photos runs ahead of the last read of the batch.
  const received = Math.max(counts?.received ?? 0, local?.accepted ?? 0);
  const finished = (counts?.processed ?? 0) + (counts?.failed ?? 0);
  const detail = counts && counts.failed > 0 ? `${n(counts.failed)} failed` : null;
  if (stage === 'done') return { ...base, state: 'complete', percent: 100, caption: `${n(finished)} / ${n(received)}`, detail };
  if (received === 0) return { ...base, state: 'waiting', percent: 0, caption: '—', detail: null };
  return { ...base, state: 'active', percent: percentOf(finished, received), caption: `${n(finished)} / ${n(received)}`, detail };
}

function doneDetail(live: BatchLive | null): string | null {
  if (!live) return null;
  const { withBibs, needsReview } = live.batch.counters;
  const parts = [`${n(withBibs)} with bibs`];
  if (needsReview > 0) parts.push(`${n(needsReview)} to review`);
  return parts.join(' · ');
}
