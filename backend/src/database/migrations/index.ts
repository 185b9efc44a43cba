import { MigrationInterface } from 'typeorm';
import { InitialSchema1795442484650 } from './1795442484650-InitialSchema';
import { PhotoCameraAndOrientation1795443000000 } from './1795443000000-PhotoCameraAndOrientation';
import { PublicSearch1795444100000 } from './1795444100000-PublicSearch';
import { StartListImport1795444300000 } from './1795444300000-StartListImport';
import { PaymentsPlatform1795444500000 } from './1795444500000-PaymentsPlatform';
import { Orders1795444600000 } from './1795444600000-Orders';
import { ProPhotoWorkflows1795444700000 } from './1795444700000-ProPhotoWorkflows';
import { ProEvents1795444800000 } from './1795444800000-ProEvents';

/**
 * Every migration, in order, imported as classes: globs break once webpack bundles the API.
 * A new migration is generated with `npm run db:generate -- backend/src/database/migrations/<Name>` and added here.
 */
export const MIGRATIONS: Array<new () => MigrationInterface> = [InitialSchema1795442484650, PhotoCameraAndOrientation1795443000000, PublicSearch1795444100000, StartListImport1795444300000, PaymentsPlatform1795444500000, Orders1795444600000, ProPhotoWorkflows1795444700000, ProEvents1795444800000];
