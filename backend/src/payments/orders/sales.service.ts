import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { DailyRevenue, EventSalesFigures, SaleDto, SalesPageDto, SalesSummaryDto, TopPhotoDto } from '@focus-racer/api-types';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { EventsService } from '../../events/events.service';
import { mediaUrlOf } from '../../photos/photo-dto.mapper';
import { PAYMENT_GATEWAY, PaymentGateway } from '../gateway/payment-gateway';
import { DEFAULT_CURRENCY } from './price-packs.service';

export const SALES_PAGE_SIZE = 50;
const TOP_PHOTOS = 20;
/** Orders a seller sees as sales: paid once (refunds and disputes stay listed, with their status). */
const SOLD = `('paid', 'refunded', 'disputed')`;

interface SaleRow {
  id: string;
  event_id: string | null;
  event_name: string | null;
  status: SaleDto['status'];
  paid_at: Date | null;
  created_at: Date;
  photo_count: string;
  total_cents: number;
  platform_fee_cents: number;
  currency: string;
}

/**
 * The seller's side: their sales (orders on events they own) with what the platform kept and what they get, a
 * summary over all of them, and their best-selling photos. Only orders of the payment mode in use are counted:
 * local test-mode orders moved no money and must not show up as revenue once real payments are switched on.
 */
@Injectable()
export class SalesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventsService,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
  ) {}

  async page(user: AuthUser, eventId: string | undefined, cursor: string | undefined): Promise<SalesPageDto> {
    const scope = await this.scope(user, eventId);
    if (cursor !== undefined && !isUUID(cursor)) throw new BadRequestException('cursor must be the nextCursor of a previous page');
    const rows: SaleRow[] = await this.dataSource.query(
      `SELECT o.id, o.event_id, e.name AS event_name, o.status, o.paid_at, o.created_at, o.total_cents, o.platform_fee_cents, o.currency,
         (SELECT count(*) FROM order_items i WHERE i.order_id = o.id) AS photo_count
       FROM orders o JOIN events e ON e.id = o.event_id
       WHERE ${scope.sql} AND o.status IN ${SOLD}
         AND ($${scope.params.length + 1}::uuid IS NULL
           OR (o.created_at, o.id) < (SELECT after.created_at, after.id FROM orders after WHERE after.id = $${scope.params.length + 1}::uuid))
       ORDER BY o.created_at DESC, o.id DESC
       LIMIT ${SALES_PAGE_SIZE + 1}`,
      [...scope.params, cursor ?? null],
    );
    const page = rows.slice(0, SALES_PAGE_SIZE);
    const last = page[page.length - 1];
    return {
      summary: await this.summary(scope),
      items: page.map(toSaleDto),
      // The last order's id: the database compares with its exact created_at (microseconds a JS Date would lose).
      nextCursor: rows.length > SALES_PAGE_SIZE && last ? last.id : null,
    };
  }

  async topPhotos(user: AuthUser, eventId: string | undefined): Promise<TopPhotoDto[]> {
    const scope = await this.scope(user, eventId);
    return this.topPhotosWhere(scope.sql, scope.params);
  }

  /**
   * One event's sales for its statistics page (the caller has checked who may see them), in the payment mode in
   * use: the whole event, or, with `uploaderId`, the items of that photographer's photos. Their net is each item's
   * share of its order's net (item price over the order's subtotal), so a pack's fee is split like its price.
   */
  async eventFigures(eventId: string, uploaderId: string | null): Promise<EventSalesStats> {
    const params = [eventId, this.gateway.mode, uploaderId];
    const items = `FROM order_items i JOIN orders o ON o.id = i.order_id LEFT JOIN photos p ON p.id = i.photo_id
       WHERE o.event_id = $1 AND o.payment_mode = $2 AND o.status = 'paid' AND ($3::uuid IS NULL OR p.uploader_id = $3::uuid)`;
    const itemNet = `round(i.unit_price_cents::numeric * (o.total_cents - o.platform_fee_cents) / NULLIF(o.subtotal_cents, 0))`;
    const [totals, days] = await Promise.all([
      this.dataSource.query(
        uploaderId
          ? `SELECT o.currency, count(DISTINCT o.id) AS paid_orders, count(*) AS photos_sold, coalesce(sum(i.unit_price_cents), 0) AS gross_cents,
               coalesce(sum(${itemNet}), 0) AS net_cents ${items} GROUP BY o.currency ORDER BY count(*) DESC, o.currency LIMIT 1`
          : `SELECT o.currency, count(*) AS paid_orders, coalesce(sum((SELECT count(*) FROM order_items i WHERE i.order_id = o.id)), 0) AS photos_sold,
               coalesce(sum(o.total_cents), 0) AS gross_cents, coalesce(sum(o.total_cents - o.platform_fee_cents), 0) AS net_cents
             FROM orders o WHERE o.event_id = $1 AND o.payment_mode = $2 AND o.status = 'paid' AND $3::uuid IS NULL
             GROUP BY o.currency ORDER BY count(*) DESC, o.currency LIMIT 1`,
        params,
      ) as Promise<Array<Record<string, string>>>,
      this.dataSource.query(
        uploaderId
          ? `SELECT to_char(coalesce(o.paid_at, o.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, coalesce(sum(${itemNet}), 0) AS net_cents
             ${items} GROUP BY 1 ORDER BY 1`
          : `SELECT to_char(coalesce(o.paid_at, o.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, sum(o.total_cents - o.platform_fee_cents) AS net_cents
             FROM orders o WHERE o.event_id = $1 AND o.payment_mode = $2 AND o.status = 'paid' AND $3::uuid IS NULL GROUP BY 1 ORDER BY 1`,
        params,
      ) as Promise<Array<{ day: string; net_cents: string }>>,
    ]);
    const row = totals[0];
    const n = (key: string) => Number(row?.[key] ?? 0);
    return {
      sales: {
        paidOrders: n('paid_orders'),
        photosSold: n('photos_sold'),
        grossCents: n('gross_cents'),
        netCents: n('net_cents'),
        currency: (row?.['currency'] ?? DEFAULT_CURRENCY).trim(),
      },
      revenueByDay: days.map((day) => ({ date: day.day, netCents: Number(day.net_cents) })),
      topPhotos: await this.topPhotosWhere(
        `o.event_id = $1 AND o.payment_mode = $2 AND ($3::uuid IS NULL OR p.uploader_id = $3::uuid)`,
        params,
      ),
    };
  }

  /**
   * Paid sales per event for the pro's dashboard: whole events for `ownedEventIds`, the items of `uploaderId`'s
   * photos for `contributedEventIds` (as in eventFigures).
   */
  async salesByEvent(ownedEventIds: string[], contributedEventIds: string[], uploaderId: string): Promise<Map<string, EventSalesFigures>> {
    const [owned, contributed]: Array<Array<Record<string, string>>> = await Promise.all([
      ownedEventIds.length === 0
        ? []
        : this.dataSource.query(
            `SELECT o.event_id, o.currency, count(*) AS paid_orders, coalesce(sum((SELECT count(*) FROM order_items i WHERE i.order_id = o.id)), 0) AS photos_sold,
               coalesce(sum(o.total_cents), 0) AS gross_cents, coalesce(sum(o.total_cents - o.platform_fee_cents), 0) AS net_cents
             FROM orders o WHERE o.event_id = ANY($1) AND o.payment_mode = $2 AND o.status = 'paid'
             GROUP BY o.event_id, o.currency ORDER BY count(*)`,
            [ownedEventIds, this.gateway.mode],
          ),
      contributedEventIds.length === 0
        ? []
        : this.dataSource.query(
            `SELECT o.event_id, o.currency, count(DISTINCT o.id) AS paid_orders, count(*) AS photos_sold, coalesce(sum(i.unit_price_cents), 0) AS gross_cents,
               coalesce(sum(round(i.unit_price_cents::numeric * (o.total_cents - o.platform_fee_cents) / NULLIF(o.subtotal_cents, 0))), 0) AS net_cents
             FROM order_items i JOIN orders o ON o.id = i.order_id JOIN photos p ON p.id = i.photo_id
             WHERE o.event_id = ANY($1) AND o.payment_mode = $2 AND o.status = 'paid' AND p.uploader_id = $3
             GROUP BY o.event_id, o.currency ORDER BY count(*)`,
            [contributedEventIds, this.gateway.mode, uploaderId],
          ),
    ]);
    // An event sells in one currency; should it ever have two, its main one (most orders, last in each list) wins.
    const figures = new Map<string, EventSalesFigures>();
    for (const row of [...owned, ...contributed]) {
      figures.set(row['event_id'], {
        paidOrders: Number(row['paid_orders']),
        photosSold: Number(row['photos_sold']),
        grossCents: Number(row['gross_cents']),
        netCents: Number(row['net_cents']),
        currency: row['currency'].trim(),
      });
    }
    return figures;
  }

  private async topPhotosWhere(where: string, params: unknown[]): Promise<TopPhotoDto[]> {
    const rows: Array<{ photo_id: string; thumb_key: string | null; times_sold: string; revenue_cents: string }> = await this.dataSource.query(
      `SELECT i.photo_id, p.thumb_key, count(*) AS times_sold, sum(i.unit_price_cents) AS revenue_cents
       FROM order_items i JOIN orders o ON o.id = i.order_id JOIN events e ON e.id = o.event_id JOIN photos p ON p.id = i.photo_id
       WHERE ${where} AND o.status = 'paid'
       GROUP BY i.photo_id, p.thumb_key
       ORDER BY sum(i.unit_price_cents) DESC, count(*) DESC, i.photo_id
       LIMIT ${TOP_PHOTOS}`,
      params,
    );
    return rows.map((row) => ({
      photoId: row.photo_id,
      thumbUrl: mediaUrlOf(row.thumb_key),
      timesSold: Number(row.times_sold),
      revenueCents: Number(row.revenue_cents),
    }));
  }

  /**
   * Figures in the seller's main currency (the one most of their sales are in; an event sells in one currency, and
   * a seller with several would read one summary per currency: not needed yet). Partial refunds are reported in
   * refundedCents; the order still counts as paid.
   */
  private async summary(scope: Scope): Promise<SalesSummaryDto> {
    const rows: Array<Record<string, string>> = await this.dataSource.query(
      `SELECT o.currency,
         count(*) FILTER (WHERE o.status = 'paid') AS paid_orders,
         coalesce(sum((SELECT count(*) FROM order_items i WHERE i.order_id = o.id)) FILTER (WHERE o.status = 'paid'), 0) AS photos_sold,
         coalesce(sum(o.total_cents) FILTER (WHERE o.status = 'paid'), 0) AS gross_cents,
         coalesce(sum(o.platform_fee_cents) FILTER (WHERE o.status = 'paid'), 0) AS platform_fee_cents,
         count(*) FILTER (WHERE o.status = 'refunded') AS refunded_orders,
         coalesce(sum(o.amount_refunded_cents), 0) AS refunded_cents,
         count(*) AS orders
       FROM orders o JOIN events e ON e.id = o.event_id
       WHERE ${scope.sql} AND o.status IN ${SOLD}
       GROUP BY o.currency ORDER BY count(*) DESC, o.currency LIMIT 1`,
      scope.params,
    );
    const row = rows[0];
    const n = (key: string) => Number(row?.[key] ?? 0);
    return {
      currency: row?.['currency'] ?? DEFAULT_CURRENCY,
      paidOrders: n('paid_orders'),
      photosSold: n('photos_sold'),
      grossCents: n('gross_cents'),
      platformFeeCents: n('platform_fee_cents'),
      netCents: n('gross_cents') - n('platform_fee_cents'),
      refundedOrders: n('refunded_orders'),
      refundedCents: n('refunded_cents'),
    };
  }

  /** The seller's own events (one of them when eventId is given: 404 unless it is theirs), in the current mode. */
  private async scope(user: AuthUser, eventId: string | undefined): Promise<Scope> {
    if (eventId) {
      const event = await this.events.findOwned(user, eventId);
      return { sql: `e.id = $1 AND e.owner_id = $2 AND o.payment_mode = $3`, params: [event.id, event.ownerId, this.gateway.mode] };
    }
    return { sql: `e.owner_id = $1 AND o.payment_mode = $2`, params: [user.id, this.gateway.mode] };
  }
}

interface Scope {
  sql: string;
  params: unknown[];
}

/** What the event statistics take from the sales (EventStatsDto.sales, revenueByDay, topPhotos). */
export interface EventSalesStats {
  sales: EventSalesFigures;
  revenueByDay: DailyRevenue[];
  topPhotos: TopPhotoDto[];
}

function toSaleDto(row: SaleRow): SaleDto {
  return {
    orderId: row.id,
    event: row.event_id && row.event_name ? { id: row.event_id, name: row.event_name } : null,
    status: row.status,
    paidAt: row.paid_at?.toISOString() ?? null,
    photoCount: Number(row.photo_count),
    totalCents: row.total_cents,
    platformFeeCents: row.platform_fee_cents,
    netCents: row.total_cents - row.platform_fee_cents,
    currency: row.currency.trim(),
  };
}
