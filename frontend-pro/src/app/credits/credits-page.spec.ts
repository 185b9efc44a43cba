import { BreakpointObserver } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { CreditReason, CreditsOverviewDto, CreditTransactionDto } from '@focus-racer/api-types';
import { ErrorNotifier } from '@focus-racer/ui';
import { BehaviorSubject, map } from 'rxjs';
import { BrowserLocation } from '../payments/browser-location';
import { CreditsPage, PENDING_CHECKOUT_KEY, POLL_ATTEMPTS, POLL_INTERVAL_MS } from './credits-page';

const entry = (n: number, overrides: Partial<CreditTransactionDto> = {}): CreditTransactionDto => ({
  id: `t${n}`,
  delta: -1,
  balanceAfter: 500 - n,
  reason: CreditReason.PHOTO_PROCESSED,
  note: null,
  photoId: `p${n}`,
  createdAt: new Date(2026, 5, 14, 10, 60 - n).toISOString(),
  ...overrides,
});

const overview = (overrides: Partial<CreditsOverviewDto> = {}): CreditsOverviewDto => ({
  mode: 'local-test',
  balance: 498,
  offers: [
    { id: 'pack-500', kind: 'pack', name: '500 credits', credits: 500, priceCents: 1500, currency: 'EUR', interval: null },
    { id: 'pack-2000', kind: 'pack', name: '2 000 credits', credits: 2000, priceCents: 5000, currency: 'EUR', interval: null },
    { id: 'sub-3000', kind: 'subscription', name: '3 000 credits every month', credits: 3000, priceCents: 6000, currency: 'EUR', interval: 'month' },
  ],
  subscription: null,
  ledger: [
    entry(1),
    entry(2),
    entry(3, { delta: 500, balanceAfter: 500, reason: CreditReason.SIGNUP_BONUS, photoId: null, note: 'Welcome to Focus Racer' }),
  ],
  nextBefore: null,
  ...overrides,
});

describe('CreditsPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let location: { assign: jest.Mock };
  let wide: BehaviorSubject<boolean>;

  beforeEach(async () => {
    sessionStorage.clear();
    wide = new BehaviorSubject(true);
    location = { assign: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        provideRouter([{ path: 'credits', component: CreditsPage }]),
        { provide: BrowserLocation, useValue: location },
        { provide: ErrorNotifier, useValue: { error: jest.fn(), info: jest.fn() } },
        { provide: BreakpointObserver, useValue: { observe: () => wide.pipe(map((matches) => ({ matches, breakpoints: {} }))) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => {
    jest.useRealTimers();
    http.verify();
  });

  async function open(url: string, first: CreditsOverviewDto = overview()): Promise<HTMLElement> {
    await harness.navigateByUrl(url);
    http.expectOne((r) => r.url === '/api/payments/credits' && !r.params.has('before')).flush(first);
    await harness.fixture.whenStable();
    return harness.routeNativeElement as HTMLElement;
  }

  function text(el: Element | null | undefined): string {
    if (!el) return '';
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const parts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent ?? '');
    return parts.map((part) => part.trim()).filter(Boolean).join(' ').replace(/\s+/g, ' ');
  }
  const byTestId = (el: HTMLElement, testId: string) => el.querySelector<HTMLElement>(`[data-testid="${testId}"]`);

  it('shows the balance, the offers with their price per credit, and the history in words', async () => {
    const el = await open('/credits');
    expect(text(byTestId(el, 'credit-balance'))).toBe('498 credits');
    expect(text(byTestId(el, 'test-mode'))).toContain('TEST MODE');
    const offers = Array.from(el.querySelectorAll('[data-testid="credit-offer"]')).map((o) => text(o));
    expect(offers[0]).toBe('Credit pack 500 credits €15.00 €0.030 per credit Buy');
    expect(offers[1]).toContain('€0.025 per credit');
    expect(offers[2]).toBe('Monthly subscription 3 000 credits every month €60.00 / month €0.020 per credit Subscribe');
    expect(text(byTestId(el, 'subscription'))).toContain('No subscription');

    const rows = Array.from(el.querySelectorAll('[data-testid="ledger-row"]')).map((row) =>
      Array.from(row.querySelectorAll('td')).map((cell) => text(cell)),
    );
    expect(rows[0]).toEqual(['14 Jun 2026, 10:59', 'Photo processed', '−1', '499', '']);
    expect(rows[2]).toEqual(['14 Jun 2026, 10:57', 'Welcome bonus', '+500', '500', 'Welcome to Focus Racer']);
    expect(byTestId(el, 'ledger-load-more')).toBeNull();
  });

  it('puts the note under the reason on a tablet', async () => {
    wide.next(false);
    const el = await open('/credits');
    const last = Array.from(el.querySelectorAll('[data-testid="ledger-row"]')).pop();
    expect(Array.from(last?.querySelectorAll('td') ?? []).map((cell) => text(cell))).toEqual([
      '14 Jun 2026, 10:57',
      'Welcome bonus Welcome to Focus Racer',
      '+500',
      '500',
    ]);
  });

  it('shows the current subscription and does not sell it twice', async () => {
    const el = await open(
      '/credits',
      overview({ subscription: { offerId: 'sub-3000', status: 'active', currentPeriodEnd: '2026-07-14T00:00:00.000Z', cancelAtPeriodEnd: false } }),
    );
    expect(text(byTestId(el, 'subscription'))).toContain('3 000 credits every month Active Renews on 14 July 2026');
    const buttons = Array.from(el.querySelectorAll<HTMLButtonElement>('[data-testid="buy-offer"]'));
    expect(text(buttons[2])).toBe('Your plan');
    expect(buttons[2].disabled).toBe(true);
    expect(buttons[0].disabled).toBe(false);
  });

  it('sends the browser to checkout for the chosen offer and remembers the balance before it', async () => {
    const el = await open('/credits');
    const buy = el.querySelectorAll<HTMLButtonElement>('[data-testid="buy-offer"]')[0];
    buy.click();
    await harness.fixture.whenStable();
    const request = http.expectOne({ method: 'POST', url: '/api/payments/credits/checkout' });
    expect(request.request.body).toEqual({ offerId: 'pack-500' });
    expect(text(buy)).toBe('Opening checkout…');
    expect(el.querySelectorAll<HTMLButtonElement>('[data-testid="buy-offer"]')[1].disabled).toBe(true);
    request.flush({ url: 'http://localhost:3000/api/payments/test/checkout/cs_local_1', mode: 'local-test' });
    expect(location.assign).toHaveBeenCalledWith('http://localhost:3000/api/payments/test/checkout/cs_local_1');
    expect(JSON.parse(sessionStorage.getItem(PENDING_CHECKOUT_KEY)!)).toEqual({ balance: 498, offerId: 'pack-500' });
  });

  it("shows the server's message when checkout cannot start", async () => {
    const el = await open('/credits');
    el.querySelectorAll<HTMLButtonElement>('[data-testid="buy-offer"]')[0].click();
    http
      .expectOne({ method: 'POST', url: '/api/payments/credits/checkout' })
      .flush({ statusCode: 400, message: 'This offer is not sold any more.' }, { status: 400, statusText: 'Bad Request' });
    await harness.fixture.whenStable();
    expect(text(byTestId(el, 'checkout-error'))).toContain('This offer is not sold any more.');
    expect(location.assign).not.toHaveBeenCalled();
    expect(el.querySelectorAll<HTMLButtonElement>('[data-testid="buy-offer"]')[0].disabled).toBe(false);
  });

  it('after a paid checkout, says the credits are coming and polls the balance until they arrive', async () => {
    sessionStorage.setItem(PENDING_CHECKOUT_KEY, JSON.stringify({ balance: 498, offerId: 'pack-500' }));
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    await harness.navigateByUrl('/credits?checkout=success');
    http.expectOne((r) => r.url === '/api/payments/credits').flush(overview());
    harness.fixture.detectChanges();
    const el = harness.routeNativeElement as HTMLElement;
    expect(text(byTestId(el, 'credits-notice'))).toContain('Your credits will appear in a few seconds');
    expect(byTestId(el, 'credits-waiting')).not.toBeNull();

    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    http.expectOne((r) => r.url === '/api/payments/credits').flush(overview());
    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    const bought = entry(0, { delta: 500, balanceAfter: 998, reason: CreditReason.PURCHASE, photoId: null, createdAt: new Date(2026, 5, 14, 11, 5).toISOString() });
    http
      .expectOne((r) => r.url === '/api/payments/credits')
      .flush(overview({ balance: 998, ledger: [bought, ...overview().ledger] }));
    harness.fixture.detectChanges();

    expect(text(byTestId(el, 'credit-balance'))).toBe('998 credits');
    expect(text(byTestId(el, 'credits-notice'))).toBe('check_circle 500 credits added. Your balance is now 998 credits.');
    expect(byTestId(el, 'credits-waiting')).toBeNull();
    expect(text(el.querySelector('[data-testid="ledger-row"]'))).toContain('Credit pack bought +500 998');
    expect(sessionStorage.getItem(PENDING_CHECKOUT_KEY)).toBeNull();
    // Polling stopped.
    jest.advanceTimersByTime(POLL_INTERVAL_MS * 3);
    http.expectNone((r) => r.url === '/api/payments/credits');
    jest.useRealTimers();
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/credits');
  });

  it('stops polling after a while and says what to do when the credits are late', async () => {
    sessionStorage.setItem(PENDING_CHECKOUT_KEY, JSON.stringify({ balance: 498, offerId: 'pack-500' }));
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    await harness.navigateByUrl('/credits?checkout=success');
    http.expectOne((r) => r.url === '/api/payments/credits').flush(overview());
    for (let i = 0; i < POLL_ATTEMPTS; i++) {
      jest.advanceTimersByTime(POLL_INTERVAL_MS);
      http.expectOne((r) => r.url === '/api/payments/credits').flush(overview());
    }
    jest.advanceTimersByTime(POLL_INTERVAL_MS * 3);
    http.expectNone((r) => r.url === '/api/payments/credits');
    harness.fixture.detectChanges();
    const el = harness.routeNativeElement as HTMLElement;
    expect(text(byTestId(el, 'credits-notice'))).toContain('the credits have not arrived yet');
  });

  it('says nothing was charged when the checkout was cancelled', async () => {
    sessionStorage.setItem(PENDING_CHECKOUT_KEY, JSON.stringify({ balance: 498, offerId: 'pack-500' }));
    const el = await open('/credits?checkout=cancel');
    expect(text(byTestId(el, 'credits-notice'))).toContain('Checkout cancelled: nothing was charged.');
    expect(sessionStorage.getItem(PENDING_CHECKOUT_KEY)).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/credits');
  });

  it('loads older history entries with ?before= until there are no more', async () => {
    const el = await open('/credits', overview({ ledger: [entry(1), entry(2)], nextBefore: entry(2).createdAt }));
    byTestId(el, 'ledger-load-more')!.click();
    const older = http.expectOne((r) => r.url === '/api/payments/credits' && r.params.get('before') === entry(2).createdAt);
    older.flush(overview({ ledger: [entry(3), entry(4)], nextBefore: null }));
    await harness.fixture.whenStable();
    expect(el.querySelectorAll('[data-testid="ledger-row"]')).toHaveLength(4);
    expect(byTestId(el, 'ledger-load-more')).toBeNull();
  });

  it('says how to start when there is no history', async () => {
    const el = await open('/credits', overview({ balance: 0, ledger: [] }));
    expect(text(byTestId(el, 'ledger-empty'))).toContain('Buy a pack above to start');
    expect(text(byTestId(el, 'credit-balance'))).toBe('0 credits');
  });
});
