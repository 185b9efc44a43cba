import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { BibSource, BulkPhotoActionRequest, CursorPage, PhotoDto, PhotoFacetsDto, PhotoStatus } from '@focus-racer/api-types';
import { ErrorNotifier } from '@focus-racer/ui';
import { Subject } from 'rxjs';
import { EventProgressMessage, EventProgressStream, LIVE_REFRESH_MS } from '../api/event-progress';
import { PhotosPage } from './photos-page';
import { PhotoUpdates } from './photo-updates';

const EVENT_ID = '0b9f3f5e-0000-4000-8000-0000000000e1';
const BASE = `/api/events/${EVENT_ID}`;

function photo(n: number, overrides: Partial<PhotoDto> = {}): PhotoDto {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    eventId: EVENT_ID,
    originalFilename: `IMG_${1000 + n}.jpg`,
    mimeType: 'image/jpeg',
    sizeBytes: 1000,
    width: 1600,
    height: 1067,
    takenAt: null,
    status: PhotoStatus.PROCESSED,
    processingError: null,
    thumbUrl: `/api/media/t${n}.jpg`,
    webUrl: `/api/media/w${n}.jpg`,
    isBlurry: false,
    blurScore: null,
    duplicateOfId: null,
    hidden: false,
    createdAt: `2026-04-12T09:00:${String(n).padStart(2, '0')}.000Z`,
    bibs: [],
    needsReview: false,
    reviewedAt: null,
    uploadBatchId: null,
    ...overrides,
  };
}

const ocr = (number: string, confidence: number) => ({
  number,
  source: BibSource.OCR,
  confidence,
  similarity: null,
  box: { x: 0.4, y: 0.5, w: 0.1, h: 0.08 },
  linkedFromPhotoId: null,
});

const facets = (overrides: Partial<PhotoFacetsDto> = {}): PhotoFacetsDto => ({
  total: 6,
  noBib: 2,
  faceLinked: 1,
  duplicate: 0,
  blurry: 1,
  failed: 0,
  lowConfidence: 1,
  hidden: 0,
  needsReview: 3,
  ...overrides,
});

const page = (items: PhotoDto[], nextCursor: string | null = null): CursorPage<PhotoDto> => ({ items, nextCursor });

describe('PhotosPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let el: HTMLElement;
  let progress: Subject<EventProgressMessage>;
  const notifier = { error: jest.fn(), info: jest.fn() };

  beforeAll(() => {
    // jsdom lays nothing out: give the grid's viewport a desktop size so the virtual scroll renders rows.
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
  });
  afterAll(() => {
    // Back to jsdom's own (on Element.prototype).
    delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
  });

  beforeEach(async () => {
    progress = new Subject();
    notifier.error.mockReset();
    notifier.info.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        provideRouter([{ path: 'events/:id/photos', component: PhotosPage }], withComponentInputBinding()),
        { provide: ErrorNotifier, useValue: notifier },
        { provide: EventProgressStream, useValue: { watch: () => progress.asObservable() } },
        { provide: LIVE_REFRESH_MS, useValue: 0 },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  /** Lets promises and zero-delay timers run, then renders. */
  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      harness.fixture.detectChanges();
      await harness.fixture.whenStable();
    }
  }

  const listRequest = (filter: string | null, cursor: string | null = null): TestRequest =>
    http.expectOne(
      (req) =>
        req.method === 'GET' &&
        req.url === `${BASE}/photos` &&
        req.params.get('filter') === filter &&
        req.params.get('cursor') === cursor,
    );
  const facetsRequest = () => http.expectOne(`${BASE}/photos/facets`);

  async function open(url: string, items: PhotoDto[], filter: string | null = null, counts = facets()): Promise<void> {
    await harness.navigateByUrl(url);
    http.expectOne(BASE).flush({ id: EVENT_ID, name: 'Semi-marathon de Bordeaux' });
    facetsRequest().flush(counts);
    listRequest(filter).flush(page(items));
    await settle();
    el = harness.routeNativeElement as HTMLElement;
  }

  const all = (testId: string, root: ParentNode = el) => Array.from(root.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`));
  const one = (testId: string, root: ParentNode = el) => root.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const isShown = (filterTestId: string) => one(filterTestId)?.querySelector('[role="option"]')?.getAttribute('aria-selected');
  const tile = (p: PhotoDto) => el.querySelector<HTMLElement>(`[data-testid="photo-tile"][data-photo-id="${p.id}"]`);

  async function click(element: HTMLElement | null, init: MouseEventInit = {}): Promise<void> {
    expect(element).not.toBeNull();
    element?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...init }));
    await settle();
  }

  it('shows the filter in the address with live counts, and bib chips by source with low confidence flagged', async () => {
    const photos = [
      photo(1, { bibs: [ocr('214', 0.97)] }),
      photo(2, { bibs: [ocr('387', 0.62)], needsReview: true }),
      photo(3, {
        bibs: [{ number: '512', source: BibSource.FACE_LINK, confidence: null, similarity: 0.91, box: null, linkedFromPhotoId: photo(1).id }],
      }),
      photo(4, { bibs: [{ number: '18', source: BibSource.MANUAL, confidence: null, similarity: null, box: null, linkedFromPhotoId: null }] }),
    ];
    await open(`/events/${EVENT_ID}/photos?filter=low-confidence`, photos, 'low-confidence');

    expect(el.querySelector('h1')?.textContent).toContain('Photos');
    expect(text(one('filter-all'))).toContain('All 6');
    expect(text(one('filter-no-bib'))).toContain('No bib 2');
    expect(text(one('filter-needs-review'))).toContain('Needs review 3');
    expect(isShown('filter-low-confidence')).toBe('true');
    expect(text(one('open-triage'))).toContain('Review 3 photos');

    expect(all('photo-tile')).toHaveLength(4);
    const chips = all('bib-chip');
    expect(chips.map((chip) => [chip.dataset['bib'], chip.dataset['source']])).toEqual([
      ['214', 'ocr'],
      ['387', 'ocr'],
      ['512', 'face-link'],
      ['18', 'manual'],
    ]);
    expect(text(chips[0])).toContain('97 %');
    expect(chips[1].classList).toContain('app-bib-low');
    expect(chips[1].getAttribute('aria-label')).toBe('Bib 387, read on the photo, 62 % confidence (low)');
    expect(text(chips[2])).toContain('≈91 %');
    expect(chips[0].classList).not.toContain('app-bib-low');
    expect(one('flag-review', tile(photos[1]) as HTMLElement)).not.toBeNull();

    // Another filter: the address changes and the list is read again with it.
    await click(one('filter-blurry')?.querySelector<HTMLElement>('[role="option"]') ?? null);
    facetsRequest().flush(facets());
    listRequest('blurry').flush(page([photo(5, { isBlurry: true })]));
    await settle();
    expect(all('photo-tile').map((t) => t.dataset['photoId'])).toEqual([photo(5).id]);
    expect(isShown('filter-blurry')).toBe('true');
    expect(isShown('filter-low-confidence')).toBe('false');

    // The shown filter stays picked when clicked again: one filter is always shown.
    await click(one('filter-blurry')?.querySelector<HTMLElement>('[role="option"]') ?? null);
    expect(isShown('filter-blurry')).toBe('true');
  });

  it('says what to do when a filter or the event has no photo', async () => {
    await open(`/events/${EVENT_ID}/photos?filter=no-bib`, [], 'no-bib', facets({ noBib: 0 }));
    expect(text(one('photos-empty'))).toContain('No photo without a bib — nice!');
    await click(one('show-all'));
    facetsRequest().flush(facets({ total: 0 }));
    listRequest(null).flush(page([]));
    await settle();
    const empty = one('photos-empty');
    expect(text(empty)).toContain('No photos yet');
    expect(text(empty)).toContain('Upload photos to get started');
    expect(empty?.querySelector('a')?.getAttribute('href')).toBe(`/events/${EVENT_ID}/upload`);
  });

  it('selects a range with shift-click and hides it in one request', async () => {
    const photos = [1, 2, 3, 4, 5].map((n) => photo(n));
    await open(`/events/${EVENT_ID}/photos`, photos);

    await click(one('photo-select', tile(photos[1]) as HTMLElement));
    await click(one('photo-select', tile(photos[3]) as HTMLElement), { shiftKey: true });
    expect(text(one('selection-count'))).toBe('3 selected');
    expect(all('photo-select').map((box) => box.getAttribute('aria-checked'))).toEqual(['false', 'true', 'true', 'true', 'false']);

    await click(one('bulk-hide'));
    const request = http.expectOne({ method: 'POST', url: `${BASE}/photos/bulk` });
    expect(request.request.body).toEqual<BulkPhotoActionRequest>({ action: 'hide', photoIds: [photos[1].id, photos[2].id, photos[3].id] });
    harness.fixture.detectChanges();
    expect(one('bulk-progress')).not.toBeNull();
    request.flush({ action: 'hide', requested: 3, changed: 3 });
    await settle();
    facetsRequest().flush(facets({ hidden: 3 }));
    await settle();

    expect(one('bulk-progress')).toBeNull();
    expect(one('selection-count')).toBeNull();
    expect(all('flag-hidden')).toHaveLength(3);
    expect(text(one('filter-hidden'))).toContain('Hidden 3');
    expect(notifier.info).toHaveBeenCalledWith('3 photos hidden from runners.');

    // Select all loaded, then clear.
    await click(one('photo-select', tile(photos[0]) as HTMLElement));
    await click(one('select-all'));
    expect(text(one('selection-count'))).toBe('5 selected');
    expect(one('bulk-unhide')).not.toBeNull();
    await click(one('clear-selection'));
    expect(one('selection-count')).toBeNull();
  });

  it('asks before deleting (count, no refund); a refusal changes nothing and shows the server’s message', async () => {
    const photos = [1, 2, 3].map((n) => photo(n));
    await open(`/events/${EVENT_ID}/photos`, photos);
    await click(one('photo-select', tile(photos[0]) as HTMLElement));
    await click(one('photo-select', tile(photos[2]) as HTMLElement));

    // Cancel: nothing is sent.
    await click(one('bulk-delete'));
    expect(text(document.querySelector('mat-dialog-container h2'))).toBe('Delete 2 photos?');
    expect(text(document.querySelector('mat-dialog-container'))).toContain('Processing credits are not refunded');
    await click(Array.from(document.querySelectorAll<HTMLElement>('mat-dialog-container button')).find((b) => text(b) === 'Cancel') ?? null);
    http.expectNone({ method: 'POST', url: `${BASE}/photos/bulk` });

    // Confirm: the server refuses the whole request (one photo is no longer in the event).
    await click(one('bulk-delete'));
    await click(one('delete-confirm', document));
    const request = http.expectOne({ method: 'POST', url: `${BASE}/photos/bulk` });
    expect(request.request.body).toEqual({ action: 'delete', photoIds: [photos[0].id, photos[2].id] });
    request.flush(
      { statusCode: 400, error: 'Bad Request', message: '1 photo is not a photo of this event: nothing was changed.', details: { notInEvent: [photos[2].id] } },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    facetsRequest().flush(facets());
    await settle();

    expect(text(one('bulk-error'))).toContain('1 photo is not a photo of this event: nothing was changed.');
    expect(text(one('bulk-error'))).toContain('no longer in this event');
    // Nothing changed: the other photo stays, still selected, ready for another try.
    expect(tile(photos[0])).not.toBeNull();
    expect(tile(photos[2])).toBeNull();
    expect(text(one('selection-count'))).toBe('1 selected');

    await click(one('bulk-delete'));
    await click(one('delete-confirm', document));
    http.expectOne({ method: 'POST', url: `${BASE}/photos/bulk` }).flush({ action: 'delete', requested: 1, changed: 1 });
    await settle();
    facetsRequest().flush(facets({ total: 4 }));
    await settle();
    expect(tile(photos[0])).toBeNull();
    expect(one('bulk-error')).toBeNull();
    expect(notifier.info).toHaveBeenCalledWith('1 photo deleted.');
  });

  it('updates tiles, new photos and counts from the progress stream, without a reload', async () => {
    const processing = photo(2, { status: PhotoStatus.PROCESSING, thumbUrl: null, webUrl: null });
    await open(`/events/${EVENT_ID}/photos`, [photo(1), processing]);
    expect(tile(processing)?.dataset['status']).toBe('processing');
    expect(one('photo-processing', tile(processing) as HTMLElement)).not.toBeNull();

    // A stage finished: the tile's state changes at once, then the list is read again from that photo on.
    progress.next({ type: 'photo', data: { photoId: processing.id, batchId: null, stage: 'linking', status: PhotoStatus.PROCESSED } });
    harness.fixture.detectChanges();
    expect(tile(processing)?.dataset['status']).toBe('processed');
    await settle();
    facetsRequest().flush(facets({ total: 2, noBib: 1 }));
    listRequest(null, photo(1).id).flush(page([{ ...processing, status: PhotoStatus.PROCESSED, thumbUrl: '/api/media/t2.jpg', bibs: [ocr('214', 0.95)] }]));
    await settle();
    expect(one('photos-live')).not.toBeNull();
    expect(all('bib-chip', tile(processing) as HTMLElement).map((chip) => chip.dataset['bib'])).toEqual(['214']);
    expect(text(one('filter-all'))).toContain('All 2');

    // A photo the page has not seen: the list is complete, so it is read from the last photo on and appended.
    const fresh = photo(3, { status: PhotoStatus.PROCESSING });
    progress.next({ type: 'photo', data: { photoId: fresh.id, batchId: 'b1', stage: 'normalise', status: PhotoStatus.PROCESSING } });
    progress.next({ type: 'counters', data: { uploaded: 3, processed: 2, withBibs: 1, linkedByFace: 0, duplicates: 0, blurry: 0, failed: 0, processing: 1 } });
    await settle();
    facetsRequest().flush(facets({ total: 3 }));
    listRequest(null, processing.id).flush(page([fresh]));
    await settle();
    expect(all('photo-tile').map((t) => t.dataset['photoId'])).toEqual([photo(1).id, processing.id, fresh.id]);
    expect(text(one('filter-all'))).toContain('All 3');
  });

  it('shows a correction made in triage at once', async () => {
    const doubtful = photo(1, { bibs: [ocr('387', 0.6)], needsReview: true });
    await open(`/events/${EVENT_ID}/photos`, [doubtful]);
    const corrected: PhotoDto = {
      ...doubtful,
      needsReview: false,
      bibs: [{ number: '388', source: BibSource.MANUAL, confidence: null, similarity: null, box: null, linkedFromPhotoId: null }],
    };
    TestBed.inject(PhotoUpdates).publish(corrected);
    harness.fixture.detectChanges();
    expect(all('bib-chip').map((chip) => [chip.dataset['bib'], chip.dataset['source']])).toEqual([['388', 'manual']]);
    expect(one('flag-review')).toBeNull();
    // The list and counts are then read again, as for a pipeline change.
    await settle();
    facetsRequest().flush(facets({ needsReview: 2 }));
    listRequest(null).flush(page([corrected]));
    await settle();
    expect(all('bib-chip').map((chip) => chip.dataset['bib'])).toEqual(['388']);
  });
});
