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

export interface CreditGrant {
  userId: string;
  amount: number;
  reason: CreditReason;
  /** The Stripe object that paid for the credits (Checkout Session or invoice id): a purchase or subscription line is unique per ref. */
  orderRef?: string | null;
  note?: string | null;
}

/**
 * The one place that moves processing credits: the balance on the user row and the ledger line that explains it
 * always change together, in the caller's transaction, so a charge can never exist without its reason (or the
 * other way round).
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

  /**
   * Adds `amount` credits inside `manager`'s transaction and records why. For purchases and subscriptions the
   * ledger line is unique per `orderRef` (partial unique index): a second credit for the same Stripe payment or
   * invoice inserts nothing, leaves the balance alone and returns null. The user row is locked first, so the
   * `balance_after` written is exact even next to concurrent debits.
   */
  async credit(manager: EntityManager, grant: CreditGrant): Promise<number | null> {
    if (!Number.isInteger(grant.amount) || grant.amount <= 0) {
      throw new Error(`A credit must be a positive whole number (got ${grant.amount})`);
    }
    if ((grant.reason === CreditReason.PURCHASE || grant.reason === CreditReason.SUBSCRIPTION) && !grant.orderRef) {
      throw new Error(`A ${grant.reason} credit needs the orderRef of what paid for it`);
    }
    const locked: { credit_balance: number }[] = await manager.query(`SELECT credit_balance FROM users WHERE id = $1 FOR UPDATE`, [grant.userId]);
    if (locked.length === 0) throw new Error(`No user ${grant.userId} to credit`);
    const balanceAfter = locked[0].credit_balance + grant.amount;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO credit_transactions (user_id, delta, balance_after, reason, order_ref, note)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (order_ref) WHERE reason IN ('purchase', 'subscription') DO NOTHING
       RETURNING id`,
      [grant.userId, grant.amount, balanceAfter, grant.reason, grant.orderRef ?? null, grant.note ?? null],
    );
    if (inserted.length === 0) return null;
    await manager.update(User, { id: grant.userId }, { creditBalance: balanceAfter });
    return balanceAfter;
  }
}
