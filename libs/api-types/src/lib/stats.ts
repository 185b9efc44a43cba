import { TopPhotoDto } from './commerce';
import { EventStatus, PhotoStatus } from './enums';
import { EventAccess } from './events';

/** The three ways runners search an event's photos; each search is counted per event and day. */
export type SearchKind = 'bib' | 'name' | 'selfie';
export const SEARCH_KINDS: readonly SearchKind[] = ['bib', 'name', 'selfie'] as const;

/** One point of a daily series; `date` is a UTC day written YYYY-MM-DD. Days without any are left out. */
export interface DailyCount {
  date: string;
  count: number;
}

export interface DailyRevenue {
  date: string;
  netCents: number;
}

/**
 * Sales figures in `currency` (the event's main one). Paid orders only (refunded and disputed ones are not counted).
 * netCents is what the seller keeps: gross minus the platform's fee. For a photographer invited to the event, the
 * items of their own photos: grossCents is those items' prices and netCents their share of the orders' net.
 */
export interface EventSalesFigures {
  paidOrders: number;
  photosSold: number;
  grossCents: number;
  netCents: number;
  currency: string;
}

export interface PhotographerStatsRow {
  photographerId: string;
  name: string;
  photos: number;
  matched: number;
}

/** Photo figures of one scope (a whole event, or one photographer's photos in it). */
export interface PhotoFigures {
  total: number;
  /** Photos with at least one bib number (of any source). */
  matched: number;
  /** matched / total, 0–1 (0 when there is no photo). */
  matchRate: number;
}

/**
 * `GET /api/events/:id/stats`. scope 'event' (the owner, an organizer, an ADMIN): every figure covers the whole
 * event across its photographers. scope 'photographer' (a photographer invited to the event): photo figures,
 * sales, top photos and byPhotographer cover their own photos; eventTotals and searches are event-wide.
 */
export interface EventStatsDto {
  eventId: string;
  scope: 'event' | 'photographer';
  photosByStatus: Record<PhotoStatus, number>;
  total: number;
  matched: number;
  matchRate: number;
  /** Photos with at least one bib found this way (a photo with two sources counts in both). */
  byBibSource: { ocr: number; manual: number; faceLink: number };
  /** The whole event's photo figures (the same as the above for scope 'event'). */
  eventTotals: PhotoFigures;
  searches: { total: number; byKind: Record<SearchKind, number>; byDay: DailyCount[] };
  sales: EventSalesFigures;
  revenueByDay: DailyRevenue[];
  topPhotos: TopPhotoDto[];
  byPhotographer: PhotographerStatsRow[];
}

/** One event on the pro's dashboard (`GET /api/stats/overview`); figures scoped as in EventStatsDto. */
export interface StatsOverviewEventRow extends PhotoFigures {
  eventId: string;
  name: string;
  slug: string;
  date: string;
  status: EventStatus;
  access: EventAccess;
  searches: number;
  paidOrders: number;
  photosSold: number;
  netCents: number;
  currency: string;
}

/** `GET /api/stats/overview`: the signed-in pro's figures across the events they own or were invited to. */
export interface StatsOverviewDto {
  totals: PhotoFigures & {
    events: number;
    searches: number;
    paidOrders: number;
    photosSold: number;
    grossCents: number;
    netCents: number;
    /** The main currency of the pro's sales; events selling in another currency are left out of the money totals. */
    currency: string;
  };
  events: StatsOverviewEventRow[];
}
