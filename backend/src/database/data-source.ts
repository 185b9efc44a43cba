import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildTypeOrmOptions } from './typeorm-options';

/** Data source for the TypeORM CLI (migration:run / revert / generate) and the seed script. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/focus_racer';

export default new DataSource(buildTypeOrmOptions(process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL));
