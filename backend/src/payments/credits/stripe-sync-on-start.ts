import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PaymentsConfig } from '../../config/payments.config';
import { createStripeClient } from '../gateway/stripe.gateway';
import { StripePriceSync } from './stripe-price-sync';

/**
 * STRIPE_SYNC_ON_START=true: `npm run stripe:sync` at API start. A failure is logged, not fatal: the API still
 * serves everything but credit checkouts of the offers that have no price yet.
 */
@Injectable()
export class StripeSyncOnStart implements OnApplicationBootstrap {
  private readonly logger = new Logger('StripeSync');

  constructor(private readonly config: PaymentsConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.mode !== 'stripe' || !this.config.syncOnStart) return;
    try {
      const results = await new StripePriceSync(createStripeClient(this.config)).sync(this.config.creditOffers);
      this.logger.log(`Credit offers in Stripe: ${results.map((r) => `${r.lookupKey} ${r.outcome}`).join(', ')}`);
    } catch (error) {
      this.logger.error(`Could not sync the credit offers with Stripe: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
