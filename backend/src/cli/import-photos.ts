import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PhotoUploadFileResult } from '@focus-racer/api-types';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { exitOnInvalidConfiguration } from '../config/configuration';
import { CoreModule } from '../core.module';
import { RaceEvent } from '../events/entities/event.entity';
import { PhotosModule } from '../photos/photos.module';
import { DUPLICATE_IN_EVENT_MESSAGE, OUT_OF_CREDITS_MESSAGE, PhotosService } from '../photos/photos.service';
import { QueuesModule } from '../queues.module';
import { RedisModule } from '../redis/redis.module';
import { StorageModule } from '../storage/storage.module';
import { User } from '../users/entities/user.entity';

/**
 * `npm run import -- --event <event id> [--as <email>] <folder>`
 * Imports every JPEG, PNG and WebP under a folder (recursively) into an event, through the same PhotosService.ingestFile
 * as the HTTP upload: same checks, 1 credit per accepted photo, queued for the pipeline. Files already in the event
 * (same content) are skipped, so an interrupted import can simply be run again. Exit code 0 when every file was
 * imported or skipped, 1 otherwise.
 */
@Module({ imports: [CoreModule.forRoot({ LOG_LEVEL: 'warn' }), RedisModule, QueuesModule, StorageModule, PhotosModule] })
class ImportPhotosModule {}

const USAGE = 'Usage: npm run import -- --event <event id> [--as <email>] <folder>';
const PHOTO_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Two files at once: one is hashed and decoded while the other is stored and charged. */
export const IMPORT_CONCURRENCY = 2;

/** Where progress goes: stderr, so stdout stays free; a bar on a terminal, one line per file otherwise. */
export interface ImportOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ImportSummary {
  total: number;
  accepted: number;
  /** Already in the event (same content). */
  skipped: number;
  rejected: number;
  creditBalance: number;
}

export async function main(argv: string[] = process.argv.slice(2), out: ImportOutput = process.stderr): Promise<number> {
  const fail = (message: string) => {
    out.write(`${message}\n`);
    return 1;
  };
  let values: { event?: string; as?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: { event: { type: 'string' }, as: { type: 'string' } }, allowPositionals: true }));
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}. ${USAGE}`);
  }
  if (!values.event || !UUID.test(values.event)) return fail(`--event must be an event id (a UUID). ${USAGE}`);
  if (positionals.length !== 1) return fail(`Give exactly one folder. ${USAGE}`);
  const folder = resolve(positionals[0]);
  const folderStat = await stat(folder).catch(() => null);
  if (!folderStat?.isDirectory()) return fail(`${folder} is not a folder.`);
  const files = await listPhotos(folder);
  if (files.length === 0) return fail(`No JPEG, PNG or WebP photos in ${folder}.`);

  exitOnInvalidConfiguration();
  const app = await NestFactory.createApplicationContext(ImportPhotosModule, { logger: ['error', 'warn'] });
  try {
    const dataSource = app.get(DataSource);
    const event = await dataSource.getRepository(RaceEvent).findOneBy({ id: values.event });
    if (!event) return fail(`No event ${values.event}.`);
    const email = values.as?.trim().toLowerCase();
    const account = await dataSource.getRepository(User).findOneBy(email ? { email } : { id: event.ownerId });
    if (!account) return fail(email ? `No account for ${email}.` : `The event ${event.id} has no owner: pass --as <email>.`);
    const user: AuthUser = { id: account.id, email: account.email, role: account.role };
    const photos = app.get(PhotosService);
    try {
      await photos.findUploadable(user, event.id);
    } catch {
      return fail(`${user.email} may not upload to the event "${event.name}" (not its owner, an assigned photographer or an ADMIN).`);
    }

    const summary: ImportSummary = { total: files.length, accepted: 0, skipped: 0, rejected: 0, creditBalance: await photos.creditBalance(user.id) };
    const progress = new ImportProgress(out, summary);
    progress.start(`Importing ${files.length} photos from ${folder} into "${event.name}" as ${user.email}`);
    let next = 0;
    let outOfCredits = false;
    const record = (file: string, result: PhotoUploadFileResult) => {
      if (result.status === 'accepted') summary.accepted++;
      else if (result.reason === DUPLICATE_IN_EVENT_MESSAGE) summary.skipped++;
      else summary.rejected++;
      progress.file(relative(folder, file), result);
    };
    const importNext = async (): Promise<void> => {
      for (let index = next++; index < files.length; index = next++) {
        const file = files[index];
        if (outOfCredits) {
          record(file, { filename: file, status: 'rejected', reason: OUT_OF_CREDITS_MESSAGE });
          continue;
        }
        const result = await photos.ingestFile(user, event, { filename: relative(folder, file), stream: createReadStream(file) });
        if (result.reason === OUT_OF_CREDITS_MESSAGE) outOfCredits = true;
        if (result.status === 'accepted') summary.creditBalance = await photos.creditBalance(user.id);
        record(file, result);
      }
    };
    await Promise.all(Array.from({ length: IMPORT_CONCURRENCY }, importNext));
    progress.finish();
    return summary.rejected === 0 ? 0 : 1;
  } finally {
    await app.close();
  }
}

/** Every photo file under `folder`, sorted, by extension (the content is checked on import). */
async function listPhotos(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && PHOTO_EXTENSIONS.has(extname(entry.name).toLowerCase()))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

class ImportProgress {
  private done = 0;

  constructor(
    private readonly out: ImportOutput,
    private readonly summary: ImportSummary,
  ) {}

  start(title: string): void {
    this.out.write(`${title}\n`);
    if (this.out.isTTY) this.out.write(this.bar());
  }

  file(name: string, result: PhotoUploadFileResult): void {
    this.done++;
    if (this.out.isTTY) {
      // Refusals stay on screen above the bar; accepted files only move it.
      if (result.status === 'rejected') this.out.write(`\r\x1b[K${name}: ${result.reason}\n`);
      this.out.write(this.bar());
    } else {
      this.out.write(`${this.counts()} ${name}: ${result.status === 'accepted' ? 'accepted' : `rejected, ${result.reason}`}\n`);
    }
  }

  finish(): void {
    if (this.out.isTTY) this.out.write('\n');
    const { accepted, skipped, rejected, creditBalance } = this.summary;
    this.out.write(`Done: ${accepted} imported, ${skipped} already in the event, ${rejected} rejected; ${creditBalance} credits left.\n`);
  }

  private counts(): string {
    const { total, accepted, rejected, skipped, creditBalance } = this.summary;
    return `[${this.done}/${total}] accepted ${accepted}, rejected ${rejected}, skipped ${skipped}, credits left ${creditBalance}`;
  }

  private bar(): string {
    const width = 30;
    const filled = Math.round((this.done / this.summary.total) * width);
    return `\r\x1b[K${'#'.repeat(filled)}${'.'.repeat(width - filled)} ${this.counts()}`;
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('import failed:', error);
      process.exit(1);
    },
  );
}
