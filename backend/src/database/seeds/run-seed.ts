import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { exitOnInvalidConfiguration } from '../../config/configuration';
import { CoreModule } from '../../core.module';
import { PhotosModule } from '../../photos/photos.module';
import { PhotosService } from '../../photos/photos.service';
import { QueuesModule } from '../../queues.module';
import { RedisModule } from '../../redis/redis.module';
import { StorageModule } from '../../storage/storage.module';
import dataSource from '../data-source';
import { findMissingDemoPhotos, seedDemoPhotos } from './demo-photo-seed';
import { DemoPhotoPlan, planDemoPhotos } from './demo-photos';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './demo-seed';

/**
 * `npm run db:seed`: applies pending migrations, then the demo seed, then uploads the demo race's generated photos
 * through the real upload path (queued for the worker), then prints the demo accounts.
 * Uses DATABASE_URL, REDIS_URL and the storage settings like the API (default: the local focus_racer database).
 * SEED_DEMO_PHOTOS=false skips the photos; a number uploads only the first N (the e2e run takes a few, so its own
 * uploads do not queue behind forty).
 */
@Module({ imports: [CoreModule.forRoot({ LOG_LEVEL: 'warn' }), RedisModule, QueuesModule, StorageModule, PhotosModule] })
class DemoPhotoSeedModule {}

/** The demo photos SEED_DEMO_PHOTOS asks for: all (unset or true), none (false) or the first N. */
function demoPhotoPlans(): DemoPhotoPlan[] {
  const setting = process.env['SEED_DEMO_PHOTOS']?.trim() ?? '';
  if (setting === 'false' || setting === '0') return [];
  const plans = planDemoPhotos();
  return /^\d+$/.test(setting) ? plans.slice(0, Number(setting)) : plans;
}

async function main(): Promise<void> {
  const plans = demoPhotoPlans();
  // The demo accounts share a published password. With NODE_ENV=production they are only created when asked for
  // explicitly (docker-compose's local stack sets SEED_DEMO_DATA=true), never by a stray `npm run db:seed`.
  if (process.env['NODE_ENV'] === 'production' && process.env['SEED_DEMO_DATA'] !== 'true') {
    throw new Error(
      'Refusing to create demo accounts (known password) with NODE_ENV=production; set SEED_DEMO_DATA=true to insist.',
    );
  }
  let photosToUpload = false;
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations();
    for (const migration of applied) {
      console.log(`applied migration ${migration.name}`);
    }
    // Same rule as PaymentsConfig: no Stripe secret key means the local payment test mode.
    await seedDemo(dataSource, (line) => console.log(line), { localTestPayments: !process.env['STRIPE_SECRET_KEY']?.trim() });
    // Booting the upload path (Nest, Redis, storage) only when a demo photo is missing keeps a re-run quick.
    const found = plans.length === 0 ? null : await findMissingDemoPhotos(dataSource, plans);
    photosToUpload = (found?.missing.length ?? 0) > 0;
    if (found && !photosToUpload) console.log(`demo photos already in ${found.event.slug}, nothing uploaded`);
  } finally {
    await dataSource.destroy();
  }
  if (photosToUpload) {
    exitOnInvalidConfiguration();
    const app = await NestFactory.createApplicationContext(DemoPhotoSeedModule, { logger: ['error', 'warn'] });
    try {
      await seedDemoPhotos(app.get(PhotosService), app.get(DataSource), (line) => console.log(line), { plans });
    } finally {
      await app.close();
    }
  }
  console.log(`\nDemo accounts (password: ${DEMO_PASSWORD})`);
  console.table(DEMO_ACCOUNTS.map(({ role, email, displayName }) => ({ role, email, displayName })));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
