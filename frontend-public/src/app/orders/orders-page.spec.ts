import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { computed, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { OrderStatus, OrderSummaryDto } from '@focus-racer/api-types';
import { AuthService } from '@focus-racer/ui';
import { OrdersPage } from './orders-page';

const order: OrderSummaryDto = {
  id: 'order-1',
  status: OrderStatus.PAID,
  event: { id: 'e1', slug: 'semi-marathon-de-bordeaux-2026', name: 'Semi-marathon de Bordeaux' },
  createdAt: '2026-04-01T10:00:00.000Z',
  paidAt: '2026-04-01T10:00:05.000Z',
  photoCount: 3,
  totalCents: 1600,
  currency: 'EUR',
  orderUrl: 'https://focusracer.example/orders/order-1?t=fresh-token',
};

describe('OrdersPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<OrdersPage>;

  function open(user: { id: string } | null): HTMLElement {
    const signedIn = signal(user);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: AuthService, useValue: { user: signedIn, isLoggedIn: computed(() => signedIn() !== null) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(OrdersPage);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  afterEach(() => http.verify());

  it('asks a visitor to sign in, without calling the API', () => {
    const page = open(null);
    expect(text(page.querySelector('[data-testid="orders-signed-out"]'))).toContain('Sign in to see your orders');
    expect(page.querySelector('[data-testid="orders-sign-in"]')?.getAttribute('href')).toBe('/login?returnUrl=%2Forders');
  });

  it('lists a runner’s orders with date, race, photos, total and status, each a link to its page on this app', () => {
    const page = open({ id: 'runner-1' });
    http.expectOne('/api/me/orders').flush([order, { ...order, id: 'order-2', status: OrderStatus.REFUNDED, photoCount: 1 }]);
    fixture.detectChanges();
    const rows = page.querySelectorAll('[data-testid="order-row"]');
    expect(rows).toHaveLength(2);
    expect(text(rows[0])).toContain('Semi-marathon de Bordeaux');
    expect(text(rows[0])).toContain('3 photos');
    expect(text(rows[0])).toContain('€16.00');
    expect(text(rows[0].querySelector('[data-testid="order-status"]'))).toBe('Paid');
    expect(text(rows[1].querySelector('[data-testid="order-status"]'))).toBe('Refunded');
    expect(rows[0].getAttribute('href')).toBe('/orders/order-1?t=fresh-token');
  });

  it('says how to get photos when there is no order yet', () => {
    const page = open({ id: 'runner-1' });
    http.expectOne('/api/me/orders').flush([]);
    fixture.detectChanges();
    expect(text(page.querySelector('[data-testid="orders-empty"]'))).toContain('No orders yet');
  });
});
