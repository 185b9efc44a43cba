import { Injectable, OnModuleInit } from '@nestjs/common';
import type Stripe from 'stripe';
import { EntityManager } from 'typeorm';
import { StripeEventHandler, StripeEventOutcome } from '../webhooks/stripe-event-handler';
import { StripeEventHandlerRegistry } from '../webhooks/stripe-event-handler.registry';
import { OrderPayments } from './order-payments.service';

/**
 * Stripe's word on photo orders, applied by OrderPayments inside the webhook's transaction (the event id is
 * recorded in the same commit, so a replay is a no-op). Events about payments that are not photo orders (credit
 * purchases go through Checkout) find no order and change nothing.
 */
@Injectable()
export class OrderWebhooksHandler implements StripeEventHandler, OnModuleInit {
  readonly eventTypes = ['payment_intent.succeeded', 'payment_intent.payment_failed', 'charge.refunded', 'charge.dispute.created'] as const;

  constructor(
    private readonly registry: StripeEventHandlerRegistry,
    private readonly payments: OrderPayments,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(event: Stripe.Event, manager: EntityManager): Promise<StripeEventOutcome | void> {
    switch (event.type) {
      case 'payment_intent.succeeded': {
        const intent = event.data.object;
        if (!isPhotoOrder(intent.metadata)) return;
        return this.payments.succeeded(manager, {
          paymentIntentId: intent.id,
          // What was actually taken; the requested amount when an older payload lacks it.
          amountCents: intent.amount_received ?? intent.amount,
          currency: intent.currency,
          metadata: intent.metadata ?? {},
        });
      }
      case 'payment_intent.payment_failed': {
        const intent = event.data.object;
        if (!isPhotoOrder(intent.metadata)) return;
        const report = { paymentIntentId: intent.id, amountCents: intent.amount, currency: intent.currency, metadata: intent.metadata ?? {} };
        return this.payments.failed(manager, report, intent.last_payment_error?.message ?? null);
      }
      case 'charge.refunded': {
        const charge = event.data.object;
        const intentId = idOf(charge.payment_intent);
        if (!intentId) return;
        return this.payments.refunded(manager, intentId, charge.amount_refunded, charge.refunded === true);
      }
      case 'charge.dispute.created': {
        const dispute = event.data.object;
        const intentId = idOf(dispute.payment_intent);
        if (!intentId) return;
        return this.payments.disputed(manager, intentId);
      }
      default:
        return;
    }
  }
}

/** Photo orders' PaymentIntents always carry their order id (set at checkout). */
function isPhotoOrder(metadata: Stripe.Metadata | null | undefined): boolean {
  return typeof metadata?.['orderId'] === 'string';
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}
