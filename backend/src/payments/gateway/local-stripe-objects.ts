import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import type { LocalPaymentObject } from '../entities/local-payment-object.entity';

/**
 * Stripe-shaped objects and events built from what the local test mode stores, so the webhook handlers read the
 * same fields whichever mode sent the event. Only the fields our handlers and pages use are filled in; the shapes
 * follow Stripe's API version pinned by the SDK (e.g. an invoice names its subscription under
 * `parent.subscription_details`).
 */

export function localId(prefix: string): string {
  return `${prefix}_local_${randomBytes(12).toString('hex')}`;
}

const now = () => Math.floor(Date.now() / 1000);

/** A PaymentIntent's stored status also says refunded/disputed; Stripe keeps such an intent `succeeded`. */
export function stripeStatusOf(row: LocalPaymentObject): string {
  return row.kind === 'payment_intent' && (row.status === 'refunded' || row.status === 'disputed') ? 'succeeded' : row.status;
}

export function stripeObjectOf(row: LocalPaymentObject): Record<string, unknown> {
  return { ...row.data, id: row.id, status: stripeStatusOf(row), created: Math.floor(row.createdAt.getTime() / 1000), livemode: false };
}

/** The charge of a succeeded local PaymentIntent (one charge per intent: the local checkout has no retries). */
export function chargeOf(intent: LocalPaymentObject): Record<string, unknown> {
  const d = intent.data;
  const refunded = intent.status === 'refunded';
  return {
    id: d['latest_charge'],
    object: 'charge',
    payment_intent: intent.id,
    amount: d['amount'],
    amount_captured: d['amount'],
    amount_refunded: refunded ? d['amount'] : 0,
    refunded,
    disputed: intent.status === 'disputed',
    currency: d['currency'],
    status: 'succeeded',
    paid: true,
    application_fee_amount: d['application_fee_amount'],
    transfer_data: d['transfer_data'],
    metadata: d['metadata'],
    created: now(),
    livemode: false,
  };
}

export function disputeOf(intent: LocalPaymentObject): Record<string, unknown> {
  return {
    id: localId('dp'),
    object: 'dispute',
    charge: intent.data['latest_charge'],
    payment_intent: intent.id,
    amount: intent.data['amount'],
    currency: intent.data['currency'],
    reason: 'fraudulent',
    status: 'needs_response',
    created: now(),
    livemode: false,
  };
}

export function invoiceOf(subscription: LocalPaymentObject, billingReason: 'subscription_create' | 'subscription_cycle'): Record<string, unknown> {
  const d = subscription.data;
  const periodStart = Number(d['current_period_start']);
  const periodEnd = Number(d['current_period_end']);
  return {
    id: localId('in'),
    object: 'invoice',
    billing_reason: billingReason,
    customer: d['customer'],
    status: 'paid',
    amount_paid: d['amount'],
    currency: d['currency'],
    parent: { type: 'subscription_details', subscription_details: { subscription: subscription.id, metadata: d['metadata'] } },
    lines: {
      object: 'list',
      data: [{ id: localId('il'), object: 'line_item', amount: d['amount'], currency: d['currency'], period: { start: periodStart, end: periodEnd } }],
    },
    period_start: periodStart,
    period_end: periodEnd,
    created: now(),
    livemode: false,
  };
}

/** A subscription as `customer.subscription.*` events carry it (period end on its item, as Stripe now puts it). */
export function subscriptionObjectOf(row: LocalPaymentObject): Record<string, unknown> {
  const d = row.data;
  return {
    id: row.id,
    object: 'subscription',
    customer: d['customer'],
    status: row.status,
    cancel_at_period_end: d['cancel_at_period_end'] ?? false,
    metadata: d['metadata'],
    items: {
      object: 'list',
      data: [{ id: `si_${row.id}`, object: 'subscription_item', current_period_start: d['current_period_start'], current_period_end: d['current_period_end'] }],
    },
    livemode: false,
  };
}

export function localEvent(type: string, object: Record<string, unknown>): Stripe.Event {
  return {
    id: localId('evt'),
    object: 'event',
    type,
    api_version: Stripe.API_VERSION,
    created: now(),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  } as unknown as Stripe.Event;
}
