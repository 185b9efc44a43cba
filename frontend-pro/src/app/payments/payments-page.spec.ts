import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ConnectStatusDto, PaymentsPublicConfigDto, SalesPageDto } from '@focus-racer/api-types';
import { ErrorNotifier } from '@focus-racer/ui';
import { BrowserLocation } from './browser-location';
import { PaymentsPage } from './payments-page';
import { PaymentsStatus } from './payments-status';

const notStarted: ConnectStatusDto = {
  mode: 'local-test',
  accountId: null,
  onboarded: false,
  chargesEnabled: false,
  payoutsEnabled: false,
  detailsSubmitted: false,
};
const inProgress: ConnectStatusDto = { ...notStarted, accountId: 'acct_local_1', detailsSubmitted: true };
const ready: ConnectStatusDto = { ...inProgress, onboarded: true, chargesEnabled: true, payoutsEnabled: true };

const config: PaymentsPublicConfigDto = { mode: 'local-test', publishableKey: null, serviceFeeCents: 100, commissionPercent: 0 };
const noSales: SalesPageDto = {
  summary: {
    currency: 'EUR',
    paidOrders: 0,
    photosSold: 0,
    grossCents: 0,
    platformFeeCents: 0,
    netCents: 0,
    refundedOrders: 0,
    refundedCents: 0,
  },
  items: [],
  nextCursor: null,
};

describe('PaymentsPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let location: { assign: jest.Mock };

  beforeEach(async () => {
    location = { assign: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        provideRouter([{ path: 'payments', component: PaymentsPage }]),
        { provide: BrowserLocation, useValue: location },
        { provide: ErrorNotifier, useValue: { error: jest.fn(), info: jest.fn() } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  /** Opens the page and answers the reads it makes; the sales part gets an empty history. */
  async function open(url: string, status: ConnectStatusDto | 'error' = notStarted): Promise<HTMLElement> {
    await harness.navigateByUrl(url);
    const statusRequest = http.expectOne('/api/payments/connect/status');
    if (status === 'error') {
      statusRequest.flush({ statusCode: 503, message: 'Stripe is unreachable.' }, { status: 503, statusText: 'Unavailable' });
    } else {
      statusRequest.flush(status);
    }
    http.expectOne('/api/public/payments/config').flush(config);
    http.expectOne('/api/events').flush([]);
    http.expectOne((r) => r.url === '/api/payments/sales').flush(noSales);
    http.expectOne((r) => r.url === '/api/payments/sales/top-photos').flush([]);
    await harness.fixture.whenStable();
    return harness.routeNativeElement as HTMLElement;
  }

  const text = (el: HTMLElement, testId: string) =>
    el.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const button = (el: HTMLElement, testId: string) => el.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`);

  it('offers to set up payments when there is no Stripe account yet, and sends the browser to the link', async () => {
    const el = await open('/payments');
    expect(text(el, 'onboarding-state')).toBe('Not set up');
    expect(text(el, 'test-mode')).toContain('TEST MODE');
    expect(el.querySelector('[data-testid="onboarding-checklist"]')).toBeNull();

    button(el, 'onboarding-start')!.click();
    await harness.fixture.whenStable();
    const link: TestRequest = http.expectOne({ method: 'POST', url: '/api/payments/connect/onboarding-link' });
    expect(button(el, 'onboarding-start')!.disabled).toBe(true);
    expect(text(el, 'onboarding-start')).toContain('Opening Stripe');
    link.flush({ url: 'http://localhost:3000/api/payments/test/onboarding/acct_local_1' });
    expect(location.assign).toHaveBeenCalledWith('http://localhost:3000/api/payments/test/onboarding/acct_local_1');
  });

  it('asks to continue an onboarding left half-way', async () => {
    const el = await open('/payments', inProgress);
    expect(text(el, 'onboarding-state')).toBe('In progress');
    expect(text(el, 'onboarding-start')).toContain('Continue onboarding');
    expect(text(el, 'onboarding-checklist')).toContain('Card payments not enabled yet');
  });

  it('shows a ready account without a set-up button', async () => {
    const el = await open('/payments', ready);
    expect(text(el, 'onboarding-state')).toBe('Ready');
    expect(button(el, 'onboarding-start')).toBeNull();
    expect(text(el, 'onboarding-checklist')).toContain('Payouts to your bank enabled');
    expect(TestBed.inject(PaymentsStatus).connect()).toEqual(ready);
  });

  it('says payments are set up on the way back from Stripe, and forgets the query parameter', async () => {
    const el = await open('/payments?onboarding=return', ready);
    expect(text(el, 'onboarding-notice')).toContain('Payments are set up. Runners can now buy your photos.');
    expect(TestBed.inject(Router).url).toBe('/payments');
  });

  it('says what is missing when the pro came back before finishing', async () => {
    const el = await open('/payments?onboarding=return', inProgress);
    expect(text(el, 'onboarding-notice')).toContain('Stripe still needs some details');
    expect(text(el, 'onboarding-start')).toContain('Continue onboarding');
  });

  it('asks for a new link by itself when Stripe says the old one expired', async () => {
    await harness.navigateByUrl('/payments?onboarding=refresh');
    const el = harness.routeNativeElement as HTMLElement;
    const link = http.expectOne({ method: 'POST', url: '/api/payments/connect/onboarding-link' });
    http.expectOne('/api/payments/connect/status').flush(inProgress);
    http.expectOne('/api/public/payments/config').flush(config);
    http.expectOne('/api/events').flush([]);
    http.expectOne((r) => r.url === '/api/payments/sales').flush(noSales);
    http.expectOne((r) => r.url === '/api/payments/sales/top-photos').flush([]);
    await harness.fixture.whenStable();
    expect(text(el, 'onboarding-notice')).toContain('Your Stripe link expired. Opening a new one');

    link.flush({ url: 'https://connect.stripe.com/setup/e/acct_1/abc' });
    expect(location.assign).toHaveBeenCalledWith('https://connect.stripe.com/setup/e/acct_1/abc');
    expect(TestBed.inject(Router).url).toBe('/payments');
  });

  it("shows the server's message when no link can be had, and lets the pro try again", async () => {
    const el = await open('/payments', inProgress);
    button(el, 'onboarding-start')!.click();
    http
      .expectOne({ method: 'POST', url: '/api/payments/connect/onboarding-link' })
      .flush({ statusCode: 502, message: 'Stripe did not answer. Try again in a minute.' }, { status: 502, statusText: 'Bad Gateway' });
    await harness.fixture.whenStable();
    expect(text(el, 'onboarding-error')).toContain('Stripe did not answer. Try again in a minute.');
    expect(button(el, 'onboarding-start')!.disabled).toBe(false);
    expect(location.assign).not.toHaveBeenCalled();
  });

  it('says when the status cannot be read', async () => {
    const el = await open('/payments', 'error');
    expect(text(el, 'onboarding-card')).toContain('Stripe is unreachable.');
    expect(button(el, 'onboarding-start')).toBeNull();
  });
});
