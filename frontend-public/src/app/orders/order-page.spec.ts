import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { computed, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { CartItemInput, OrderDto, OrderStatus } from '@focus-racer/api-types';
import { AuthService } from '@focus-racer/ui';
import { FakeStorage } from '../../testing/fake-storage';
import { DeviceStore } from '../device/device-store';
import { ORDER_POLL_ATTEMPTS, ORDER_POLL_MS, OrderPage } from './order-page';

const hd = (photoId: string): CartItemInput => ({ kind: 'photo', photoId, resolution: 'hd' });

const pending: OrderDto = {
  id: 'order-1',
  status: OrderStatus.PENDING,
  event: { id: 'e1', slug: 'semi-marathon-de-bordeaux-2026', name: 'Semi-marathon de Bordeaux' },
  createdAt: '2026-04-01T10:00:00.000Z',
  paidAt: null,
  refundedAt: null,
  currency: 'EUR',
  subtotalCents: 1500,
  serviceFeeCents: 100,
  totalCents: 1600,
  buyerEmail: 'm***@example.com',
  mode: 'local-test',
  failureMessage: null,
  items: [
    { id: 'i1', photoId: 'p1', resolution: 'hd', unitPriceCents: 750, packName: 'Pack of 5', thumbUrl: '/t/p1.jpg' },
    { id: 'i2', photoId: 'p2', resolution: 'hd', unitPriceCents: 750, packName: 'Pack of 5', thumbUrl: '/t/p2.jpg' },
  ],
  downloads: null,
};
const paid: OrderDto = {
  ...pending,
  status: OrderStatus.PAID,
  paidAt: '2026-04-01T10:00:05.000Z',
  downloads: {
    expiresAt: '2026-04-02T10:00:05.000Z',
    zipUrl: '/api/downloads/order-1.zip?sig=z',
    files: [
      { itemId: 'i1', filename: 'bordeaux-0001.jpg', url: '/api/downloads/i1?sig=a' },
      { itemId: 'i2', filename: 'bordeaux-0002.jpg', url: '/api/downloads/i2?sig=b' },
    ],
  },
};

describe('OrderPage', () => {
  let http: HttpTestingController;
  let storage: FakeStorage;
  let fixture: ComponentFixture<OrderPage>;
  let signedIn: ReturnType<typeof signal<{ id: string } | null>>;

  function open(token: string | null = 'token-1'): HTMLElement {
    storage = new FakeStorage();
    storage.setItem('test.cart', JSON.stringify([hd('p1'), hd('p2'), hd('p3')]));
    storage.setItem('test.checkouts', JSON.stringify({ 'order-1': [hd('p1'), hd('p2')] }));
    signedIn = signal(null);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: DeviceStore, useValue: new DeviceStore('test', storage) },
        { provide: AuthService, useValue: { user: signedIn, isLoggedIn: computed(() => signedIn() !== null) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(OrderPage);
    fixture.componentRef.setInput('id', 'order-1');
    if (token) fixture.componentRef.setInput('t', token);
    fixture.detectChanges();
    jest.advanceTimersByTime(0);
    return fixture.nativeElement as HTMLElement;
  }

  const orderRequest = (): TestRequest => http.expectOne((r) => r.url === '/api/public/orders/order-1');
  const answer = (order: OrderDto | null, status = 200) => {
    const request = orderRequest();
    if (order) request.flush(order);
    else request.flush({ statusCode: status, message: `Refused (${status}).` }, { status, statusText: 'Refused' });
    fixture.detectChanges();
  };
  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const cartItems = () => JSON.parse(storage.getItem('test.cart') ?? '[]') as CartItemInput[];

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('asks with the link’s token, confirms the payment every 2 s, then lists the downloads and clears the cart', () => {
    const page = open();
    const first = orderRequest();
    expect(first.request.params.get('t')).toBe('token-1');
    first.flush(pending);
    fixture.detectChanges();
    expect(text(page.querySelector('[data-testid="order-pending"]'))).toContain('Confirming your payment…');
    expect(cartItems()).toHaveLength(3);

    jest.advanceTimersByTime(ORDER_POLL_MS);
    answer(pending);
    jest.advanceTimersByTime(ORDER_POLL_MS);
    answer(paid);

    expect(page.querySelector('[data-testid="order-pending"]')).toBeNull();
    expect(text(page.querySelector('h1'))).toBe('Thank you! Your photos are ready');
    expect(text(page.querySelector('[data-testid="order-paid"]'))).toContain('m***@example.com');
    const files = page.querySelectorAll('[data-testid="order-file"]');
    expect(files).toHaveLength(2);
    expect(files[0].querySelector('a')?.getAttribute('href')).toBe('/api/downloads/i1?sig=a');
    expect(files[0].querySelector('img')?.getAttribute('src')).toBe('/t/p1.jpg');
    expect(page.querySelector('[data-testid="order-download-zip"]')?.getAttribute('href')).toBe('/api/downloads/order-1.zip?sig=z');
    expect(text(page.querySelector('[data-testid="order-links-expiry"]'))).toMatch(/^These links work until .*2026/);
    expect(text(page.querySelector('[data-testid="order-total"]'))).toBe('€16.00');
    // What this order bought left the cart; the rest stays.
    expect(cartItems()).toEqual([hd('p3')]);

    // Paid is final: no more polling.
    jest.advanceTimersByTime(ORDER_POLL_MS * 3);
    http.expectNone((r) => r.url === '/api/public/orders/order-1');
  });

  it('stops asking after about two minutes and says what to do, with a way to check again', () => {
    const page = open();
    answer(pending);
    for (let i = 1; i < ORDER_POLL_ATTEMPTS; i++) {
      jest.advanceTimersByTime(ORDER_POLL_MS);
      answer(pending);
    }
    jest.advanceTimersByTime(ORDER_POLL_MS);
    fixture.detectChanges();
    http.expectNone((r) => r.url === '/api/public/orders/order-1');
    expect(ORDER_POLL_MS * ORDER_POLL_ATTEMPTS).toBe(120_000);
    expect(text(page.querySelector('[data-testid="order-pending"]'))).toContain('taking longer than usual');

    page.querySelector<HTMLButtonElement>('[data-testid="order-check-again"]')?.click();
    fixture.detectChanges();
    jest.advanceTimersByTime(0);
    answer(paid);
    expect(page.querySelector('[data-testid="order-paid"]')).not.toBeNull();
  });

  it('shows why a payment failed and offers to try again from the cart, which keeps its items', () => {
    const page = open();
    answer({ ...pending, status: OrderStatus.FAILED, failureMessage: 'Your card has insufficient funds.' });
    expect(text(page.querySelector('[data-testid="order-failed"] span'))).toBe('Your card has insufficient funds.');
    expect(page.querySelector('[data-testid="order-try-again"]')?.getAttribute('href')).toBe('/cart');
    expect(cartItems()).toHaveLength(3);
    jest.advanceTimersByTime(ORDER_POLL_MS * 3);
    http.expectNone((r) => r.url === '/api/public/orders/order-1');
  });

  it('explains that a refunded order’s downloads are gone', () => {
    const page = open();
    answer({ ...pending, status: OrderStatus.REFUNDED, refundedAt: '2026-04-03T09:00:00.000Z' });
    expect(text(page.querySelector('h1'))).toBe('This order was refunded');
    expect(text(page.querySelector('[data-testid="order-closed"]'))).toContain('downloads of this order are no longer available');
    expect(page.querySelector('[data-testid="order-download-zip"]')).toBeNull();
  });

  it('explains a disputed payment the same way', () => {
    const page = open();
    answer({ ...pending, status: OrderStatus.DISPUTED });
    expect(text(page.querySelector('[data-testid="order-closed"]'))).toContain('contested with the bank');
    expect(page.querySelector('[data-testid="order-file"]')).toBeNull();
  });

  it('says a refused link is not valid or has expired, and offers to sign in', () => {
    const page = open('wrong');
    answer(null, 403);
    expect(text(page.querySelector('[data-testid="order-invalid"]'))).toContain('This order link is not valid or has expired.');
    expect(text(page.querySelector('[data-testid="order-invalid-reason"]'))).toBe('Refused (403).');
    expect(page.querySelector('[data-testid="order-sign-in"]')?.getAttribute('href')).toMatch(/^\/login\?returnUrl=/);
  });

  it('asks without a token for a signed-in buyer, and says "not found" the same way for an unknown order', () => {
    const page = open(null);
    const request = orderRequest();
    expect(request.request.params.has('t')).toBe(false);
    request.flush({ statusCode: 404, message: 'Order not found' }, { status: 404, statusText: 'Not Found' });
    fixture.detectChanges();
    expect(page.querySelector('[data-testid="order-invalid"]')).not.toBeNull();
  });

  it('shows the server’s message for another error, and tries again on request', () => {
    const page = open();
    answer(null, 500);
    expect(page.querySelector('[data-testid="order-error"]')).not.toBeNull();
    page.querySelector<HTMLButtonElement>('[data-testid="order-error"] button')?.click();
    fixture.detectChanges();
    jest.advanceTimersByTime(0);
    answer(pending);
    expect(page.querySelector('[data-testid="order-pending"]')).not.toBeNull();
    jest.advanceTimersByTime(ORDER_POLL_MS);
    answer(paid);
  });
});
