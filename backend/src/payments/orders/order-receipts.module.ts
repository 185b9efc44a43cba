import { Module } from '@nestjs/common';
import { MailModule } from '../../mail/mail.module';
import { PaymentsModule } from '../payments.module';
import { OrderLinkSigner } from './order-link-signer.service';
import { OrderReceiptMailer } from './order-receipt.mailer';

/**
 * The receipt and the order links it carries, without HTTP: the API sends receipts when an order is paid, the
 * worker's maintenance queue retries those whose send failed.
 */
@Module({
  imports: [PaymentsModule, MailModule],
  providers: [OrderLinkSigner, OrderReceiptMailer],
  exports: [OrderLinkSigner, OrderReceiptMailer],
})
export class OrderReceiptsModule {}
