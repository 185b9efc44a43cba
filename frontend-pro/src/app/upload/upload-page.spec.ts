import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { EventDto, EventStatus, PhotoStatus, Role, UploadBatchDto } from '@focus-racer/api-types';
import { AuthService, ErrorNotifier } from '@focus-racer/ui';
import { Observable, Subject } from 'rxjs';
import { EventProgressMessage, EventProgressStream } from '../api/event-progress';
import { DropZone } from './drop-zone';
import { PHOTO_COMPRESSOR } from './photo-compressor';
import { MemoryManifestStore, UPLOAD_MANIFEST_STORE, UploadManifest } from './upload-manifest-store';
import { REFRESH_MS, UploadPage } from './upload-page';

const event = (overrides: Partial<EventDto> = {}): EventDto =>
  ({
    id: 'e1',
    ownerId: 'u1',
    access: 'owner',
    name: 'Marathon de Lyon',
    slug: 'marathon-de-lyon',
    date: '2026-10-04',
    location: 'Lyon',
    sport: 'running',
    status: EventStatus.PUBLISHED,
    photoCount: 0,
    ...overrides,
  }) as EventDto;

const batch = (overrides: Partial<UploadBatchDto> = {}, counters: Partial<UploadBatchDto['counters']> = {}): UploadBatchDto => ({
  id: 'b1',
  eventId: 'e1',
  uploaderId: 'u1',
  label: 'Finish line',
  expectedFiles: 3000,
  createdAt: '2026-10-04T09:00:00.000Z',
  completedAt: '2026-10-04T09:40:00.000Z',
  stage: 'processing',
  counters: { received: 3000, processed: 1200, failed: 0, processing: 1800, duplicates: 0, blurry: 0, withBibs: 1000, needsReview: 3, ...counters },
  ...overrides,
});

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const flush = async () => {
  for (let i = 0; i < 6; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('UploadPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let store: MemoryManifestStore;
  let frames: Subject<EventProgressMessage>;
  let watched: string[];

  beforeEach(async () => {
    store = new MemoryManifestStore();
    frames = new Subject();
    watched = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        provideRouter(
          [
            { path: 'upload', component: UploadPage },
            { path: 'events/:id/upload', component: UploadPage },
          ],
          withComponentInputBinding(),
        ),
        { provide: UPLOAD_MANIFEST_STORE, useValue: store },
        { provide: PHOTO_COMPRESSOR, useValue: { parallelism: 1, compress: (file: File) => Promise.resolve(file) } },
        { provide: AuthService, useValue: { user: signal({ id: 'u1', role: Role.PHOTOGRAPHER }) } },
        { provide: ErrorNotifier, useValue: { error: jest.fn(), info: jest.fn() } },
        {
          provide: EventProgressStream,
          useValue: {
            watch: (eventId: string) =>
              new Observable<EventProgressMessage>((subscriber) => {
                watched.push(eventId);
                return frames.subscribe(subscriber);
              }),
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    jest.useRealTimers();
    http.verify();
  });

  async function open(url: string, batches: UploadBatchDto[] = [], events: EventDto[] = [event()]): Promise<HTMLElement> {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    http.expectOne('/api/events').flush(events);
    await harness.fixture.whenStable();
    http.expectOne('/api/events/e1/upload-batches').flush(batches);
    await harness.fixture.whenStable();
    return harness.routeNativeElement as HTMLElement;
  }

  it('on an event with no upload yet, says what to do, and listens to the event’s progress', async () => {
    const page = await open('/events/e1/upload');
    expect(text(page.querySelector('[data-testid="page-title"]'))).toBe('Upload photos');
    expect(text(page.querySelector('[data-testid="batches-empty"]'))).toContain('Drop a folder above to send your first batch');
    expect(page.querySelector('[data-testid="event-picker"]')).toBeNull();
    expect(watched).toEqual(['e1']);
  });

  it('tells an account without events to create one first', async () => {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/upload');
    http.expectOne('/api/events').flush([event({ status: EventStatus.ARCHIVED })]);
    await harness.fixture.whenStable();
    const page = harness.routeNativeElement as HTMLElement;
    expect(text(page.querySelector('[data-testid="upload-no-events"]'))).toContain('create the one for the race you shot');
  });

  it('counts the photos and their size before sending, lists what is left out, and warns when credits are short', async () => {
    const page = await open('/events/e1/upload');
    const jpeg = (name: string, size: number) => {
      const file = new File([new Uint8Array(size)], name, { type: 'image/jpeg', lastModified: 1 });
      Object.defineProperty(file, 'webkitRelativePath', { value: `Finish/${name}` });
      return file;
    };
    const other = new File([new Uint8Array(10)], 'IMG_3.CR2', { lastModified: 1 });
    Object.defineProperty(other, 'webkitRelativePath', { value: 'Finish/IMG_3.CR2' });
    harness.fixture.debugElement.query((el) => el.componentInstance instanceof DropZone).componentInstance.picked.emit({
      files: [
        { file: jpeg('IMG_1.JPG', 1_500_000), path: 'Finish/IMG_1.JPG' },
        { file: jpeg('IMG_2.JPG', 1_000_000), path: 'Finish/IMG_2.JPG' },
        { file: other, path: 'Finish/IMG_3.CR2' },
      ],
      unreadable: [],
    });
    http.expectOne('/api/payments/credits').flush({ balance: 1, offers: [], ledger: [], nextBefore: null, subscription: null, mode: 'local-test' });
    await harness.fixture.whenStable();

    expect(text(page.querySelector('[data-testid="selection-count"]'))).toBe('2 photos · 2.5 MB · “Finish” → Marathon de Lyon');
    expect(text(page.querySelector('[data-testid="skipped-files"]'))).toContain('Finish/IMG_3.CR2 — RAW file: export it as JPEG first');
    const short = page.querySelector('[data-testid="credits-short"]');
    expect(text(short)).toContain('These photos need 2 credits and you have 1.');
    expect(short?.querySelector('a')?.getAttribute('href')).toBe('/credits');
    expect(text(page.querySelector('[data-testid="start-upload"]'))).toContain('Send 2 photos');
  });

  it('offers to resume a batch a closed tab left: how many photos are still to send and which folder to choose', async () => {
    const manifest: UploadManifest = {
      batchId: 'b9',
      userId: 'u1',
      eventId: 'e1',
      eventName: 'Marathon de Lyon',
      label: 'Finish line',
      createdAt: '2026-10-04T09:00:00.000Z',
      updatedAt: '2026-10-04T09:30:00.000Z',
      reduce: true,
      files: [],
      sentKeys: Array.from({ length: 2975 }, (_, i) => `k${i}`),
      rejected: [{ key: 'r1', name: 'IMG_9.JPG', reason: 'Already uploaded to this event' }, { key: 'r2', name: 'x.JPG', reason: 'Not a photo' }],
      finishedAt: null,
      plannedFiles: 3000,
    };
    await store.put(manifest);
    const page = await open('/events/e1/upload');
    await flush();
    await harness.fixture.whenStable();
    expect(text(page.querySelector('[data-testid="unfinished-text"]'))).toBe(
      '23 of 3,000 photos still to send — choose the same folder again to resume.',
    );
  });

  it('counts what the server received when the tab closed before the answers came back', async () => {
    await store.put({
      batchId: 'b9', userId: 'u1', eventId: 'e1', eventName: 'Marathon de Lyon', label: 'Finish line', createdAt: '', updatedAt: '',
      reduce: true, files: [], sentKeys: Array.from({ length: 2975 }, (_, i) => `k${i}`), rejected: [], finishedAt: null, plannedFiles: 3000,
    });
    const page = await open('/events/e1/upload', [batch({ id: 'b9', stage: 'uploading', completedAt: null }, { received: 2990 })]);
    await flush();
    await harness.fixture.whenStable();
    expect(text(page.querySelector('[data-testid="unfinished-text"]'))).toBe(
      '10 of 3,000 photos still to send — choose the same folder again to resume.',
    );
  });

  it('shows a batch’s timeline from the list and moves it with the stream, without a reload', async () => {
    const page = await open('/events/e1/upload?batch=b1', [batch()]);
    const caption = () => text(page.querySelector('[data-testid="step-process-caption"]'));
    expect(caption()).toBe('1,200 / 3,000');
    expect(page.querySelector('[data-testid="step-upload"]')?.getAttribute('data-state')).toBe('complete');
    expect(text(page.querySelector('[data-testid="leave-note"]'))).toContain('Leave whenever you like — it keeps processing on the server');
    expect(text(page.querySelector('[data-testid="batch-row"]'))).toContain('3,000 / 3,000 received · 1,200 processed');

    // The page's refresh timer is faked: a frame of another batch, then the counters frame, each ask for a re-read.
    jest.useFakeTimers();
    frames.next({ type: 'photo', data: { photoId: 'p1', batchId: 'b1', stage: 'linking', status: PhotoStatus.PROCESSED } });
    frames.next({ type: 'photo', data: { photoId: 'p2', batchId: 'other', stage: 'linking', status: PhotoStatus.PROCESSED } });
    harness.fixture.detectChanges();
    expect(caption()).toBe('1,201 / 3,000');

    // A counters frame (also the first one after a reconnection): the batches are read again, once.
    frames.next({ type: 'counters', data: { uploaded: 3000, processed: 3000, withBibs: 0, linkedByFace: 0, duplicates: 0, blurry: 0, failed: 0, processing: 0 } });
    jest.advanceTimersByTime(REFRESH_MS);
    jest.useRealTimers();
    http.expectOne('/api/events/e1/upload-batches').flush([batch({ stage: 'done' }, { processed: 3000, processing: 0, withBibs: 2800 })]);
    await harness.fixture.whenStable();
    expect(page.querySelector('[data-testid="step-done"]')?.getAttribute('data-state')).toBe('complete');
    expect(text(page.querySelector('[data-testid="step-done"]'))).toContain('2,800 with bibs · 3 to review');
    expect(text(page.querySelector('[data-testid="batch-stage"]'))).toBe('Done');
  });
});
