import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { AuthConfig } from '../config/auth.config';
import { PaymentsConfig } from '../config/payments.config';

/**
 * Secrets of the payments domain that need not be configured: unset, they are derived from JWT_REFRESH_SECRET
 * (as the connectors' credentials key is), one HMAC per purpose so that no two uses share a key.
 */
@Injectable()
export class PaymentSecrets {
  /** Signs download and order-page links. Setting DOWNLOAD_SIGNING_SECRET lets JWT_REFRESH_SECRET rotate without breaking links already sent. */
  readonly downloadSigningSecret: string;
  /** What the local test mode signs its webhook events with (Stripe mode verifies with STRIPE_WEBHOOK_SECRET instead). */
  readonly localWebhookSecret: string;

  constructor(payments: PaymentsConfig, auth: AuthConfig) {
    this.downloadSigningSecret = payments.downloadSigningSecret ?? derive(auth.refreshSecret, 'focus-racer:download-links');
    this.localWebhookSecret = `whsec_local_${derive(this.downloadSigningSecret, 'focus-racer:local-test-webhooks')}`;
  }
}

function derive(key: string, purpose: string): string {
  return createHmac('sha256', key).update(purpose).digest('hex');
}
