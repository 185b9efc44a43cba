import { Module } from '@nestjs/common';
import { ConnectController } from './connect/connect.controller';
import { ConnectService } from './connect/connect.service';
import { CreditsController } from './credits/credits.controller';
import { CreditsService } from './credits/credits.service';
import { StripeSyncOnStart } from './credits/stripe-sync-on-start';
import { PaymentsModule } from './payments.module';
import { PaymentSettingsController } from './settings/payment-settings.controller';
import { TestModeController } from './test-mode/test-mode.controller';
import { TestModeService } from './test-mode/test-mode.service';
import { StripeWebhookController } from './webhooks/stripe-webhook.controller';

/** The payments routes of the API: Stripe's webhook, Connect onboarding, fees settings, credits, local test pages. */
@Module({
  imports: [PaymentsModule],
  controllers: [StripeWebhookController, PaymentSettingsController, ConnectController, CreditsController, TestModeController],
  providers: [ConnectService, CreditsService, TestModeService, StripeSyncOnStart],
})
export class PaymentsHttpModule {}
