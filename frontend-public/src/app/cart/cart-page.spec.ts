import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { computed, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  CartGroupDto,
  CartItemInput,
  CartQuoteDto,
  EventPricingDto,
  PaymentsPublicConfigDto,
  PricePackKind,
} from '@focus-racer/api-types';
import { AuthService } from '@focus-racer/ui';
import { FakeStorage } from '../../testing/fake-storage';
import { DeviceStore } from '../device/device-store';
import { CartPage } from './cart-page';

const hd = (photoId: string): CartItemInput => ({ kind: 'photo', photoId, resolution: 'hd' });
const photo = (id: string) => ({ id, thumbUrl: `/t/${id}.jpg`, webUrl: `/w/${id}.jpg`, width: 1600, height: 1067, takenAt: null });
const line = (photoId: string) => ({ item: hd(photoId), photo: photo(photoId), photoCount: 1, coveredByAllMyPhotos: false });

const bordeaux: CartGroupDto = {
  event: { id: 'e1', slug: 'semi-marathon-de-bordeaux-2026', name: 'Semi-marathon de Bordeaux', date: '2026-03-22' },
  currency: 'EUR',
  lines: [line('p1'), line('p2'), line('p3')],
  appliedPacks: [
    { packId: 'pack5', name: 'Pack of 5', kind: PricePackKind.PACK, quantity: 1, photosCovered: 5, priceCents: 1500 },
  ],
  freeSlots: 2,
  subtotalCents: 1500,
  serviceFeeCents: 100,
  totalCents: 1600,
  savingsCents: 300,
  upsell: null,
  sellable: true,
  notSellableReason: null,
};
const trail: CartGroupDto = {
  event: { id: 'e2', slug: 'trail-des-cretes-2026', name: 'Trail des Crêtes', date: '2026-06-14' },
  currency: 'EUR',
  lines: [line('p7')],
  appliedPacks: [],
  freeSlots: 0,
  subtotalCents: 600,
  serviceFeeCents: 100,
  totalCents: 700,
  savingsCents: 0,
  upsell: null,
  sellable: false,
  notSellableReason: 'The photographer of this race cannot take payments yet.',
};
const testMode: PaymentsPublicConfigDto = {
  mode: 'local-test',
  publishableKey: null,
  serviceFeeCents: 100,
  commissionPercent: 0,
};
const pricing = (slug: string, web: boolean): EventPricingDto => ({
  eventId: slug,
  slug,
  currency: 'EUR',
  packs: web
    ? [{ id: 'w', kind: PricePackKind.DIGITAL_WEB, name: 'Web', photoCount: null, priceCents: 300, currency: 'EUR', active: true, sortOrder: 1 }]
    : [],
  serviceFeeCents: 100,
  sellable: true,
  notSellableReason: null,
});

describe('CartPage', () => {
  let http: HttpTestingController;
  let storage: FakeStorage;
  let fixture: ComponentFixture<CartPage>;

  function open(items: CartItemInput[]): HTMLElement {
    storage = new FakeStorage();
    if (items.length) storage.setItem('test.cart', JSON.stringify(items));
    const nobody = signal(null);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: DeviceStore, useValue: new DeviceStore('test', storage) },
        { provide: AuthService, useValue: { user: nobody, isLoggedIn: computed(() => nobody() !== null) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CartPage);
    fixture.detectChanges();
    http.expectOne('/api/public/payments/config').flush(testMode);
    return fixture.nativeElement as HTMLElement;
  }

  function flushQuote(quote: CartQuoteDto, webSlugs: string[] = []): void {
    http.expectOne({ method: 'POST', url: '/api/public/cart/quote' }).flush(quote);
    for (const group of quote.groups) {
      http.expectOne(`/api/public/events/${group.event.slug}/pricing`).flush(pricing(group.event.slug, webSlugs.includes(group.event.slug)));
    }
    fixture.detectChanges();
  }

  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  /** A summary row as read aloud: its term, then its amount. */
  const row = (el: Element | null | undefined) => Array.from(el?.children ?? []).map(text).join(' ');
  const deviceItems = () => JSON.parse(storage.getItem('test.cart') ?? '[]') as CartItemInput[];

  afterEach(() => http.verify());

  it('shows each event’s group as the server priced it: lines, pack, savings, free slots, fee, total, checkout', () => {
    const page = open([hd('p1'), hd('p2'), hd('p3'), hd('p7')]);
    const request = http.expectOne('/api/public/cart/quote');
    expect(request.request.body).toEqual({ items: [hd('p1'), hd('p2'), hd('p3'), hd('p7')] });
    request.flush({ groups: [bordeaux, trail], rejected: [] });
    http.expectOne(`/api/public/events/${bordeaux.event.slug}/pricing`).flush(pricing(bordeaux.event.slug, false));
    http.expectOne(`/api/public/events/${trail.event.slug}/pricing`).flush(pricing(trail.event.slug, false));
    fixture.detectChanges();

    expect(text(page.querySelector('[data-testid="test-mode-ribbon"]'))).toContain('Test mode — no real money');
    const [first, second] = Array.from(page.querySelectorAll('[data-testid="cart-group"]'));
    expect(text(first.querySelector('h2'))).toBe('Semi-marathon de Bordeaux');
    expect(first.querySelectorAll('[data-testid="cart-line"]')).toHaveLength(3);
    expect(first.querySelector('[data-testid="cart-line"] img')?.getAttribute('src')).toBe('/t/p1.jpg');
    expect(text(first.querySelector('[data-testid="cart-line-resolution"]'))).toBe('Full quality (HD original)');
    expect(row(first.querySelector('[data-testid="cart-pack"]'))).toBe('Pack of 5 €15.00');
    expect(row(first.querySelector('[data-testid="cart-savings"]'))).toBe('You save €3.00');
    expect(text(first.querySelector('[data-testid="cart-free-slots"]'))).toContain('room for 2 more photos at no extra cost');
    expect(Array.from(first.querySelectorAll('.app-row')).map(row)).toContain('Service fee €1.00');
    expect(text(first.querySelector('[data-testid="cart-total"]'))).toBe('€16.00');
    expect(first.querySelector('[data-testid="cart-checkout"]')?.getAttribute('href')).toBe('/checkout/e1');

    // Not on sale: the server's reason, and no way to pay.
    expect(text(second.querySelector('[data-testid="cart-not-sellable"] span'))).toBe(trail.notSellableReason);
    expect(second.querySelector('[data-testid="cart-checkout"]')).toBeNull();
  });

  it('shows the server’s upsell with a way back to the race’s photos', () => {
    const page = open([hd('p1'), hd('p2'), hd('p3')]);
    const upsell = { message: '3 photos: the pack of 5 costs less. Add 2 more?', addPhotos: 2, extraCents: 0, packId: 'pack5' };
    flushQuote({ groups: [{ ...bordeaux, freeSlots: 0, upsell }], rejected: [] });
    const hint = page.querySelector('[data-testid="cart-upsell"]');
    expect(text(hint)).toContain(upsell.message);
    expect(hint?.querySelector('a')?.getAttribute('href')).toBe(`/events/${bordeaux.event.slug}`);
  });

  it('lists the items the server refused with its reason and takes them out of the cart, without asking again', () => {
    const page = open([hd('p1'), hd('p2'), hd('p3'), hd('gone')]);
    flushQuote({ groups: [bordeaux], rejected: [{ item: hd('gone'), reason: 'This photo is no longer available.' }] });
    expect(text(page.querySelector('[data-testid="cart-rejected-item"]'))).toBe(
      'Photo in full quality (HD): This photo is no longer available.',
    );
    expect(deviceItems()).toEqual([hd('p1'), hd('p2'), hd('p3')]);
    // The quote still holds for what is left: no second request (verify() in afterEach).
    fixture.detectChanges();
    expect(page.querySelectorAll('[data-testid="cart-line"]')).toHaveLength(3);
  });

  it('prices the cart again when a line is removed', () => {
    const page = open([hd('p1'), hd('p2'), hd('p3')]);
    flushQuote({ groups: [bordeaux], rejected: [] });
    page.querySelector<HTMLButtonElement>('[data-testid="cart-line-remove"]')?.click();
    fixture.detectChanges();
    const again = http.expectOne('/api/public/cart/quote');
    expect(again.request.body).toEqual({ items: [hd('p2'), hd('p3')] });
    again.flush({ groups: [{ ...bordeaux, lines: [line('p2'), line('p3')] }], rejected: [] });
    fixture.detectChanges();
    expect(page.querySelectorAll('[data-testid="cart-line"]')).toHaveLength(2);
  });

  it('offers the choice of size only on races that sell web-size photos', () => {
    const page = open([hd('p1'), hd('p2'), hd('p3')]);
    flushQuote({ groups: [bordeaux], rejected: [] }, [bordeaux.event.slug]);
    const toggles = page.querySelectorAll('mat-button-toggle-group');
    expect(toggles).toHaveLength(3);
    expect(toggles[0].getAttribute('aria-label')).toBe('Size of Photo 1');
  });

  it('shows the server’s message when the cart cannot be priced, and tries again on request', () => {
    const page = open([hd('p1')]);
    http
      .expectOne('/api/public/cart/quote')
      .flush({ statusCode: 400, message: 'items must contain at most 500 elements' }, { status: 400, statusText: 'Bad Request' });
    fixture.detectChanges();
    expect(text(page.querySelector('[data-testid="cart-error"]'))).toContain('items must contain at most 500 elements');
    page.querySelector<HTMLButtonElement>('[data-testid="cart-error"] button')?.click();
    fixture.detectChanges();
    flushQuote({ groups: [{ ...bordeaux, lines: [line('p1')] }], rejected: [] });
    expect(page.querySelector('[data-testid="cart-error"]')).toBeNull();
  });

  it('says how to find photos when the cart is empty, without asking the server', () => {
    const page = open([]);
    http.expectNone('/api/public/cart/quote');
    expect(text(page.querySelector('[data-testid="cart-empty"]'))).toContain('search your bib number or your name');
  });
});
