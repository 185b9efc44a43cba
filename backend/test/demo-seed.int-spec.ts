import { CreditReason, EventStatus, PricePackKind, Role } from '@focus-racer/api-types';
import * as argon2 from 'argon2';
import { StartListEntry } from '../src/connectors/entities/start-list-entry.entity';
import { EventPhotographer } from '../src/events/entities/event-photographer.entity';
import { RaceEvent } from '../src/events/entities/event.entity';
import { CreditTransaction } from '../src/payments/entities/credit-transaction.entity';
import { LocalPaymentObject } from '../src/payments/entities/local-payment-object.entity';
import { PricePack } from '../src/payments/entities/price-pack.entity';
import { User } from '../src/users/entities/user.entity';
import { DEMO_START_LIST, planDemoPhotos } from '../src/database/seeds/demo-photos';
import {
  DEMO_ACCOUNTS,
  DEMO_EVENTS,
  DEMO_LOCAL_SELLER_ACCOUNT,
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
      startList: await ds.getRepository(StartListEntry).find({ order: { bib: 'ASC' } }),
      assignments: await ds.getRepository(EventPhotographer).find(),
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

  it('gives the published running race a start list whose bibs are those on the demo photos, and assigns the demo photographer to it', async () => {
    const { users, events, startList, assignments } = await snapshot();
    const race = events.find((e) => e.slug === DEMO_EVENTS.find((d) => d.withDemoPhotos)?.slug);
    expect(race).toMatchObject({ status: EventStatus.PUBLISHED, sport: 'running' });
    expect(users.find((u) => u.id === race?.ownerId)?.role).toBe(Role.ORGANIZER);

    // Only that race has a start list: ~30 runners, one per bib, French names with their accents.
    expect(new Set(startList.map((entry) => entry.eventId))).toEqual(new Set([race?.id]));
    expect(startList.length).toBeGreaterThanOrEqual(25);
    expect(new Set(startList.map((entry) => entry.bib)).size).toBe(startList.length);
    expect(startList).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ bib: '214', firstName: 'Zoé', lastName: 'Dupont' }),
        expect.objectContaining({ bib: '387', firstName: 'Jérôme', lastName: 'Lefèvre' }),
      ]),
    );
    // The demo runner can find himself by name and by his account's email.
    const runner = users.find((u) => u.role === Role.RUNNER);
    expect(startList.filter((entry) => entry.email === runner?.email)).toHaveLength(1);

    // Every bib shown on a demo photo belongs to a runner of the list, and every runner shows up on some photo.
    const registered = new Set(startList.map((entry) => entry.bib));
    const photographed = new Set(planDemoPhotos().flatMap((plan) => plan.bibs));
    expect([...photographed].filter((bib) => !registered.has(bib))).toEqual([]);
    expect([...registered].filter((bib) => !photographed.has(bib))).toEqual([]);
    expect(startList.map((entry) => entry.bib).sort()).toEqual(DEMO_START_LIST.map((runner) => runner.bib).sort());

    // The organiser's race is covered by the demo photographer, who may therefore upload to it.
    const photographer = users.find((u) => u.role === Role.PHOTOGRAPHER);
    expect(assignments).toEqual([expect.objectContaining({ eventId: race?.id, photographerId: photographer?.id })]);
  });

  it('leaves a start list that is already there as it is', async () => {
    const ds = db.dataSource;
    const race = await ds.getRepository(RaceEvent).findOneByOrFail({ slug: DEMO_EVENTS.find((d) => d.withDemoPhotos)?.slug });
    const entries = ds.getRepository(StartListEntry);
    await entries.delete({ eventId: race.id, bib: '214' });
    await entries.update({ eventId: race.id, bib: '387' }, { club: 'Club imported by hand' });
    await seedDemo(ds, () => undefined);
    expect(await entries.countBy({ eventId: race.id })).toBe(DEMO_START_LIST.length - 1);
    expect(await entries.findOneBy({ eventId: race.id, bib: '387' })).toMatchObject({ club: 'Club imported by hand' });
  });

  it('prices the main race (€6, 5 for €15, all for €25, web €3) and, in the local payment test mode, makes its owner a seller', async () => {
    const ds = db.dataSource;
    const race = await ds.getRepository(RaceEvent).findOneByOrFail({ slug: DEMO_EVENTS.find((d) => d.withDemoPhotos)?.slug });
    const packs = await ds.getRepository(PricePack).find({ where: { eventId: race.id, active: true }, order: { sortOrder: 'ASC' } });
    expect(packs.map((pack) => [pack.kind, pack.photoCount, pack.priceCents, pack.currency])).toEqual([
      [PricePackKind.SINGLE, null, 600, 'EUR'],
      [PricePackKind.PACK, 5, 1500, 'EUR'],
      [PricePackKind.ALL_MY_PHOTOS, null, 2500, 'EUR'],
      [PricePackKind.DIGITAL_WEB, null, 300, 'EUR'],
    ]);
    expect(await ds.getRepository(User).findOneByOrFail({ id: race.ownerId })).toMatchObject({ stripeAccountId: null, stripeOnboarded: false });

    const lines: string[] = [];
    await seedDemo(ds, (line) => lines.push(line), { localTestPayments: true });
    expect(await ds.getRepository(User).findOneByOrFail({ id: race.ownerId })).toMatchObject({ stripeAccountId: DEMO_LOCAL_SELLER_ACCOUNT, stripeOnboarded: true });
    expect(await ds.getRepository(LocalPaymentObject).findOneByOrFail({ id: DEMO_LOCAL_SELLER_ACCOUNT })).toMatchObject({
      kind: 'account',
      data: expect.objectContaining({ charges_enabled: true, details_submitted: true }),
    });
    expect(lines).toHaveLength(1);
    await seedDemo(ds, () => undefined, { localTestPayments: true });
    expect(await ds.getRepository(LocalPaymentObject).countBy({ id: DEMO_LOCAL_SELLER_ACCOUNT })).toBe(1);
  });

  it('changes nothing when run again', async () => {
    const before = await snapshot();
    const lines: string[] = [];
    await seedDemo(db.dataSource, (line) => lines.push(line));
    expect(await snapshot()).toEqual(before);
    expect(lines).toEqual(['demo data already present, nothing changed']);
  });
});
