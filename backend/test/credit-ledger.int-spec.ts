import { CreditReason, Role } from '@focus-racer/api-types';
import { Repository } from 'typeorm';
import { CreditLedger } from '../src/payments/credit-ledger.service';
import { CreditTransaction } from '../src/payments/entities/credit-transaction.entity';
import { User } from '../src/users/entities/user.entity';
import { createTestDatabase } from './test-database';

describe('CreditLedger (real PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let users: Repository<User>;
  let ledger: CreditLedger;

  beforeAll(async () => {
    db = await createTestDatabase();
    users = db.dataSource.getRepository(User);
    ledger = new CreditLedger(users);
  });
  afterAll(() => db.drop());

  async function photographerWith(credits: number): Promise<User> {
    return users.save(
      users.create({
        email: `ledger-${Math.random().toString(36).slice(2)}@example.test`,
        passwordHash: 'not-a-real-hash',
        role: Role.PHOTOGRAPHER,
        displayName: 'Ledger test',
        creditBalance: credits,
      }),
    );
  }

  it('moves the balance and writes the ledger line that explains it, together', async () => {
    const user = await photographerWith(3);
    const after = await db.dataSource.transaction((manager) =>
      ledger.debit(manager, { userId: user.id, amount: 2, reason: CreditReason.PHOTO_PROCESSED, note: 'two photos' }),
    );
    expect(after).toBe(1);
    expect(await ledger.balance(user.id)).toBe(1);
    const lines = await db.dataSource.getRepository(CreditTransaction).findBy({ userId: user.id });
    expect(lines.map((l) => [l.delta, l.balanceAfter, l.reason])).toEqual([[-2, 1, CreditReason.PHOTO_PROCESSED]]);
  });

  it('never overdraws: of concurrent debits on the last credit exactly one wins, and only it is in the ledger', async () => {
    const user = await photographerWith(1);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        db.dataSource.transaction((manager) =>
          ledger.debit(manager, { userId: user.id, amount: 1, reason: CreditReason.PHOTO_PROCESSED }),
        ),
      ),
    );
    expect(results.filter((r) => r === 0)).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(4);
    expect(await ledger.balance(user.id)).toBe(0);
    expect(await db.dataSource.getRepository(CreditTransaction).countBy({ userId: user.id })).toBe(1);
  });

  it('credits a Stripe payment once: concurrent credits with the same orderRef add one line, and balance_after stays exact', async () => {
    const user = await photographerWith(10);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        db.dataSource.transaction((manager) =>
          ledger.credit(manager, { userId: user.id, amount: 500, reason: CreditReason.PURCHASE, orderRef: 'cs_test_same' }),
        ),
      ),
    );
    expect(results.filter((r) => r === 510)).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(4);
    await db.dataSource.transaction((manager) => ledger.debit(manager, { userId: user.id, amount: 10, reason: CreditReason.PHOTO_PROCESSED }));
    await db.dataSource.transaction((manager) => ledger.credit(manager, { userId: user.id, amount: 3, reason: CreditReason.ADMIN_ADJUSTMENT }));
    expect(await ledger.balance(user.id)).toBe(503);
    const lines = await db.dataSource.getRepository(CreditTransaction).find({ where: { userId: user.id }, order: { createdAt: 'ASC' } });
    expect(lines.map((l) => [l.delta, l.balanceAfter])).toEqual([[500, 510], [-10, 500], [3, 503]]);
    // The database itself refuses a second purchase line for the same payment, whoever writes it.
    await expect(
      db.dataSource.query(`INSERT INTO credit_transactions (user_id, delta, balance_after, reason, order_ref) VALUES ($1, 500, 1003, 'purchase', 'cs_test_same')`, [user.id]),
    ).rejects.toThrow(/uq_credit_transactions_order_ref/);
    await expect(
      db.dataSource.transaction((manager) => ledger.credit(manager, { userId: user.id, amount: 1, reason: CreditReason.PURCHASE })),
    ).rejects.toThrow(/needs the orderRef/);
  });

  it('refuses amounts that are not positive whole numbers', async () => {
    const user = await photographerWith(5);
    for (const amount of [0, -1, 1.5]) {
      await expect(
        db.dataSource.transaction((manager) =>
          ledger.debit(manager, { userId: user.id, amount, reason: CreditReason.PHOTO_PROCESSED }),
        ),
      ).rejects.toThrow(/positive whole number/);
    }
    expect(await ledger.balance(user.id)).toBe(5);
  });
});
