import { Injectable, Logger } from '@nestjs/common';
import { OrderStatus } from '@focus-racer/api-types';
import { EntityManager } from 'typeorm';
import { Order } from '../entities/order.entity';
import { OrderReceiptMailer } from './order-receipt.mailer';
import { updateReturning } from './update-returning';

/** What the payment provider says about a PaymentIntent (from a webhook, or read back from Stripe). */
export interface PaymentReport {
  paymentIntentId: string;
  amountCents: number;
  /** As Stripe writes it (lower case). */
  currency: string;
  metadata: Record<string, string>;
}

// Kept importable from here; it lives apart so the receipt mailer (which this service imports) can use it too
// without a circular import, which left OrderReceiptMailer undefined when the mailer's module loaded first.
export { updateReturning } from './update-returning';

/**
 * The life of an order after checkout, as the payment provider reports it. Every change is ONE conditional
 * UPDATE … WHERE status IN (…) RETURNING, so a replayed, late or concurrent report changes nothing twice and only
 * the caller whose UPDATE matched gets to send the receipt. Callers pass their transaction (the webhook's, where
 * the event id is recorded in the same commit) and run `afterCommit` once it has committed.
 *
 *   pending/failed --succeeded (amount and currency match)--> paid --full refund--> refunded
 *   pending --payment_failed--> failed --succeeded--> paid          paid --dispute--> disputed
 */
@Injectable()
export class OrderPayments {
  private readonly logger = new Logger('OrderPayments');

  constructor(private readonly receipts: OrderReceiptMailer) {}

  /** The order a PaymentIntent pays: by the id stored at checkout, else by the orderId the intent carries. */
  async findOrder(manager: EntityManager, paymentIntentId: string, metadata: Record<string, string> = {}): Promise<Order | null> {
    const byIntent = await manager.findOne(Order, { where: { stripePaymentIntentId: paymentIntentId } });
    if (byIntent) return byIntent;
    const orderId = metadata['orderId'];
    if (!orderId || !/^[0-9a-f-]{36}$/i.test(orderId)) return null;
    const byMetadata = await manager.findOne(Order, { where: { id: orderId } });
    // An order already tied to another PaymentIntent is never paid by this one.
    return byMetadata && (byMetadata.stripePaymentIntentId === null || byMetadata.stripePaymentIntentId === paymentIntentId) ? byMetadata : null;
  }

  /**
   * Marks the order paid when the payment covers it exactly. Anything else (another amount, another currency) is
   * recorded in review_reason for a person and the order is left as it is: the runner is never given photos for a
   * payment that does not match, and the seller never sees a sale that was not paid in full.
   */
  async succeeded(manager: EntityManager, report: PaymentReport): Promise<{ afterCommit?: () => Promise<void> }> {
    const order = await this.findOrder(manager, report.paymentIntentId, report.metadata);
    if (!order) {
      this.logger.warn(`PaymentIntent ${report.paymentIntentId} succeeded but matches no order: ignored`);
      return {};
    }
    if (report.amountCents !== order.totalCents || report.currency.toUpperCase() !== order.currency.toUpperCase()) {
      const reason =
        `Payment ${report.paymentIntentId} of ${report.amountCents} ${report.currency.toUpperCase()} does not match the order total ` +
        `${order.totalCents} ${order.currency}: not marked paid, check it in Stripe.`;
      this.logger.error(`Order ${order.id}: ${reason}`);
      await manager.query(`UPDATE orders SET review_reason = $2, updated_at = now() WHERE id = $1`, [order.id, reason.slice(0, 500)]);
      return {};
    }
    const rows = await updateReturning<{ id: string }>(
      manager,
      `UPDATE orders SET status = 'paid', paid_at = now(), failure_message = NULL, updated_at = now(),
         stripe_payment_intent_id = COALESCE(stripe_payment_intent_id, $2)
       WHERE id = $1 AND status IN ('pending', 'failed') RETURNING id`,
      [order.id, report.paymentIntentId],
    );
    if (rows.length === 0) {
      if (order.status === OrderStatus.CANCELLED) {
        // Cannot happen through the app (a cancelled order's intent never reached a browser), so a person looks.
        const reason = `Payment ${report.paymentIntentId} succeeded for a cancelled order: refund it or deliver the photos by hand.`;
        this.logger.error(`Order ${order.id}: ${reason}`);
        await manager.query(`UPDATE orders SET review_reason = $2, updated_at = now() WHERE id = $1`, [order.id, reason]);
      }
      return {};
    }
    this.logger.log(`Order ${order.id} paid (${order.totalCents} ${order.currency}, PaymentIntent ${report.paymentIntentId})`);
    return { afterCommit: () => this.receipts.sendOnce(order.id) };
  }

  /** The runner's card was declined (or similar): they may try again, and a later success still pays the order. */
  async failed(manager: EntityManager, report: PaymentReport, message: string | null): Promise<void> {
    const order = await this.findOrder(manager, report.paymentIntentId, report.metadata);
    if (!order) return;
    await manager.query(
      `UPDATE orders SET status = 'failed', failure_message = $2, updated_at = now() WHERE id = $1 AND status IN ('pending', 'failed')`,
      [order.id, (message ?? 'The payment did not go through.').slice(0, 500)],
    );
  }

  /**
   * A refund of the order's charge. Full: the order is refunded and every link dies (version bump). Partial: only
   * the amount is recorded, the runner keeps the photos. The refunded amount only ever grows (events may arrive out
   * of order). A full refund that arrives before the payment report also wins over it: the later "succeeded" finds
   * the order refunded and changes nothing.
   */
  async refunded(manager: EntityManager, paymentIntentId: string, amountRefundedCents: number, fully: boolean): Promise<void> {
    const order = await this.findOrder(manager, paymentIntentId);
    if (!order) {
      this.logger.debug(`Refund on PaymentIntent ${paymentIntentId}, which pays no photo order: ignored`);
      return;
    }
    const amount = Math.max(0, Math.min(amountRefundedCents, order.totalCents));
    if (fully || amount >= order.totalCents) {
      const rows = await updateReturning(
        manager,
        `UPDATE orders SET status = 'refunded', refunded_at = now(), amount_refunded_cents = $2,
           download_token_version = download_token_version + 1, updated_at = now()
         WHERE id = $1 AND status IN ('paid', 'disputed', 'pending', 'failed') RETURNING id`,
        [order.id, order.totalCents],
      );
      if (rows.length > 0) this.logger.log(`Order ${order.id} fully refunded: its links are revoked`);
      return;
    }
    await manager.query(
      `UPDATE orders SET amount_refunded_cents = GREATEST(amount_refunded_cents, $2), updated_at = now() WHERE id = $1`,
      [order.id, amount],
    );
  }

  /** A chargeback: the money is held by the bank, so the photos are withdrawn until a person settles it. */
  async disputed(manager: EntityManager, paymentIntentId: string): Promise<void> {
    const order = await this.findOrder(manager, paymentIntentId);
    if (!order) {
      this.logger.debug(`Dispute on PaymentIntent ${paymentIntentId}, which pays no photo order: ignored`);
      return;
    }
    const rows = await updateReturning(
      manager,
      `UPDATE orders SET status = 'disputed', download_token_version = download_token_version + 1, updated_at = now()
       WHERE id = $1 AND status IN ('paid', 'pending', 'failed') RETURNING id`,
      [order.id],
    );
    if (rows.length > 0) this.logger.warn(`Order ${order.id} disputed: its links are revoked`);
  }
}
