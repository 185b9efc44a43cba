import { PricePackKind } from '@focus-racer/api-types';

/**
 * The price of one event's part of a cart, from the event owner's active packs. Pure and synchronous: the quote and
 * the checkout call the same function (the checkout on prices read again from the database), so what a runner is
 * shown is what they are charged. Money is integer cents throughout; nothing here ever holds a fraction of a cent.
 *
 * - HD photos are covered at the lowest total cost by SINGLE and PACK(N) uses, any number of each (an unbounded
 *   knapsack over the photo count). A pack may cover more photos than the cart holds: the slots left are `freeSlots`.
 * - Web photos cost the DIGITAL_WEB price each.
 * - An all-my-photos line costs the ALL_MY_PHOTOS price and includes every photo of that bib; HD and web lines of
 *   those photos are not charged a second time.
 */

/** An active pack as the engine needs it. */
export interface PricingPack {
  id: string;
  kind: PricePackKind;
  name: string;
  /** PACK only: how many photos one use covers. */
  photoCount: number | null;
  priceCents: number;
}

export type PricingLine =
  | { kind: 'hd'; photoId: string }
  | { kind: 'web'; photoId: string }
  /** `photoIds`: the bib's photos now (visible ones), at least one. */
  | { kind: 'all-my-photos'; bib: string; photoIds: readonly string[] };

export interface AppliedPack {
  packId: string;
  name: string;
  kind: PricePackKind;
  quantity: number;
  photosCovered: number;
  /** Price of all `quantity` uses together. */
  priceCents: number;
}

export interface Upsell {
  message: string;
  addPhotos: number;
  extraCents: number;
  packId: string;
}

/** What one photo of the order costs and which pack sold it (becomes an order item). */
export interface PricedItem {
  photoId: string;
  resolution: 'hd' | 'web';
  packId: string;
  unitPriceCents: number;
  /** Set for the photos of an all-my-photos line. */
  bib: string | null;
}

export interface PricedLine {
  /** Index of the line in the input. */
  index: number;
  /** Included in an all-my-photos line of the same group: not charged. */
  coveredByAllMyPhotos: boolean;
}

export interface GroupPrice {
  lines: PricedLine[];
  /** Lines that cannot be bought (no such price on the event, duplicate...), by input index, with why. */
  rejected: Array<{ index: number; reason: string }>;
  appliedPacks: AppliedPack[];
  freeSlots: number;
  subtotalCents: number;
  savingsCents: number;
  upsell: Upsell | null;
  /** One entry per photo sold; their unitPriceCents add up to subtotalCents exactly. */
  items: PricedItem[];
}

export const REJECT_NO_HD_PRICE = 'HD photos are not sold on this event.';
export const REJECT_NO_WEB_PRICE = 'Web-size photos are not sold on this event.';
export const REJECT_NO_ALL_MY_PHOTOS_PRICE = '“All my photos” is not offered on this event.';
export const REJECT_DUPLICATE = 'This item is already in the cart.';
export const REJECT_HD_ALREADY = 'The HD version of this photo is already in the cart (it includes the web size).';
export const REJECT_BIB_WITHOUT_PHOTOS = 'There are no photos of this bib number on this event (yet).';

export function priceGroup(packs: readonly PricingPack[], lines: readonly PricingLine[], currency: string): GroupPrice {
  const single = packs.find((pack) => pack.kind === PricePackKind.SINGLE) ?? null;
  const web = packs.find((pack) => pack.kind === PricePackKind.DIGITAL_WEB) ?? null;
  const allMine = packs.find((pack) => pack.kind === PricePackKind.ALL_MY_PHOTOS) ?? null;
  const multi = packs.filter((pack) => pack.kind === PricePackKind.PACK && (pack.photoCount ?? 0) >= 2);
  const sellsHd = single !== null || multi.length > 0;

  const rejected: GroupPrice['rejected'] = [];
  const hdPhotos = new Set<string>();
  const bibs = new Map<string, { index: number; photoIds: readonly string[] }>();
  for (const [index, line] of lines.entries()) {
    if (line.kind !== 'all-my-photos') continue;
    if (!allMine) rejected.push({ index, reason: REJECT_NO_ALL_MY_PHOTOS_PRICE });
    else if (line.photoIds.length === 0) rejected.push({ index, reason: REJECT_BIB_WITHOUT_PHOTOS });
    else if (bibs.has(line.bib)) rejected.push({ index, reason: REJECT_DUPLICATE });
    else bibs.set(line.bib, { index, photoIds: line.photoIds });
  }
  const inAllMine = new Set([...bibs.values()].flatMap((bib) => bib.photoIds));

  const priced: PricedLine[] = [];
  const chargedHd: string[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.kind !== 'hd') continue;
    const covered = inAllMine.has(line.photoId);
    if (hdPhotos.has(line.photoId)) rejected.push({ index, reason: REJECT_DUPLICATE });
    else if (!covered && !sellsHd) rejected.push({ index, reason: REJECT_NO_HD_PRICE });
    else {
      hdPhotos.add(line.photoId);
      priced.push({ index, coveredByAllMyPhotos: covered });
      if (!covered) chargedHd.push(line.photoId);
    }
  }
  const webPhotos = new Set<string>();
  const chargedWeb: string[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.kind !== 'web') continue;
    const covered = inAllMine.has(line.photoId);
    if (webPhotos.has(line.photoId)) rejected.push({ index, reason: REJECT_DUPLICATE });
    else if (hdPhotos.has(line.photoId) && !covered) rejected.push({ index, reason: REJECT_HD_ALREADY });
    else if (!covered && !web) rejected.push({ index, reason: REJECT_NO_WEB_PRICE });
    else {
      webPhotos.add(line.photoId);
      priced.push({ index, coveredByAllMyPhotos: covered });
      if (!covered) chargedWeb.push(line.photoId);
    }
  }
  for (const bib of bibs.values()) priced.push({ index: bib.index, coveredByAllMyPhotos: false });
  priced.sort((a, b) => a.index - b.index);
  rejected.sort((a, b) => a.index - b.index);

  const cover = coverHd(chargedHd.length, single, multi);
  const appliedPacks: AppliedPack[] = [...cover.applied];
  const items: PricedItem[] = [...cover.assign(chargedHd)];
  let subtotal = cover.costCents;
  if (web && chargedWeb.length > 0) {
    appliedPacks.push(applied(web, chargedWeb.length, chargedWeb.length, web.priceCents * chargedWeb.length));
    subtotal += web.priceCents * chargedWeb.length;
    for (const photoId of chargedWeb) items.push({ photoId, resolution: 'web', packId: web.id, unitPriceCents: web.priceCents, bib: null });
  }
  if (allMine && bibs.size > 0) {
    const photos = [...bibs.values()].reduce((sum, bib) => sum + bib.photoIds.length, 0);
    appliedPacks.push(applied(allMine, bibs.size, photos, allMine.priceCents * bibs.size));
    subtotal += allMine.priceCents * bibs.size;
    for (const [bib, { photoIds }] of bibs) {
      const shares = allocate(allMine.priceCents, photoIds.length);
      photoIds.forEach((photoId, i) => items.push({ photoId, resolution: 'hd', packId: allMine.id, unitPriceCents: shares[i], bib }));
    }
  }

  // What the same photos would cost at the unit prices; a pack dearer than that saves nothing (never negative).
  const hdUnits = chargedHd.length + [...bibs.values()].reduce((sum, bib) => sum + bib.photoIds.length, 0);
  const atSinglePrices = (single ? single.priceCents * hdUnits : subtotal) + (web ? web.priceCents * chargedWeb.length : 0);
  const savingsCents = single ? Math.max(0, atSinglePrices - subtotal) : 0;

  return {
    lines: priced,
    rejected,
    appliedPacks,
    freeSlots: cover.freeSlots,
    subtotalCents: subtotal,
    savingsCents,
    upsell: upsellFor(chargedHd.length, cover, single, multi, currency),
    items,
  };
}

/**
 * Splits `totalCents` over `count` items so that the shares add up to it exactly: equal shares, the remainder one
 * cent at a time to the first items (a refund of one item later takes back exactly what it was sold for).
 */
export function allocate(totalCents: number, count: number): number[] {
  if (!Number.isSafeInteger(totalCents) || totalCents < 0) throw new RangeError(`Cannot allocate ${totalCents} cents`);
  if (!Number.isSafeInteger(count) || count <= 0) throw new RangeError(`Cannot allocate over ${count} items`);
  const base = Math.floor(totalCents / count);
  const remainder = totalCents - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < remainder ? 1 : 0));
}

/** "€15", "€6.50": whole amounts without decimals, as a runner reads a price tag. */
export function formatMoney(cents: number, currency: string): string {
  const whole = cents % 100 === 0;
  return new Intl.NumberFormat('en-IE', {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(cents / 100);
}

// ---------------------------------------------------------------------------------------------------------------

interface Unit {
  pack: PricingPack;
  size: number;
}

interface HdCover {
  costCents: number;
  /** Slots paid for beyond the photos. */
  freeSlots: number;
  /** The pack use holding the free slots (photos fill the biggest packs first, so it is the last one). */
  partialPack: PricingPack | null;
  applied: AppliedPack[];
  /** Hands the photos to the pack uses (the biggest packs first, so only the last use has empty slots). */
  assign(photoIds: readonly string[]): PricedItem[];
  /** Lowest cost of covering at least `count` photos (for the upsell); Infinity when impossible. */
  costAtLeast(count: number): number;
}

/**
 * Unbounded DP over slot counts: cost[k] = cheapest way to buy exactly k slots. The best cover of n photos is the
 * cheapest cost[k] for k ≥ n; k never needs to reach n + (largest pack) since such a cover has a removable use.
 * Among equal costs for the same k, fewer pack uses win.
 */
function coverHd(count: number, single: PricingPack | null, multi: readonly PricingPack[]): HdCover {
  const units: Unit[] = [
    ...multi.map((pack) => ({ pack, size: pack.photoCount as number })),
    ...(single ? [{ pack: single, size: 1 }] : []),
  ].sort((a, b) => b.size - a.size || a.pack.priceCents - b.pack.priceCents);
  const maxSize = units.length > 0 ? units[0].size : 1;
  const largestTarget = Math.max(count, ...multi.map((pack) => pack.photoCount as number));
  const limit = largestTarget + maxSize - 1;

  const cost = new Array<number>(limit + 1).fill(Infinity);
  const uses = new Array<number>(limit + 1).fill(Infinity);
  const via = new Array<Unit | null>(limit + 1).fill(null);
  cost[0] = 0;
  uses[0] = 0;
  for (let k = 1; k <= limit; k++) {
    for (const unit of units) {
      if (unit.size > k || cost[k - unit.size] === Infinity) continue;
      const c = cost[k - unit.size] + unit.pack.priceCents;
      const u = uses[k - unit.size] + 1;
      if (c < cost[k] || (c === cost[k] && u < uses[k])) {
        cost[k] = c;
        uses[k] = u;
        via[k] = unit;
      }
    }
  }

  // Ascending k with `<=`: on equal cost the larger cover wins (free photos for the runner).
  const bestFrom = (n: number): number => {
    if (n === 0) return 0;
    let best = -1;
    for (let k = n; k <= Math.min(limit, n + maxSize - 1); k++) {
      if (cost[k] !== Infinity && (best < 0 || cost[k] <= cost[best])) best = k;
    }
    return best;
  };

  const slots = bestFrom(count);
  if (count > 0 && slots < 0) throw new Error('HD photos priced on an event that sells none (checked before)');
  const picked: Unit[] = [];
  for (let k = slots; k > 0; k -= (via[k] as Unit).size) picked.push(via[k] as Unit);
  picked.sort((a, b) => b.size - a.size);

  // A use that would receive no photo can only be a free one (otherwise the cover was not the cheapest): dropped.
  let remaining = count;
  const filled = picked.filter((unit) => {
    const take = Math.min(unit.size, remaining);
    remaining -= take;
    if (take === 0 && unit.pack.priceCents > 0) throw new Error('A paid pack use got no photo');
    return take > 0;
  });
  const slotsKept = filled.reduce((sum, unit) => sum + unit.size, 0);

  const byPack = new Map<string, AppliedPack>();
  for (const unit of filled) {
    const entry = byPack.get(unit.pack.id) ?? applied(unit.pack, 0, 0, 0);
    entry.quantity += 1;
    entry.photosCovered += unit.size;
    entry.priceCents += unit.pack.priceCents;
    byPack.set(unit.pack.id, entry);
  }

  return {
    costCents: filled.reduce((sum, unit) => sum + unit.pack.priceCents, 0),
    freeSlots: count === 0 ? 0 : slotsKept - count,
    partialPack: slotsKept > count ? filled[filled.length - 1].pack : null,
    applied: [...byPack.values()],
    assign: (photoIds) => {
      const items: PricedItem[] = [];
      let next = 0;
      for (const unit of filled) {
        const mine = photoIds.slice(next, next + unit.size);
        next += mine.length;
        const shares = allocate(unit.pack.priceCents, mine.length);
        mine.forEach((photoId, i) => items.push({ photoId, resolution: 'hd', packId: unit.pack.id, unitPriceCents: shares[i], bib: null }));
      }
      return items;
    },
    costAtLeast: (n) => {
      const k = bestFrom(n);
      return k < 0 ? Infinity : cost[k];
    },
  };
}

function upsellFor(
  count: number,
  cover: HdCover,
  single: PricingPack | null,
  multi: readonly PricingPack[],
  currency: string,
): Upsell | null {
  if (count === 0) return null;
  if (cover.freeSlots > 0 && cover.partialPack) {
    const more = cover.freeSlots === 1 ? '1 more photo: add it' : `${cover.freeSlots} more photos: add them`;
    return {
      message: `Your pack of ${cover.partialPack.photoCount} includes ${more} at no extra cost`,
      addPhotos: cover.freeSlots,
      extraCents: 0,
      packId: cover.partialPack.id,
    };
  }
  if (!single) return null;
  const current = cover.costCents;
  for (const pack of [...multi].sort((a, b) => (a.photoCount as number) - (b.photoCount as number))) {
    const size = pack.photoCount as number;
    if (size <= count) continue;
    const extra = cover.costAtLeast(size) - current;
    const add = size - count;
    if (extra < single.priceCents * add) {
      const photos = count === 1 ? '1 photo' : `${count} photos`;
      return {
        message: `${photos} = pack of ${size} for ${formatMoney(pack.priceCents, currency)}: add ${add} more for ${formatMoney(Math.max(0, extra), currency)}?`,
        addPhotos: add,
        extraCents: Math.max(0, extra),
        packId: pack.id,
      };
    }
  }
  return null;
}

function applied(pack: PricingPack, quantity: number, photosCovered: number, priceCents: number): AppliedPack {
  return { packId: pack.id, name: pack.name, kind: pack.kind, quantity, photosCovered, priceCents };
}
