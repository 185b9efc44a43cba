import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { CreditCheckoutResponse, CreditOfferDto, CreditsOverviewDto, CreditTransactionDto } from '@focus-racer/api-types';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { AppConfig } from '../../config/app.config';
import { CreditOffer, PaymentsConfig } from '../../config/payments.config';
import { User } from '../../users/entities/user.entity';
import { CreditSubscription } from '../entities/credit-subscription.entity';
import { CreditTransaction } from '../entities/credit-transaction.entity';
import { PAYMENT_GATEWAY, PaymentGateway } from '../gateway/payment-gateway';

export const LEDGER_PAGE_SIZE = 50;

/** Subscription statuses under which a second subscription would double-bill the pro. */
export const LIVE_SUBSCRIPTION_STATUSES = ['active', 'trialing', 'past_due', 'incomplete', 'unpaid'];

/** Stripe price lookup key (and product id) of an offer. */
export function lookupKeyOf(offer: Pick<CreditOffer, 'id'>): string {
  return `focus_racer_${offer.id}`;
}

/**
 * Processing credits for pros: the offers, the balance and ledger, and the way to buy (Stripe Checkout, or the
 * local test page). Credits are added by CreditPurchaseHandler when Stripe says the payment went through, never
 * here: the browser coming back to the success URL proves nothing.
 */
@Injectable()
export class CreditsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
    private readonly payments: PaymentsConfig,
    private readonly app: AppConfig,
  ) {}

  offers(): CreditOfferDto[] {
    return this.payments.creditOffers.map((o) => ({ ...o }));
  }

  async overview(userId: string, before?: string): Promise<CreditsOverviewDto> {
    const user = await this.userOrFail(userId);
    const [ledger, subscription] = await Promise.all([
      // Keyset on (created_at, id), the cursor being a line's id: one upload's debits share one transaction
      // timestamp, so paging by date alone would skip the lines that tie with the last one of a page.
      this.dataSource
        .getRepository(CreditTransaction)
        .createQueryBuilder('t')
        .where('t.user_id = :userId', { userId })
        .andWhere(
          before
            ? '(t.created_at, t.id) < (SELECT c.created_at, c.id FROM credit_transactions c WHERE c.id = :before AND c.user_id = :userId)'
            : 'TRUE',
          { before },
        )
        .orderBy('t.created_at', 'DESC')
        .addOrderBy('t.id', 'DESC')
        .take(LEDGER_PAGE_SIZE)
        .getMany(),
      this.dataSource.getRepository(CreditSubscription).findOne({ where: { userId }, order: { updatedAt: 'DESC' } }),
    ]);
    return {
      mode: this.gateway.mode,
      balance: user.creditBalance,
      offers: this.offers(),
      subscription: subscription
        ? {
            offerId: subscription.offerId,
            status: subscription.status,
            currentPeriodEnd: subscription.currentPeriodEnd?.toISOString() ?? null,
            cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
          }
        : null,
      ledger: ledger.map(toTransactionDto),
      nextBefore: ledger.length === LEDGER_PAGE_SIZE ? ledger[ledger.length - 1].id : null,
    };
  }

  async checkout(userId: string, offerId: string): Promise<CreditCheckoutResponse> {
    const offer = this.payments.creditOffers.find((o) => o.id === offerId);
    if (!offer) {
      throw new BadRequestException(`Unknown credit offer "${offerId}". Choose one of: ${this.payments.creditOffers.map((o) => o.id).join(', ')}.`);
    }
    const user = await this.userOrFail(userId);
    if (offer.kind === 'subscription') {
      const live = await this.dataSource.getRepository(CreditSubscription).countBy({ userId, status: In(LIVE_SUBSCRIPTION_STATUSES) });
      if (live > 0) throw new ConflictException('You already have a credit subscription. It renews every month; cancel it before choosing another one.');
    }
    const session = await this.gateway.createCheckoutSession({
      mode: offer.kind === 'subscription' ? 'subscription' : 'payment',
      priceLookupKey: lookupKeyOf(offer),
      customerEmail: user.email,
      customerId: user.stripeCustomerId,
      successUrl: `${this.app.proWebUrl}/credits?checkout=success`,
      cancelUrl: `${this.app.proWebUrl}/credits?checkout=cancel`,
      // `credits` is what this purchase grants, fixed now: a later change of the offer does not change it.
      metadata: { kind: 'credits', userId, offerId: offer.id, credits: String(offer.credits) },
      // A new purchase each time the pro clicks; the SDK's own retries reuse the key.
      idempotencyKey: `credits-checkout-${userId}-${randomUUID()}`,
    });
    return { url: session.url, mode: this.gateway.mode };
  }

  private async userOrFail(userId: string): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    if (!user) throw new NotFoundException('Your account no longer exists.');
    return user;
  }
}

function toTransactionDto(line: CreditTransaction): CreditTransactionDto {
  return {
    id: line.id,
    delta: line.delta,
    balanceAfter: line.balanceAfter,
    reason: line.reason,
    note: line.note,
    photoId: line.photoId,
    createdAt: line.createdAt.toISOString(),
  };
}
