import { CreditReason, EventStatus, PricePackKind, Role } from '@focus-racer/api-types';
import * as argon2 from 'argon2';
import { DataSource, EntityManager } from 'typeorm';
import { StartListEntry } from '../../connectors/entities/start-list-entry.entity';
import { EventPhotographer } from '../../events/entities/event-photographer.entity';
import { RaceEvent } from '../../events/entities/event.entity';
import { CreditTransaction } from '../../payments/entities/credit-transaction.entity';
import { PricePack } from '../../payments/entities/price-pack.entity';
import { User } from '../../users/entities/user.entity';
import { DEMO_START_LIST } from './demo-photos';

/**
 * Demo data for local development and the e2e tests: one account per role and a few events; the main published
 * race also gets a start list and the demo photographer as its assigned photographer, whose generated photos
 * demo-photo-seed.ts then uploads through the real pipeline.
 * Idempotent: rows are found by their natural key (email, slug) and only created when missing; an existing row is
 * never changed, so re-running is harmless even after someone edited the demo data by hand.
 */

/** Development only: run-seed.ts refuses NODE_ENV=production unless SEED_DEMO_DATA=true is set on purpose. */
export const DEMO_PASSWORD = 'FocusRacer-demo-2026';

export const DEMO_EMAIL_DOMAIN = 'demo.focusracer.local';

export interface DemoAccount {
  role: Role;
  email: string;
  displayName: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { role: Role.PHOTOGRAPHER, email: `photographer@${DEMO_EMAIL_DOMAIN}`, displayName: 'Léa Photographe (démo)' },
  { role: Role.ORGANIZER, email: `organizer@${DEMO_EMAIL_DOMAIN}`, displayName: 'Courir en Rhône (démo)' },
  { role: Role.AGENCY, email: `agency@${DEMO_EMAIL_DOMAIN}`, displayName: 'Agence Ligne d’Arrivée (démo)' },
  { role: Role.CLUB, email: `club@${DEMO_EMAIL_DOMAIN}`, displayName: 'AC Villeurbanne (démo)' },
  { role: Role.FEDERATION, email: `federation@${DEMO_EMAIL_DOMAIN}`, displayName: 'Ligue Athlé Sud (démo)' },
  { role: Role.ADMIN, email: `admin@${DEMO_EMAIL_DOMAIN}`, displayName: 'Admin Focus Racer (démo)' },
  { role: Role.RUNNER, email: `runner@${DEMO_EMAIL_DOMAIN}`, displayName: 'Thomas Coureur (démo)' },
] as const;

/** Credits the demo photographer starts with, recorded as a SIGNUP_BONUS ledger row. */
export const DEMO_PHOTOGRAPHER_CREDITS = 500;

export interface DemoEvent {
  ownerRole: Role.PHOTOGRAPHER | Role.ORGANIZER;
  name: string;
  slug: string;
  date: string;
  location: string;
  sport: string;
  status: EventStatus;
  /** The demo's main race: start list (DEMO_START_LIST), demo photographer assigned, generated photos uploaded. */
  withDemoPhotos?: boolean;
  /** Its prices; DEMO_PRICE_PACKS when omitted. */
  packs?: ReadonlyArray<DemoPricePack>;
}

type DemoPricePack = Pick<PricePack, 'kind' | 'name' | 'photoCount' | 'priceCents' | 'sortOrder'>;

/** The main race's offer, which the buying journey (and a newcomer) tries: €6 a photo, 5 for €15, all for €25, web €3. */
export const DEMO_RACE_PACKS: ReadonlyArray<DemoPricePack> = [
  { kind: PricePackKind.SINGLE, name: 'Photo HD', photoCount: null, priceCents: 600, sortOrder: 0 },
  { kind: PricePackKind.PACK, name: 'Pack 5 photos', photoCount: 5, priceCents: 1500, sortOrder: 1 },
  { kind: PricePackKind.ALL_MY_PHOTOS, name: 'Toutes mes photos', photoCount: null, priceCents: 2500, sortOrder: 2 },
  { kind: PricePackKind.DIGITAL_WEB, name: 'Photo web (1600 px)', photoCount: null, priceCents: 300, sortOrder: 3 },
];

export const DEMO_EVENTS: readonly DemoEvent[] = [
  {
    ownerRole: Role.PHOTOGRAPHER,
    name: 'Trail des Crêtes du Vercors',
    slug: 'trail-des-cretes-du-vercors-2026',
    date: '2026-06-14',
    location: 'Villard-de-Lans',
    sport: 'trail',
    status: EventStatus.PUBLISHED,
  },
  {
    ownerRole: Role.ORGANIZER,
    name: 'Semi-marathon de Bordeaux',
    slug: 'semi-marathon-de-bordeaux-2026',
    date: '2026-03-22',
    location: 'Bordeaux',
    sport: 'running',
    status: EventStatus.PUBLISHED,
    withDemoPhotos: true,
    packs: DEMO_RACE_PACKS,
  },
  {
    ownerRole: Role.ORGANIZER,
    name: 'Triathlon du Lac d’Annecy',
    slug: 'triathlon-du-lac-d-annecy-2026',
    date: '2026-09-06',
    location: 'Annecy',
    sport: 'triathlon',
    status: EventStatus.DRAFT,
  },
  {
    ownerRole: Role.PHOTOGRAPHER,
    name: '10 km de Nantes',
    slug: '10-km-de-nantes-2026',
    date: '2026-11-15',
    location: 'Nantes',
    sport: 'running',
    status: EventStatus.DRAFT,
  },
] as const;

/** Offered on every demo event, so the buying journey works right after seeding. */
const DEMO_PRICE_PACKS: ReadonlyArray<DemoPricePack> = [
  { kind: PricePackKind.SINGLE, name: 'Photo HD', photoCount: null, priceCents: 690, sortOrder: 0 },
  { kind: PricePackKind.PACK, name: 'Pack 5 photos', photoCount: 5, priceCents: 1990, sortOrder: 1 },
  { kind: PricePackKind.ALL_MY_PHOTOS, name: 'Toutes mes photos', photoCount: null, priceCents: 2990, sortOrder: 2 },
];

async function ensureAccount(
  manager: EntityManager,
  account: DemoAccount,
  passwordHash: () => Promise<string>,
  log: (line: string) => void,
): Promise<User> {
  const users = manager.getRepository(User);
  const existing = await users.findOneBy({ email: account.email });
  if (existing) {
    return existing;
  }
  const credits = account.role === Role.PHOTOGRAPHER ? DEMO_PHOTOGRAPHER_CREDITS : 0;
  const user = await users.save(
    users.create({
      email: account.email,
      passwordHash: await passwordHash(),
      role: account.role,
      displayName: account.displayName,
      creditBalance: credits,
    }),
  );
  if (credits > 0) {
    // The cached balance and the ledger are written together, so they agree from the first row.
    await manager.getRepository(CreditTransaction).save({
      userId: user.id,
      delta: credits,
      balanceAfter: credits,
      reason: CreditReason.SIGNUP_BONUS,
      note: 'Demo seed',
    });
  }
  log(`created ${account.role.toLowerCase()} account ${account.email}`);
  return user;
}

async function ensureEvent(
  manager: EntityManager,
  event: DemoEvent,
  ownerId: string,
  log: (line: string) => void,
): Promise<RaceEvent> {
  const events = manager.getRepository(RaceEvent);
  const existing = await events.findOneBy({ slug: event.slug });
  if (existing) {
    return existing;
  }
  const saved = await events.save(
    events.create({
      name: event.name,
      slug: event.slug,
      date: event.date,
      location: event.location,
      sport: event.sport,
      status: event.status,
      ownerId,
      watermarkText: 'Focus Racer · démo',
      priceSettings: { currency: 'EUR', serviceFeeCents: 99 },
    }),
  );
  await manager
    .getRepository(PricePack)
    .save((event.packs ?? DEMO_PRICE_PACKS).map((pack) => ({ ...pack, eventId: saved.id, currency: 'EUR', active: true })));
  log(`created event ${event.slug} (${event.status})`);
  return saved;
}

/** The organiser's race is covered by the demo photographer, who may then upload to it. */
async function ensurePhotographerAssigned(
  manager: EntityManager,
  event: RaceEvent,
  photographer: User,
  log: (line: string) => void,
): Promise<void> {
  const assignments = manager.getRepository(EventPhotographer);
  if (event.ownerId === photographer.id || (await assignments.existsBy({ eventId: event.id, photographerId: photographer.id }))) {
    return;
  }
  await assignments.save({ eventId: event.id, photographerId: photographer.id, invitedEmail: null });
  log(`assigned ${photographer.email} to ${event.slug}`);
}

/** Only into an event without a start list: a list imported or edited by hand is left as it is. */
async function ensureStartList(manager: EntityManager, event: RaceEvent, log: (line: string) => void): Promise<void> {
  const entries = manager.getRepository(StartListEntry);
  if (await entries.existsBy({ eventId: event.id })) {
    return;
  }
  await entries.insert(
    DEMO_START_LIST.map((runner) => ({
      eventId: event.id,
      bib: runner.bib,
      firstName: runner.firstName,
      lastName: runner.lastName,
      category: runner.category,
      club: runner.club,
      email: runner.email ?? null,
      chipTime: null,
    })),
  );
  log(`added a start list of ${DEMO_START_LIST.length} runners to ${event.slug}`);
}

/** The Connect account the demo organiser is paid to in the local test mode (a row of local_payment_objects). */
export const DEMO_LOCAL_SELLER_ACCOUNT = 'acct_local_demo_organizer';

/**
 * In the local test mode, the owner of the main race is an onboarded seller, so its photos can be bought right
 * after seeding. Only for an owner without any account yet: one they onboarded (or a real Stripe one) is kept.
 * Never in Stripe mode: a made-up account id would be refused as a transfer destination.
 */
async function ensureLocalSeller(manager: EntityManager, owner: User, log: (line: string) => void): Promise<void> {
  if (owner.stripeAccountId) return;
  await manager.query(
    `INSERT INTO local_payment_objects (id, kind, status, data) VALUES ($1, 'account', 'enabled', $2) ON CONFLICT (id) DO NOTHING`,
    [
      DEMO_LOCAL_SELLER_ACCOUNT,
      JSON.stringify({
        object: 'account',
        type: 'express',
        country: 'FR',
        email: owner.email,
        capabilities: { card_payments: 'active', transfers: 'active' },
        charges_enabled: true,
        payouts_enabled: true,
        details_submitted: true,
        metadata: { userId: owner.id },
      }),
    ],
  );
  await manager.update(User, { id: owner.id }, { stripeAccountId: DEMO_LOCAL_SELLER_ACCOUNT, stripeOnboarded: true });
  owner.stripeAccountId = DEMO_LOCAL_SELLER_ACCOUNT;
  owner.stripeOnboarded = true;
  log(`onboarded ${owner.email} as a seller in the local payment test mode (${DEMO_LOCAL_SELLER_ACCOUNT})`);
}

export interface DemoSeedOptions {
  /** The API runs in the local payment test mode (no STRIPE_SECRET_KEY): the main race's owner is made a seller. */
  localTestPayments?: boolean;
}

export async function seedDemo(dataSource: DataSource, log: (line: string) => void, options: DemoSeedOptions = {}): Promise<void> {
  // One hash for all accounts, computed only if an account is missing: argon2id is deliberately slow.
  let hash: Promise<string> | undefined;
  const passwordHash = () => (hash ??= argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id }));

  let created = 0;
  const logCreated = (line: string) => {
    created += 1;
    log(line);
  };
  await dataSource.transaction(async (manager) => {
    const byRole = new Map<Role, User>();
    for (const account of DEMO_ACCOUNTS) {
      byRole.set(account.role, await ensureAccount(manager, account, passwordHash, logCreated));
    }
    for (const event of DEMO_EVENTS) {
      const owner = byRole.get(event.ownerRole);
      if (!owner) {
        throw new Error(`Demo event ${event.slug} has no ${event.ownerRole} owner`);
      }
      const saved = await ensureEvent(manager, event, owner.id, logCreated);
      const photographer = byRole.get(Role.PHOTOGRAPHER);
      if (event.withDemoPhotos && photographer) {
        await ensurePhotographerAssigned(manager, saved, photographer, logCreated);
        await ensureStartList(manager, saved, logCreated);
      }
      if (event.withDemoPhotos && options.localTestPayments) await ensureLocalSeller(manager, owner, logCreated);
    }
  });
  if (created === 0) {
    log('demo data already present, nothing changed');
  }
}
