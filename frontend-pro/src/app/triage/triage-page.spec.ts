import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { BibSource, PhotoBibDto, PhotoDto, PhotoStatus, TriageItemDto, TriagePage as TriagePageDto } from '@focus-racer/api-types';
import { ErrorNotifier } from '@focus-racer/ui';
import { Subject } from 'rxjs';
import { EventProgressMessage, EventProgressStream, LIVE_REFRESH_MS } from '../api/event-progress';
import { PhotoUpdates } from '../photos/photo-updates';
import { LOOKUP_DEBOUNCE_MS, TriagePage } from './triage-page';

const EVENT_ID = '0b9f3f5e-0000-4000-8000-0000000000e1';
const BASE = `/api/events/${EVENT_ID}`;

const ocr = (number: string, confidence: number): PhotoBibDto => ({
  number,
  source: BibSource.OCR,
  confidence,
  similarity: null,
  box: { x: 0.42, y: 0.55, w: 0.1, h: 0.07 },
  linkedFromPhotoId: null,
});
const manual = (number: string): PhotoBibDto => ({ number, source: BibSource.MANUAL, confidence: null, similarity: null, box: null, linkedFromPhotoId: null });

function photo(n: number, bibs: PhotoBibDto[]): PhotoDto {
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
    createdAt: '2026-04-12T09:00:00.000Z',
    bibs,
    needsReview: true,
    reviewedAt: null,
    uploadBatchId: null,
  };
}

const lowConfidence = (n: number, bib: string, runner?: [string, string]): TriageItemDto => ({
  photo: photo(n, [ocr(bib, 0.62)]),
  reasons: [{ code: 'low-confidence', message: `Bib ${bib} read with 62 % confidence`, bib }],
  runners: runner ? [{ bib, firstName: runner[0], lastName: runner[1], category: 'SEF', club: null }] : [],
  skippedAt: null,
});

const noBib = (n: number): TriageItemDto => ({
  photo: photo(n, []),
  reasons: [{ code: 'no-bib-no-face', message: 'No bib and no face found on this photo', bib: null }],
  runners: [],
  skippedAt: null,
});

const queue = (items: TriageItemDto[], total = items.length, nextCursor: string | null = null): TriagePageDto => ({
  items,
  nextCursor,
  total,
  hasStartList: true,
});

describe('TriagePage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let el: HTMLElement;
  const notifier = { error: jest.fn(), info: jest.fn() };
  let progress: Subject<EventProgressMessage>;

  beforeEach(async () => {
    progress = new Subject();
    notifier.error.mockReset();
    notifier.info.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        provideRouter([{ path: 'events/:id/triage', component: TriagePage }], withComponentInputBinding()),
        { provide: ErrorNotifier, useValue: notifier },
        { provide: EventProgressStream, useValue: { watch: () => progress.asObservable() } },
        { provide: LIVE_REFRESH_MS, useValue: 0 },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      harness.fixture.detectChanges();
      await harness.fixture.whenStable();
    }
  }

  async function open(page: TriagePageDto): Promise<void> {
    await harness.navigateByUrl(`/events/${EVENT_ID}/triage`);
    http.expectOne(BASE).flush({ id: EVENT_ID, name: 'Semi-marathon de Bordeaux' });
    http.expectOne((req) => req.url === `${BASE}/triage` && !req.params.has('cursor')).flush(page);
    await settle();
    el = harness.routeNativeElement as HTMLElement;
  }

  const one = (testId: string) => el.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  const all = (testId: string) => Array.from(el.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`));
  const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const shownPhoto = () => one('triage-item')?.dataset['photoId'];

  async function press(key: string): Promise<void> {
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    await settle();
  }

  async function type(value: string, index = 0): Promise<void> {
    const input = all('bib-input')[index] as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle();
  }

  const review = (photoId: string): TestRequest => http.expectOne({ method: 'POST', url: `/api/photos/${photoId}/review` });
  const correction = (photoId: string): TestRequest => http.expectOne({ method: 'PUT', url: `/api/photos/${photoId}/bibs` });
  /** The queue asked again from its start (at its end, or after a pipeline frame). */
  const queueAgain = (): TestRequest => http.expectOne((req) => req.url === `${BASE}/triage` && !req.params.has('cursor'));
  const lookup = (q: string): TestRequest => http.expectOne((req) => req.url === `${BASE}/start-list` && req.params.get('q') === q);

  it('shows one photo with its boxes, zoom, reasons and runners; Enter accepts and the next photo shows at once', async () => {
    const first = lowConfidence(1, '214', ['Zoé', 'Dupont']);
    const second = noBib(2);
    await open(queue([first, second]));
    const published: PhotoDto[] = [];
    TestBed.inject(PhotoUpdates).changes.subscribe((p) => published.push(p));

    expect(shownPhoto()).toBe(first.photo.id);
    expect(text(one('triage-left'))).toBe('2 left');
    expect(text(one('triage-reasons'))).toBe('warningBib 214 read with 62 % confidence');
    expect(one('bib-chip')?.dataset['bib']).toBe('214');
    expect(text(one('triage-runner'))).toBe('Zoé Dupont · SEF');
    expect(el.querySelectorAll('.app-box')).toHaveLength(1);
    expect(one('bib-zoom')?.querySelector('img')?.getAttribute('src')).toBe('/api/media/w1.jpg');
    expect(text(one('triage-actions'))).toContain('Accept A');

    await press('Enter');
    // The next photo shows before the server answers.
    expect(shownPhoto()).toBe(second.photo.id);
    expect(text(one('triage-left'))).toBe('1 left');
    const accepted = review(first.photo.id);
    expect(accepted.request.body).toEqual({ decision: 'accept' });
    accepted.flush({ ...first.photo, needsReview: false, reviewedAt: '2026-04-12T10:00:00.000Z' });
    await settle();
    expect(published.map((p) => [p.id, p.needsReview])).toEqual([[first.photo.id, false]]);
    expect(text(one('bib-zoom'))).toContain('No bib found on this photo');

    await press('a');
    review(second.photo.id).flush(null);
    // At the end of the loaded queue the server is asked whether new photos came in meanwhile.
    queueAgain().flush(queue([], 0));
    await settle();
    expect(text(one('triage-done'))).toContain('Nothing left to review');
    expect(one('triage-done-photos')?.getAttribute('href')).toBe(`/events/${EVENT_ID}/photos`);
    expect(text(one('triage-left'))).toBe('0 left');
  });

  it('corrects a number: an unknown one is warned, the input kept, and confirmed with Enter again', async () => {
    const first = lowConfidence(1, '387');
    const second = lowConfidence(2, '512');
    await open(queue([first, second]));

    await press('e');
    const input = () => all('bib-input')[0] as HTMLInputElement;
    expect(input().value).toBe('387');
    expect(document.activeElement).toBe(input());

    // The live check finds a runner for a number of the start list…
    await type('214');
    await new Promise((resolve) => setTimeout(resolve, LOOKUP_DEBOUNCE_MS + 20));
    lookup('214').flush({ items: [{ bib: '214', firstName: 'Zoé', lastName: 'Dupont', category: null, club: null, email: null, chipTime: null, updatedAt: '' }], total: 1, page: 1, pageSize: 5 });
    await settle();
    expect(text(one('bib-runner'))).toBe('Zoé Dupont');

    // …and none for a typo. The form checks the characters before anything is sent.
    await type('9 99');
    one('editor-save')?.click();
    await settle();
    expect(text(el.querySelector('mat-error'))).toBe('Digits, letters or dashes only, 12 at most.');
    http.expectNone({ method: 'PUT' });

    await type('9999');
    await new Promise((resolve) => setTimeout(resolve, LOOKUP_DEBOUNCE_MS + 20));
    lookup('9999').flush({ items: [{ bib: '99990', firstName: 'Other', lastName: 'Runner', category: null, club: null, email: null, chipTime: null, updatedAt: '' }], total: 1, page: 1, pageSize: 5 });
    await settle();
    expect(text(one('bib-unknown'))).toBe('Not in the start list');

    one('editor-save')?.click();
    await settle();
    const refused = correction(first.photo.id);
    expect(refused.request.body).toEqual({ bibs: ['9999'] });
    refused.flush(
      {
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'Bib 9999 is not in the start list: check the number, or send force: true to keep it',
        details: { unknownBibs: ['9999'] },
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle();
    expect(text(one('save-error'))).toContain('9999 is not in the start list. Check the number, or press Enter again');
    expect(text(one('save-error'))).not.toContain('force');
    expect(text(one('save-error'))).toContain('press Enter again to save it anyway');
    expect(input().value).toBe('9999');
    expect(shownPhoto()).toBe(first.photo.id);
    expect(text(one('editor-save'))).toContain('Save anyway');

    one('editor-save')?.click();
    await settle();
    const forced = correction(first.photo.id);
    expect(forced.request.body).toEqual({ bibs: ['9999'], force: true });
    forced.flush({ photo: { ...first.photo, bibs: [manual('9999')], needsReview: false }, unknownBibs: ['9999'] });
    await settle();
    expect(notifier.info).toHaveBeenCalledWith('Saved: 9999. Not in the start list: 9999.');
    expect(shownPhoto()).toBe(second.photo.id);
    expect(one('bib-editor')).toBeNull();
    expect(text(one('triage-left'))).toBe('1 left');

    // Back to the corrected photo: it says so, with the typed bib.
    await press('ArrowLeft');
    expect(shownPhoto()).toBe(first.photo.id);
    expect(text(one('triage-outcome'))).toBe('Corrected');
    expect(one('bib-chip')?.dataset['source']).toBe('manual');
  });

  it('adds a bib with N and removes the selected one with Delete', async () => {
    const first = lowConfidence(1, '387');
    const second = lowConfidence(2, '512');
    const third = noBib(3);
    await open(queue([first, second, third]));

    await press('n');
    expect(all('bib-input').map((input) => (input as HTMLInputElement).value)).toEqual(['387', '']);
    expect(document.activeElement).toBe(all('bib-input')[1]);
    // Escape leaves the editor without sending.
    await press('Escape');
    expect(one('bib-editor')).toBeNull();

    // Quick hands: Esc then N before the page renders again, while the closed editor's input still has the focus.
    await press('e');
    const stale = all('bib-input')[0];
    for (const key of ['Escape', 'N']) stale.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    await settle();
    expect(all('bib-input').map((input) => (input as HTMLInputElement).value)).toEqual(['387', '']);
    await type('388', 1);
    one('editor-save')?.click();
    await settle();
    correction(first.photo.id).flush({ photo: { ...first.photo, bibs: [manual('387'), manual('388')] }, unknownBibs: [] });
    await settle();
    expect(shownPhoto()).toBe(second.photo.id);

    await press('Delete');
    const removal = correction(second.photo.id);
    expect(removal.request.body).toEqual({ bibs: [] });
    removal.flush({ photo: { ...second.photo, bibs: [] }, unknownBibs: [] });
    await settle();
    expect(notifier.info).toHaveBeenCalledWith('No bib on this photo: saved.');
    expect(shownPhoto()).toBe(third.photo.id);
  });

  it('shows the server’s message when it refuses a correction, and keeps what was typed', async () => {
    const first = lowConfidence(1, '387');
    await open(queue([first]));
    await press('E');
    await type('388');
    one('editor-save')?.click();
    await settle();
    correction(first.photo.id).flush(
      { statusCode: 403, error: 'Forbidden', message: 'Only the event’s owner may correct bibs of another photographer’s photos.' },
      { status: 403, statusText: 'Forbidden' },
    );
    await settle();
    expect(text(one('save-error'))).toBe('error Only the event’s owner may correct bibs of another photographer’s photos.');
    expect((all('bib-input')[0] as HTMLInputElement).value).toBe('388');
    expect(text(one('editor-save'))).toBe('Save Enter');
    expect(shownPhoto()).toBe(first.photo.id);
  });

  it('skips with S and →, goes back with ←, and offers the skipped photos again at the end', async () => {
    const first = lowConfidence(1, '387');
    const second = noBib(2);
    await open(queue([first, second]));

    await press('s');
    expect(review(first.photo.id).request.body).toEqual({ decision: 'skip' });
    expect(shownPhoto()).toBe(second.photo.id);
    await press('ArrowRight');
    http.match({ method: 'POST' }).forEach((request) => request.flush(null));
    // The server still has both, skipped: they are not offered again on their own.
    queueAgain().flush(queue([{ ...first, skippedAt: '2026-04-12T10:00:00Z' }, { ...second, skippedAt: '2026-04-12T10:00:01Z' }]));
    await settle();
    expect(text(one('triage-left'))).toBe('2 left');
    expect(text(one('triage-done'))).toContain('Only skipped photos left');
    expect(text(one('triage-done'))).toContain('You skipped 2 photos');

    await press('ArrowLeft');
    expect(shownPhoto()).toBe(second.photo.id);
    expect(text(one('triage-outcome'))).toBe('Skipped');

    await press('ArrowRight');
    review(second.photo.id).flush(null);
    queueAgain().flush(queue([{ ...first, skippedAt: '2026-04-12T10:00:00Z' }, { ...second, skippedAt: '2026-04-12T10:00:02Z' }]));
    await settle();
    one('triage-restart')?.click();
    await settle();
    queueAgain().flush(queue([{ ...first, skippedAt: '2026-04-12T10:00:00Z' }]));
    await settle();
    expect(shownPhoto()).toBe(first.photo.id);
  });

  it('keeps the photo and says why when the server refuses an accept', async () => {
    const first = lowConfidence(1, '387');
    const second = noBib(2);
    await open(queue([first, second]));
    await press('a');
    review(first.photo.id).flush(
      { statusCode: 404, error: 'Not Found', message: 'This photo is no longer in your events.' },
      { status: 404, statusText: 'Not Found' },
    );
    await settle();
    expect(text(one('triage-failure'))).toContain('IMG_1001.jpg was not accepted: This photo is no longer in your events.');
    expect(text(one('triage-left'))).toBe('2 left');
    (Array.from(one('triage-failure')?.querySelectorAll('button') ?? []).find((b) => text(b) === 'Show it') as HTMLElement).click();
    await settle();
    expect(shownPhoto()).toBe(first.photo.id);
    expect(one('triage-outcome')).toBeNull();
  });

  it('says there is nothing to review when the queue is empty', async () => {
    await open(queue([]));
    expect(text(one('triage-done'))).toContain('Nothing left to review');
    expect(text(one('triage-left'))).toBe('0 left');
  });

  it('shows a new uncertain photo from the pipeline once the queue is done, without a reload', async () => {
    await open(queue([]));
    expect(text(one('triage-done'))).toContain('Nothing left to review');
    // A stage that leaves the photo in the pipeline changes nothing; a processed photo may be a new one to review.
    progress.next({ type: 'photo', data: { photoId: 'p9', batchId: null, stage: 'bibs', status: PhotoStatus.PROCESSING } });
    await settle();
    progress.next({ type: 'photo', data: { photoId: 'p9', batchId: null, stage: 'linking', status: PhotoStatus.PROCESSED } });
    await settle();
    const fresh = lowConfidence(9, '733');
    queueAgain().flush(queue([fresh]));
    await settle();
    expect(shownPhoto()).toBe(fresh.photo.id);
    expect(text(one('triage-left'))).toBe('1 left');
  });

  it('asks for the next page before the pro reaches the end of this one', async () => {
    const items = [1, 2, 3].map((n) => lowConfidence(n, String(100 + n)));
    await harness.navigateByUrl(`/events/${EVENT_ID}/triage`);
    http.expectOne(BASE).flush({ id: EVENT_ID, name: 'Race' });
    http.expectOne((req) => req.url === `${BASE}/triage` && !req.params.has('cursor')).flush(queue(items, 60, 'cursor-1'));
    await settle();
    el = harness.routeNativeElement as HTMLElement;
    const next = http.expectOne((req) => req.url === `${BASE}/triage` && req.params.get('cursor') === 'cursor-1');
    next.flush(queue([lowConfidence(4, '104')], 60, null));
    await settle();
    for (const item of items) {
      await press('a');
      review(item.photo.id).flush(null);
    }
    await settle();
    expect(shownPhoto()).toBe(lowConfidence(4, '104').photo.id);
    expect(text(one('triage-left'))).toBe('57 left');
  });
});
