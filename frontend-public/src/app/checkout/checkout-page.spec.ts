import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  CartGroupDto,
  CartItemInput,
  CheckoutResponse,
  PaymentsPublicConfigDto,
  PricePackKind,
  Role,
  UserDto,
} from '@focus-racer/api-types';
import { AuthService } from '@focus-racer/ui';
import { FakeStorage } from '../../testing/fake-storage';
import { BrowserLocation } from '../commerce/browser-location';
import { StripePayment } from '../commerce/stripe-payment';
import { DeviceStore } from '../device/device-store';
import { CheckoutPage } from './checkout-page';

const hd = (photoId: string): CartItemInput => ({ kind: 'photo', photoId, resolution: 'hd' });
const photo = (id: string) => ({ id, thumbUrl: `/t/${id}.jpg`, webUrl: `/w/${id}.jpg`, width: 1600, height: 1067, takenAt: null });
const line = (photoId: string) => ({ item: hd(photoId), photo: photo(photoId), photoCount: 1, coveredByAllMyPhotos: false });

const group: CartGroupDto = {
  event: { id: 'e1', slug: 'semi-marathon-de-bordeaux-2026', name: 'Semi-marathon de Bordeaux', date: '2026-03-22' },
  currency: 'EUR',
  lines: [line('p1'), line('p2')],
  appliedPacks: [{ packId: 's', name: 'Single photo', kind: PricePackKind.SINGLE, quantity: 2, photosCovered: 2, priceCents: 1200 }],
  freeSlots: 0,
  subtotalCents: 1200,
  serviceFeeCents: 100,
  totalCents: 1300,
  savingsCents: 0,
  upsell: null,
  sellable: true,
  notSellableReason: null,
};
const otherEvent: CartGroupDto = { ...group, event: { ...group.event, id: 'e2', slug: 'other', name: 'Other race' }, lines: [line('p9')] };

const config = (mode: 'stripe' | 'local-test'): PaymentsPublicConfigDto => ({
  mode,
  publishableKey: mode === 'stripe' ? 'pk_test_123' : null,
  serviceFeeCents: 100,
  commissionPercent: 0,
});

const response = (mode: 'stripe' | 'local-test'): CheckoutResponse => ({
  orderId: 'order-1',
  mode,
  clientSecret: mode === 'stripe' ? 'pi_1_secret_2' : null,
  publishableKey: mode === 'stripe' ? 'pk_test_123' : null,
  testCheckoutUrl: mode === 'local-test' ? 'http://api.test/api/payments/test-checkout/pi_local_1' : null,
  orderUrl: 'http://public.test/orders/order-1?t=token-1',
  currency: 'EUR',
  subtotalCents: 1200,
  serviceFeeCents: 100,
  totalCents: 1300,
});

const runner: UserDto = {
  id: 'runner-1',
  email: 'runner@demo.focusracer.local',
  displayName: 'Demo Runner',
  role: Role.RUNNER,
  stripeOnboarded: false,
  creditBalance: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('CheckoutPage', () => {
  let http: HttpTestingController;
  let storage: FakeStorage;
  let location: { origin: string; assign: jest.Mock };
  let stripe: { mount: jest.Mock };
  let confirm: jest.Mock;
  let harness: RouterTestingHarness;

  async function open(mode: 'stripe' | 'local-test', user: UserDto | null = null): Promise<HTMLElement> {
    storage = new FakeStorage();
    storage.setItem('test.cart', JSON.stringify([hd('p1'), hd('p2'), hd('p9')]));
    const signedIn = signal<UserDto | null>(user);
    location = { origin: 'http://localhost:4300', assign: jest.fn() };
    confirm = jest.fn().mockResolvedValue('Your card was declined.');
    stripe = { mount: jest.fn().mockResolvedValue({ confirm, destroy: jest.fn() }) };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        provideRouter([{ path: 'checkout/:eventId', component: CheckoutPage }], withComponentInputBinding()),
        { provide: DeviceStore, useValue: new DeviceStore('test', storage) },
        { provide: AuthService, useValue: { user: signedIn, isLoggedIn: computed(() => signedIn() !== null) } },
        { provide: BrowserLocation, useValue: location },
        { provide: StripePayment, useValue: stripe },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create('/checkout/e1');
    if (user) {
      // The account's cart is merged first; the checkout prices the merged cart.
      http.expectNone('/api/public/cart/quote');
      http.expectOne('/api/me/cart').flush({ items: [hd('p1'), hd('p2'), hd('p9')], updatedAt: null });
      harness.detectChanges();
    }
    const quote = http.expectOne({ method: 'POST', url: '/api/public/cart/quote' });
    expect(quote.request.body).toEqual({ items: [hd('p1'), hd('p2'), hd('p9')] });
    quote.flush({ groups: [otherEvent, group], rejected: [] });
    http.expectOne('/api/public/payments/config').flush(config(mode));
    harness.detectChanges();
    return harness.routeNativeElement as HTMLElement;
  }

  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const type = (page: HTMLElement, value: string) => {
    const input = page.querySelector<HTMLInputElement>('[data-testid="checkout-email"]');
    if (!input) throw new Error('no email field');
    input.value = value;
    input.dispatchEvent(new Event('input'));
    harness.detectChanges();
  };
  const submit = (page: HTMLElement) => {
    page.querySelector<HTMLButtonElement>('[data-testid="checkout-submit"]')?.click();
    harness.detectChanges();
  };

  afterEach(() => http.verify());

  it('test mode: says no real money moves, requires a visitor’s email, then sends the browser to the test payment page', async () => {
    const page = await open('local-test');
    expect(text(page.querySelector('[data-testid="test-mode-notice"]'))).toContain('TEST MODE — no real money');
    expect(text(page.querySelector('[data-testid="checkout-summary"]'))).toContain('Semi-marathon de Bordeaux');
    expect(text(page.querySelector('[data-testid="checkout-total"]'))).toBe('€13.00');

    submit(page);
    http.expectNone('/api/public/checkout');
    expect(text(page.querySelector('mat-error'))).toBe('Your email is needed to send you the photos.');

    type(page, 'not an email');
    submit(page);
    http.expectNone('/api/public/checkout');
    expect(text(page.querySelector('mat-error'))).toBe('This does not look like an email address.');

    type(page, 'marie@example.com');
    submit(page);
    // A second click while the first is on its way does nothing: the button is disabled and the page ignores it.
    expect(page.querySelector<HTMLButtonElement>('[data-testid="checkout-submit"]')?.disabled).toBe(true);
    submit(page);
    const checkout = http.expectOne({ method: 'POST', url: '/api/public/checkout' });
    expect(checkout.request.body).toEqual({ eventId: 'e1', items: [hd('p1'), hd('p2')], email: 'marie@example.com' });
    checkout.flush(response('local-test'));
    harness.detectChanges();

    expect(location.assign).toHaveBeenCalledWith('http://api.test/api/payments/test-checkout/pi_local_1');
    expect(text(page.querySelector('[data-testid="checkout-submit"]'))).toContain('Opening the payment page');
    // Remembered, so the order page can clear exactly these items once paid.
    expect(JSON.parse(storage.getItem('test.checkouts') ?? '{}')).toEqual({ 'order-1': [hd('p1'), hd('p2')] });
    expect(stripe.mount).not.toHaveBeenCalled();
  });

  it('prefills a signed-in runner’s email and lets it be', async () => {
    const page = await open('local-test', runner);
    expect(page.querySelector<HTMLInputElement>('[data-testid="checkout-email"]')?.value).toBe(runner.email);
    submit(page);
    const checkout = http.expectOne('/api/public/checkout');
    expect(checkout.request.body.email).toBe(runner.email);
    checkout.flush(response('local-test'));
  });

  it('shows the server’s refusal (race no longer on sale) and lets the runner try again', async () => {
    const page = await open('local-test');
    type(page, 'marie@example.com');
    submit(page);
    http
      .expectOne('/api/public/checkout')
      .flush({ statusCode: 409, message: 'The photos of this race are not on sale any more.' }, { status: 409, statusText: 'Conflict' });
    harness.detectChanges();
    expect(text(page.querySelector('[data-testid="checkout-failure"]'))).toContain('not on sale any more');
    expect(page.querySelector<HTMLButtonElement>('[data-testid="checkout-submit"]')?.disabled).toBe(false);
    expect(location.assign).not.toHaveBeenCalled();
  });

  it('Stripe mode: mounts the Payment Element with the client secret, returns to the order page, shows Stripe’s error', async () => {
    const page = await open('stripe');
    expect(page.querySelector('[data-testid="test-mode-notice"]')).toBeNull();
    type(page, 'marie@example.com');
    submit(page);
    http.expectOne('/api/public/checkout').flush(response('stripe'));
    harness.detectChanges();
    await harness.fixture.whenStable();
    harness.detectChanges();

    const host = page.querySelector('[data-testid="stripe-payment-element"]');
    expect(stripe.mount).toHaveBeenCalledWith(host, 'pk_test_123', 'pi_1_secret_2');
    const pay = () => page.querySelector<HTMLButtonElement>('[data-testid="checkout-confirm"]');
    expect(text(pay())).toContain('Pay €13.00');
    expect(pay()?.disabled).toBe(false);

    pay()?.click();
    harness.detectChanges();
    expect(pay()?.disabled).toBe(true);
    await harness.fixture.whenStable();
    harness.detectChanges();
    // The order page on this app, with its token: where Stripe sends the browser once paid.
    expect(confirm).toHaveBeenCalledWith('http://localhost:4300/orders/order-1?t=token-1');
    expect(text(page.querySelector('[data-testid="checkout-failure"]'))).toContain('Your card was declined.');
    expect(pay()?.disabled).toBe(false);
    expect(location.assign).not.toHaveBeenCalled();
  });

  it('says so when the cart has nothing of this race any more', async () => {
    storage = new FakeStorage();
    const nobody = signal(null);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'checkout/:eventId', component: CheckoutPage }], withComponentInputBinding()),
        { provide: DeviceStore, useValue: new DeviceStore('test', storage) },
        { provide: AuthService, useValue: { user: nobody, isLoggedIn: computed(() => nobody() !== null) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create('/checkout/e1');
    http.expectOne('/api/public/payments/config').flush(config('local-test'));
    harness.detectChanges();
    expect(text(harness.routeNativeElement?.querySelector('[data-testid="checkout-missing"]'))).toContain('no photos of this race');
  });
});
