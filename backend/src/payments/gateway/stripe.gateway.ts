import { Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { PaymentsConfig } from '../../config/payments.config';
import {
  ConnectAccountState,
  CreateCheckoutSessionParams,
  CreatePaymentIntentParams,
  PaymentGateway,
  PaymentGatewayError,
  PaymentIntentRef,
  WebhookSignatureError,
} from './payment-gateway';

/** The SDK client, pointed at STRIPE_API_URL when set (stripe-mock, the tests' stub). */
export function createStripeClient(config: PaymentsConfig): Stripe {
  if (!config.secretKey) throw new Error('createStripeClient needs STRIPE_SECRET_KEY (Stripe mode)');
  return new Stripe(config.secretKey, {
    ...(config.apiAddress ?? {}),
    // The SDK retries network failures and 5xx/409 with an idempotency key, so a retry never creates twice.
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'Focus Racer' },
  });
}

/** A price id found by lookup key is reused this long; `stripe:sync` moving a key to a new price is seen after it. */
const PRICE_CACHE_MS = 5 * 60_000;

/**
 * Stripe, through its SDK. Photo orders are destination charges (the runner pays the platform, Stripe transfers
 * the amount less `application_fee_amount` to the pro's Connect account), so refunds and disputes land on the
 * platform, which can reverse the transfer. Every creating call carries the caller's idempotency key.
 */
export class StripeGateway implements PaymentGateway {
  readonly mode = 'stripe' as const;
  readonly publishableKey: string;
  private readonly logger = new Logger('StripeGateway');
  private readonly webhookSecret: string;
  private readonly priceIds = new Map<string, { id: string; until: number }>();

  constructor(
    private readonly stripe: Stripe,
    config: Pick<PaymentsConfig, 'publishableKey' | 'webhookSecret'>,
  ) {
    if (!config.publishableKey || !config.webhookSecret) throw new Error('StripeGateway needs the publishable key and the webhook secret');
    this.publishableKey = config.publishableKey;
    this.webhookSecret = config.webhookSecret;
  }

  async createPaymentIntent(params: CreatePaymentIntentParams): Promise<PaymentIntentRef> {
    const intent = await this.call('start the payment', () =>
      this.stripe.paymentIntents.create(
        {
          amount: params.amountCents,
          currency: params.currency.toLowerCase(),
          application_fee_amount: params.applicationFeeCents,
          transfer_data: { destination: params.destinationAccountId },
          // Cards, Apple Pay / Google Pay and SEPA debit where the account and the buyer's country allow them.
          automatic_payment_methods: { enabled: true },
          description: params.description,
          ...(params.receiptEmail ? { receipt_email: params.receiptEmail } : {}),
          metadata: params.metadata,
        },
        { idempotencyKey: params.idempotencyKey },
      ),
    );
    return paymentIntentRef(intent);
  }

  async retrievePaymentIntent(id: string): Promise<PaymentIntentRef> {
    return paymentIntentRef(await this.call('read the payment', () => this.stripe.paymentIntents.retrieve(id)));
  }

  async refundPaymentIntent(paymentIntentId: string, idempotencyKey: string): Promise<void> {
    await this.call('refund the payment', () =>
      this.stripe.refunds.create(
        // The seller's share comes back (transfer reversed) and so does the platform's fee: a full refund to the runner.
        { payment_intent: paymentIntentId, reverse_transfer: true, refund_application_fee: true },
        { idempotencyKey },
      ),
    );
  }

  async createConnectAccount(params: { email: string; country: string; userId: string; idempotencyKey: string }): Promise<{ id: string }> {
    const account = await this.call('create the payout account', () =>
      this.stripe.accounts.create(
        {
          type: 'express',
          country: params.country,
          email: params.email,
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
          metadata: { userId: params.userId },
        },
        { idempotencyKey: params.idempotencyKey },
      ),
    );
    return { id: account.id };
  }

  async createAccountLink(params: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string }> {
    const link = await this.call('open the onboarding', () =>
      this.stripe.accountLinks.create({
        account: params.accountId,
        refresh_url: params.refreshUrl,
        return_url: params.returnUrl,
        type: 'account_onboarding',
      }),
    );
    return { url: link.url };
  }

  async retrieveAccount(accountId: string): Promise<ConnectAccountState> {
    const account = await this.call('read the payout account', () => this.stripe.accounts.retrieve(accountId));
    return {
      id: account.id,
      chargesEnabled: account.charges_enabled ?? false,
      payoutsEnabled: account.payouts_enabled ?? false,
      detailsSubmitted: account.details_submitted ?? false,
    };
  }

  async createCheckoutSession(params: CreateCheckoutSessionParams): Promise<{ id: string; url: string }> {
    const price = await this.priceIdFor(params.priceLookupKey);
    const session = await this.call('open the checkout', () =>
      this.stripe.checkout.sessions.create(
        {
          mode: params.mode,
          line_items: [{ price, quantity: 1 }],
          ...(params.customerId ? { customer: params.customerId } : { customer_email: params.customerEmail }),
          // A one-off payment creates no customer by default; we want one to reuse for the pro's next purchases.
          ...(params.mode === 'payment' && !params.customerId ? { customer_creation: 'always' as const } : {}),
          success_url: params.successUrl,
          cancel_url: params.cancelUrl,
          metadata: params.metadata,
          // Copied where the later events look: invoices of a subscription carry the subscription's metadata.
          ...(params.mode === 'subscription'
            ? { subscription_data: { metadata: params.metadata } }
            : { payment_intent_data: { metadata: params.metadata } }),
        },
        { idempotencyKey: params.idempotencyKey },
      ),
    );
    if (!session.url) throw new PaymentGatewayError('open the checkout', `Checkout Session ${session.id} has no url`);
    return { id: session.id, url: session.url };
  }

  constructEvent(rawBody: Buffer, signatureHeader: string | undefined): Stripe.Event {
    if (!signatureHeader) throw new WebhookSignatureError('Missing Stripe-Signature header.');
    try {
      return this.stripe.webhooks.constructEvent(rawBody, signatureHeader, this.webhookSecret);
    } catch (error) {
      throw new WebhookSignatureError(`Invalid Stripe signature: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  testCheckoutUrl(): null {
    return null;
  }

  private async priceIdFor(lookupKey: string): Promise<string> {
    const cached = this.priceIds.get(lookupKey);
    if (cached && cached.until > Date.now()) return cached.id;
    const prices = await this.call('find the price', () => this.stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 }));
    const price = prices.data[0];
    if (!price) {
      throw new PaymentGatewayError('find the price', `No active Stripe price with lookup key ${lookupKey}: run npm run stripe:sync`);
    }
    this.priceIds.set(lookupKey, { id: price.id, until: Date.now() + PRICE_CACHE_MS });
    return price.id;
  }

  /** Turns the SDK's errors into a PaymentGatewayError (502 for a person), logging Stripe's own wording. */
  private async call<T>(action: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof PaymentGatewayError) throw error;
      const stripeError = error instanceof Stripe.errors.StripeError ? error : null;
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`Stripe refused to ${action}: ${message}${stripeError?.requestId ? ` (request ${stripeError.requestId})` : ''}`);
      throw new PaymentGatewayError(action, message, stripeError?.code ?? null);
    }
  }
}

function paymentIntentRef(intent: Stripe.PaymentIntent): PaymentIntentRef {
  return {
    id: intent.id,
    clientSecret: intent.client_secret,
    status: intent.status,
    amountCents: intent.amount,
    currency: intent.currency.toUpperCase(),
    metadata: { ...intent.metadata },
    lastErrorMessage: intent.last_payment_error?.message ?? null,
  };
}
