import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { EventPricingDto, PricePackKind, PublicEventDto, SearchResponse } from '@focus-racer/api-types';
import { AuthService } from '@focus-racer/ui';
import { FakeStorage } from '../../testing/fake-storage';
import { DeviceStore } from '../device/device-store';
import { EventPage } from './event-page';

const race: PublicEventDto = {
  id: 'e1',
  name: 'Semi-marathon de Bordeaux',
  slug: 'semi-marathon-de-bordeaux-2026',
  date: '2026-03-22',
  location: 'Bordeaux, France',
  sport: 'running',
  coverUrl: null,
  photoCount: 40,
};
const base = `/api/public/events/${race.slug}`;
const photo = (id: string) => ({ id, thumbUrl: `/t/${id}.jpg`, webUrl: `/w/${id}.jpg`, width: 1600, height: 1067, takenAt: null });

const found: SearchResponse = {
  mode: 'bib',
  runners: [{ bib: '3625', firstName: 'Thomas', lastName: 'Coureur', category: 'SEH', club: null, similarity: 1 }],
  results: [
    { photo: photo('p1'), score: 0.95, reasons: [{ kind: 'bib', bib: '3625', source: 'ocr', confidence: 0.92 }] },
    { photo: photo('p2'), score: 0.8, reasons: [{ kind: 'face-link', bib: '3625', similarity: 0.87, fromPhotoId: 'p1' }] },
  ],
};

const pack = (kind: PricePackKind, name: string, priceCents: number, photoCount: number | null = null) => ({
  id: `pack-${kind}-${photoCount ?? 1}`,
  kind,
  name,
  photoCount,
  priceCents,
  currency: 'EUR',
  active: true,
  sortOrder: 0,
});
const onSale: EventPricingDto = {
  eventId: race.id,
  slug: race.slug,
  currency: 'EUR',
  packs: [
    pack(PricePackKind.SINGLE, 'One photo', 600),
    pack(PricePackKind.PACK, 'Pack of 5', 1500, 5),
    pack(PricePackKind.ALL_MY_PHOTOS, 'All my photos', 2500),
  ],
  serviceFeeCents: 100,
  sellable: true,
  notSellableReason: null,
};
const notOnSale: EventPricingDto = { ...onSale, packs: [], sellable: false, notSellableReason: 'Not on sale yet.' };

describe('EventPage', () => {
  let http: HttpTestingController;
  const storage = new FakeStorage();

  beforeEach(() => {
    storage.clear();
    const nobody = signal(null);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'events/:slug', component: EventPage }], withComponentInputBinding()),
        { provide: DeviceStore, useValue: new DeviceStore('test', storage) },
        { provide: AuthService, useValue: { user: nobody, isLoggedIn: computed(() => nobody() !== null) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function openWithSearch(q: string, pricing: EventPricingDto = notOnSale): Promise<RouterTestingHarness> {
    const harness = await RouterTestingHarness.create(`/events/${race.slug}?q=${encodeURIComponent(q)}`);
    http.expectOne(base).flush(race);
    harness.detectChanges();
    http.expectOne(`${base}/meta`).flush(null, { status: 404, statusText: 'Not Found' });
    http.expectOne((r) => r.url === `${base}/photos`).flush({ items: [photo('p1')], nextCursor: null });
    http.expectOne(`${base}/pricing`).flush(pricing);
    return harness;
  }

  const cartItems = () => JSON.parse(storage.getItem('test.cart') ?? '[]') as unknown[];

  const el = (harness: RouterTestingHarness) => harness.routeNativeElement as HTMLElement;

  it('searches a typed bib with the device’s anonymous id and says why each photo matched, best first', async () => {
    const harness = await openWithSearch('3625');
    const search = http.expectOne((r) => r.url === `${base}/search`);
    expect(search.request.params.get('bib')).toBe('3625');
    expect(search.request.params.get('name')).toBeNull();
    expect(search.request.params.get('viewer')).toBe(JSON.parse(storage.getItem('test.viewerId') ?? '""'));
    search.flush(found);
    harness.detectChanges();

    const results = el(harness).querySelectorAll('[data-testid="search-result"]');
    expect(results).toHaveLength(2);
    expect(results[0].textContent).toContain('Bib 3625 read at 92\u00a0%');
    expect(results[1].textContent).toContain('Same face as bib 3625 (87\u00a0%)');
    expect(el(harness).querySelector('[data-testid="runner-match"]')?.textContent).toContain('Thomas Coureur');
    expect(el(harness).querySelector('h2#results-title')?.textContent).toContain('Photos of bib 3625');
  });

  it('searches a typed name by name', async () => {
    await openWithSearch('Coureur');
    const search = http.expectOne((r) => r.url === `${base}/search`);
    expect(search.request.params.get('name')).toBe('Coureur');
    search.flush({ ...found, mode: 'name' });
  });

  it('hides a photo the runner says is not them, and tells the API which bib it was about', async () => {
    const harness = await openWithSearch('3625');
    http.expectOne((r) => r.url === `${base}/search`).flush(found);
    harness.detectChanges();

    el(harness).querySelector<HTMLButtonElement>('[data-testid="not-me"]')?.click();
    harness.detectChanges();
    const feedback = http.expectOne('/api/public/photos/p1/feedback');
    expect(feedback.request.body).toEqual(expect.objectContaining({ verdict: 'not-me', bib: '3625' }));
    feedback.flush(null, { status: 204, statusText: 'No Content' });
    harness.detectChanges();
    const results = el(harness).querySelectorAll('[data-testid="search-result"]');
    expect(results).toHaveLength(1);
    expect(results[0].textContent).toContain('Same face');
  });

  it('explains an empty result instead of showing nothing', async () => {
    const harness = await openWithSearch('9999');
    http.expectOne((r) => r.url === `${base}/search`).flush({ mode: 'bib', runners: [], results: [] });
    harness.detectChanges();
    expect(el(harness).querySelector('[data-testid="search-empty"]')?.textContent).toContain('No photo found yet');
  });

  it('offers "all my photos" of the searched bib at the owner’s price, and puts it in the cart', async () => {
    const harness = await openWithSearch('3625', onSale);
    http.expectOne((r) => r.url === `${base}/search`).flush(found);
    harness.detectChanges();

    const offer = el(harness).querySelector('[data-testid="all-my-photos"]');
    expect(offer?.textContent).toContain('Buy all my photos (bib 3625) — €25.00');
    el(harness).querySelector<HTMLButtonElement>('[data-testid="all-my-photos-add"]')?.click();
    harness.detectChanges();
    expect(cartItems()).toEqual([{ kind: 'all-my-photos', eventId: race.id, bib: '3625' }]);
    expect(el(harness).querySelector('[data-testid="all-my-photos"]')?.textContent).toContain('are in your cart');
  });

  it('gives each result a labelled cart button that puts the photo in the cart in HD, and takes it out again', async () => {
    const harness = await openWithSearch('3625', onSale);
    http.expectOne((r) => r.url === `${base}/search`).flush(found);
    harness.detectChanges();

    const button = () => el(harness).querySelector<HTMLButtonElement>('[data-testid="search-result"] [data-testid="tile-cart"]');
    expect(button()?.getAttribute('aria-label')).toBe('Add to cart: result 1, photo of Semi-marathon de Bordeaux');
    button()?.click();
    harness.detectChanges();
    expect(cartItems()).toEqual([{ kind: 'photo', photoId: 'p1', resolution: 'hd' }]);
    expect(button()?.getAttribute('aria-label')).toBe('Remove from cart: result 1, photo of Semi-marathon de Bordeaux');
    button()?.click();
    harness.detectChanges();
    expect(cartItems()).toEqual([]);
  });

  it('offers no cart button and no pack while the race is not on sale', async () => {
    const harness = await openWithSearch('3625', notOnSale);
    http.expectOne((r) => r.url === `${base}/search`).flush(found);
    harness.detectChanges();
    expect(el(harness).querySelector('[data-testid="tile-cart"]')).toBeNull();
    expect(el(harness).querySelector('[data-testid="all-my-photos"]')).toBeNull();
  });

  it('shows "race not found" for an unknown race, without asking for its photos', async () => {
    const harness = await RouterTestingHarness.create('/events/nope');
    http.expectOne('/api/public/events/nope').flush({ statusCode: 404, message: 'No' }, { status: 404, statusText: 'Not Found' });
    harness.detectChanges();
    expect(el(harness).querySelector('[data-testid="event-missing"]')).not.toBeNull();
  });
});
