import { CreditReason, EventStatus, Role } from '@focus-racer/api-types';
import * as argon2 from 'argon2';
import { RaceEvent } from '../src/events/entities/event.entity';
import { CreditTransaction } from '../src/payments/entities/credit-transaction.entity';
import { PricePack } from '../src/payments/entities/price-pack.entity';
import { User } from '../src/users/entities/user.entity';
import {
  DEMO_ACCOUNTS,
  DEMO_EVENTS,
  DEMO_PASSWORD,
  DEMO_PHOTOGRAPHER_CREDITS,
  seedDemo,
} from '../src/database/seeds/demo-seed';
import { createTestDatabase, TestDatabase } from './test-database';

describe('demo seed', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  async function snapshot() {
    const ds = db.dataSource;
    return {
      users: await ds.getRepository(User).find({ order: { email: 'ASC' } }),
      events: await ds.getRepository(RaceEvent).find({ order: { slug: 'ASC' } }),
      packs: await ds.getRepository(PricePack).count(),
      ledger: await ds.getRepository(CreditTransaction).find(),
    };
  }

  it('creates one account per role with the shared demo password, and the demo events', async () => {
    const lines: string[] = [];
    await seedDemo(db.dataSource, (line) => lines.push(line));
    const { users, events, ledger } = await snapshot();

    expect(users.map((u) => u.role).sort()).toEqual(Object.values(Role).sort());
    expect(users.map((u) => u.email).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.email).sort());
    for (const user of users) {
      expect(await argon2.verify(user.passwordHash, DEMO_PASSWORD)).toBe(true);
      expect(user.passwordHash.startsWith('$argon2id$')).toBe(true);
    }

    const photographer = users.find((u) => u.role === Role.PHOTOGRAPHER);
    expect(photographer?.creditBalance).toBe(DEMO_PHOTOGRAPHER_CREDITS);
    expect(ledger).toEqual([
      expect.objectContaining({
        userId: photographer?.id,
        delta: DEMO_PHOTOGRAPHER_CREDITS,
        balanceAfter: DEMO_PHOTOGRAPHER_CREDITS,
        reason: CreditReason.SIGNUP_BONUS,
      }),
    ]);

    expect(events.map((e) => e.slug).sort()).toEqual(DEMO_EVENTS.map((e) => e.slug).sort());
    expect(events.some((e) => e.status === EventStatus.PUBLISHED)).toBe(true);
    expect(events.some((e) => e.status === EventStatus.DRAFT)).toBe(true);
    const ownerRoles = new Set(events.map((e) => users.find((u) => u.id === e.ownerId)?.role));
    expect(ownerRoles).toEqual(new Set([Role.PHOTOGRAPHER, Role.ORGANIZER]));
  });

  it('changes nothing when run again', async () => {
    const before = await snapshot();
    const lines: string[] = [];
    await seedDemo(db.dataSource, (line) => lines.push(line));
    expect(await snapshot()).toEqual(before);
    expect(lines).toEqual(['demo data already present, nothing changed']);
  });
});
