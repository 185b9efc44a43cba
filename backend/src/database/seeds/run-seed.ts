import dataSource from '../data-source';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './demo-seed';

/**
 * `npm run db:seed`: applies pending migrations, then the demo seed, then prints the demo accounts.
 * Uses DATABASE_URL like the API (default: the local focus_racer database).
 */
async function main(): Promise<void> {
  // The demo accounts share a published password. With NODE_ENV=production they are only created when asked for
  // explicitly (docker-compose's local stack sets SEED_DEMO_DATA=true), never by a stray `npm run db:seed`.
  if (process.env['NODE_ENV'] === 'production' && process.env['SEED_DEMO_DATA'] !== 'true') {
    throw new Error(
      'Refusing to create demo accounts (known password) with NODE_ENV=production; set SEED_DEMO_DATA=true to insist.',
    );
  }
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations();
    for (const migration of applied) {
      console.log(`applied migration ${migration.name}`);
    }
    await seedDemo(dataSource, (line) => console.log(line));
  } finally {
    await dataSource.destroy();
  }
  console.log(`\nDemo accounts (password: ${DEMO_PASSWORD})`);
  console.table(DEMO_ACCOUNTS.map(({ role, email, displayName }) => ({ role, email, displayName })));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
