import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EventPricingDto, PricePackDto, PricePackKind } from '@focus-racer/api-types';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { EventsService } from '../../events/events.service';
import { RaceEvent } from '../../events/entities/event.entity';
import { SellerAccounts } from '../connect/seller-accounts.service';
import { PricePack } from '../entities/price-pack.entity';
import { PaymentSettingsService } from '../settings/payment-settings.service';
import { PricePackBody, PricePacksUpdateBody } from './dto/price-packs.dto';
import { PricingPack } from './pricing';

export const DEFAULT_CURRENCY = 'EUR';
export const NOT_SELLABLE_NOT_ONBOARDED =
  'Photos of this event cannot be bought yet: the photographer has not finished setting up payments.';
export const NOT_SELLABLE_NO_PRICE = 'Photos of this event are not on sale yet: the photographer has not set any price.';

/** Why a runner cannot buy on an event now, or null when they can. Payments first: the owner must fix that first. */
export function notSellable(hasPrices: boolean, sellerCanBePaid: boolean): string | null {
  if (!sellerCanBePaid) return NOT_SELLABLE_NOT_ONBOARDED;
  return hasPrices ? null : NOT_SELLABLE_NO_PRICE;
}

/** Kinds of which an event offers at most one active price (a PACK is unique per size instead). */
const ONE_PER_EVENT: Record<Exclude<PricePackKind, PricePackKind.PACK>, string> = {
  [PricePackKind.SINGLE]: 'single-photo price',
  [PricePackKind.DIGITAL_WEB]: 'web-size price',
  [PricePackKind.ALL_MY_PHOTOS]: '“all my photos” price',
};

export function toPricePackDto(pack: PricePack): PricePackDto {
  return {
    id: pack.id,
    kind: pack.kind,
    name: pack.name,
    photoCount: pack.photoCount,
    priceCents: pack.priceCents,
    currency: pack.currency,
    active: pack.active,
    sortOrder: pack.sortOrder,
  };
}

export function toPricingPack(pack: PricePack): PricingPack {
  return { id: pack.id, kind: pack.kind, name: pack.name, photoCount: pack.photoCount, priceCents: pack.priceCents };
}

/**
 * The prices an event owner sets. A PUT replaces the whole offer in one transaction under a lock on the event row
 * (the checkout takes the same lock shared, so an order never sees half an offer). Packs that orders point at are
 * retired (active = false), never deleted: the sales history keeps naming them.
 */
@Injectable()
export class PricePacksService {
  constructor(
    private readonly events: EventsService,
    private readonly dataSource: DataSource,
    @InjectRepository(PricePack) private readonly packs: Repository<PricePack>,
    private readonly sellers: SellerAccounts,
    private readonly settings: PaymentSettingsService,
  ) {}

  /** What a runner can buy on a published event, and whether they can buy at all right now (and why not). */
  async publicPricing(slug: string): Promise<EventPricingDto> {
    const event = await this.events.findPublishedBySlug(slug);
    const [packs, seller, settings] = await Promise.all([
      this.activePacks(event.id),
      this.sellers.sellableAccountOf(event.ownerId),
      this.settings.current(),
    ]);
    const reason = notSellable(packs.length > 0, seller !== null);
    return {
      eventId: event.id,
      slug: event.slug,
      currency: PricePacksService.currencyOf(event, packs),
      packs: packs.map(toPricePackDto),
      serviceFeeCents: settings.serviceFeeCents,
      sellable: reason === null,
      notSellableReason: reason,
    };
  }

  async list(user: AuthUser, eventId: string): Promise<PricePackDto[]> {
    const event = await this.events.findOwned(user, eventId);
    return (await this.packs.find({ where: { eventId: event.id }, order: { active: 'DESC', sortOrder: 'ASC', createdAt: 'ASC' } })).map(
      toPricePackDto,
    );
  }

  async replace(user: AuthUser, eventId: string, body: PricePacksUpdateBody): Promise<PricePackDto[]> {
    const event = await this.events.findOwned(user, eventId);
    const currency = body.currency ?? DEFAULT_CURRENCY;
    checkOffer(body.packs);

    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT id FROM events WHERE id = $1 FOR UPDATE`, [event.id]);
      const existing = await manager.find(PricePack, { where: { eventId: event.id } });
      const byId = new Map(existing.map((pack) => [pack.id, pack]));
      for (const input of body.packs) {
        if (!input.id) continue;
        const current = byId.get(input.id.toLowerCase());
        if (!current) throw new BadRequestException(`The pack ${input.id} is not one of this event’s packs: leave its id out to add a new pack.`);
        if (current.kind !== input.kind) {
          throw new BadRequestException(`The kind of the pack “${current.name}” cannot change: remove it and add a new pack instead.`);
        }
      }
      const kept = new Set(body.packs.flatMap((input) => (input.id ? [input.id.toLowerCase()] : [])));
      const removed = existing.filter((pack) => !kept.has(pack.id));
      const sold = await soldPackIds(manager, removed.map((pack) => pack.id));
      const toDelete = removed.filter((pack) => !sold.has(pack.id)).map((pack) => pack.id);
      const toRetire = removed.filter((pack) => sold.has(pack.id)).map((pack) => pack.id);
      if (toDelete.length > 0) await manager.delete(PricePack, { id: In(toDelete) });
      // Everything kept is switched off first, then written with its final state: the partial unique indexes
      // (one active price per kind / per pack size) never see two actives in between, e.g. when two packs swap.
      const keptIds = [...kept, ...toRetire];
      if (keptIds.length > 0) await manager.update(PricePack, { id: In(keptIds) }, { active: false });

      for (const [index, input] of body.packs.entries()) {
        const values = {
          kind: input.kind,
          name: input.name,
          photoCount: input.kind === PricePackKind.PACK ? (input.photoCount as number) : null,
          priceCents: input.priceCents,
          currency,
          active: input.active ?? true,
          sortOrder: index,
        };
        if (input.id) await manager.update(PricePack, { id: input.id.toLowerCase() }, values);
        else await manager.insert(PricePack, { ...values, eventId: event.id });
      }
      // Retired packs keep their old currency: they are history. The event's own setting follows the offer.
      await manager.query(`UPDATE events SET price_settings = price_settings || jsonb_build_object('currency', $2::text) WHERE id = $1`, [
        event.id,
        currency,
      ]);
    });
    return this.list(user, event.id);
  }

  /** The active packs of an event in the owner's order (what a runner may buy). */
  activePacks(eventId: string, manager: EntityManager = this.dataSource.manager): Promise<PricePack[]> {
    return manager.find(PricePack, { where: { eventId, active: true }, order: { sortOrder: 'ASC', createdAt: 'ASC' } });
  }

  /** The currency of an event's offer: its active packs agree (a PUT writes one currency); the event's setting otherwise. */
  static currencyOf(event: RaceEvent, packs: readonly PricePack[]): string {
    return packs[0]?.currency ?? event.priceSettings?.currency ?? DEFAULT_CURRENCY;
  }
}

/** The rules of an offer, checked before anything is written; each broken rule says which pack and why. */
function checkOffer(packs: readonly PricePackBody[]): void {
  const problems: string[] = [];
  const active = packs.filter((pack) => pack.active !== false);
  for (const [kind, label] of Object.entries(ONE_PER_EVENT)) {
    if (active.filter((pack) => pack.kind === kind).length > 1) problems.push(`An event has at most one active ${label}.`);
  }
  for (const pack of packs) {
    if (pack.kind === PricePackKind.PACK && (pack.photoCount === undefined || pack.photoCount === null)) {
      problems.push(`The pack “${pack.name}” needs a photoCount (2 or more).`);
    }
    if (pack.kind !== PricePackKind.PACK && pack.photoCount !== undefined && pack.photoCount !== null) {
      problems.push(`Only packs (kind "pack") have a photoCount; remove it from “${pack.name}”.`);
    }
  }
  const sizes = active.filter((pack) => pack.kind === PricePackKind.PACK).map((pack) => pack.photoCount);
  const twice = sizes.find((size, index) => size != null && sizes.indexOf(size) !== index);
  if (twice != null) problems.push(`Two active packs cover ${twice} photos; keep one price per pack size.`);
  const ids = packs.flatMap((pack) => (pack.id ? [pack.id.toLowerCase()] : []));
  if (new Set(ids).size !== ids.length) problems.push('The same pack id appears twice.');
  if (problems.length > 0) throw new BadRequestException(problems);
}

async function soldPackIds(manager: EntityManager, packIds: string[]): Promise<Set<string>> {
  if (packIds.length === 0) return new Set();
  const rows: Array<{ price_pack_id: string }> = await manager.query(
    `SELECT DISTINCT price_pack_id FROM order_items WHERE price_pack_id = ANY($1)`,
    [packIds],
  );
  return new Set(rows.map((row) => row.price_pack_id));
}
