import { PhotoStatus, UploadBatchDto } from '@focus-racer/api-types';
import { applyPhotoFrame, batchTimeline, liveCounts, liveFromBatch, LocalSending } from './batch-timeline.state';

const batch = (overrides: Partial<UploadBatchDto> = {}, counters: Partial<UploadBatchDto['counters']> = {}): UploadBatchDto => ({
  id: 'b1',
  eventId: 'e1',
  uploaderId: 'u1',
  label: 'Finish line',
  expectedFiles: 10,
  createdAt: '2026-03-22T09:00:00.000Z',
  completedAt: null,
  stage: 'uploading',
  counters: { received: 0, processed: 0, failed: 0, processing: 0, duplicates: 0, blurry: 0, withBibs: 0, needsReview: 0, ...counters },
  ...overrides,
});

const frame = (photoId: string, status: PhotoStatus, batchId: string | null = 'b1', stage = 'linking') => ({ photoId, batchId, stage, status });

const sending = (overrides: Partial<LocalSending> = {}): LocalSending => ({
  reduce: true,
  planned: 10,
  compressed: 0,
  answered: 0,
  accepted: 0,
  rejected: 0,
  status: 'running',
  ...overrides,
});

const byId = (steps: ReturnType<typeof batchTimeline>) => Object.fromEntries(steps.map((step) => [step.id, step]));

describe('batch timeline state', () => {
  it('moves the process ring with the stream: only this batch, only finished photos, each photo once', () => {
    let live = liveFromBatch(batch({ stage: 'processing' }, { received: 10, processed: 2 }));
    live = applyPhotoFrame(live, frame('p3', PhotoStatus.PROCESSING, 'b1', 'derivatives'));
    live = applyPhotoFrame(live, frame('p3', PhotoStatus.PROCESSED));
    live = applyPhotoFrame(live, frame('p3', PhotoStatus.PROCESSED)); // replayed after a reconnection
    live = applyPhotoFrame(live, frame('p4', PhotoStatus.FAILED));
    live = applyPhotoFrame(live, frame('x1', PhotoStatus.PROCESSED, 'other-batch'));
    live = applyPhotoFrame(live, frame('x2', PhotoStatus.PROCESSED, null));
    expect(liveCounts(live)).toEqual({ expected: 10, received: 10, processed: 3, failed: 1 });

    const steps = byId(batchTimeline(live, null));
    expect(steps['process']).toMatchObject({ state: 'active', percent: 40, caption: '4 / 10', detail: '1 failed' });
  });

  it('lets a fresh read of the batch replace what the frames added', () => {
    let live = liveFromBatch(batch({ stage: 'processing' }, { received: 10, processed: 2 }));
    live = applyPhotoFrame(live, frame('p3', PhotoStatus.PROCESSED));
    expect(liveCounts(live).processed).toBe(3);
    // The read counts p3 itself: the frame is not added on top of it.
    live = liveFromBatch(batch({ stage: 'processing' }, { received: 10, processed: 3 }));
    expect(liveCounts(live).processed).toBe(3);
    expect(byId(batchTimeline(live, null))['process']?.caption).toBe('3 / 10');
  });

  it('never counts more finished photos than received ones', () => {
    let live = liveFromBatch(batch({}, { received: 2, processed: 2 }));
    live = applyPhotoFrame(live, frame('p9', PhotoStatus.PROCESSED));
    expect(liveCounts(live).processed).toBe(2);
  });

  it('while this tab sends: compress and upload from the queue, process from the server', () => {
    const live = liveFromBatch(batch({}, { received: 3, processed: 1 }));
    const steps = byId(batchTimeline(live, sending({ compressed: 6, answered: 4, accepted: 4 })));
    expect(steps['compress']).toMatchObject({ state: 'active', percent: 60, caption: '6 / 10' });
    expect(steps['upload']).toMatchObject({ state: 'active', percent: 40, caption: '4 / 10' });
    // The tab knows of 4 stored photos before the next read of the batch says so.
    expect(steps['process']).toMatchObject({ state: 'active', caption: '1 / 4' });
    expect(steps['done']).toMatchObject({ state: 'waiting', percent: 33, caption: 'Overall' });
  });

  it('shows compression as skipped when originals are sent, and a paused upload while offline or out of credits', () => {
    const offline = byId(batchTimeline(null, sending({ reduce: false, status: 'offline', answered: 2 })));
    expect(offline['compress']).toMatchObject({ state: 'skipped', caption: 'Off', detail: 'Originals are sent' });
    expect(offline['upload']).toMatchObject({ state: 'paused', caption: '2 / 10' });
    expect(byId(batchTimeline(null, sending({ status: 'out-of-credits' })))['upload']?.state).toBe('paused');
    expect(byId(batchTimeline(null, sending({ status: 'done', answered: 10, rejected: 2 })))['upload']).toMatchObject({
      state: 'complete',
      detail: '2 refused',
    });
  });

  it('watched later (no local queue): the server says what was received and how far processing is', () => {
    const uploading = byId(batchTimeline(liveFromBatch(batch({}, { received: 4 })), null));
    expect(uploading['compress']).toMatchObject({ state: 'waiting' });
    expect(uploading['upload']).toMatchObject({ state: 'waiting', caption: '4 / 10', detail: 'Waiting for the rest of the photos' });

    const processing = byId(batchTimeline(liveFromBatch(batch({ stage: 'processing' }, { received: 10, processed: 5 })), null));
    expect(processing['compress']?.state).toBe('complete');
    expect(processing['upload']).toMatchObject({ state: 'complete', caption: '10 / 10' });
    expect(processing['process']).toMatchObject({ state: 'active', percent: 50 });

    const done = byId(batchTimeline(liveFromBatch(batch({ stage: 'done' }, { received: 10, processed: 9, failed: 1, withBibs: 8, needsReview: 2 })), null));
    expect(done['process']).toMatchObject({ state: 'complete', caption: '10 / 10', detail: '1 failed' });
    expect(done['done']).toMatchObject({ state: 'complete', percent: 100, caption: 'Ready', detail: '8 with bibs · 2 to review' });
  });
});
