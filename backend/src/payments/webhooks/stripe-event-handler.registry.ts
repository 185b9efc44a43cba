import { Injectable } from '@nestjs/common';
import { StripeEventHandler, StripeEventHandlerRegistration } from './stripe-event-handler';

/**
 * Who handles which event type. A handler registers itself in its `onModuleInit`:
 *
 *   constructor(private readonly registry: StripeEventHandlerRegistry) {}
 *   onModuleInit() { this.registry.register(this); }
 *
 * Several handlers may take the same type (orders and credits both read `checkout.session.completed`); they run
 * in registration order, in the same transaction.
 */
@Injectable()
export class StripeEventHandlerRegistry implements StripeEventHandlerRegistration {
  private readonly handlers: StripeEventHandler[] = [];

  register(handler: StripeEventHandler): void {
    if (!this.handlers.includes(handler)) this.handlers.push(handler);
  }

  handlersFor(type: string): StripeEventHandler[] {
    return this.handlers.filter((handler) => handler.eventTypes.includes(type));
  }
}
