import { Injectable } from '@nestjs/common';
import {
  DailyCount,
  EventAccess,
  EventStatsDto,
  EventStatus,
  PhotoFigures,
  PhotographerStatsRow,
  PhotoStatus,
  Role,
  SEARCH_KINDS,
  SearchKind,
  StatsOverviewDto,
  StatsOverviewEventRow,
} from '@focus-racer/api-types';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { RaceEvent } from '../events/entities/event.entity';
import { EventsService } from '../events/events.service';
import { DEFAULT_CURRENCY } from '../payments/orders/price-packs.service';
import { SalesService } from '../payments/orders/sales.service';

interface OverviewEvent {
  id: string;
  name: string;
  slug: string;
  date: string;
  status: EventStatus;
  access: EventAccess;
}

interface PhotoCountRow {
  status: PhotoStatus;
  total: string;
  matched: string;
  ocr: string;
  manual: string;
  face_link: string;
}

/**
 * The figures of the pros' statistics: photos by status and how many found their runner (a bib of any source),
 * runners' searches (event_search_daily), and sales (read through SalesService, which owns the money rules).
 * Whole events for their owner; a photographer invited to an event sees their own photos' figures beside the
 * event's totals.
 */
@Injectable()
export class StatsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventsService,
    private readonly sales: SalesService,
  ) {}

  async eventStats(user: AuthUser, eventId: string): Promise<EventStatsDto> {
    const event = await this.events.findForContributor(user, eventId);
    const uploaderId = accessOf(user, event) === 'owner' ? null : user.id;
    const [mine, whole, searches, byPhotographer, sales] = await Promise.all([
      this.photoCounts(event.id, uploaderId),
      uploaderId ? this.photoCounts(event.id, null) : null,
      this.searches(event.id),
      this.byPhotographer(event.id, uploaderId),
      this.sales.eventFigures(event.id, uploaderId),
    ]);
    const photosByStatus = Object.fromEntries(Object.values(PhotoStatus).map((status) => [status, 0])) as Record<PhotoStatus, number>;
    for (const row of mine) photosByStatus[row.status] = Number(row.total);
    const sum = (rows: PhotoCountRow[], key: Exclude<keyof PhotoCountRow, 'status'>) => rows.reduce((total, row) => total + Number(row[key]), 0);
    const figures = (rows: PhotoCountRow[]): PhotoFigures => photoFigures(sum(rows, 'total'), sum(rows, 'matched'));
    const own = figures(mine);
    return {
      eventId: event.id,
      scope: uploaderId ? 'photographer' : 'event',
      photosByStatus,
      ...own,
      byBibSource: { ocr: sum(mine, 'ocr'), manual: sum(mine, 'manual'), faceLink: sum(mine, 'face_link') },
      eventTotals: whole ? figures(whole) : own,
      searches,
      ...sales,
      byPhotographer,
    };
  }

  /** The pro's dashboard: every event they own (whole figures) or were invited to (their photos), newest race first. */
  async overview(user: AuthUser): Promise<StatsOverviewDto> {
    const events: OverviewEvent[] = await this.dataSource.query(
      `SELECT e.id, e.name, e.slug, e.date, e.status, CASE WHEN e.owner_id = $1 THEN 'owner' ELSE 'photographer' END AS access
       FROM events e
       WHERE e.owner_id = $1 OR EXISTS (SELECT 1 FROM event_photographers ep WHERE ep.event_id = e.id AND ep.photographer_id = $1)
       ORDER BY e.date DESC, e.created_at DESC`,
      [user.id],
    );
    const owned = events.filter((event) => event.access === 'owner').map((event) => event.id);
    const contributed = events.filter((event) => event.access === 'photographer').map((event) => event.id);
    const [photos, searches, sales] = await Promise.all([
      this.photoFiguresByEvent(owned, contributed, user.id),
      this.searchTotalsByEvent(events.map((event) => event.id)),
      this.sales.salesByEvent(owned, contributed, user.id),
    ]);
    const currency = mainCurrency([...sales.values()].map((figures) => figures.currency));
    const rows: StatsOverviewEventRow[] = events.map((event) => {
      const figures = photos.get(event.id) ?? photoFigures(0, 0);
      const sold = sales.get(event.id);
      return {
        eventId: event.id,
        name: event.name,
        slug: event.slug,
        date: event.date,
        status: event.status,
        access: event.access,
        ...figures,
        searches: searches.get(event.id) ?? 0,
        paidOrders: sold?.paidOrders ?? 0,
        photosSold: sold?.photosSold ?? 0,
        netCents: sold?.netCents ?? 0,
        currency: sold?.currency ?? currency,
      };
    });
    const inCurrency = [...sales.values()].filter((figures) => figures.currency === currency);
    const total = (pick: (row: StatsOverviewEventRow) => number) => rows.reduce((sum, row) => sum + pick(row), 0);
    return {
      totals: {
        events: rows.length,
        ...photoFigures(total((row) => row.total), total((row) => row.matched)),
        searches: total((row) => row.searches),
        paidOrders: inCurrency.reduce((sum, figures) => sum + figures.paidOrders, 0),
        photosSold: inCurrency.reduce((sum, figures) => sum + figures.photosSold, 0),
        grossCents: inCurrency.reduce((sum, figures) => sum + figures.grossCents, 0),
        netCents: inCurrency.reduce((sum, figures) => sum + figures.netCents, 0),
        currency,
      },
      events: rows,
    };
  }

  /** Per status: photos, those with a bib, and those with a bib of each source (of one uploader's photos when given). */
  private photoCounts(eventId: string, uploaderId: string | null): Promise<PhotoCountRow[]> {
    return this.dataSource.query(
      `SELECT p.status, count(*) AS total,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM bib_numbers b WHERE b.photo_id = p.id)) AS matched,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM bib_numbers b WHERE b.photo_id = p.id AND b.source = 'ocr')) AS ocr,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM bib_numbers b WHERE b.photo_id = p.id AND b.source = 'manual')) AS manual,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM bib_numbers b WHERE b.photo_id = p.id AND b.source = 'face-link')) AS face_link
       FROM photos p WHERE p.event_id = $1 AND ($2::uuid IS NULL OR p.uploader_id = $2::uuid)
       GROUP BY p.status`,
      [eventId, uploaderId],
    );
  }

  private async searches(eventId: string): Promise<EventStatsDto['searches']> {
    const rows: Array<{ day: string; kind: SearchKind; count: number }> = await this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, count FROM event_search_daily WHERE event_id = $1 ORDER BY day, kind`,
      [eventId],
    );
    const byKind = Object.fromEntries(SEARCH_KINDS.map((kind) => [kind, 0])) as Record<SearchKind, number>;
    const byDay: DailyCount[] = [];
    for (const row of rows) {
      byKind[row.kind] += row.count;
      const last = byDay[byDay.length - 1];
      if (last?.date === row.day) last.count += row.count;
      else byDay.push({ date: row.day, count: row.count });
    }
    return { total: rows.reduce((sum, row) => sum + row.count, 0), byKind, byDay };
  }

  /** Photos and matched photos per uploader (photos of a deleted account are left out: nobody to name). */
  private async byPhotographer(eventId: string, uploaderId: string | null): Promise<PhotographerStatsRow[]> {
    const rows: Array<{ id: string; name: string; photos: string; matched: string }> = await this.dataSource.query(
      `SELECT u.id, u.display_name AS name, count(*) AS photos,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM bib_numbers b WHERE b.photo_id = p.id)) AS matched
       FROM photos p JOIN users u ON u.id = p.uploader_id
       WHERE p.event_id = $1 AND ($2::uuid IS NULL OR p.uploader_id = $2::uuid)
       GROUP BY u.id, u.display_name ORDER BY count(*) DESC, u.display_name`,
      [eventId, uploaderId],
    );
    return rows.map((row) => ({ photographerId: row.id, name: row.name, photos: Number(row.photos), matched: Number(row.matched) }));
  }

  private async photoFiguresByEvent(owned: string[], contributed: string[], uploaderId: string): Promise<Map<string, PhotoFigures>> {
    if (owned.length + contributed.length === 0) return new Map();
    const rows: Array<{ event_id: string; total: string; matched: string }> = await this.dataSource.query(
      `SELECT p.event_id, count(*) AS total, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM bib_numbers b WHERE b.photo_id = p.id)) AS matched
       FROM photos p
       WHERE p.event_id = ANY($1) OR (p.event_id = ANY($2) AND p.uploader_id = $3)
       GROUP BY p.event_id`,
      [owned, contributed, uploaderId],
    );
    return new Map(rows.map((row) => [row.event_id, photoFigures(Number(row.total), Number(row.matched))]));
  }

  private async searchTotalsByEvent(eventIds: string[]): Promise<Map<string, number>> {
    if (eventIds.length === 0) return new Map();
    const rows: Array<{ event_id: string; total: string }> = await this.dataSource.query(
      `SELECT event_id, sum(count) AS total FROM event_search_daily WHERE event_id = ANY($1) GROUP BY event_id`,
      [eventIds],
    );
    return new Map(rows.map((row) => [row.event_id, Number(row.total)]));
  }
}

function photoFigures(total: number, matched: number): PhotoFigures {
  return { total, matched, matchRate: total === 0 ? 0 : Math.round((matched / total) * 1000) / 1000 };
}

function accessOf(user: AuthUser, event: RaceEvent): EventAccess {
  return user.role === Role.ADMIN || event.ownerId === user.id ? 'owner' : 'photographer';
}

/** The currency most of the pro's selling events use (money of other currencies is not added to it). */
function mainCurrency(currencies: string[]): string {
  const counts = new Map<string, number>();
  for (const currency of currencies) counts.set(currency, (counts.get(currency) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? DEFAULT_CURRENCY;
}
