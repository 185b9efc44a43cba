import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { User } from '../../users/entities/user.entity';

/**
 * Whether a pro can be paid, for checkout: the Stripe Connect account their sales are transferred to, or null
 * while they have none or have not finished onboarding (charges enabled and details submitted, kept up to date by
 * the `account.updated` webhook).
 */
@Injectable()
export class SellerAccounts {
  constructor(private readonly dataSource: DataSource) {}

  async sellableAccountOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<{ accountId: string } | null> {
    const user = await manager.findOne(User, { where: { id: userId }, select: { id: true, stripeAccountId: true, stripeOnboarded: true } });
    return user?.stripeAccountId && user.stripeOnboarded ? { accountId: user.stripeAccountId } : null;
  }
}
