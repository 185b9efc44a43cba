import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNativeDateAdapter } from '@angular/material/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { PublicEventDto } from '@focus-racer/api-types';
import { HomePage } from './home-page';

const race: PublicEventDto = {
  id: 'e1',
  name: 'Lyon Urban Trail',
  slug: 'lyon-urban-trail-2026',
  date: '2026-04-12',
  location: 'Lyon, France',
  sport: 'trail',
  coverUrl: null,
  photoCount: 1240,
};

describe('HomePage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNativeDateAdapter(),
        provideRouter([{ path: '', component: HomePage }], withComponentInputBinding()),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists published races as cards', async () => {
    const harness = await RouterTestingHarness.create('/');
    http.expectOne('/api/public/events').flush([race]);
    harness.detectChanges();
    const cards = harness.routeNativeElement?.querySelectorAll('[data-testid="event-card"]') ?? [];
    expect(cards).toHaveLength(1);
    expect(cards[0].textContent).toContain('Lyon Urban Trail');
    expect(cards[0].textContent).toContain('Lyon, France');
    expect(cards[0].textContent).toContain('1240 photos');
  });

  it('searches with ?q= and explains an empty result', async () => {
    const harness = await RouterTestingHarness.create('/?q=paris');
    const req = http.expectOne((r) => r.url === '/api/public/events');
    expect(req.request.params.get('q')).toBe('paris');
    req.flush([]);
    harness.detectChanges();
    const empty = harness.routeNativeElement?.querySelector('[data-testid="events-empty"]');
    expect(empty?.textContent).toContain('No race matches “paris”');
  });

  it('filters by race dates with ?from= and ?to=, and ignores a date that is not one', async () => {
    const harness = await RouterTestingHarness.create('/?from=2026-04-01&to=2026-04-30');
    const req = http.expectOne((r) => r.url === '/api/public/events');
    expect(req.request.params.get('from')).toBe('2026-04-01');
    expect(req.request.params.get('to')).toBe('2026-04-30');
    req.flush([]);
    harness.detectChanges();
    const empty = harness.routeNativeElement?.querySelector('[data-testid="events-empty"]');
    expect(empty?.textContent).toContain('No race on these dates');

    await harness.navigateByUrl('/?from=yesterday');
    const next = http.expectOne((r) => r.url === '/api/public/events');
    expect(next.request.params.has('from')).toBe(false);
    next.flush([race]);
  });
});
