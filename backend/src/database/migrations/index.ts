import { MigrationInterface } from 'typeorm';
import { InitialSchema1795442484650 } from './1795442484650-InitialSchema';
import { PhotoCameraAndOrientation1795443000000 } from './1795443000000-PhotoCameraAndOrientation';

/**
 * Every migration, in order, imported as classes: globs break once webpack bundles the API.
 * A new migration is generated with `npm run db:generate -- backend/src/database/migrations/<Name>` and added here.
 */
export const MIGRATIONS: Array<new () => MigrationInterface> = [InitialSchema1795442484650, PhotoCameraAndOrientation1795443000000];
