import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CreditReason } from '@focus-racer/api-types';
import type Stripe from 'stripe';
import { EntityManager } from 'typeorm';
import { PaymentsConfig } from '../../config/payments.config';
import { User } from '../../users/entities/user.entity';
import { CreditLedger } from '../credit-ledger.service';
import { CreditSubscription } from '../entities/credit-subscription.entity';
import { StripeEventHandler } from '../webhooks/stripe-event-handler';
import { StripeEventHandlerRegistry } from '../webhooks/stripe-event-handler.registry';

/** What our credit checkouts put in the metadata of the session (and of the subscription, hence its invoices). */
interface CreditsMetadata {
  kind?: string;
  userId?: string;
  offerId?: string;
  credits?: string;
}

/**
 * Turns Stripe's word into credits, exactly once:
 * - a pack: `checkout.session.completed` (or `checkout.session.async_payment_succeeded` for SEPA) once paid,
 *   credited under the session id;
 * - a subscription: each `invoice.paid`, the first one included, credited under the invoice id. The Checkout
 *   Session of a subscription credits nothing; it records the subscription for the pro's page.
 * Once is guaranteed by the ledger's unique order_ref (not only by the processed-events table: Stripe may send the
 * same payment under two event ids, e.g. completed + async_payment_succeeded). Stripe sends these in any order,
 * so each handler stands on its own: invoices carry the subscription's metadata (userId, offerId, credits).
 */
@Injectable()
export class CreditPurchaseHandler implements StripeEventHandler, OnModuleInit {
  readonly eventTypes = [
    'checkout.session.completed',
    'checkout.session.async_payment_succeeded',
    'invoice.paid',
    'customer.subscription.created',
    'customer.subscription.updated',
    'customer.subscription.deleted',
  ] as const;
  private readonly logger = new Logger('CreditPurchaseHandler');

  constructor(
    private readonly registry: StripeEventHandlerRegistry,
    private readonly ledger: CreditLedger,
    private readonly payments: PaymentsConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(event: Stripe.Event, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
        return this.sessionCompleted(event.data.object as Stripe.Checkout.Session, manager);
      case 'invoice.paid':
        return this.invoicePaid(event.data.object as Stripe.Invoice, manager);
      case 'customer.subscription.created':
      case 'customer.subscription.updated':
      case 'customer.subscription.deleted':
        return this.subscriptionChanged(event.data.object as Stripe.Subscription, manager);
    }
  }

  private async sessionCompleted(session: Stripe.Checkout.Session, manager: EntityManager): Promise<void> {
    const metadata = (session.metadata ?? {}) as CreditsMetadata;
    if (metadata.kind !== 'credits') return;
    const user = await this.userOf(metadata.userId, manager, session.id);
    if (!user) return;
    const customer = idOf(session.customer);
    if (customer) await this.rememberCustomer(user.id, customer, manager);

    if (session.mode === 'subscription') {
      const subscription = idOf(session.subscription);
      if (subscription) await this.upsertSubscription(manager, { id: subscription, userId: user.id, offerId: metadata.offerId ?? 'unknown', status: 'active', onlyIfNew: true });
      return;
    }
    if (session.payment_status !== 'paid') return; // SEPA and other delayed methods: async_payment_succeeded follows.
    const credits = this.creditsOf(metadata, session.id);
    const after = await this.ledger.credit(manager, {
      userId: user.id,
      amount: credits,
      reason: CreditReason.PURCHASE,
      orderRef: session.id,
      note: this.offerName(metadata.offerId) ?? `${credits} credits`,
    });
    if (after === null) this.logger.log(`Checkout Session ${session.id} was already credited`);
  }

  private async invoicePaid(invoice: Stripe.Invoice, manager: EntityManager): Promise<void> {
    const subscriptionId = subscriptionIdOfInvoice(invoice);
    if (!subscriptionId) return;
    const metadata = (invoice.parent?.subscription_details?.metadata ?? {}) as CreditsMetadata;
    const known = await manager.findOneBy(CreditSubscription, { stripeSubscriptionId: subscriptionId });
    if (metadata.kind !== 'credits' && !known) return;
    const user = await this.userOf(metadata.userId ?? known?.userId, manager, invoice.id);
    if (!user) return;
    const offerId = metadata.offerId ?? known?.offerId;
    const credits = this.creditsOf({ ...metadata, offerId }, invoice.id);
    const customer = idOf(invoice.customer);
    if (customer) await this.rememberCustomer(user.id, customer, manager);
    const periodEnd = invoice.lines?.data?.[0]?.period?.end;
    await this.upsertSubscription(manager, {
      id: subscriptionId,
      userId: user.id,
      offerId: offerId ?? 'unknown',
      status: 'active',
      currentPeriodEnd: periodEnd ? new Date(periodEnd * 1000) : null,
    });
    const first = invoice.billing_reason === 'subscription_create';
    await this.ledger.credit(manager, {
      userId: user.id,
      amount: credits,
      reason: CreditReason.SUBSCRIPTION,
      orderRef: invoice.id,
      note: `${this.offerName(offerId) ?? 'Subscription'} — ${first ? 'first month' : 'monthly renewal'}`,
    });
  }

  private async subscriptionChanged(subscription: Stripe.Subscription, manager: EntityManager): Promise<void> {
    const metadata = (subscription.metadata ?? {}) as CreditsMetadata;
    const known = await manager.findOneBy(CreditSubscription, { stripeSubscriptionId: subscription.id });
    if (metadata.kind !== 'credits' && !known) return;
    const user = await this.userOf(metadata.userId ?? known?.userId, manager, subscription.id);
    if (!user) return;
    const legacy = subscription as unknown as { current_period_end?: number };
    const periodEnd = subscription.items?.data?.[0]?.current_period_end ?? legacy.current_period_end;
    await this.upsertSubscription(manager, {
      id: subscription.id,
      userId: user.id,
      offerId: metadata.offerId ?? known?.offerId ?? 'unknown',
      status: subscription.status,
      currentPeriodEnd: periodEnd ? new Date(periodEnd * 1000) : null,
      cancelAtPeriodEnd: subscription.cancel_at_period_end,
    });
  }

  /**
   * Stripe's events arrive in any order: a period end only moves forward, and `canceled` (final at Stripe) is
   * never undone by a late `updated`.
   */
  private async upsertSubscription(
    manager: EntityManager,
    s: { id: string; userId: string; offerId: string; status: string; currentPeriodEnd?: Date | null; cancelAtPeriodEnd?: boolean; onlyIfNew?: boolean },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO credit_subscriptions (stripe_subscription_id, user_id, offer_id, status, current_period_end, cancel_at_period_end)
       VALUES ($1, $2, $3, $4, $5, COALESCE($6, false))
       ON CONFLICT (stripe_subscription_id) DO ${
         s.onlyIfNew
           ? 'NOTHING'
           : `UPDATE SET
         status = CASE WHEN credit_subscriptions.status = 'canceled' THEN 'canceled' ELSE EXCLUDED.status END,
         current_period_end = GREATEST(credit_subscriptions.current_period_end, EXCLUDED.current_period_end),
         cancel_at_period_end = COALESCE($6, credit_subscriptions.cancel_at_period_end),
         updated_at = now()`
       }`,
      [s.id, s.userId, s.offerId, s.status, s.currentPeriodEnd ?? null, s.cancelAtPeriodEnd ?? null],
    );
  }

  /** Kept for the pro's next checkouts; never moved from one user to another. */
  private async rememberCustomer(userId: string, customerId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE users SET stripe_customer_id = $2
       WHERE id = $1 AND stripe_customer_id IS NULL AND NOT EXISTS (SELECT 1 FROM users WHERE stripe_customer_id = $2)`,
      [userId, customerId],
    );
  }

  /** The pro the event is for; null (event ignored) when they erased their account since. */
  private async userOf(userId: string | undefined, manager: EntityManager, ref: string): Promise<User | null> {
    if (!userId) throw new Error(`Credits event for ${ref} has no userId in its metadata`);
    const user = await manager.findOneBy(User, { id: userId });
    if (!user) this.logger.warn(`Credits event for ${ref}: user ${userId} no longer exists, nothing credited`);
    return user;
  }

  /**
   * The credits fixed at checkout (metadata), or the offer's when the metadata lacks them. Throwing leaves the
   * event unprocessed (500) so Stripe retries once the configuration is fixed, rather than losing a payment.
   */
  private creditsOf(metadata: CreditsMetadata, ref: string): number {
    const fromMetadata = Number(metadata.credits);
    if (Number.isInteger(fromMetadata) && fromMetadata > 0) return fromMetadata;
    const offer = this.payments.creditOffers.find((o) => o.id === metadata.offerId);
    if (!offer) throw new Error(`Credits paid by ${ref} for unknown offer "${metadata.offerId}": add it back to CREDIT_OFFERS`);
    return offer.credits;
  }

  private offerName(offerId: string | undefined): string | null {
    return this.payments.creditOffers.find((o) => o.id === offerId)?.name ?? null;
  }
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  return typeof value === 'string' ? value : (value?.id ?? null);
}

/** Where the subscription is on an invoice: `parent.subscription_details` now, top-level `subscription` on older API versions. */
function subscriptionIdOfInvoice(invoice: Stripe.Invoice): string | null {
  const legacy = invoice as unknown as { subscription?: string | { id: string } | null };
  return idOf(invoice.parent?.subscription_details?.subscription ?? legacy.subscription);
}
