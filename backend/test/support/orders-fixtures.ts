import type { Response } from 'superagent';
import { AuthResponse, BibSource, EventStatus, OrderDownloadsDto, OrderDto, PhotoStatus, PricePackInput, PricePackKind, Role } from '@focus-racer/api-types';
import { createHash, randomUUID } from 'node:crypto';
import { RaceEvent } from '../../src/events/entities/event.entity';
import { BibNumber } from '../../src/photos/entities/bib-number.entity';
import { Photo } from '../../src/photos/entities/photo.entity';
import { OBJECT_STORAGE, ObjectStorage } from '../../src/storage/object-storage';
import { storageKeys } from '../../src/storage/storage-keys';
import { User } from '../../src/users/entities/user.entity';
import { photoFixtures } from '../photo-fixtures';
import { bearer, register, TestApp } from '../test-app';

/** The demo prices of the commerce issue: single €6, pack of 5 €15, all my photos €25, web size €3. */
export const DEMO_PACKS: PricePackInput[] = [
  { kind: PricePackKind.SINGLE, name: 'Photo HD', priceCents: 600 },
  { kind: PricePackKind.PACK, name: 'Pack 5 photos', photoCount: 5, priceCents: 1500 },
  { kind: PricePackKind.ALL_MY_PHOTOS, name: 'All my photos', priceCents: 2500 },
  { kind: PricePackKind.DIGITAL_WEB, name: 'Web size', priceCents: 300 },
];

export interface Seller {
  auth: AuthResponse;
  event: RaceEvent;
}

/** A photographer with a published event, paid out to `accountId` (null: not onboarded), with `packs` on sale. */
export async function sellerWithEvent(t: TestApp, accountId: string | null, packs: PricePackInput[] = DEMO_PACKS): Promise<Seller> {
  const auth = await register(t, Role.PHOTOGRAPHER);
  if (accountId) {
    await t.db.dataSource.getRepository(User).update({ id: auth.user.id }, { stripeAccountId: accountId, stripeOnboarded: true });
  }
  const event = await t.db.dataSource.getRepository(RaceEvent).save({
    ownerId: auth.user.id,
    name: 'Semi-marathon de Bordeaux',
    slug: `semi-bordeaux-${randomUUID().slice(0, 8)}`,
    date: '2026-03-22',
    location: 'Bordeaux',
    sport: 'running',
    status: EventStatus.PUBLISHED,
  });
  if (packs.length > 0) await t.http().put(`/api/events/${event.id}/price-packs`).set(...bearer(auth)).send({ packs }).expect(200);
  return { auth, event };
}

export interface StoredPhoto {
  photo: Photo;
  original: Buffer;
}

/**
 * A processed, visible photo whose original (a real JPEG, `width` × `height`) is in the app's storage; the web and
 * thumbnail keys point at small stand-ins (what the pipeline would have written). Bibs as OCR readings.
 */
export async function storedPhoto(t: TestApp, event: RaceEvent, seed: number, bibs: string[] = [], width = 2400, height = 1800): Promise<StoredPhoto> {
  const storage = t.app.get<ObjectStorage>(OBJECT_STORAGE);
  const original = await photoFixtures.jpeg(seed, width, height);
  const id = randomUUID();
  const originalKey = storageKeys.original(event.id, id, 'jpg');
  await storage.putBuffer(originalKey, original, 'image/jpeg');
  const small = await photoFixtures.jpeg(seed, 160, 120);
  await storage.putBuffer(storageKeys.webJpeg(event.id, id), small, 'image/jpeg');
  await storage.putBuffer(storageKeys.thumb(event.id, id), small, 'image/jpeg');
  const photo = await t.db.dataSource.getRepository(Photo).save({
    id,
    eventId: event.id,
    originalKey,
    webKey: storageKeys.webJpeg(event.id, id),
    thumbKey: storageKeys.thumb(event.id, id),
    originalFilename: `IMG_${seed}.jpg`,
    mimeType: 'image/jpeg',
    sizeBytes: original.length,
    width,
    height,
    contentHash: createHash('sha256').update(original).digest('hex'),
    status: PhotoStatus.PROCESSED,
  });
  for (const number of bibs) {
    await t.db.dataSource.getRepository(BibNumber).save({ photoId: id, eventId: event.id, number, source: BibSource.OCR, confidence: 0.95, box: null });
  }
  return { photo, original };
}

export const hd = (photo: { photo: Photo } | Photo) => ({ kind: 'photo' as const, photoId: 'photo' in photo ? photo.photo.id : photo.id, resolution: 'hd' as const });
export const web = (photo: { photo: Photo } | Photo) => ({ kind: 'photo' as const, photoId: 'photo' in photo ? photo.photo.id : photo.id, resolution: 'web' as const });

/** The download links of a paid order (fails the test when there are none). */
export function downloadsOf(order: OrderDto): OrderDownloadsDto {
  if (!order.downloads) throw new Error(`Order ${order.id} (${order.status}) has no download links`);
  return order.downloads;
}

/** Path and query of an absolute API URL (download links are absolute on API_PUBLIC_URL). */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** The `t` token of an order page URL. */
export function tokenOf(orderUrl: string): string {
  return new URL(orderUrl).searchParams.get('t') ?? '';
}

/** supertest parser that keeps a binary body as a Buffer. */
export function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
  stream.on('error', (error: Error) => callback(error, Buffer.alloc(0)));
}
