import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildTypeOrmOptions } from '../src/database/typeorm-options';

/**
 * A throw-away PostgreSQL database per test file: created from the maintenance database, migrated with the real
 * migrations (never `synchronize`, so the tests also prove the migrations), dropped at the end.
 *
 *   const db = await createTestDatabase();   // beforeAll
 *   await db.drop();                          // afterAll
 */
export interface TestDatabase {
  /** Connection URL of the new database, e.g. to hand to the Nest app under test as DATABASE_URL. */
  url: string;
  /** Initialised, migrated data source. */
  dataSource: DataSource;
  /** Destroys the data source and drops the database (WITH (FORCE): left-over connections do not block it). */
  drop(): Promise<void>;
}

export const DEFAULT_TEST_DATABASE_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function adminUrl(): string {
  return process.env['TEST_DATABASE_ADMIN_URL'] ?? DEFAULT_TEST_DATABASE_ADMIN_URL;
}

/** Same server and credentials as the admin URL, another database name. */
export function databaseUrlFor(admin: string, databaseName: string): string {
  const url = new URL(admin);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

/** A short-lived connection to the maintenance database (a bare TypeORM data source: `pg` ships no types). */
async function withAdminClient<T>(work: (admin: DataSource) => Promise<T>): Promise<T> {
  const admin = new DataSource({ type: 'postgres', url: adminUrl(), poolSize: 1 });
  await admin.initialize();
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

export async function createTestDatabase(options: { runMigrations?: boolean } = {}): Promise<TestDatabase> {
  // Name made only of [a-z0-9_], so it is safe to splice into CREATE/DROP DATABASE (which take no parameters).
  const name = `focus_racer_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`));

  const url = databaseUrlFor(adminUrl(), name);
  const dataSource = new DataSource(buildTypeOrmOptions(url));
  const drop = async (): Promise<void> => {
    if (dataSource.isInitialized) {
      await dataSource.destroy();
    }
    await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };

  try {
    await dataSource.initialize();
    if (options.runMigrations !== false) {
      await dataSource.runMigrations();
    }
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
  return { url, dataSource, drop };
}
