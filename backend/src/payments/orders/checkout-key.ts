import type { CartItemInput } from '@focus-racer/api-types';
import { createHash } from 'node:crypto';

/**
 * The identity of one checkout attempt: who buys, on which event, which items (order and duplicates ignored) at
 * which amounts. Two submits of the same cart (a double tap, a retried request) give the same key, and the partial
 * unique index on orders.checkout_key (pending and failed orders) lets only one order exist for it. The amounts
 * are part of it so that a cart re-priced in between (the owner changed a price) gets a fresh order at the new
 * price rather than the stale pending one.
 */
export function checkoutKey(params: {
  buyer: { userId: string } | { email: string };
  eventId: string;
  items: readonly CartItemInput[];
  totalCents: number;
  currency: string;
}): string {
  const buyer = 'userId' in params.buyer ? `user:${params.buyer.userId}` : `email:${params.buyer.email.trim().toLowerCase()}`;
  const items = [...new Set(params.items.map(itemKey))].sort();
  return createHash('sha256')
    .update(JSON.stringify([buyer, params.eventId.toLowerCase(), items, params.totalCents, params.currency.toUpperCase()]))
    .digest('hex');
}

export function itemKey(item: CartItemInput): string {
  return item.kind === 'photo' ? `photo:${item.photoId.toLowerCase()}:${item.resolution}` : `bib:${item.eventId.toLowerCase()}:${item.bib}`;
}
