import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { EventStatsDto, PhotoStatus } from '@focus-racer/api-types';
import { EVENT_ID, text } from '../events/event-testing';
import { fillDays } from './charts/chart-data';
import { EventStats } from './event-stats';

const STATS = `/api/events/${EVENT_ID}/stats`;

const emptyStats = (): EventStatsDto => ({
  eventId: EVENT_ID,
  scope: 'event',
  photosByStatus: { [PhotoStatus.UPLOADED]: 0, [PhotoStatus.PROCESSING]: 0, [PhotoStatus.PROCESSED]: 0, [PhotoStatus.FAILED]: 0 },
  total: 0,
  matched: 0,
  matchRate: 0,
  byBibSource: { ocr: 0, manual: 0, faceLink: 0 },
  eventTotals: { total: 0, matched: 0, matchRate: 0 },
  searches: { total: 0, byKind: { bib: 0, name: 0, selfie: 0 }, byDay: [] },
  sales: { paidOrders: 0, photosSold: 0, grossCents: 0, netCents: 0, currency: 'EUR' },
  revenueByDay: [],
  topPhotos: [],
  byPhotographer: [],
});

describe('fillDays', () => {
  it('puts the days without any back at 0, over at least minDays', () => {
    const days = fillDays([{ date: '2026-03-22', count: 4 }, { date: '2026-03-24', count: 1 }], (d) => d.count, { minDays: 5 });
    expect(days).toEqual([
      { date: '2026-03-20', value: 0 },
      { date: '2026-03-21', value: 0 },
      { date: '2026-03-22', value: 4 },
      { date: '2026-03-23', value: 0 },
      { date: '2026-03-24', value: 1 },
    ]);
  });
});

describe('EventStats', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<EventStats>;
  let el: HTMLElement;

  const q = (testId: string) => el.querySelector(`[data-testid="${testId}"]`) as HTMLElement | null;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(EventStats);
    fixture.componentRef.setInput('eventId', EVENT_ID);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('says what to do when the event has no photo, search or sale yet', async () => {
    http.expectOne(STATS).flush(emptyStats());
    await fixture.whenStable();
    expect(text(q('stat-photos'))).toBe('0');
    expect(text(q('stat-revenue'))).toBe('€0.00');
    expect(text(q('stats-empty'))).toContain('Once photos are uploaded');
    expect(text(q('searches-empty'))).toContain('Share the public page');
    expect(text(q('sales-empty'))).toContain('No sale yet');
    expect(q('chart-status')).toBeNull();
    expect(q('top-photos')).toBeNull();
    expect(q('stats-by-photographer')).toBeNull();
  });

  it('draws the whole race: photos by status, match rate, searches, revenue, best sellers, photographers', async () => {
    http.expectOne(STATS).flush({
      ...emptyStats(),
      photosByStatus: { [PhotoStatus.UPLOADED]: 1, [PhotoStatus.PROCESSING]: 2, [PhotoStatus.PROCESSED]: 36, [PhotoStatus.FAILED]: 1 },
      total: 40,
      matched: 30,
      matchRate: 0.75,
      byBibSource: { ocr: 28, manual: 3, faceLink: 2 },
      eventTotals: { total: 40, matched: 30, matchRate: 0.75 },
      searches: { total: 9, byKind: { bib: 6, name: 2, selfie: 1 }, byDay: [{ date: '2026-03-22', count: 9 }] },
      sales: { paidOrders: 2, photosSold: 6, grossCents: 3000, netCents: 2700, currency: 'EUR' },
      revenueByDay: [{ date: '2026-03-23', netCents: 2700 }],
      topPhotos: [{ photoId: 'ph1', thumbUrl: '/media/ph1.jpg', timesSold: 2, revenueCents: 1200 }],
      byPhotographer: [{ photographerId: 'p1', name: 'Léa', photos: 40, matched: 30 }],
    } satisfies EventStatsDto);
    await fixture.whenStable();
    expect(text(q('stats-scope'))).toContain('The whole race, across all its photographers.');
    expect(text(q('stat-photos'))).toBe('40');
    expect(text(q('stat-matched'))).toBe('30');
    expect(text(q('stat-match-rate'))).toBe('75%');
    expect(text(q('stat-revenue'))).toBe('€27.00');
    expect(text(q('legend-Ready'))).toBe('Ready: 36');
    expect(text(q('legend-Failed'))).toBe('Failed: 1');
    expect(el.querySelector('[role="meter"]')?.getAttribute('aria-valuetext')).toBe('75%, 30 of 40 photos');
    // The bars have their figures in a table for screen readers.
    expect(text(q('chart-searches')?.querySelector('caption'))).toBe('Searches per day');
    expect(text(q('top-photos'))).toContain('Sold 2× · €12.00');
    expect(Array.from(q('stats-photographer-row')?.querySelectorAll('td') ?? []).map(text)).toEqual(['Léa', '40', '30', '75%']);
  });

  it("tells an invited photographer the figures are their own photos'", async () => {
    http.expectOne(STATS).flush({ ...emptyStats(), scope: 'photographer', total: 5, eventTotals: { total: 40, matched: 30, matchRate: 0.75 } });
    await fixture.whenStable();
    expect(text(q('stats-scope'))).toContain('Your photos in this race.');
    expect(text(el)).toContain('40 in the whole race');
  });
});
