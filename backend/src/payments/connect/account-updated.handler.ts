import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type Stripe from 'stripe';
import { EntityManager } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { StripeEventHandler } from '../webhooks/stripe-event-handler';
import { StripeEventHandlerRegistry } from '../webhooks/stripe-event-handler.registry';

/**
 * Keeps `users.stripe_onboarded` = charges enabled AND details submitted, as Stripe reports the Connect account.
 * The event carries the whole account, so an older event delivered late can only restore a state the status
 * endpoint corrects on the pro's next visit (it reads the account from Stripe).
 */
@Injectable()
export class AccountUpdatedHandler implements StripeEventHandler, OnModuleInit {
  readonly eventTypes = ['account.updated'] as const;
  private readonly logger = new Logger('AccountUpdatedHandler');

  constructor(private readonly registry: StripeEventHandlerRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(event: Stripe.Event, manager: EntityManager): Promise<void> {
    const account = event.data.object as Stripe.Account;
    const onboarded = account.charges_enabled === true && account.details_submitted === true;
    const result = await manager.update(User, { stripeAccountId: account.id }, { stripeOnboarded: onboarded });
    if (!result.affected) this.logger.warn(`account.updated for ${account.id}, which belongs to no user: ignored`);
  }
}
