import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  EventDto,
  EventStatus,
  PaymentsPublicConfigDto,
  PricePackDto,
  PricePackKind,
  PricePacksUpdate,
} from '@focus-racer/api-types';
import { ErrorNotifier } from '@focus-racer/ui';
import { PricePacksPage } from './price-packs-page';

const EVENT_ID = '0b9f3f5e-0000-4000-8000-0000000000e1';

const event: EventDto = {
  id: EVENT_ID,
  ownerId: 'me',
  access: 'owner',
  name: 'Trail des Crêtes du Vercors',
  slug: 'trail-des-cretes-du-vercors-2026',
  date: '2026-06-14',
  location: 'Villard-de-Lans',
  sport: 'trail',
  status: EventStatus.PUBLISHED,
  publicUrl: 'http://localhost:4300/events/trail-des-cretes-du-vercors-2026',
  coverUrl: null,
  hasCover: false,
  watermarkText: null,
  branding: { watermarkText: null, watermarkOpacity: 0.45, watermarkPosition: 'tiled', logoUrl: null },
  priceSettings: { currency: 'EUR' },
  photoCount: 12,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const config = (overrides: Partial<PaymentsPublicConfigDto> = {}): PaymentsPublicConfigDto => ({
  mode: 'local-test',
  publishableKey: null,
  serviceFeeCents: 100,
  commissionPercent: 0,
  ...overrides,
});

const pack = (overrides: Partial<PricePackDto>): PricePackDto => ({
  id: 'p1',
  kind: PricePackKind.PACK,
  name: 'Pack of 5 photos',
  photoCount: 5,
  priceCents: 1500,
  currency: 'EUR',
  active: true,
  sortOrder: 0,
  ...overrides,
});

describe('PricePacksPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let el: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        provideRouter([{ path: 'events/:id/prices', component: PricePacksPage }], withComponentInputBinding()),
        { provide: ErrorNotifier, useValue: { error: jest.fn(), info: jest.fn() } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  async function open(packs: PricePackDto[], settings = config()): Promise<void> {
    await harness.navigateByUrl(`/events/${EVENT_ID}/prices`);
    http.expectOne(`/api/events/${EVENT_ID}`).flush(event);
    http.expectOne(`/api/events/${EVENT_ID}/price-packs`).flush(packs);
    http.expectOne('/api/public/payments/config').flush(settings);
    await harness.fixture.whenStable();
    el = harness.routeNativeElement as HTMLElement;
  }

  const all = (testId: string) => Array.from(el.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`));
  const one = (testId: string) => el.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  const text = (testId: string) => one(testId)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  async function type(input: HTMLInputElement, value: string): Promise<void> {
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await harness.fixture.whenStable();
  }

  async function click(element: HTMLElement | null): Promise<void> {
    expect(element).not.toBeNull();
    element!.click();
    await harness.fixture.whenStable();
  }

  const priceInputs = () => all('pack-price') as HTMLInputElement[];

  it('shows what the runner pays and what the pro receives for each pack, and that the fee is once per order', async () => {
    await open([pack({ id: 'p0', kind: PricePackKind.SINGLE, name: 'Single photo', photoCount: null, priceCents: 600 }), pack({ sortOrder: 1 })]);

    expect(all('pack')).toHaveLength(2);
    expect((all('pack-name')[0] as HTMLInputElement).value).toBe('Single photo');
    const splits = all('pack-split').map((s) => s.textContent?.replace(/\s+/g, ' ').trim());
    expect(splits[0]).toBe("Runner pays €7.00 · you receive €6.00 (before Stripe's fee)");
    expect(splits[1]).toBe("Runner pays €16.00 · you receive €15.00 (before Stripe's fee)");
    expect(text('fee-note')).toContain('service fee of €1.00 once per order');
    expect(text('fee-note')).toContain('no commission');
    expect(one('test-mode')?.textContent).toContain('TEST MODE');
  });

  it('takes the commission out of what the pro receives and follows the typed price live', async () => {
    await open([pack({})], config({ serviceFeeCents: 150, commissionPercent: 10 }));
    expect(text('pack-split')).toBe("Runner pays €16.50 · you receive €13.50 (before Stripe's fee)");
    expect(text('fee-note')).toContain('10% of your prices');

    await type(priceInputs()[0], '20,50');
    expect(text('pack-split')).toBe("Runner pays €22.00 · you receive €18.45 (before Stripe's fee)");
    expect(el.textContent).toContain('€4.10 a photo');
  });

  it('suggests a starting offer for an empty event and sends it in integer cents', async () => {
    await open([]);
    expect(one('prices-empty')?.textContent).toContain('No price yet');
    await click(one('suggest-packs'));

    expect(priceInputs().map((input) => input.value)).toEqual(['6.00', '15.00', '25.00']);
    expect(all('pack-split').map((s) => s.textContent?.replace(/\s+/g, ' ').trim().split(' ·')[0])).toEqual([
      'Runner pays €7.00',
      'Runner pays €16.00',
      'Runner pays €26.00',
    ]);
    await type(priceInputs()[0], '6.90');
    await click(one('save-prices'));

    const put = http.expectOne({ method: 'PUT', url: `/api/events/${EVENT_ID}/price-packs` });
    const body = put.request.body as PricePacksUpdate;
    expect(body).toEqual({
      currency: 'EUR',
      packs: [
        { kind: PricePackKind.SINGLE, name: 'Single photo', photoCount: null, priceCents: 690, active: true },
        { kind: PricePackKind.PACK, name: 'Pack of 5 photos', photoCount: 5, priceCents: 1500, active: true },
        { kind: PricePackKind.ALL_MY_PHOTOS, name: 'All my photos', photoCount: null, priceCents: 2500, active: true },
      ],
    });
    expect((one('save-prices') as HTMLButtonElement).textContent).toContain('Saving');
    put.flush(body.packs.map((p, i) => pack({ ...p, id: `n${i}`, sortOrder: i, photoCount: p.photoCount ?? null })));
    await harness.fixture.whenStable();
    expect(text('prices-saved')).toContain('Prices saved');
    expect((one('save-prices') as HTMLButtonElement).disabled).toBe(true);
  });

  it('refuses a price that is not an amount, too high, or a pack of one photo, and sends nothing', async () => {
    await open([pack({})]);

    await type(priceInputs()[0], '15.999');
    await click(one('save-prices'));
    expect(el.querySelector('mat-error')?.textContent).toContain('An amount such as 6 or 14.90');

    await type(priceInputs()[0], '1000.01');
    await click(one('save-prices'));
    expect(el.querySelector('mat-error')?.textContent).toContain('At most €1,000.00');

    await type(priceInputs()[0], '15');
    await type(one('pack-count') as HTMLInputElement, '1');
    await click(one('save-prices'));
    expect(el.querySelector('mat-error')?.textContent).toContain('A whole number from 2 to 1000');
    http.expectNone({ method: 'PUT' });
  });

  it('names a pack after its size until the pro renames it', async () => {
    await open([pack({})]);
    const name = () => (one('pack-name') as HTMLInputElement).value;
    await type(one('pack-count') as HTMLInputElement, '10');
    expect(name()).toBe('Pack of 10 photos');
    await type(one('pack-name') as HTMLInputElement, 'Podium pack');
    await type(one('pack-count') as HTMLInputElement, '12');
    expect(name()).toBe('Podium pack');
  });

  it('refuses two active single-photo prices before sending', async () => {
    await open([pack({ id: 'a', kind: PricePackKind.SINGLE, name: 'Single photo', photoCount: null, priceCents: 600 })]);
    await click(one('add-pack'));
    // The saved single photo keeps its kind; the new price starts as the first kind not offered yet.
    expect(all('pack-kind')[0].getAttribute('aria-disabled')).toBe('true');
    expect(all('pack-kind')[1].textContent).toContain('Pack of N photos');
    await click(all('pack-kind')[1].querySelector<HTMLElement>('.mat-mdc-select-trigger'));
    const option = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find((o) => o.textContent?.trim() === 'Single photo');
    await click(option ?? null);
    expect((all('pack-name')[1] as HTMLInputElement).value).toBe('Single photo');
    expect(one('pack-count')).toBeNull();
    await type(priceInputs()[1], '5');
    await click(one('save-prices'));
    expect(text('prices-form-error')).toContain('Only one active "Single photo" price');
    http.expectNone({ method: 'PUT' });
  });

  it("shows the server's message when it refuses the offer", async () => {
    await open([pack({})]);
    await type(priceInputs()[0], '18');
    await click(one('save-prices'));
    http
      .expectOne({ method: 'PUT', url: `/api/events/${EVENT_ID}/price-packs` })
      .flush(
        { statusCode: 400, error: 'Bad Request', message: 'A pack must hold at least 2 photos.' },
        { status: 400, statusText: 'Bad Request' },
      );
    await harness.fixture.whenStable();
    expect(text('prices-server-error')).toContain('A pack must hold at least 2 photos.');
    expect((one('save-prices') as HTMLButtonElement).disabled).toBe(false);
  });
});
