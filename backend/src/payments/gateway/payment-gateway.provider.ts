import { Logger, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app.config';
import { PaymentsConfig } from '../../config/payments.config';
import { PaymentSecrets } from '../payment-secrets';
import { LocalTestGateway } from './local-test.gateway';
import { PAYMENT_GATEWAY, PaymentGateway } from './payment-gateway';
import { createStripeClient, StripeGateway } from './stripe.gateway';

/** PAYMENT_GATEWAY: Stripe when STRIPE_SECRET_KEY is set, the local test mode otherwise. Says which, once. */
export const paymentGatewayProvider: Provider = {
  provide: PAYMENT_GATEWAY,
  inject: [PaymentsConfig, PaymentSecrets, DataSource, AppConfig],
  useFactory: (config: PaymentsConfig, secrets: PaymentSecrets, dataSource: DataSource, app: AppConfig): PaymentGateway => {
    const logger = new Logger('Payments');
    if (config.mode === 'stripe') {
      const live = config.secretKey?.includes('_live_');
      logger.log(`Payments: Stripe (${live ? 'LIVE keys — real money' : 'test keys'})${config.apiAddress ? ` via ${config.apiAddress.protocol}://${config.apiAddress.host}:${config.apiAddress.port}` : ''}`);
      return new StripeGateway(createStripeClient(config), config);
    }
    const message = 'Payments: LOCAL TEST MODE — no real money (set STRIPE_SECRET_KEY to take real payments)';
    if (app.isProduction) logger.warn(message);
    else logger.log(message);
    return new LocalTestGateway(dataSource, config, secrets.localWebhookSecret);
  },
};
