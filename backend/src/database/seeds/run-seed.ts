import dataSource from '../data-source';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './demo-seed';

/**
 * `npm run db:seed`: applies pending migrations, then the demo seed, then prints the demo accounts.
 * Uses DATABASE_URL like the API (default: the local focus_racer database).
 */
async function main(): Promise<void> {
  if (process.env['NODE_ENV'] === 'production') {
    throw new Error('Refusing to seed demo accounts with a known password while NODE_ENV=production.');
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
