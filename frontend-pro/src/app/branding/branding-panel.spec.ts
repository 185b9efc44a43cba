import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { Role, UpdateEventBrandingResponse } from '@focus-racer/api-types';
import { ErrorNotifier } from '@focus-racer/ui';
import { EventDetailStore } from '../events/event-detail-store';
import { authAs, EVENT_ID, eventDto, text } from '../events/event-testing';
import { BRANDING_PREVIEW_DEBOUNCE_MS, BrandingPanel } from './branding-panel';

const PREVIEW = `/api/events/${EVENT_ID}/branding/preview`;

describe('BrandingPanel', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<BrandingPanel>;
  let el: HTMLElement;
  let store: EventDetailStore;
  let blobs: number;

  const q = (testId: string) => el.querySelector(`[data-testid="${testId}"]`) as HTMLElement | null;
  const jpeg = () => new Blob(['jpeg'], { type: 'image/jpeg' });

  /** Lets `ms` pass on the fake clock, then renders (whenStable would wait on the faked timers). */
  async function settle(ms = 0): Promise<void> {
    await jest.advanceTimersByTimeAsync(ms);
    fixture.detectChanges();
    await jest.advanceTimersByTimeAsync(0);
  }

  function type(value: string): void {
    const input = q('watermark-text') as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  beforeEach(async () => {
    jest.useFakeTimers();
    blobs = 0;
    URL.createObjectURL = jest.fn(() => `blob:preview-${++blobs}`);
    URL.revokeObjectURL = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        EventDetailStore,
        authAs(Role.PHOTOGRAPHER),
        { provide: ErrorNotifier, useValue: { error: jest.fn(), info: jest.fn() } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(EventDetailStore);
    store.set(eventDto({ branding: { watermarkText: '© Studio Léa', watermarkOpacity: 0.45, watermarkPosition: 'tiled', logoUrl: null } }));
    fixture = TestBed.createComponent(BrandingPanel);
    el = fixture.nativeElement as HTMLElement;
    await settle();
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('draws the saved branding first, then one preview per pause in the typing, with the latest text', async () => {
    expect((q('watermark-text') as HTMLInputElement).value).toBe('© Studio Léa');
    await settle(BRANDING_PREVIEW_DEBOUNCE_MS);
    const first = http.expectOne(PREVIEW);
    expect(first.request.body).toEqual({ watermarkText: '© Studio Léa', watermarkOpacity: 0.45, watermarkPosition: 'tiled' });
    first.flush(jpeg());
    await settle();
    expect(q('branding-preview')?.getAttribute('src')).toBe('blob:preview-1');

    type('©');
    await settle(100);
    type('© Pho');
    await settle(100);
    type('© Photo Léa');
    await settle(BRANDING_PREVIEW_DEBOUNCE_MS - 1);
    http.expectNone(PREVIEW);
    await settle(1);
    const latest = http.expectOne(PREVIEW);
    expect(latest.request.body.watermarkText).toBe('© Photo Léa');
    latest.flush(jpeg());
    await settle();
    expect(q('branding-preview')?.getAttribute('src')).toBe('blob:preview-2');
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:preview-1');
  });

  it('cancels a preview still on its way when the text changes again', async () => {
    await settle(BRANDING_PREVIEW_DEBOUNCE_MS);
    http.expectOne(PREVIEW).flush(jpeg());
    type('A');
    await settle(BRANDING_PREVIEW_DEBOUNCE_MS);
    const slow = http.expectOne(PREVIEW);
    type('AB');
    await settle(BRANDING_PREVIEW_DEBOUNCE_MS);
    expect(slow.cancelled).toBe(true);
    http.expectOne(PREVIEW).flush(jpeg());
  });

  it('asks for no preview of a text over the limit, and says why', async () => {
    await settle(BRANDING_PREVIEW_DEBOUNCE_MS);
    http.expectOne(PREVIEW).flush(jpeg());
    type('x'.repeat(61));
    (q('watermark-text') as HTMLInputElement).dispatchEvent(new Event('blur'));
    await settle(BRANDING_PREVIEW_DEBOUNCE_MS);
    http.expectNone(PREVIEW);
    expect(text(el.querySelector('mat-error'))).toBe('Keep the watermark under 60 characters.');
  });

  it('saves, then says how many photos are re-rendered', async () => {
    await settle(BRANDING_PREVIEW_DEBOUNCE_MS);
    http.expectOne(PREVIEW).flush(jpeg());
    expect(text(q('branding-rerender-hint'))).toBe('Saving re-renders the public copies of the 12 photos of this event.');
    expect((q('branding-save') as HTMLButtonElement).disabled).toBe(true);
    type('© Photo Léa');
    await settle();
    (q('branding-save') as HTMLButtonElement).click();
    const save = http.expectOne(`/api/events/${EVENT_ID}/branding`);
    expect(save.request.method).toBe('PUT');
    expect(save.request.body).toEqual({ watermarkText: '© Photo Léa', watermarkOpacity: 0.45, watermarkPosition: 'tiled' });
    const saved = eventDto({ branding: { watermarkText: '© Photo Léa', watermarkOpacity: 0.45, watermarkPosition: 'tiled', logoUrl: null } });
    save.flush({ event: saved, derivativesQueued: 12 } satisfies UpdateEventBrandingResponse);
    await settle();
    expect(text(q('branding-saved')?.querySelector('span'))).toBe(
      'Saved. 12 photos are being re-rendered with the new watermark; runners see it within a few minutes.',
    );
    expect(store.event()?.branding.watermarkText).toBe('© Photo Léa');
    // The form is reset to what was saved: its preview is drawn again, and there is nothing left to save.
    await settle(BRANDING_PREVIEW_DEBOUNCE_MS);
    http.match(PREVIEW).forEach((req) => req.flush(jpeg()));
    expect((q('branding-save') as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows the server's refusal of a save", async () => {
    await settle(BRANDING_PREVIEW_DEBOUNCE_MS);
    http.expectOne(PREVIEW).flush(jpeg());
    type('New');
    await settle();
    (q('branding-save') as HTMLButtonElement).click();
    http
      .expectOne(`/api/events/${EVENT_ID}/branding`)
      .flush({ statusCode: 400, error: 'Bad Request', message: 'watermarkOpacity must not be greater than 0.8' }, { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(text(q('branding-error')?.querySelector('span'))).toBe('watermarkOpacity must not be greater than 0.8');
    await settle(BRANDING_PREVIEW_DEBOUNCE_MS);
    http.match(PREVIEW).forEach((req) => req.flush(jpeg()));
  });
});
