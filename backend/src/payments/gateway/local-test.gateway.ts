import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import Stripe from 'stripe';
import { DataSource, In, Repository } from 'typeorm';
import { PaymentsConfig } from '../../config/payments.config';
import { LocalPaymentObject, LocalPaymentObjectKind } from '../entities/local-payment-object.entity';
import { chargeOf, localEvent, localId, stripeStatusOf } from './local-stripe-objects';
import {
  ConnectAccountState,
  CreateCheckoutSessionParams,
  CreatePaymentIntentParams,
  PaymentGateway,
  PaymentGatewayError,
  PaymentIntentRef,
  WebhookSignatureError,
} from './payment-gateway';

/** Where the local test mode sends the events it emits: StripeWebhookService, through the signed webhook path. */
export type LocalEventSink = (event: Stripe.Event) => Promise<unknown>;

export const TEST_MODE_PATH = 'payments/test-mode';

/**
 * Plays Stripe's role when no Stripe keys are configured: no network, no money. Its objects live in
 * `local_payment_objects` with Stripe's idempotency rule (same key → same object, enforced by a unique index, so
 * also between concurrent requests; same key with other parameters → refused). The browser is sent to the API's
 * own test-mode pages (TestModeController) instead of Stripe's, and the events those pages (and refunds) cause
 * are signed with the local webhook secret and go through the same StripeWebhookService code as Stripe's.
 */
export class LocalTestGateway implements PaymentGateway {
  readonly mode = 'local-test' as const;
  readonly publishableKey = null;
  private readonly logger = new Logger('LocalTestGateway');
  private readonly objects: Repository<LocalPaymentObject>;
  private sink: LocalEventSink | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Pick<PaymentsConfig, 'apiPublicUrl' | 'creditOffers'>,
    private readonly webhookSecret: string,
  ) {
    this.objects = dataSource.getRepository(LocalPaymentObject);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // PaymentGateway

  async createPaymentIntent(params: CreatePaymentIntentParams): Promise<PaymentIntentRef> {
    const row = await this.createObject('payment_intent', 'pi', 'requires_payment_method', params.idempotencyKey, (id) => ({
      object: 'payment_intent',
      amount: params.amountCents,
      currency: params.currency.toLowerCase(),
      application_fee_amount: params.applicationFeeCents,
      transfer_data: { destination: params.destinationAccountId },
      automatic_payment_methods: { enabled: true },
      description: params.description,
      receipt_email: params.receiptEmail,
      metadata: params.metadata,
      latest_charge: `ch_${id}`,
      last_payment_error: null,
    }));
    return paymentIntentRef(row);
  }

  async retrievePaymentIntent(id: string): Promise<PaymentIntentRef> {
    return paymentIntentRef(await this.require(id, 'payment_intent'));
  }

  /** Like Stripe: the refund is immediate for the caller, `charge.refunded` follows as a webhook. */
  async refundPaymentIntent(paymentIntentId: string, idempotencyKey: string): Promise<void> {
    const refunded = await this.transition(paymentIntentId, ['succeeded'], 'refunded', { refund_idempotency_key: idempotencyKey });
    if (!refunded) {
      const intent = await this.require(paymentIntentId, 'payment_intent');
      if (intent.status === 'refunded' && intent.data['refund_idempotency_key'] === idempotencyKey) return;
      throw new PaymentGatewayError('refund the payment', `PaymentIntent ${paymentIntentId} is ${intent.status}: nothing to refund`, 'charge_not_refundable');
    }
    this.emit(localEvent('charge.refunded', chargeOf(refunded)));
  }

  async createConnectAccount(params: { email: string; country: string; userId: string; idempotencyKey: string }): Promise<{ id: string }> {
    const row = await this.createObject('account', 'acct', 'restricted', params.idempotencyKey, () => ({
      object: 'account',
      type: 'express',
      country: params.country,
      email: params.email,
      capabilities: { card_payments: 'inactive', transfers: 'inactive' },
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      metadata: { userId: params.userId },
    }));
    return { id: row.id };
  }

  async createAccountLink(params: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string }> {
    await this.require(params.accountId, 'account');
    await this.patch(params.accountId, { refresh_url: params.refreshUrl, return_url: params.returnUrl });
    return { url: `${this.config.apiPublicUrl}/api/${TEST_MODE_PATH}/onboarding/${encodeURIComponent(params.accountId)}` };
  }

  async retrieveAccount(accountId: string): Promise<ConnectAccountState> {
    const d = (await this.require(accountId, 'account')).data;
    return {
      id: accountId,
      chargesEnabled: d['charges_enabled'] === true,
      payoutsEnabled: d['payouts_enabled'] === true,
      detailsSubmitted: d['details_submitted'] === true,
    };
  }

  async createCheckoutSession(params: CreateCheckoutSessionParams): Promise<{ id: string; url: string }> {
    const offer = this.config.creditOffers.find((o) => `focus_racer_${o.id}` === params.priceLookupKey);
    if (!offer) throw new PaymentGatewayError('open the checkout', `No price with lookup key ${params.priceLookupKey}`, 'resource_missing');
    const row = await this.createObject('checkout_session', 'cs', 'open', params.idempotencyKey, (id) => ({
      object: 'checkout.session',
      mode: params.mode,
      url: this.testCheckoutUrl(id),
      payment_status: 'unpaid',
      amount_total: offer.priceCents,
      currency: offer.currency.toLowerCase(),
      price_lookup_key: params.priceLookupKey,
      description: offer.name,
      interval: offer.interval,
      customer: params.customerId,
      customer_email: params.customerEmail,
      success_url: params.successUrl,
      cancel_url: params.cancelUrl,
      metadata: params.metadata,
      subscription: null,
      payment_intent: null,
    }));
    return { id: row.id, url: this.testCheckoutUrl(row.id) };
  }

  constructEvent(rawBody: Buffer, signatureHeader: string | undefined): Stripe.Event {
    if (!signatureHeader) throw new WebhookSignatureError('Missing Stripe-Signature header.');
    try {
      return Stripe.webhooks.constructEvent(rawBody, signatureHeader, this.webhookSecret);
    } catch (error) {
      throw new WebhookSignatureError(`Invalid Stripe signature: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  testCheckoutUrl(objectId: string): string {
    return `${this.config.apiPublicUrl}/api/${TEST_MODE_PATH}/checkout/${encodeURIComponent(objectId)}`;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Events

  /** Called once by StripeWebhookService: the local events go through its signed path. */
  attachEventSink(sink: LocalEventSink): void {
    this.sink = sink;
  }

  /** Signs `event` with the local webhook secret: what Stripe puts in `Stripe-Signature`. */
  sign(payload: string): string {
    return Stripe.webhooks.generateTestHeaderString({ payload, secret: this.webhookSecret });
  }

  /**
   * Delivers an event the way Stripe does: after the call that caused it has returned (a caller holding a row lock
   * in a transaction must not wait for its own webhook). Failures are logged; `settled()` waits for deliveries.
   */
  emit(event: Stripe.Event): void {
    const delivery = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      if (!this.sink) throw new Error('no event sink attached (is StripeWebhookService loaded?)');
      await this.sink(event);
    })()
      .catch((error: unknown) => this.logger.error(`Local test event ${event.type} ${event.id} was not delivered: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  /** Resolves once every event emitted so far has been delivered (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Store, for the test-mode pages

  find(id: string): Promise<LocalPaymentObject | null> {
    return this.objects.findOneBy({ id });
  }

  /**
   * Moves an object from one of `from` to `to` (and merges `data`) in one conditional UPDATE, so that a double
   * click on Pay succeeds once: the second call gets null.
   */
  async transition(id: string, from: string[], to: string, data: Record<string, unknown> = {}): Promise<LocalPaymentObject | null> {
    const result = await this.objects
      .createQueryBuilder()
      .update(LocalPaymentObject)
      .set({ status: to, data: () => `"data" || :patch::jsonb` })
      .where({ id, status: In(from) })
      .setParameter('patch', JSON.stringify(data))
      .execute();
    return result.affected ? this.objects.findOneByOrFail({ id }) : null;
  }

  async patch(id: string, data: Record<string, unknown>): Promise<LocalPaymentObject> {
    await this.objects
      .createQueryBuilder()
      .update(LocalPaymentObject)
      .set({ data: () => `"data" || :patch::jsonb` })
      .where({ id })
      .setParameter('patch', JSON.stringify(data))
      .execute();
    return this.objects.findOneByOrFail({ id });
  }

  /**
   * Creates an object, or returns the one created earlier with the same idempotency key (the unique index decides
   * between concurrent calls: the loser's INSERT does nothing and it reads the winner's row).
   */
  async createObject(
    kind: LocalPaymentObjectKind,
    prefix: string,
    status: string,
    idempotencyKey: string | null,
    build: (id: string) => Record<string, unknown>,
  ): Promise<LocalPaymentObject> {
    const id = localId(prefix);
    const data = build(id);
    // The fingerprint leaves out what embeds the new id (urls, charge id): only the caller's parameters count.
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([kind, JSON.parse(JSON.stringify(data).split(id).join('<id>'))]))
      .digest('hex');
    const inserted = await this.dataSource.query(
      `INSERT INTO "local_payment_objects" ("id", "kind", "status", "data", "idempotency_key", "request_fingerprint")
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ("idempotency_key") DO NOTHING RETURNING "id"`,
      [id, kind, status, JSON.stringify(data), idempotencyKey, fingerprint],
    );
    if ((inserted as unknown[]).length > 0 || idempotencyKey === null) return this.objects.findOneByOrFail({ id });
    const existing = await this.objects.findOneByOrFail({ idempotencyKey });
    if (existing.kind !== kind || existing.requestFingerprint !== fingerprint) {
      throw new PaymentGatewayError(
        'complete the request',
        `Keys for idempotent requests can only be used with the same parameters they were first used with (key ${idempotencyKey})`,
        'idempotency_error',
      );
    }
    return existing;
  }

  private async require(id: string, kind: LocalPaymentObjectKind): Promise<LocalPaymentObject> {
    const row = await this.objects.findOneBy({ id, kind });
    if (!row) throw new PaymentGatewayError('find the payment object', `No such ${kind}: '${id}'`, 'resource_missing');
    return row;
  }
}

function paymentIntentRef(row: LocalPaymentObject): PaymentIntentRef {
  const d = row.data;
  const error = d['last_payment_error'] as { message?: string } | null;
  return {
    id: row.id,
    // The local checkout page takes no card details: nothing for a Payment Element to mount.
    clientSecret: null,
    status: stripeStatusOf(row),
    amountCents: Number(d['amount']),
    currency: String(d['currency']).toUpperCase(),
    metadata: { ...(d['metadata'] as Record<string, string>) },
    lastErrorMessage: error?.message ?? null,
  };
}
