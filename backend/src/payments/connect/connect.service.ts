import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ConnectStatusDto, OnboardingLinkDto } from '@focus-racer/api-types';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app.config';
import { PaymentsConfig } from '../../config/payments.config';
import { User } from '../../users/entities/user.entity';
import { PAYMENT_GATEWAY, PaymentGateway } from '../gateway/payment-gateway';

/** A pro's Stripe Connect Express account: created once, onboarded on Stripe's hosted pages (or the local test page). */
@Injectable()
export class ConnectService {
  private readonly logger = new Logger('ConnectService');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
    private readonly app: AppConfig,
    private readonly payments: PaymentsConfig,
  ) {}

  /**
   * Reads the account from Stripe each time the pro looks (the page is visited rarely, and a webhook may be late),
   * and stores the onboarded flag when it changed. If Stripe cannot be reached, answers what we stored.
   */
  async status(userId: string): Promise<ConnectStatusDto> {
    const user = await this.userOrFail(userId);
    const base: ConnectStatusDto = {
      mode: this.gateway.mode,
      accountId: user.stripeAccountId,
      onboarded: user.stripeOnboarded,
      chargesEnabled: user.stripeOnboarded,
      payoutsEnabled: false,
      detailsSubmitted: user.stripeOnboarded,
    };
    if (!user.stripeAccountId) return base;
    try {
      const account = await this.gateway.retrieveAccount(user.stripeAccountId);
      const onboarded = account.chargesEnabled && account.detailsSubmitted;
      if (onboarded !== user.stripeOnboarded) {
        await this.dataSource.getRepository(User).update({ id: user.id, stripeAccountId: account.id }, { stripeOnboarded: onboarded });
      }
      return { ...base, onboarded, chargesEnabled: account.chargesEnabled, payoutsEnabled: account.payoutsEnabled, detailsSubmitted: account.detailsSubmitted };
    } catch (error) {
      this.logger.warn(`Could not refresh Connect account ${user.stripeAccountId}: ${error instanceof Error ? error.message : String(error)}`);
      return base;
    }
  }

  /**
   * The account is created at the first request only. The idempotency key is the user's, so two concurrent first
   * requests get the same Stripe account, and the conditional UPDATE stores it once.
   */
  async onboardingLink(userId: string): Promise<OnboardingLinkDto> {
    const user = await this.userOrFail(userId);
    let accountId = user.stripeAccountId;
    if (!accountId) {
      const created = await this.gateway.createConnectAccount({
        email: user.email,
        country: this.payments.connectCountry,
        userId: user.id,
        idempotencyKey: `connect-account-${user.id}`,
      });
      await this.dataSource
        .getRepository(User)
        .createQueryBuilder()
        .update()
        .set({ stripeAccountId: created.id })
        .where('id = :id AND stripe_account_id IS NULL', { id: user.id })
        .execute();
      accountId = (await this.userOrFail(userId)).stripeAccountId ?? created.id;
    }
    return this.gateway.createAccountLink({
      accountId,
      refreshUrl: `${this.app.proWebUrl}/payments?onboarding=refresh`,
      returnUrl: `${this.app.proWebUrl}/payments?onboarding=return`,
    });
  }

  private async userOrFail(userId: string): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    if (!user) throw new NotFoundException('Your account no longer exists.');
    return user;
  }
}
