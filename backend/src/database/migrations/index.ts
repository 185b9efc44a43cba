import { MigrationInterface } from 'typeorm';
import { InitialSchema1795442484650 } from './1795442484650-InitialSchema';

/**
 * Every migration, in order, imported as classes: globs break once webpack bundles the API.
 * A new migration is generated with `npm run db:generate -- backend/src/database/migrations/<Name>` and added here.
 */
export const MIGRATIONS: Array<new () => MigrationInterface> = [InitialSchema1795442484650];
