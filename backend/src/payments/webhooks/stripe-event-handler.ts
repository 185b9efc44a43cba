import type { EntityManager } from 'typeorm';
import type Stripe from 'stripe';

/**
 * Something a webhook event changes. The webhook service records the event id and calls the handlers of its type in
 * ONE transaction (`manager`), so an effect and its "processed" mark commit together: a replay finds the id and
 * changes nothing. Side effects outside the database (emails) are returned as `afterCommit` callbacks and run only
 * once the transaction has committed.
 */
export interface StripeEventHandler {
  readonly eventTypes: readonly string[];
  handle(event: Stripe.Event, manager: EntityManager): Promise<StripeEventOutcome | void>;
}

export interface StripeEventOutcome {
  afterCommit?: () => Promise<void>;
}

/**
 * Nest has no multi-providers: a handler registers itself with `StripeEventHandlerRegistry.register(this)` (exported
 * by PaymentsModule) in its `onModuleInit`. An event type without a handler is recorded as processed and ignored.
 */
export interface StripeEventHandlerRegistration {
  register(handler: StripeEventHandler): void;
}
