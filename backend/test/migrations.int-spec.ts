import { BibSource, EventStatus, GdprRequestType, OrderStatus, PhotoStatus, Role } from '@focus-racer/api-types';
import { DataSource, QueryFailedError } from 'typeorm';
import { RefreshToken } from '../src/auth/entities/refresh-token.entity';
import { RaceEvent } from '../src/events/entities/event.entity';
import { GdprAuditLog } from '../src/gdpr/entities/gdpr-audit-log.entity';
import { GdprRequest } from '../src/gdpr/entities/gdpr-request.entity';
import { Order } from '../src/payments/entities/order.entity';
import { OrderItem } from '../src/payments/entities/order-item.entity';
import { BibNumber } from '../src/photos/entities/bib-number.entity';
import { Photo } from '../src/photos/entities/photo.entity';
import { User } from '../src/users/entities/user.entity';
import { createTestDatabase, TestDatabase } from './test-database';

const TABLES = [
  'bib_numbers',
  'carts',
  'credit_subscriptions',
  'credit_transactions',
  'event_photographers',
  'event_search_daily',
  'events',
  'faces',
  'favorites',
  'gdpr_audit_logs',
  'gdpr_requests',
  'local_payment_objects',
  'marketplace_applications',
  'marketplace_listings',
  'marketplace_reviews',
  'order_items',
  'orders',
  'password_reset_tokens',
  'payment_settings',
  'photo_feedback',
  'photos',
  'price_packs',
  'processed_webhook_events',
  'refresh_tokens',
  'start_list_connectors',
  'start_list_entries',
  'support_messages',
  'upload_batches',
  'users',
];

/** Every foreign key and what a delete of the referenced row does: the GDPR erasure relies on this table. */
const EXPECTED_DELETE_RULES: Record<string, 'CASCADE' | 'SET NULL'> = {
  fk_refresh_tokens_user: 'CASCADE',
  fk_password_reset_tokens_user: 'CASCADE',
  fk_events_owner: 'CASCADE',
  fk_event_photographers_event: 'CASCADE',
  fk_event_photographers_photographer: 'CASCADE',
  fk_event_search_daily_event: 'CASCADE',
  fk_photos_event: 'CASCADE',
  fk_photos_uploader: 'SET NULL',
  fk_photos_duplicate_of: 'SET NULL',
  fk_photos_upload_batch: 'SET NULL',
  fk_upload_batches_event: 'CASCADE',
  fk_upload_batches_uploader: 'SET NULL',
  fk_bib_numbers_photo: 'CASCADE',
  fk_bib_numbers_event: 'CASCADE',
  fk_bib_numbers_linked_from_photo: 'SET NULL',
  fk_faces_photo: 'CASCADE',
  fk_faces_event: 'CASCADE',
  fk_photo_feedback_photo: 'CASCADE',
  fk_photo_feedback_user: 'CASCADE',
  fk_favorites_user: 'CASCADE',
  fk_favorites_photo: 'CASCADE',
  fk_start_list_entries_event: 'CASCADE',
  fk_start_list_connectors_event: 'CASCADE',
  fk_price_packs_event: 'CASCADE',
  fk_orders_buyer: 'SET NULL',
  fk_orders_event: 'SET NULL',
  fk_order_items_order: 'CASCADE',
  fk_order_items_photo: 'SET NULL',
  fk_order_items_price_pack: 'SET NULL',
  fk_carts_user: 'CASCADE',
  fk_credit_transactions_user: 'CASCADE',
  fk_credit_transactions_photo: 'SET NULL',
  fk_gdpr_requests_user: 'SET NULL',
  fk_gdpr_audit_logs_request: 'SET NULL',
  fk_marketplace_listings_owner: 'CASCADE',
  fk_marketplace_listings_event: 'SET NULL',
  fk_marketplace_applications_listing: 'CASCADE',
  fk_marketplace_applications_photographer: 'CASCADE',
  fk_marketplace_reviews_reviewer: 'CASCADE',
  fk_marketplace_reviews_reviewee: 'CASCADE',
  fk_marketplace_reviews_listing: 'SET NULL',
  fk_support_messages_user: 'SET NULL',
  fk_payment_settings_updated_by: 'SET NULL',
  fk_credit_subscriptions_user: 'CASCADE',
};

async function publicTables(ds: DataSource): Promise<string[]> {
  const rows: Array<{ table_name: string }> = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
     AND table_name <> 'typeorm_migrations' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

async function publicIndexes(ds: DataSource): Promise<string[]> {
  const rows: Array<{ indexname: string }> = await ds.query(
    `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations'`,
  );
  return rows.map((r) => r.indexname);
}

async function enumTypes(ds: DataSource): Promise<string[]> {
  const rows: Array<{ typname: string }> = await ds.query(
    `SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'public' AND t.typtype = 'e' ORDER BY t.typname`,
  );
  return rows.map((r) => r.typname);
}

async function extensions(ds: DataSource): Promise<string[]> {
  const rows: Array<{ extname: string }> = await ds.query(`SELECT extname FROM pg_extension ORDER BY extname`);
  return rows.map((r) => r.extname);
}

function pgCode(error: unknown): string | undefined {
  return error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
}

async function expectPgError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(pgCode(error)).toBe(code);
}

describe('database migrations', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = db.dataSource;
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('creates every table, the search extensions and the indexes the queries rely on', async () => {
    expect(await publicTables(ds)).toEqual(TABLES);
    expect(await extensions(ds)).toEqual(expect.arrayContaining(['pg_trgm', 'pgcrypto', 'unaccent']));
    expect(await publicIndexes(ds)).toEqual(
      expect.arrayContaining([
        'uq_users_email',
        'uq_events_slug',
        'idx_events_status_date',
        'idx_photos_event_created_id',
        'uq_photos_event_content_hash',
        'uq_photos_upload_batch_client_file_key',
        'idx_bib_numbers_event_number',
        'uq_start_list_entries_event_bib',
        'idx_start_list_entries_search_name',
        'uq_orders_stripe_payment_intent',
        'uq_processed_webhook_events_stripe_event',
        'idx_credit_transactions_user_created',
        'uq_marketplace_applications_listing_photographer',
        'uq_event_photographers_event_photographer',
      ]),
    );
  });

  it('leaves no difference between the entities and the migrated schema', async () => {
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('declares the expected ON DELETE rule on every foreign key', async () => {
    const rows: Array<{ constraint_name: string; delete_rule: string }> = await ds.query(
      `SELECT constraint_name, delete_rule FROM information_schema.referential_constraints
       WHERE constraint_schema = 'public'`,
    );
    const actual = Object.fromEntries(rows.map((r) => [r.constraint_name, r.delete_rule]));
    expect(actual).toEqual(EXPECTED_DELETE_RULES);
  });

  it('stores emails lower-cased and refuses a second account with the same email in another case', async () => {
    const users = ds.getRepository(User);
    const first = await users.save(
      users.create({ email: '  Camille.Martin@Example.FR ', passwordHash: 'x', role: Role.RUNNER, displayName: 'Camille' }),
    );
    const raw: Array<{ email: string }> = await ds.query(`SELECT email FROM users WHERE id = $1`, [first.id]);
    expect(raw[0].email).toBe('camille.martin@example.fr');
    // Lookups go through the same transformer, so a login typed in capitals finds the account.
    expect((await users.findOneBy({ email: 'CAMILLE.MARTIN@example.fr' }))?.id).toBe(first.id);

    await expectPgError(
      users.insert({ email: 'camille.martin@EXAMPLE.fr', passwordHash: 'x', role: Role.RUNNER, displayName: 'Twin' }),
      '23505',
    );
    // Raw SQL that bypasses the transformer is stopped by the CHECK, so the unique index stays meaningful.
    await expectPgError(
      ds.query(`INSERT INTO users (email, password_hash, display_name) VALUES ('Upper@Example.fr', 'x', 'Raw')`),
      '23514',
    );
  });

  it('refuses the same photo twice in one event, a rating out of 1..5 and a negative price', async () => {
    const owner = await ds.getRepository(User).save({
      email: 'dup-owner@example.fr',
      passwordHash: 'x',
      role: Role.PHOTOGRAPHER,
      displayName: 'Dup',
    });
    const event = await ds.getRepository(RaceEvent).save({
      ownerId: owner.id,
      name: 'Trail des Crêtes',
      slug: 'trail-des-cretes-dup',
      date: '2026-09-13',
      location: 'Munster',
      sport: 'trail',
    });
    const photo = {
      eventId: event.id,
      uploaderId: owner.id,
      originalKey: 'o/1.jpg',
      originalFilename: '1.jpg',
      mimeType: 'image/jpeg',
      sizeBytes: 3_000_000_000,
      contentHash: 'a'.repeat(64),
    };
    const saved = await ds.getRepository(Photo).save(photo);
    // bigint comes back as a number, even above 2^31.
    expect((await ds.getRepository(Photo).findOneByOrFail({ id: saved.id })).sizeBytes).toBe(3_000_000_000);
    expect(saved.status).toBe(PhotoStatus.UPLOADED);
    await expectPgError(ds.getRepository(Photo).insert({ ...photo, originalKey: 'o/2.jpg' }), '23505');

    await expectPgError(
      ds.query(
        `INSERT INTO marketplace_reviews (reviewer_id, reviewee_id, rating) VALUES ($1, gen_random_uuid(), 6)`,
        [owner.id],
      ),
      '23514',
    );
    await expectPgError(
      ds.query(`INSERT INTO price_packs (event_id, kind, name, price_cents) VALUES ($1, 'single', 'Photo', -1)`, [
        event.id,
      ]),
      '23514',
    );
  });

  it('on user deletion cascades personal data but keeps orders and the GDPR audit trail', async () => {
    const users = ds.getRepository(User);
    const organizer = await users.save({
      email: 'erase-me@example.fr',
      passwordHash: 'x',
      role: Role.ORGANIZER,
      displayName: 'To erase',
    });
    const buyer = await users.save({
      email: 'buyer@example.fr',
      passwordHash: 'x',
      role: Role.RUNNER,
      displayName: 'Buyer',
    });
    await ds.getRepository(RefreshToken).save({
      userId: organizer.id,
      tokenHash: 'b'.repeat(64),
      familyId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const event = await ds.getRepository(RaceEvent).save({
      ownerId: organizer.id,
      name: 'Semi-marathon de Lyon',
      slug: 'semi-marathon-de-lyon-erase',
      date: '2026-10-04',
      location: 'Lyon',
      sport: 'running',
      status: EventStatus.PUBLISHED,
    });
    const photo = await ds.getRepository(Photo).save({
      eventId: event.id,
      uploaderId: organizer.id,
      originalKey: 'o/erase.jpg',
      originalFilename: 'erase.jpg',
      mimeType: 'image/jpeg',
      sizeBytes: 1234,
      contentHash: 'c'.repeat(64),
    });
    await ds.getRepository(BibNumber).save({
      photoId: photo.id,
      eventId: event.id,
      number: '1234',
      confidence: 0.9,
      source: BibSource.OCR,
    });
    const order = await ds.getRepository(Order).save({
      buyerId: buyer.id,
      buyerEmail: 'buyer@example.fr',
      eventId: event.id,
      status: OrderStatus.PAID,
      subtotalCents: 900,
      serviceFeeCents: 100,
      totalCents: 1000,
    });
    await ds.getRepository(OrderItem).save({ orderId: order.id, photoId: photo.id, unitPriceCents: 900 });
    const request = await ds.getRepository(GdprRequest).save({
      userId: organizer.id,
      email: 'erase-me@example.fr',
      type: GdprRequestType.ERASURE,
    });
    const audit = await ds.getRepository(GdprAuditLog).save({
      requestId: request.id,
      actorId: organizer.id,
      subjectEmailHash: 'd'.repeat(64),
      action: 'user.erased',
    });

    await users.delete({ id: organizer.id });

    expect(await ds.getRepository(RefreshToken).countBy({ userId: organizer.id })).toBe(0);
    expect(await ds.getRepository(RaceEvent).countBy({ id: event.id })).toBe(0);
    expect(await ds.getRepository(Photo).countBy({ id: photo.id })).toBe(0);
    expect(await ds.getRepository(BibNumber).countBy({ eventId: event.id })).toBe(0);

    const keptOrder = await ds.getRepository(Order).findOneOrFail({ where: { id: order.id }, relations: { items: true } });
    expect(keptOrder).toMatchObject({ eventId: null, buyerId: buyer.id, totalCents: 1000, status: OrderStatus.PAID });
    expect(keptOrder.items).toEqual([expect.objectContaining({ photoId: null, unitPriceCents: 900 })]);
    expect(await ds.getRepository(GdprRequest).findOneByOrFail({ id: request.id })).toMatchObject({ userId: null });
    expect(await ds.getRepository(GdprAuditLog).findOneByOrFail({ id: audit.id })).toMatchObject({
      requestId: request.id,
      actorId: organizer.id,
      action: 'user.erased',
    });

    await users.delete({ id: buyer.id });
    expect(await ds.getRepository(Order).findOneByOrFail({ id: order.id })).toMatchObject({
      buyerId: null,
      totalCents: 1000,
    });
  });

  it('reverts every migration down to an empty schema, then migrates up again', async () => {
    while ((await ds.query(`SELECT 1 FROM typeorm_migrations LIMIT 1`)).length > 0) {
      await ds.undoLastMigration();
    }
    expect(await publicTables(ds)).toEqual([]);
    expect(await enumTypes(ds)).toEqual([]);
    expect(await extensions(ds)).toEqual(['plpgsql']);

    const applied = await ds.runMigrations();
    expect(applied.length).toBeGreaterThan(0);
    expect(await publicTables(ds)).toEqual(TABLES);
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
