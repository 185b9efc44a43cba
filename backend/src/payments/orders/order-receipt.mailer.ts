import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { escapeHtml } from '../../auth/password-reset.email';
import { MAIL_SENDER, MailMessage, MailSender } from '../../mail/mail-sender';
import { Order } from '../entities/order.entity';
import { OrderLinkSigner } from './order-link-signer.service';
import { updateReturning } from './update-returning';
import { formatMoney } from './pricing';

/**
 * The receipt, sent once an order is paid. The send is claimed first with a conditional UPDATE on
 * receipt_sent_at, so a webhook replayed ten times, or a webhook racing the order page's own check, sends one
 * email. If the mail provider fails, the claim is released for a later attempt and the error logged: the order
 * itself is paid either way and its page works.
 */
@Injectable()
export class OrderReceiptMailer {
  private readonly logger = new Logger('OrderReceipt');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MAIL_SENDER) private readonly mail: MailSender,
    private readonly links: OrderLinkSigner,
  ) {}

  async sendOnce(orderId: string): Promise<void> {
    const claimed = await updateReturning(
      this.dataSource,
      `UPDATE orders SET receipt_sent_at = now() WHERE id = $1 AND receipt_sent_at IS NULL AND status = 'paid' AND buyer_email IS NOT NULL RETURNING id`,
      [orderId],
    );
    if (claimed.length === 0) return;
    const order = await this.dataSource.getRepository(Order).findOneOrFail({ where: { id: orderId }, relations: { event: true, items: true } });
    try {
      await this.mail.send(receiptEmail(order, this.links.orderUrl(order)));
    } catch (error) {
      await this.dataSource.query(`UPDATE orders SET receipt_sent_at = NULL WHERE id = $1`, [orderId]);
      this.logger.error(`Receipt of order ${orderId} not sent: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Sends the receipts that a failed send left unclaimed (the maintenance queue calls this every 10 minutes).
   * Only orders paid more than `olderThanMinutes` ago, so a send in flight right now is not raced.
   */
  async retryUnsent(olderThanMinutes = 5, limit = 100): Promise<number> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM orders WHERE status = 'paid' AND receipt_sent_at IS NULL AND buyer_email IS NOT NULL
        AND paid_at < now() - make_interval(mins => $1) ORDER BY paid_at LIMIT $2`,
      [olderThanMinutes, limit],
    );
    for (const { id } of rows) await this.sendOnce(id);
    return rows.length;
  }
}

export function receiptEmail(order: Order, orderUrl: string): MailMessage {
  const eventName = order.event?.name ?? 'your race';
  const money = (cents: number) => formatMoney(cents, order.currency);
  const count = order.items?.length ?? 0;
  const photos = `${count} photo${count === 1 ? '' : 's'}`;
  const text = [
    `Thank you for your order of ${photos} from ${eventName}.`,
    '',
    `Photos: ${money(order.subtotalCents)}`,
    `Service fee: ${money(order.serviceFeeCents)}`,
    `Total paid: ${money(order.totalCents)}`,
    '',
    'Download your photos from your order page:',
    orderUrl,
    '',
    'Keep this email: the link opens your order page, where fresh download links are made whenever you need them.',
    `Order ${order.id}`,
  ].join('\n');
  const html = `<p>Thank you for your order of ${photos} from <strong>${escapeHtml(eventName)}</strong>.</p>
<table>
<tr><td>Photos</td><td>${money(order.subtotalCents)}</td></tr>
<tr><td>Service fee</td><td>${money(order.serviceFeeCents)}</td></tr>
<tr><td><strong>Total paid</strong></td><td><strong>${money(order.totalCents)}</strong></td></tr>
</table>
<p><a href="${escapeHtml(orderUrl)}">Download your photos</a></p>
<p>Keep this email: the link opens your order page, where fresh download links are made whenever you need them.</p>
<p style="color:#666">Order ${escapeHtml(order.id)}</p>`;
  return { to: order.buyerEmail as string, subject: `Your photos from ${eventName}`, text, html };
}
