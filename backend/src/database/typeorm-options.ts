import { DataSourceOptions } from 'typeorm';
import { ALL_ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * The one place the TypeORM connection is described, used by the API module, the CLI data source, the seed and
 * the test-database helper. Column and table names are written explicitly on each entity (snake_case), so no naming
 * strategy is involved. The schema only ever changes through migrations.
 */
export function buildTypeOrmOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ALL_ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    // Each migration in its own transaction, so a failing one leaves the earlier ones applied and itself undone.
    migrationsTransactionMode: 'each',
    // gen_random_uuid() (built into PostgreSQL 13+, pgcrypto before) rather than uuid-ossp's uuid_generate_v4().
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
  };
}
