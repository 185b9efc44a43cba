import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type Stripe from 'stripe';
import { LocalPaymentObject } from '../entities/local-payment-object.entity';
import { LocalTestGateway } from '../gateway/local-test.gateway';
import {
  chargeOf,
  disputeOf,
  invoiceOf,
  localEvent,
  localId,
  stripeObjectOf,
  subscriptionObjectOf,
} from '../gateway/local-stripe-objects';
import { PAYMENT_GATEWAY, PaymentGateway } from '../gateway/payment-gateway';
import { StripeWebhookService } from '../webhooks/stripe-webhook.service';

export type CheckoutAction = 'pay' | 'decline' | 'refund' | 'dispute' | 'cancel' | 'renew' | 'cancel-subscription' | 'redeliver';
export const CHECKOUT_ACTIONS: readonly CheckoutAction[] = ['pay', 'decline', 'refund', 'dispute', 'cancel', 'renew', 'cancel-subscription', 'redeliver'];

/** What an action leads to: the page to send the browser to, or an error page when Focus Racer failed the event. */
export type ActionResult = { redirectTo: string } | { deliveryFailed: string; object: LocalPaymentObject };

const MONTH_SECONDS = 30 * 86_400;

/**
 * Stripe's side of the local test mode: what happens when the tester presses Pay, Decline, Refund... on the test
 * pages. Each action changes the local object with a conditional update (a double click acts once), records the
 * events it causes on the object (`last_events`, for "deliver again" if Focus Racer failed them) and delivers them
 * through StripeWebhookService like signed Stripe webhooks, before sending the browser back.
 */
@Injectable()
export class TestModeService {
  private readonly logger = new Logger('TestMode');

  constructor(
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
    private readonly webhooks: StripeWebhookService,
  ) {}

  /** The local gateway, or 404: these pages do not exist when real Stripe keys are configured. */
  local(): LocalTestGateway {
    if (!(this.gateway instanceof LocalTestGateway)) {
      throw new NotFoundException('The payment test mode is off: this server takes real payments through Stripe.');
    }
    return this.gateway;
  }

  async checkoutObject(id: string): Promise<LocalPaymentObject> {
    const row = await this.local().find(id);
    if (!row || (row.kind !== 'payment_intent' && row.kind !== 'checkout_session')) {
      throw new NotFoundException(`No test payment ${id}. It may come from another database, or the link is mistyped.`);
    }
    return row;
  }

  async account(id: string): Promise<LocalPaymentObject> {
    const row = await this.local().find(id);
    if (!row || row.kind !== 'account') throw new NotFoundException(`No test payout account ${id}.`);
    return row;
  }

  /** The subscription a completed subscription Checkout Session created, if any. */
  async subscriptionOf(session: LocalPaymentObject): Promise<LocalPaymentObject | null> {
    const id = session.data['subscription'];
    return typeof id === 'string' ? this.local().find(id) : null;
  }

  async act(id: string, action: CheckoutAction): Promise<ActionResult> {
    const row = await this.checkoutObject(id);
    if (action === 'redeliver') return this.redeliver(row.id);
    return row.kind === 'payment_intent' ? this.actOnPaymentIntent(row, action) : this.actOnSession(row, action);
  }

  /** Sends the last action's events again, same ids (as Stripe retries), after Focus Racer failed them. */
  async redeliver(id: string): Promise<ActionResult> {
    const row = await this.local().find(id);
    if (!row) throw new NotFoundException(`No test object ${id}.`);
    const result = await this.deliver(row, (row.data['last_events'] as Stripe.Event[] | undefined) ?? []);
    return row.kind === 'account' && 'redirectTo' in result ? { redirectTo: String(row.data['return_url'] ?? '') } : result;
  }

  async completeOnboarding(accountId: string): Promise<ActionResult> {
    const account = await this.account(accountId);
    const enabled = await this.local().transition(account.id, ['restricted'], 'enabled', {
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      capabilities: { card_payments: 'active', transfers: 'active' },
    });
    const returnUrl = String(account.data['return_url'] ?? '');
    if (!enabled) return { redirectTo: returnUrl };
    return this.record(enabled, [localEvent('account.updated', stripeObjectOf(enabled))], returnUrl);
  }

  private async actOnPaymentIntent(intent: LocalPaymentObject, action: CheckoutAction): Promise<ActionResult> {
    const local = this.local();
    const back = returnUrlOf(intent);
    switch (action) {
      case 'pay': {
        const paid = await local.transition(intent.id, ['requires_payment_method'], 'succeeded', { last_payment_error: null });
        return paid ? this.record(paid, [localEvent('payment_intent.succeeded', stripeObjectOf(paid))], back) : { redirectTo: back };
      }
      case 'decline': {
        const declined = await local.transition(intent.id, ['requires_payment_method'], 'requires_payment_method', {
          last_payment_error: {
            type: 'card_error',
            code: 'card_declined',
            decline_code: 'generic_decline',
            message: 'Your card was declined. (test mode: the Decline button was pressed)',
          },
        });
        return declined ? this.record(declined, [localEvent('payment_intent.payment_failed', stripeObjectOf(declined))], back) : { redirectTo: back };
      }
      case 'refund': {
        const refunded = await local.transition(intent.id, ['succeeded'], 'refunded', { refund_idempotency_key: `test-page-${intent.id}` });
        return refunded ? this.record(refunded, [localEvent('charge.refunded', chargeOf(refunded))], back) : { redirectTo: back };
      }
      case 'dispute': {
        const disputed = await local.transition(intent.id, ['succeeded'], 'disputed');
        return disputed ? this.record(disputed, [localEvent('charge.dispute.created', disputeOf(disputed))], back) : { redirectTo: back };
      }
      default:
        throw new NotFoundException(`"${action}" does not apply to a payment.`);
    }
  }

  private async actOnSession(session: LocalPaymentObject, action: CheckoutAction): Promise<ActionResult> {
    const local = this.local();
    const success = String(session.data['success_url']);
    const cancel = String(session.data['cancel_url'] ?? success);
    switch (action) {
      case 'pay': {
        // Created before the transition so that they exist when the session says complete; a lost race leaves
        // an unused customer/subscription row, harmless in test mode.
        const customer = (session.data['customer'] as string | null) ?? (await this.createCustomer(session)).id;
        const subscription = session.data['mode'] === 'subscription' ? await this.createSubscription(session, customer) : null;
        const paid = await local.transition(session.id, ['open'], 'complete', {
          customer,
          subscription: subscription?.id ?? null,
          payment_status: 'paid',
          payment_intent: session.data['mode'] === 'payment' ? localId('pi') : null,
        });
        if (!paid) return { redirectTo: success };
        const events = [localEvent('checkout.session.completed', stripeObjectOf(paid))];
        if (subscription) {
          events.unshift(localEvent('customer.subscription.created', subscriptionObjectOf(subscription)));
          events.push(localEvent('invoice.paid', invoiceOf(subscription, 'subscription_create')));
        }
        return this.record(paid, events, success);
      }
      case 'cancel': {
        await local.transition(session.id, ['open'], 'expired');
        return { redirectTo: cancel };
      }
      case 'renew': {
        const subscription = await this.subscriptionOf(session);
        if (!subscription || subscription.status !== 'active') throw new NotFoundException('No active subscription to renew.');
        const start = Number(subscription.data['current_period_end']);
        const renewed = await local.transition(subscription.id, ['active'], 'active', { current_period_start: start, current_period_end: start + MONTH_SECONDS });
        if (!renewed) return { redirectTo: success };
        return this.record(session, [localEvent('invoice.paid', invoiceOf(renewed, 'subscription_cycle')), localEvent('customer.subscription.updated', subscriptionObjectOf(renewed))], success);
      }
      case 'cancel-subscription': {
        const subscription = await this.subscriptionOf(session);
        const canceled = subscription ? await local.transition(subscription.id, ['active'], 'canceled') : null;
        if (!canceled) return { redirectTo: success };
        return this.record(session, [localEvent('customer.subscription.deleted', subscriptionObjectOf(canceled))], success);
      }
      default:
        throw new NotFoundException(`"${action}" does not apply to a checkout session.`);
    }
  }

  private createCustomer(session: LocalPaymentObject): Promise<LocalPaymentObject> {
    return this.local().createObject('customer', 'cus', 'active', null, () => ({
      object: 'customer',
      email: session.data['customer_email'],
      metadata: session.data['metadata'],
    }));
  }

  private createSubscription(session: LocalPaymentObject, customer: string): Promise<LocalPaymentObject> {
    const start = Math.floor(Date.now() / 1000);
    return this.local().createObject('subscription', 'sub', 'active', null, () => ({
      object: 'subscription',
      customer,
      metadata: session.data['metadata'],
      amount: session.data['amount_total'],
      currency: session.data['currency'],
      price_lookup_key: session.data['price_lookup_key'],
      cancel_at_period_end: false,
      current_period_start: start,
      current_period_end: start + MONTH_SECONDS,
    }));
  }

  /** Keeps the events on the object (for "deliver again") and delivers them in order. */
  private async record(row: LocalPaymentObject, events: Stripe.Event[], redirectTo: string): Promise<ActionResult> {
    const updated = await this.local().patch(row.id, { last_events: events });
    const result = await this.deliver(updated, events);
    return 'redirectTo' in result ? { redirectTo } : result;
  }

  private async deliver(row: LocalPaymentObject, events: Stripe.Event[]): Promise<ActionResult> {
    for (const event of events) {
      try {
        await this.webhooks.deliverLocalEvent(event);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.logger.error(`Test-mode event ${event.type} ${event.id} failed in Focus Racer: ${message}`);
        return { deliveryFailed: `${event.type}: ${message}`, object: row };
      }
    }
    return { redirectTo: row.kind === 'payment_intent' ? returnUrlOf(row) : String(row.data['success_url'] ?? '') };
  }
}

function returnUrlOf(intent: LocalPaymentObject): string {
  const metadata = (intent.data['metadata'] ?? {}) as Record<string, string>;
  return metadata['returnUrl'] ?? '';
}
