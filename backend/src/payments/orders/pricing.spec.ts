import { PricePackKind } from '@focus-racer/api-types';
import {
  allocate,
  formatMoney,
  priceGroup,
  PricingLine,
  PricingPack,
  REJECT_DUPLICATE,
  REJECT_HD_ALREADY,
  REJECT_NO_ALL_MY_PHOTOS_PRICE,
  REJECT_NO_HD_PRICE,
  REJECT_NO_WEB_PRICE,
} from './pricing';

const single: PricingPack = { id: 'single', kind: PricePackKind.SINGLE, name: 'Photo HD', photoCount: null, priceCents: 600 };
const pack5: PricingPack = { id: 'pack5', kind: PricePackKind.PACK, name: 'Pack 5', photoCount: 5, priceCents: 1500 };
const pack10: PricingPack = { id: 'pack10', kind: PricePackKind.PACK, name: 'Pack 10', photoCount: 10, priceCents: 2500 };
const web: PricingPack = { id: 'web', kind: PricePackKind.DIGITAL_WEB, name: 'Web', photoCount: null, priceCents: 300 };
const allMine: PricingPack = { id: 'all', kind: PricePackKind.ALL_MY_PHOTOS, name: 'All my photos', photoCount: null, priceCents: 2500 };

const hd = (...ids: string[]): PricingLine[] => ids.map((photoId) => ({ kind: 'hd', photoId }));
const webLines = (...ids: string[]): PricingLine[] => ids.map((photoId) => ({ kind: 'web', photoId }));
const photos = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('pricing engine', () => {
  it('3 photos at €6 each or a pack of 5 for €15: takes the pack, 2 free slots, says so', () => {
    const price = priceGroup([single, pack5], hd(...photos(3)), 'EUR');
    expect(price.subtotalCents).toBe(1500);
    expect(price.appliedPacks).toEqual([{ packId: 'pack5', name: 'Pack 5', kind: PricePackKind.PACK, quantity: 1, photosCovered: 5, priceCents: 1500 }]);
    expect(price.freeSlots).toBe(2);
    expect(price.savingsCents).toBe(300);
    expect(price.upsell).toEqual({
      message: 'Your pack of 5 includes 2 more photos: add them at no extra cost',
      addPhotos: 2,
      extraCents: 0,
      packId: 'pack5',
    });
    expect(price.items.map((item) => item.unitPriceCents)).toEqual([500, 500, 500]);
  });

  it('2 photos: singles (€12) are cheapest, and the pack of 5 is suggested for €3 more', () => {
    const price = priceGroup([single, pack5], hd(...photos(2)), 'EUR');
    expect(price.subtotalCents).toBe(1200);
    expect(price.freeSlots).toBe(0);
    expect(price.savingsCents).toBe(0);
    expect(price.upsell).toEqual({ message: '2 photos = pack of 5 for €15: add 3 more for €3?', addPhotos: 3, extraCents: 300, packId: 'pack5' });
  });

  it('1 photo: the pack of 5 costs €9 more, less than 4 singles (€24): suggested', () => {
    const price = priceGroup([single, pack5], hd('a'), 'EUR');
    expect(price.subtotalCents).toBe(600);
    expect(price.upsell?.message).toBe('1 photo = pack of 5 for €15: add 4 more for €9?');
  });

  it('no upsell when reaching the pack costs as much as the singles would', () => {
    const dear: PricingPack = { ...pack5, priceCents: 3000 };
    const price = priceGroup([single, dear], hd('a'), 'EUR');
    expect(price.subtotalCents).toBe(600);
    expect(price.upsell).toBeNull();
  });

  it('7 photos: one pack of 5 and 2 singles (€27), allocated to the cent', () => {
    const price = priceGroup([single, pack5], hd(...photos(7)), 'EUR');
    expect(price.subtotalCents).toBe(2700);
    expect(price.freeSlots).toBe(0);
    expect(price.appliedPacks).toEqual([
      expect.objectContaining({ packId: 'pack5', quantity: 1, photosCovered: 5, priceCents: 1500 }),
      expect.objectContaining({ packId: 'single', quantity: 2, photosCovered: 2, priceCents: 1200 }),
    ]);
    expect(price.savingsCents).toBe(4200 - 2700);
    expect(sum(price.items.map((item) => item.unitPriceCents))).toBe(2700);
    expect(price.items.map((item) => item.packId)).toEqual(['pack5', 'pack5', 'pack5', 'pack5', 'pack5', 'single', 'single']);
  });

  it('9 photos: two packs of 5 (€30) beat a pack and 4 singles (€39), one free slot', () => {
    const price = priceGroup([single, pack5], hd(...photos(9)), 'EUR');
    expect(price.subtotalCents).toBe(3000);
    expect(price.freeSlots).toBe(1);
    expect(price.upsell?.message).toBe('Your pack of 5 includes 1 more photo: add it at no extra cost');
  });

  it('mixes pack sizes at the lowest cost (13 photos: 10 + 3 singles vs 10 + 5)', () => {
    const price = priceGroup([single, pack5, pack10], hd(...photos(13)), 'EUR');
    // 10+5 = €40 vs 10+3×6 = €43 vs 5+5+5 = €45.
    expect(price.subtotalCents).toBe(4000);
    expect(price.freeSlots).toBe(2);
    expect(sum(price.items.map((item) => item.unitPriceCents))).toBe(4000);
    expect(price.items.filter((item) => item.packId === 'pack10')).toHaveLength(10);
    expect(price.items.filter((item) => item.packId === 'pack5')).toHaveLength(3);
  });

  it('works without a single price (packs only) and with a single price only', () => {
    const packsOnly = priceGroup([pack5], hd('a', 'b'), 'EUR');
    expect(packsOnly.subtotalCents).toBe(1500);
    expect(packsOnly.freeSlots).toBe(3);
    expect(packsOnly.savingsCents).toBe(0);
    const singles = priceGroup([single], hd(...photos(4)), 'EUR');
    expect(singles.subtotalCents).toBe(2400);
    expect(singles.upsell).toBeNull();
  });

  it('web lines cost the digital-web price each; refused without one', () => {
    const price = priceGroup([single, pack5, web], [...hd('a'), ...webLines('b', 'c')], 'EUR');
    expect(price.subtotalCents).toBe(600 + 600);
    expect(price.items.filter((item) => item.resolution === 'web').map((item) => item.unitPriceCents)).toEqual([300, 300]);
    const refused = priceGroup([single], webLines('b'), 'EUR');
    expect(refused.rejected).toEqual([{ index: 0, reason: REJECT_NO_WEB_PRICE }]);
    expect(refused.subtotalCents).toBe(0);
  });

  it('all my photos: one price for the bib, and the bib’s photos already in the cart are not charged again', () => {
    const lines: PricingLine[] = [
      ...hd('mine1', 'other'),
      ...webLines('mine2'),
      { kind: 'all-my-photos', bib: '1234', photoIds: ['mine1', 'mine2', 'mine3'] },
    ];
    const price = priceGroup([single, pack5, web, allMine], lines, 'EUR');
    expect(price.lines).toEqual([
      { index: 0, coveredByAllMyPhotos: true },
      { index: 1, coveredByAllMyPhotos: false },
      { index: 2, coveredByAllMyPhotos: true },
      { index: 3, coveredByAllMyPhotos: false },
    ]);
    expect(price.subtotalCents).toBe(2500 + 600);
    const bibItems = price.items.filter((item) => item.bib === '1234');
    expect(bibItems.map((item) => item.photoId)).toEqual(['mine1', 'mine2', 'mine3']);
    expect(bibItems.map((item) => item.unitPriceCents)).toEqual([834, 833, 833]);
    expect(price.items.find((item) => item.photoId === 'other')).toMatchObject({ unitPriceCents: 600, packId: 'single' });
    // 4 HD photos at €6 = €24 against €31 paid: the packs save nothing here, and savings never go negative.
    expect(price.savingsCents).toBe(0);
  });

  it('refuses lines the event does not sell and duplicates, keeping the rest', () => {
    const lines: PricingLine[] = [...hd('a', 'a'), ...webLines('a'), { kind: 'all-my-photos', bib: '7', photoIds: ['x'] }];
    const price = priceGroup([single, web], lines, 'EUR');
    expect(price.rejected).toEqual([
      { index: 1, reason: REJECT_DUPLICATE },
      { index: 2, reason: REJECT_HD_ALREADY },
      { index: 3, reason: REJECT_NO_ALL_MY_PHOTOS_PRICE },
    ]);
    expect(price.subtotalCents).toBe(600);
    expect(priceGroup([web], hd('a'), 'EUR').rejected).toEqual([{ index: 0, reason: REJECT_NO_HD_PRICE }]);
  });

  it('every sold photo carries a share of its pack: the shares always add up to the subtotal', () => {
    const odd: PricingPack = { ...pack5, priceCents: 1499 };
    for (let n = 1; n <= 40; n++) {
      const price = priceGroup([{ ...single, priceCents: 599 }, odd, { ...pack10, priceCents: 2777 }], hd(...photos(n)), 'EUR');
      expect(sum(price.items.map((item) => item.unitPriceCents))).toBe(price.subtotalCents);
      expect(price.items).toHaveLength(n);
      expect(price.items.every((item) => Number.isInteger(item.unitPriceCents) && item.unitPriceCents >= 0)).toBe(true);
    }
  });

  it('finds the cheapest cover: agrees with an exhaustive search on small carts', () => {
    const packs = [{ ...single, priceCents: 700 }, { ...pack5, priceCents: 2900 }, { ...pack10, priceCents: 5100 }, { ...pack5, id: 'pack3', photoCount: 3, priceCents: 1900 }];
    for (let n = 1; n <= 25; n++) {
      let best = Infinity;
      for (let s = 0; s <= n; s++)
        for (let p3 = 0; p3 <= Math.ceil(n / 3); p3++)
          for (let p5 = 0; p5 <= Math.ceil(n / 5); p5++)
            for (let p10 = 0; p10 <= Math.ceil(n / 10); p10++)
              if (s + 3 * p3 + 5 * p5 + 10 * p10 >= n) best = Math.min(best, 700 * s + 1900 * p3 + 2900 * p5 + 5100 * p10);
      expect(priceGroup(packs, hd(...photos(n)), 'EUR').subtotalCents).toBe(best);
    }
  });

  it('allocates remainders one cent at a time to the first items', () => {
    expect(allocate(1500, 3)).toEqual([500, 500, 500]);
    expect(allocate(1000, 3)).toEqual([334, 333, 333]);
    expect(allocate(2, 5)).toEqual([1, 1, 0, 0, 0]);
    expect(allocate(0, 2)).toEqual([0, 0]);
    expect(() => allocate(10.5, 2)).toThrow(RangeError);
    expect(() => allocate(10, 0)).toThrow(RangeError);
  });

  it('formats whole euros without decimals', () => {
    expect(formatMoney(1500, 'EUR')).toBe('€15');
    expect(formatMoney(650, 'EUR')).toBe('€6.50');
    expect(formatMoney(5, 'EUR')).toBe('€0.05');
  });
});
