import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CreditReason } from '@focus-racer/api-types';
import { EntityManager, Repository } from 'typeorm';
import { User } from '../users/entities/user.entity';
import { CreditTransaction } from './entities/credit-transaction.entity';

export interface CreditDebit {
  userId: string;
  amount: number;
  reason: CreditReason;
  photoId?: string | null;
  note?: string | null;
}

/**
 * The one place that moves processing credits: the balance on the user row and the ledger line that explains it
 * always change together, in the caller's transaction, so a charge can never exist without its reason (or the
 * other way round). Purchases and subscriptions (commerce) will add their credit movements here too.
 */
@Injectable()
export class CreditLedger {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async balance(userId: string): Promise<number> {
    return (await this.users.findOneByOrFail({ id: userId })).creditBalance;
  }

  /**
   * Takes `amount` credits inside `manager`'s transaction and records why. The conditional UPDATE makes two
   * concurrent debits unable to overdraw. Returns the balance after, or null (nothing changed) when the balance
   * does not cover the amount.
   */
  async debit(manager: EntityManager, debit: CreditDebit): Promise<number | null> {
    if (!Number.isInteger(debit.amount) || debit.amount <= 0) {
      throw new Error(`A credit debit must be a positive whole number (got ${debit.amount})`);
    }
    const charged = await manager
      .createQueryBuilder()
      .update(User)
      .set({ creditBalance: () => 'credit_balance - :amount' })
      .where('id = :id AND credit_balance >= :amount', { id: debit.userId, amount: debit.amount })
      .returning('credit_balance')
      .execute();
    const row = (charged.raw as { credit_balance: number }[])[0];
    if (!row) return null;
    await manager.insert(CreditTransaction, {
      userId: debit.userId,
      delta: -debit.amount,
      balanceAfter: row.credit_balance,
      reason: debit.reason,
      photoId: debit.photoId ?? null,
      note: debit.note ?? null,
    });
    return row.credit_balance;
  }
}
