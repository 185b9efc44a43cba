import Stripe from 'stripe';
import { CreditOffer } from '../../config/payments.config';
import { lookupKeyOf } from './credits.service';

export interface PriceSyncResult {
  offerId: string;
  lookupKey: string;
  outcome: 'unchanged' | 'created' | 'replaced';
  priceId: string;
}

/**
 * Makes Stripe's catalogue match the credit offers: for each offer, a product with the fixed id
 * `focus_racer_<offerId>` and an active price under the lookup key `focus_racer_<offerId>` with the offer's amount,
 * currency and interval. Safe to run any number of times: an offer whose price matches is left alone; a changed
 * amount gets a NEW price that takes over the lookup key (Stripe prices are immutable, and subscriptions already
 * running keep the price they were sold at).
 */
export class StripePriceSync {
  constructor(private readonly stripe: Stripe) {}

  async sync(offers: readonly CreditOffer[]): Promise<PriceSyncResult[]> {
    const results: PriceSyncResult[] = [];
    for (const offer of offers) results.push(await this.syncOffer(offer));
    return results;
  }

  private async syncOffer(offer: CreditOffer): Promise<PriceSyncResult> {
    const lookupKey = lookupKeyOf(offer);
    const current = (await this.stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 })).data[0];
    if (current && matches(current, offer)) return { offerId: offer.id, lookupKey, outcome: 'unchanged', priceId: current.id };

    await this.ensureProduct(offer, lookupKey);
    const price = await this.stripe.prices.create(
      {
        product: lookupKey,
        unit_amount: offer.priceCents,
        currency: offer.currency.toLowerCase(),
        ...(offer.interval ? { recurring: { interval: offer.interval } } : {}),
        lookup_key: lookupKey,
        transfer_lookup_key: true,
        nickname: offer.name,
        metadata: { offerId: offer.id, credits: String(offer.credits) },
      },
      // Replacing a given price with a given amount happens once, even if two syncs run at the same time.
      { idempotencyKey: `focus-racer-price-${lookupKey}-${offer.priceCents}-${offer.currency}-${offer.interval ?? 'once'}-replacing-${current?.id ?? 'none'}` },
    );
    return { offerId: offer.id, lookupKey, outcome: current ? 'replaced' : 'created', priceId: price.id };
  }

  private async ensureProduct(offer: CreditOffer, productId: string): Promise<void> {
    try {
      await this.stripe.products.retrieve(productId);
      return;
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeError) || error.code !== 'resource_missing') throw error;
    }
    try {
      await this.stripe.products.create({ id: productId, name: `Focus Racer — ${offer.name}`, metadata: { offerId: offer.id } });
    } catch (error) {
      // Created by a concurrent sync in between: what we wanted.
      if (!(error instanceof Stripe.errors.StripeError) || error.code !== 'resource_already_exists') throw error;
    }
  }
}

function matches(price: Stripe.Price, offer: CreditOffer): boolean {
  return (
    price.unit_amount === offer.priceCents &&
    price.currency === offer.currency.toLowerCase() &&
    (price.recurring?.interval ?? null) === offer.interval
  );
}
