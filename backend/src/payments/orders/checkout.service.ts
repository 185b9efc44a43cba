import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { CartItemInput, CheckoutResponse, OrderStatus, splitOrder } from '@focus-racer/api-types';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { EVENT_NOT_FOUND_MESSAGE } from '../../events/events.service';
import { OrderItem } from '../entities/order-item.entity';
import { Order } from '../entities/order.entity';
import { PAYMENT_GATEWAY, PaymentGateway, PaymentIntentRef } from '../gateway/payment-gateway';
import { PaymentSettingsService, toPaymentSettingsDto } from '../settings/payment-settings.service';
import { CartPricer, PricedGroup } from './cart-pricer.service';
import { checkoutKey, itemKey } from './checkout-key';
import { CheckoutBody, toCartItem } from './dto/cart.dto';
import { OrderLinkSigner } from './order-link-signer.service';
import { formatMoney } from './pricing';

export const EMPTY_CART_MESSAGE = 'Your cart has no photos of this event.';
export const EMAIL_REQUIRED_MESSAGE = 'Give your email address: the receipt and the link to download your photos are sent there.';
export const FOREIGN_ITEMS_MESSAGE = 'Some items of this checkout belong to another event: each event is paid separately, one at a time.';
const RETRY_MESSAGE = 'The payment could not be started. Please try again in a minute.';
/** Stripe refuses charges below about €0.50 (the minimum varies a little by currency). */
export const MIN_CHARGE_CENTS = 50;

/**
 * Turns one event's part of a cart into an order and a PaymentIntent. Everything is priced again here from the
 * database (the browser's figures are never read), and the same cart submitted twice at once gives ONE order and
 * ONE PaymentIntent:
 * 1. in a transaction holding the event row FOR SHARE (a price change waits for it), the order and its items are
 *    inserted with their checkout key; the partial unique index lets one open order per key exist, so a concurrent
 *    twin's INSERT … ON CONFLICT DO NOTHING waits for the first commit and then reads that order instead;
 * 2. the order row is locked FOR UPDATE and the PaymentIntent created only if the order has none yet, with the
 *    idempotency key `order-<id>-pi`: even a crash between Stripe's answer and our UPDATE gets the same intent back.
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pricer: CartPricer,
    private readonly settings: PaymentSettingsService,
    private readonly links: OrderLinkSigner,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
  ) {}

  async checkout(body: CheckoutBody, user: AuthUser | undefined): Promise<CheckoutResponse> {
    // The same item twice is one item (a double tap on "add"); the quote already showed it once.
    const items = [...new Map(body.items.map(toCartItem).map((item) => [itemKey(item), item])).values()];
    const eventId = body.eventId.toLowerCase();
    if (items.length === 0) throw new BadRequestException(EMPTY_CART_MESSAGE);
    const email = (body.email ?? user?.email)?.trim().toLowerCase();
    if (!email) throw new BadRequestException(EMAIL_REQUIRED_MESSAGE);
    if (items.some((item) => item.kind === 'all-my-photos' && item.eventId !== eventId)) throw new BadRequestException(FOREIGN_ITEMS_MESSAGE);
    const fees = toPaymentSettingsDto(await this.settings.current());

    const { orderId, group } = await this.dataSource.transaction(async (manager) => {
      const locked: unknown[] = await manager.query(`SELECT id FROM events WHERE id = $1 FOR SHARE`, [eventId]);
      if (locked.length === 0) throw new NotFoundException(EVENT_NOT_FOUND_MESSAGE);
      const group = await this.pricedGroup(manager, eventId, items);
      const split = splitOrder(group.price.subtotalCents, fees);
      if (split.totalCents < MIN_CHARGE_CENTS) {
        throw new ConflictException(`This order comes to ${formatMoney(split.totalCents, group.currency)}, below what can be paid by card.`);
      }
      const key = checkoutKey({
        buyer: user ? { userId: user.id } : { email },
        eventId,
        items,
        totalCents: split.totalCents,
        currency: group.currency,
      });
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO orders (buyer_id, buyer_email, event_id, status, subtotal_cents, service_fee_cents, platform_fee_cents, total_cents,
           currency, payment_mode, checkout_key)
         VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (checkout_key) WHERE status IN ('pending', 'failed') DO NOTHING RETURNING id`,
        [user?.id ?? null, email, eventId, group.price.subtotalCents, fees.serviceFeeCents, split.platformFeeCents, split.totalCents,
          group.currency, this.gateway.mode, key],
      );
      if (inserted.length > 0) {
        await this.insertItems(manager, inserted[0].id, group);
        return { orderId: inserted[0].id, group };
      }
      const [twin]: Array<{ id: string }> = await manager.query(
        `SELECT id FROM orders WHERE checkout_key = $1 AND status IN ('pending', 'failed')`,
        [key],
      );
      // The twin was paid in between (it left the index): the caller may simply submit again.
      if (!twin) throw new ConflictException('This cart was just paid in another window. Check your email for the receipt.');
      return { orderId: twin.id, group };
    });

    const { order, intent } = await this.paymentIntentFor(orderId, group);
    return {
      orderId: order.id,
      mode: this.gateway.mode,
      clientSecret: this.gateway.mode === 'stripe' ? intent.clientSecret : null,
      publishableKey: this.gateway.publishableKey,
      testCheckoutUrl: this.gateway.testCheckoutUrl(intent.id),
      orderUrl: this.links.orderUrl(order),
      currency: order.currency,
      subtotalCents: order.subtotalCents,
      serviceFeeCents: order.serviceFeeCents,
      totalCents: order.totalCents,
    };
  }

  /** The cart's one group, on this event, entirely buyable; a clear 400 / 409 otherwise. */
  private async pricedGroup(manager: EntityManager, eventId: string, items: CartItemInput[]): Promise<PricedGroup> {
    const cart = await this.pricer.price(items, manager);
    if (cart.groups.some((group) => group.event.id !== eventId)) throw new BadRequestException(FOREIGN_ITEMS_MESSAGE);
    if (cart.rejected.length > 0) {
      const reasons = [...new Set(cart.rejected.map((rejection) => rejection.reason))].join(' ');
      throw new ConflictException(`Some items of your cart can no longer be bought: ${reasons} Refresh your cart and try again.`);
    }
    const group = cart.groups[0];
    if (!group) throw new BadRequestException(EMPTY_CART_MESSAGE);
    if (!group.sellable) throw new ConflictException(group.notSellableReason);
    return group;
  }

  private async insertItems(manager: EntityManager, orderId: string, group: PricedGroup): Promise<void> {
    const items = group.price.items;
    const sum = items.reduce((total, item) => total + item.unitPriceCents, 0);
    // The engine guarantees it; checked again because a mismatch here would be money lost or invented.
    if (sum !== group.price.subtotalCents) throw new Error(`Order ${orderId}: items add up to ${sum}, subtotal is ${group.price.subtotalCents}`);
    await manager
      .createQueryBuilder()
      .insert()
      .into(OrderItem)
      .values(
        items.map((item, index) => ({
          orderId,
          photoId: item.photoId,
          pricePackId: item.packId,
          unitPriceCents: item.unitPriceCents,
          currency: group.currency,
          resolution: item.resolution,
          bib: item.bib,
          position: index + 1,
        })),
      )
      .execute();
  }

  private async paymentIntentFor(orderId: string, group: PricedGroup): Promise<{ order: Order; intent: PaymentIntentRef }> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const order = await manager.findOneOrFail(Order, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
      if (order.stripePaymentIntentId) return { order, intent: await this.gateway.retrievePaymentIntent(order.stripePaymentIntentId) };
      // A twin request found the provider failing and gave this order up (below): this one must not revive it.
      if (order.status !== OrderStatus.PENDING && order.status !== OrderStatus.FAILED) throw new ConflictException(RETRY_MESSAGE);
      if (!group.sellerAccountId) throw new ConflictException(group.notSellableReason);
      try {
        const intent = await this.gateway.createPaymentIntent({
          amountCents: order.totalCents,
          currency: order.currency.toLowerCase(),
          applicationFeeCents: order.platformFeeCents,
          destinationAccountId: group.sellerAccountId,
          description: `Photos of ${group.event.name}`,
          receiptEmail: order.buyerEmail,
          // Dated from the order's creation, not now: a retry with the same idempotency key must send the same body.
          metadata: { orderId: order.id, returnUrl: this.links.orderUrl(order, order.createdAt) },
          idempotencyKey: `order-${order.id}-pi`,
        });
        await manager.update(Order, { id: order.id }, { stripePaymentIntentId: intent.id });
        return { order: { ...order, stripePaymentIntentId: intent.id }, intent };
      } catch (error) {
        // Stripe keeps the answer of a failed request under its idempotency key (a 500 comes back for 24 h), so
        // this order could never get an intent: it is cancelled (it leaves the checkout-key index) and the runner's
        // retry makes a fresh order with a fresh key. An intent Stripe may still have made is never given to a
        // browser, so it can never be paid.
        await manager.update(Order, { id: order.id }, { status: OrderStatus.CANCELLED, failureMessage: 'The payment could not be started.' });
        return { error };
      }
    });
    if ('error' in outcome) throw outcome.error;
    return outcome;
  }
}
