import 'reflect-metadata';
import { exitOnInvalidConfiguration } from '../config/configuration';
import { PaymentsConfig } from '../config/payments.config';
import { StripePriceSync } from '../payments/credits/stripe-price-sync';
import { createStripeClient } from '../payments/gateway/stripe.gateway';

/**
 * `npm run stripe:sync`
 * Creates the Stripe products and prices of the credit offers (CREDIT_OFFERS or the defaults), or a new price for
 * an offer whose amount changed. Idempotent: run it after every change of the offers, or set
 * STRIPE_SYNC_ON_START=true to have the API do it at start. Nothing to do in the local test mode.
 */
async function main(): Promise<number> {
  exitOnInvalidConfiguration();
  const config = PaymentsConfig.fromEnv(process.env);
  if (config.mode !== 'stripe') {
    console.log('Local test mode (no STRIPE_SECRET_KEY): nothing to sync, the test checkout reads the offers from the configuration.');
    return 0;
  }
  const results = await new StripePriceSync(createStripeClient(config)).sync(config.creditOffers);
  for (const r of results) console.log(`${r.lookupKey}: ${r.outcome} (${r.priceId})`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`stripe:sync failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
