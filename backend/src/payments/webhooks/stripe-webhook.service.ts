import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { LocalTestGateway } from '../gateway/local-test.gateway';
import { PAYMENT_GATEWAY, PaymentGateway } from '../gateway/payment-gateway';
import { StripeEventOutcome } from './stripe-event-handler';
import { StripeEventHandlerRegistry } from './stripe-event-handler.registry';

export interface WebhookResult {
  eventId: string;
  type: string;
  /** `processed`: handlers ran (or none exist for the type) and the id is recorded. `duplicate`: seen before, nothing changed. */
  outcome: 'processed' | 'duplicate';
}

/**
 * Stripe's events, exactly once. Stripe delivers at least once, in any order, and retries on any non-2xx, so:
 * the event id goes into processed_webhook_events in the SAME transaction as every handler's effect. A replay finds
 * the id and changes nothing; a handler that throws rolls everything back (id included) and the 500 makes Stripe
 * try again later. What must not be undone (emails) runs after the commit.
 */
@Injectable()
export class StripeWebhookService implements OnModuleInit {
  private readonly logger = new Logger('StripeWebhook');

  constructor(
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
    private readonly registry: StripeEventHandlerRegistry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    if (this.gateway instanceof LocalTestGateway) this.gateway.attachEventSink((event) => this.deliverLocalEvent(event));
  }

  /** Verifies the signature (WebhookSignatureError otherwise, nothing read or written) and processes the event. */
  async process(rawBody: Buffer, signature: string | undefined): Promise<WebhookResult> {
    const event = this.gateway.constructEvent(rawBody, signature);
    return this.processVerified(event);
  }

  /**
   * The local test mode's "Stripe sends a webhook": serialises the event, signs it with the local webhook secret
   * and goes through `process`, signature check included, like a real delivery.
   */
  async deliverLocalEvent(event: Stripe.Event): Promise<WebhookResult> {
    if (!(this.gateway instanceof LocalTestGateway)) throw new Error('Local events exist only in the local test mode');
    const payload = JSON.stringify(event);
    return this.process(Buffer.from(payload, 'utf8'), this.gateway.sign(payload));
  }

  private async processVerified(event: Stripe.Event): Promise<WebhookResult> {
    const handlers = this.registry.handlersFor(event.type);
    const afterCommit: Array<() => Promise<void>> = [];
    const fresh = await this.dataSource.transaction(async (manager) => {
      // A concurrent delivery of the same id waits here on the unique index until this transaction ends.
      const inserted: unknown[] = await manager.query(
        `INSERT INTO "processed_webhook_events" ("stripe_event_id", "type") VALUES ($1, $2)
         ON CONFLICT ("stripe_event_id") DO NOTHING RETURNING "id"`,
        [event.id, event.type],
      );
      if (inserted.length === 0) return false;
      for (const handler of handlers) {
        const outcome = (await handler.handle(event, manager)) as StripeEventOutcome | void;
        if (outcome?.afterCommit) afterCommit.push(outcome.afterCommit);
      }
      return true;
    });
    if (!fresh) {
      this.logger.log(`Stripe event ${event.id} (${event.type}) already processed: ignored`);
      return { eventId: event.id, type: event.type, outcome: 'duplicate' };
    }
    if (handlers.length === 0) this.logger.debug(`Stripe event ${event.id} (${event.type}) has no handler: recorded and ignored`);
    for (const callback of afterCommit) {
      // Committed: Stripe must get its 200 whatever happens now, or it would redeliver an event already applied.
      await callback().catch((error: unknown) =>
        this.logger.error(`After-commit step of Stripe event ${event.id} (${event.type}) failed: ${error instanceof Error ? error.stack : String(error)}`),
      );
    }
    return { eventId: event.id, type: event.type, outcome: 'processed' };
  }
}
