import { CartItemInput } from '@focus-racer/api-types';

/**
 * One identity per cart line: a photo is in the cart once (in HD or web size, not both), and "all my photos" once
 * per event and bib.
 */
export function cartItemKey(item: CartItemInput): string {
  return item.kind === 'photo' ? `photo:${item.photoId}` : `all:${item.eventId}:${item.bib}`;
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length < 100;

/** A stored value is a cart item (the device's copy may come from another version of the site, or be edited). */
export function isCartItem(value: unknown): value is CartItemInput {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  if (item['kind'] === 'photo') {
    return isString(item['photoId']) && (item['resolution'] === 'hd' || item['resolution'] === 'web');
  }
  return item['kind'] === 'all-my-photos' && isString(item['eventId']) && isString(item['bib']);
}

export const isCartItemList = (value: unknown): value is CartItemInput[] =>
  Array.isArray(value) && value.every(isCartItem);

/** The same lines with the same resolutions, in any order. */
export function sameItems(a: readonly CartItemInput[], b: readonly CartItemInput[]): boolean {
  return a.length === b.length && itemsFingerprint(a) === itemsFingerprint(b);
}

/**
 * The account's cart with the device's added (sign-in). A photo in both keeps the device's resolution: it is the
 * latest choice the runner made.
 */
export function unionOfItems(account: readonly CartItemInput[], device: readonly CartItemInput[]): CartItemInput[] {
  const merged = new Map<string, CartItemInput>();
  for (const item of account) merged.set(cartItemKey(item), item);
  for (const item of device) merged.set(cartItemKey(item), item);
  return [...merged.values()];
}

/** What a line is, in words ("Photo in full quality", "All my photos, bib 1234"), for labels and notices. */
export function describeItem(item: CartItemInput): string {
  if (item.kind === 'all-my-photos') return `All my photos, bib ${item.bib}`;
  return item.resolution === 'hd' ? 'Photo in full quality (HD)' : 'Photo in web size (1600 px)';
}

/** An order-insensitive fingerprint of a cart (which lines, which sizes), to tell whether a quote still applies. */
export function itemsFingerprint(items: readonly CartItemInput[]): string {
  return items
    .map((item) => `${cartItemKey(item)}:${item.kind === 'photo' ? item.resolution : ''}`)
    .sort()
    .join('|');
}
