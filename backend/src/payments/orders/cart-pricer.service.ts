import { Injectable } from '@nestjs/common';
import { CartGroupDto, CartItemInput, CartQuoteDto, EventStatus } from '@focus-racer/api-types';
import { DataSource, EntityManager, In } from 'typeorm';
import { RaceEvent } from '../../events/entities/event.entity';
import { Photo } from '../../photos/entities/photo.entity';
import { toPublicPhotoDto, VISIBLE_PHOTO_SQL } from '../../photos/public/public-photo';
import { SellerAccounts } from '../connect/seller-accounts.service';
import { PricePack } from '../entities/price-pack.entity';
import { notSellable, PricePacksService, toPricingPack } from './price-packs.service';
import { GroupPrice, priceGroup, PricingLine } from './pricing';

export const REJECT_PHOTO_UNAVAILABLE = 'This photo is no longer available.';
export const REJECT_EVENT_NOT_ON_SALE = 'Photos of this event are no longer on sale.';
export const REJECT_EVENT_UNKNOWN = 'This event does not exist or is not on sale.';
export const REJECT_BIB_NO_PHOTOS = 'There are no photos of this bib number on this event (yet).';

/** One line of a priced group: the cart item and what it is about. */
export interface PricedCartLine {
  item: CartItemInput;
  /** The photo (kind photo), or the bib's photos in gallery order (kind all-my-photos). */
  photos: Photo[];
}

export interface PricedGroup {
  event: RaceEvent;
  currency: string;
  packs: PricePack[];
  lines: PricedCartLine[];
  /** Indices in `price` refer to `lines`. */
  price: GroupPrice;
  /** The owner's Connect account the sale is transferred to; null while they cannot be paid. */
  sellerAccountId: string | null;
  sellable: boolean;
  notSellableReason: string | null;
}

export interface PricedCart {
  groups: PricedGroup[];
  rejected: Array<{ item: CartItemInput; reason: string }>;
}

/**
 * Prices a cart from the database as it is now: which items still exist and are visible, each event's active
 * packs, whether its owner can be paid. The quote shows the result; the checkout calls the same code inside its
 * transaction, so the browser's idea of the price is never used.
 */
@Injectable()
export class CartPricer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sellers: SellerAccounts,
  ) {}

  async price(items: readonly CartItemInput[], manager: EntityManager = this.dataSource.manager): Promise<PricedCart> {
    const rejected: PricedCart['rejected'] = [];
    const photoIds = [...new Set(items.flatMap((item) => (item.kind === 'photo' ? [item.photoId] : [])))];
    const photos = await this.photosById(manager, photoIds);
    const bibEventIds = [...new Set(items.flatMap((item) => (item.kind === 'all-my-photos' ? [item.eventId] : [])))];
    const eventIds = [...new Set([...bibEventIds, ...[...photos.values()].map((row) => row.photo.eventId)])];
    const events = new Map((eventIds.length ? await manager.find(RaceEvent, { where: { id: In(eventIds) } }) : []).map((e) => [e.id, e]));
    const bibPhotos = await this.photosOfBibs(
      manager,
      items.flatMap((item) => (item.kind === 'all-my-photos' && events.get(item.eventId)?.status === EventStatus.PUBLISHED ? [item] : [])),
    );

    // Groups in the order their first item appears in the cart.
    const groups = new Map<string, PricedCartLine[]>();
    const add = (eventId: string, line: PricedCartLine) => groups.set(eventId, [...(groups.get(eventId) ?? []), line]);
    for (const item of items) {
      if (item.kind === 'photo') {
        const found = photos.get(item.photoId);
        const event = found && events.get(found.photo.eventId);
        if (!found || !found.visible || !event) rejected.push({ item, reason: REJECT_PHOTO_UNAVAILABLE });
        else if (event.status !== EventStatus.PUBLISHED) rejected.push({ item, reason: REJECT_EVENT_NOT_ON_SALE });
        else add(event.id, { item, photos: [found.photo] });
      } else {
        const event = events.get(item.eventId);
        const mine = bibPhotos.get(bibKey(item.eventId, item.bib)) ?? [];
        if (!event || event.status !== EventStatus.PUBLISHED) rejected.push({ item, reason: REJECT_EVENT_UNKNOWN });
        else if (mine.length === 0) rejected.push({ item, reason: REJECT_BIB_NO_PHOTOS });
        else add(event.id, { item, photos: mine });
      }
    }

    const groupEvents = [...groups.keys()].map((id) => events.get(id) as RaceEvent);
    const packsByEvent = await this.activePacks(manager, groupEvents.map((event) => event.id));
    const sellers = new Map<string, string | null>();
    for (const ownerId of new Set(groupEvents.map((event) => event.ownerId))) {
      sellers.set(ownerId, (await this.sellers.sellableAccountOf(ownerId, manager))?.accountId ?? null);
    }
    const priced: PricedGroup[] = [];
    for (const event of groupEvents) {
      const lines = groups.get(event.id) as PricedCartLine[];
      const packs = packsByEvent.get(event.id) ?? [];
      const currency = PricePacksService.currencyOf(event, packs);
      const sellerAccountId = sellers.get(event.ownerId) ?? null;
      const price = packs.length === 0 ? unpriced(lines.length) : priceGroup(packs.map(toPricingPack), lines.map(pricingLine), currency);
      for (const rejection of price.rejected) rejected.push({ item: lines[rejection.index].item, reason: rejection.reason });
      if (price.lines.length === 0) continue;
      const notSellableReason = notSellable(packs.length > 0, sellerAccountId !== null);
      priced.push({ event, currency, packs, lines, price, sellerAccountId, sellable: notSellableReason === null, notSellableReason });
    }
    return { groups: priced, rejected };
  }

  /** The quote the cart page shows. */
  async quote(items: readonly CartItemInput[], serviceFeeCents: number): Promise<CartQuoteDto> {
    const cart = await this.price(items);
    return { groups: cart.groups.map((group) => toCartGroupDto(group, serviceFeeCents)), rejected: cart.rejected };
  }

  /** Photos by id, with whether the public may see them (the visibility rule of the photos domain, in SQL). */
  private async photosById(manager: EntityManager, ids: string[]): Promise<Map<string, { photo: Photo; visible: boolean }>> {
    if (ids.length === 0) return new Map();
    const { entities, raw } = await manager
      .createQueryBuilder(Photo, 'photo')
      .addSelect(`(${VISIBLE_PHOTO_SQL('photo')})`, 'visible')
      .where({ id: In(ids) })
      .getRawAndEntities<{ visible: boolean; photo_id: string }>();
    const visible = new Map(raw.map((row) => [row.photo_id, row.visible]));
    return new Map(entities.map((photo) => [photo.id, { photo, visible: visible.get(photo.id) === true }]));
  }

  /** The visible photos of each (event, bib), in gallery (upload) order: what "all my photos" buys right now. */
  private async photosOfBibs(manager: EntityManager, items: Array<{ eventId: string; bib: string }>): Promise<Map<string, Photo[]>> {
    const result = new Map<string, Photo[]>();
    if (items.length === 0) return result;
    const rows: Array<{ event_id: string; number: string; photo_id: string }> = await manager.query(
      `SELECT DISTINCT b.event_id, b.number, photo.id AS photo_id, photo.created_at
       FROM bib_numbers b JOIN photos photo ON photo.id = b.photo_id
       WHERE b.event_id = ANY($1) AND b.number = ANY($2) AND ${VISIBLE_PHOTO_SQL('photo')}
       ORDER BY photo.created_at, photo.id`,
      [[...new Set(items.map((item) => item.eventId))], [...new Set(items.map((item) => item.bib))]],
    );
    const wanted = new Set(items.map((item) => bibKey(item.eventId, item.bib)));
    const photos = new Map(
      (rows.length ? await manager.find(Photo, { where: { id: In([...new Set(rows.map((row) => row.photo_id))]) } }) : []).map((p) => [p.id, p]),
    );
    for (const row of rows) {
      const key = bibKey(row.event_id, row.number);
      const photo = photos.get(row.photo_id);
      if (!wanted.has(key) || !photo) continue;
      result.set(key, [...(result.get(key) ?? []), photo]);
    }
    return result;
  }

  private async activePacks(manager: EntityManager, eventIds: string[]): Promise<Map<string, PricePack[]>> {
    const byEvent = new Map<string, PricePack[]>(eventIds.map((id) => [id, []]));
    if (eventIds.length === 0) return byEvent;
    const rows = await manager.find(PricePack, { where: { eventId: In(eventIds), active: true }, order: { sortOrder: 'ASC', createdAt: 'ASC' } });
    for (const row of rows) byEvent.get(row.eventId)?.push(row);
    return byEvent;
  }
}

export function toCartGroupDto(group: PricedGroup, serviceFeeCents: number): CartGroupDto {
  const { event, price } = group;
  return {
    event: { id: event.id, slug: event.slug, name: event.name, date: event.date },
    currency: group.currency,
    lines: price.lines.map(({ index, coveredByAllMyPhotos }) => {
      const line = group.lines[index];
      return {
        item: line.item,
        photo: line.photos[0] ? toPublicPhotoDto(line.photos[0]) : null,
        photoCount: line.photos.length,
        coveredByAllMyPhotos,
      };
    }),
    appliedPacks: price.appliedPacks.map((pack) => ({ ...pack })),
    freeSlots: price.freeSlots,
    subtotalCents: price.subtotalCents,
    serviceFeeCents,
    totalCents: price.subtotalCents + serviceFeeCents,
    savingsCents: price.savingsCents,
    upsell: price.upsell,
    sellable: group.sellable,
    notSellableReason: group.notSellableReason,
  };
}

function pricingLine(line: PricedCartLine): PricingLine {
  return line.item.kind === 'photo'
    ? { kind: line.item.resolution, photoId: line.item.photoId }
    : { kind: 'all-my-photos', bib: line.item.bib, photoIds: line.photos.map((photo) => photo.id) };
}

/** An event without any price: its lines are shown (so the runner sees why), nothing is charged. */
function unpriced(count: number): GroupPrice {
  return {
    lines: Array.from({ length: count }, (_, index) => ({ index, coveredByAllMyPhotos: false })),
    rejected: [],
    appliedPacks: [],
    freeSlots: 0,
    subtotalCents: 0,
    savingsCents: 0,
    upsell: null,
    items: [],
  };
}

const bibKey = (eventId: string, bib: string) => `${eventId}\u0000${bib}`;
