import { EventPricingDto, PricePackDto, PricePackKind } from '@focus-racer/api-types';

/**
 * What the event page and the viewer offer before anything is in the cart, read from the owner's packs: the price
 * of one HD photo, of one web-size photo (when the owner sells them), and "all my photos" of a bib. These are the
 * owner's list prices; what a cart costs is always the server's quote.
 */
export interface EventOffers {
  currency: string;
  sellable: boolean;
  notSellableReason: string | null;
  single: PricePackDto | null;
  web: PricePackDto | null;
  allMyPhotos: PricePackDto | null;
}

export function eventOffers(pricing: EventPricingDto): EventOffers {
  const first = (kind: PricePackKind) => pricing.packs.find((pack) => pack.active && pack.kind === kind) ?? null;
  return {
    currency: pricing.currency,
    sellable: pricing.sellable,
    notSellableReason: pricing.notSellableReason,
    single: first(PricePackKind.SINGLE),
    web: first(PricePackKind.DIGITAL_WEB),
    allMyPhotos: first(PricePackKind.ALL_MY_PHOTOS),
  };
}
