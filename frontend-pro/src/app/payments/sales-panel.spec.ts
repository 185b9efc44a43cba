import { BreakpointObserver } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { OrderStatus, SaleDto, SalesPageDto, SalesSummaryDto, TopPhotoDto } from '@focus-racer/api-types';
import { BehaviorSubject, map } from 'rxjs';
import { SalesPanel } from './sales-panel';

const summary: SalesSummaryDto = {
  currency: 'EUR',
  paidOrders: 2,
  photosSold: 7,
  grossCents: 4200,
  platformFeeCents: 200,
  netCents: 4000,
  refundedOrders: 1,
  refundedCents: 1600,
};

const sale = (n: number, overrides: Partial<SaleDto> = {}): SaleDto => ({
  orderId: `order-${n}`,
  event: { id: 'e1', name: 'Trail des Crêtes du Vercors' },
  status: OrderStatus.PAID,
  // 10:30 where the test runs: the table shows local times.
  paidAt: new Date(2026, 5, 14, 10, 30).toISOString(),
  photoCount: 5,
  totalCents: 1600,
  platformFeeCents: 100,
  netCents: 1500,
  currency: 'EUR',
  ...overrides,
});

const page = (items: SaleDto[], nextCursor: string | null = null, s = summary): SalesPageDto => ({ summary: s, items, nextCursor });
const events = [
  { id: 'e1', name: 'Trail des Crêtes du Vercors', date: '2026-06-14' },
  { id: 'e2', name: '10 km de Nantes', date: '2026-11-15' },
];

describe('SalesPanel', () => {
  let http: HttpTestingController;
  let wide: BehaviorSubject<boolean>;

  beforeEach(() => {
    wide = new BehaviorSubject(true);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        provideRouter([]),
        { provide: BreakpointObserver, useValue: { observe: () => wide.pipe(map((matches) => ({ matches, breakpoints: {} }))) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(first: SalesPageDto, top: TopPhotoDto[] = [], onboarded: boolean | null = true) {
    const fixture = TestBed.createComponent(SalesPanel);
    fixture.componentRef.setInput('onboarded', onboarded);
    await fixture.whenStable();
    http.expectOne('/api/events').flush(events);
    const sales = http.expectOne((r) => r.url === '/api/payments/sales');
    expect(sales.request.params.keys()).toEqual([]);
    sales.flush(first);
    http.expectOne((r) => r.url === '/api/payments/sales/top-photos').flush(top);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  /** What a person reads: every text node, in order, one space between (block elements have none in textContent). */
  function text(el: Element | null | undefined): string {
    if (!el) return '';
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const parts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent ?? '');
    return parts.map((part) => part.trim()).filter(Boolean).join(' ').replace(/\s+/g, ' ');
  }

  it('sums up the sales and lists each one with its amounts and status', async () => {
    const { el } = await render(page([sale(1), sale(2, { status: OrderStatus.REFUNDED, photoCount: 1, totalCents: 700, platformFeeCents: 100, netCents: 600 })]));

    expect(text(el.querySelector('[data-testid="stat-gross"]'))).toBe('Paid by runners €42.00 2 paid orders');
    expect(text(el.querySelector('[data-testid="stat-fees"]'))).toContain('€2.00');
    expect(text(el.querySelector('[data-testid="stat-net"]'))).toBe("Net to you €40.00 Before Stripe's processing fee");
    expect(text(el.querySelector('[data-testid="stat-photos"]'))).toContain('7');
    expect(text(el.querySelector('[data-testid="stat-refunds"]'))).toBe('Refunds €16.00 1 refunded order');

    const rows = Array.from(el.querySelectorAll('[data-testid="sale-row"]')).map((row) =>
      Array.from(row.querySelectorAll('td')).map((cell) => text(cell)),
    );
    expect(rows).toEqual([
      ['14 Jun 2026, 10:30', 'Trail des Crêtes du Vercors', '5', '€16.00', '€1.00', '€15.00', 'Paid'],
      ['14 Jun 2026, 10:30', 'Trail des Crêtes du Vercors', '1', '€7.00', '€1.00', '€6.00', 'Refunded'],
    ]);
    expect(el.querySelector('[data-testid="sales-load-more"]')).toBeNull();
  });

  it('folds the table into three columns on a tablet', async () => {
    wide.next(false);
    const { el } = await render(page([sale(1)]));
    const cells = Array.from(el.querySelectorAll('[data-testid="sale-row"] td')).map((cell) => text(cell));
    expect(cells).toEqual([
      'Trail des Crêtes du Vercors 14 Jun 2026, 10:30 · 5 photos',
      '€16.00 fee €1.00 · net €15.00',
      'Paid',
    ]);
  });

  it('loads older sales with the cursor and appends them', async () => {
    const { fixture, el } = await render(page([sale(1)], 'cursor-1'));
    el.querySelector<HTMLButtonElement>('[data-testid="sales-load-more"]')!.click();
    const more = http.expectOne((r) => r.url === '/api/payments/sales' && r.params.get('cursor') === 'cursor-1');
    await fixture.whenStable();
    expect(text(el.querySelector('[data-testid="sales-load-more"]'))).toBe('Loading…');
    more.flush(page([sale(2), sale(3)], null));
    await fixture.whenStable();
    expect(el.querySelectorAll('[data-testid="sale-row"]')).toHaveLength(3);
    expect(el.querySelector('[data-testid="sales-load-more"]')).toBeNull();
  });

  it('reads the sales and top photos of one event when filtered', async () => {
    const { fixture, el } = await render(page([sale(1)]));
    expect(el.querySelector('[data-testid="sales-event-filter"]')?.textContent).toContain('All my events');
    const component = fixture.componentInstance as unknown as { eventFilter: { setValue(id: string): void } };
    component.eventFilter.setValue('e2');
    const sales = http.expectOne((r) => r.url === '/api/payments/sales');
    expect(sales.request.params.get('eventId')).toBe('e2');
    sales.flush(page([], null, { ...summary, paidOrders: 0, grossCents: 0 }));
    expect(http.expectOne((r) => r.url === '/api/payments/sales/top-photos').request.params.get('eventId')).toBe('e2');
    await fixture.whenStable();
    expect(text(el.querySelector('[data-testid="sales-empty"]'))).toContain('No sale for this event yet');
  });

  it('says what to do when nothing was sold yet', async () => {
    const { el } = await render(page([], null, { ...summary, paidOrders: 0, photosSold: 0, grossCents: 0 }));
    expect(text(el.querySelector('[data-testid="sales-empty"]'))).toContain('Share your event page so runners find their photos');
    expect(text(el.querySelector('[data-testid="top-photos-empty"]'))).toContain('No photo sold yet');
  });

  it('puts payments first when the pro cannot be paid yet', async () => {
    const { el } = await render(page([]), [], false);
    expect(text(el.querySelector('[data-testid="sales-empty"]'))).toContain('Finish setting up payments above first');
  });

  it('shows the top-selling photos with how often they sold and what they earned', async () => {
    const { el } = await render(page([sale(1)]), [
      { photoId: 'p1', thumbUrl: '/api/photos/p1/thumb', timesSold: 3, revenueCents: 1800 },
      { photoId: 'p2', thumbUrl: null, timesSold: 1, revenueCents: 600 },
    ]);
    const photos = Array.from(el.querySelectorAll('[data-testid="top-photo"]'));
    expect(photos.map((p) => text(p.querySelector('.app-top-photo-text')))).toEqual(['Sold 3 times €18.00', 'Sold 1 time €6.00']);
    expect(photos[0].querySelector('img')?.getAttribute('src')).toBe('/api/photos/p1/thumb');
    expect(photos[0].querySelector('img')?.getAttribute('alt')).toContain('sold 3 times');
  });
});
