import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from '../users/entities/user.entity';
import { AccountUpdatedHandler } from './connect/account-updated.handler';
import { SellerAccounts } from './connect/seller-accounts.service';
import { CreditLedger } from './credit-ledger.service';
import { CreditPurchaseHandler } from './credits/credit-purchase.handler';
import { PAYMENT_GATEWAY } from './gateway/payment-gateway';
import { paymentGatewayProvider } from './gateway/payment-gateway.provider';
import { PaymentSecrets } from './payment-secrets';
import { PaymentSettingsService } from './settings/payment-settings.service';
import { StripeEventHandlerRegistry } from './webhooks/stripe-event-handler.registry';
import { StripeWebhookService } from './webhooks/stripe-webhook.service';

/**
 * The payments platform, without HTTP (the worker imports it through the photos module for CreditLedger): the
 * payment gateway (Stripe or the local test mode), the webhook pipeline and its handler registry, the platform's
 * fees, the pros' payout accounts and processing credits. Orders and checkout build on these; the routes are in
 * PaymentsHttpModule.
 */
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  providers: [
    PaymentSecrets,
    paymentGatewayProvider,
    StripeEventHandlerRegistry,
    StripeWebhookService,
    PaymentSettingsService,
    SellerAccounts,
    CreditLedger,
    AccountUpdatedHandler,
    CreditPurchaseHandler,
  ],
  exports: [PAYMENT_GATEWAY, PaymentSecrets, StripeEventHandlerRegistry, StripeWebhookService, PaymentSettingsService, SellerAccounts, CreditLedger],
})
export class PaymentsModule {}
