import {
  AuthResponse,
  BibCorrectionResult,
  BibSource,
  BulkPhotoActionResult,
  CreditReason,
  CursorPage,
  EventStatus,
  PhotoDto,
  PhotoFacetsDto,
  PhotoFilter,
  PhotoStatus,
  Role,
  SearchResponse,
  TriagePage,
} from '@focus-racer/api-types';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { QUEUES } from '../src/ai-pipeline/queues';
import { StartListEntry } from '../src/connectors/entities/start-list-entry.entity';
import { EventBibResnapper } from '../src/connectors/resnap/event-bib-resnapper';
import { EventPhotographer } from '../src/events/entities/event-photographer.entity';
import { RaceEvent } from '../src/events/entities/event.entity';
import { CreditTransaction } from '../src/payments/entities/credit-transaction.entity';
import { BibNumber } from '../src/photos/entities/bib-number.entity';
import { Face } from '../src/photos/entities/face.entity';
import { Photo } from '../src/photos/entities/photo.entity';
import { OBJECT_STORAGE, ObjectStorage } from '../src/storage/object-storage';
import { storageKeys } from '../src/storage/storage-keys';
import { bearer, createTestApp, register, TestApp } from './test-app';

/**
 * The photo grid's filters and bulk actions, and the triage queue, on real PostgreSQL through the HTTP API. The
 * photos and what the pipeline found on them (OCR, face-link and manual bibs, faces) are written directly; the
 * pipeline itself is covered by photo-pipeline.int-spec.ts and face-linking.int-spec.ts.
 */
describe('pro photos: filters, facets, bulk actions, triage and bib corrections', () => {
  let t: TestApp;
  let alice: AuthResponse;
  let bob: AuthResponse;
  let stranger: AuthResponse;
  let event: RaceEvent;
  const ids: Record<string, string> = {};

  const labelOf = (id: string) => Object.keys(ids).find((label) => ids[label] === id) ?? id;
  const labels = (photos: Array<{ id: string }>) => photos.map((photo) => labelOf(photo.id));

  async function photo(label: string, changes: Partial<Photo> = {}, target: RaceEvent = event): Promise<Photo> {
    const id = randomUUID();
    const saved = await t.db.dataSource.getRepository(Photo).save({
      id,
      eventId: target.id,
      uploaderId: alice.user.id,
      originalKey: `events/${target.id}/originals/${id}.jpg`,
      webKey: `events/${target.id}/web/${id}.webp`,
      thumbKey: `events/${target.id}/thumbs/${id}.jpg`,
      originalFilename: `${label}.jpg`,
      mimeType: 'image/jpeg',
      sizeBytes: 1000,
      width: 4000,
      height: 3000,
      contentHash: id.replace(/-/g, '').padEnd(64, '0'),
      status: PhotoStatus.PROCESSED,
      ...changes,
    });
    ids[label] = saved.id;
    return saved;
  }

  async function bib(label: string, number: string, source: BibSource, confidence: number, extra: Partial<BibNumber> = {}) {
    await t.db.dataSource.getRepository(BibNumber).save({ photoId: ids[label], eventId: event.id, number, source, confidence, box: null, ...extra });
  }

  async function faces(label: string, count: number) {
    for (let i = 0; i < count; i++) {
      await t.db.dataSource.getRepository(Face).save({ photoId: ids[label], eventId: event.id, box: { x: 100 + i * 500, y: 100, w: 200, h: 200 }, quality: 0.9, embedding: null });
    }
  }

  const get = <T>(user: AuthResponse, path: string, status = 200) =>
    t
      .http()
      .get(path)
      .set(...bearer(user))
      .expect(status)
      .then((res) => res.body as T);
  const list = (filter?: PhotoFilter) => get<CursorPage<PhotoDto>>(alice, `/api/events/${event.id}/photos${filter ? `?filter=${filter}` : ''}`);
  const triage = (user = alice, query = '') => get<TriagePage>(user, `/api/events/${event.id}/triage${query}`);
  const bulk = (user: AuthResponse, body: object, status = 200) => t.http().post(`/api/events/${event.id}/photos/bulk`).set(...bearer(user)).send(body).expect(status);
  const correct = (user: AuthResponse, label: string, body: object, status = 200) => t.http().put(`/api/photos/${ids[label]}/bibs`).set(...bearer(user)).send(body).expect(status);
  const review = (label: string, decision: string, status = 200) => t.http().post(`/api/photos/${ids[label]}/review`).set(...bearer(alice)).send({ decision }).expect(status);
  const search = (bibNumber: string) => t.http().get(`/api/public/events/${event.slug}/search?bib=${bibNumber}`).expect(200).then((res) => res.body as SearchResponse);

  beforeAll(async () => {
    t = await createTestApp();
    [alice, bob, stranger] = await Promise.all([register(t, Role.PHOTOGRAPHER), register(t, Role.PHOTOGRAPHER), register(t, Role.PHOTOGRAPHER)]);
    event = await t.db.dataSource.getRepository(RaceEvent).save({
      ownerId: alice.user.id,
      name: 'Foulées de Nancy',
      slug: `foulees-nancy-${randomUUID().slice(0, 8)}`,
      date: '2026-05-17',
      location: 'Nancy',
      sport: 'running',
      status: EventStatus.PUBLISHED,
    });
    await t.db.dataSource.getRepository(EventPhotographer).insert({ eventId: event.id, photographerId: bob.user.id });
    await t.db.dataSource.getRepository(StartListEntry).save([
      { eventId: event.id, bib: '1234', firstName: 'Zoé', lastName: 'Dupont', category: 'SEF', club: 'ASPTT' },
      { eventId: event.id, bib: '777', firstName: 'Jérôme', lastName: 'Lefèvre', category: 'M1H', club: null },
      { eventId: event.id, bib: '888', firstName: 'Marc', lastName: 'Durand', category: 'M0H', club: null },
    ]);

    // In upload order. Photos are 4000 × 3000; boxes in pixels of the original.
    await photo('clear');
    await bib('clear', '1234', BibSource.OCR, 0.95, { box: { x: 1000, y: 1500, w: 400, h: 200 } });
    await faces('clear', 1);
    await photo('faint');
    await bib('faint', '777', BibSource.OCR, 0.8, { box: { x: 2000, y: 1800, w: 300, h: 150 } });
    await faces('faint', 1);
    await photo('conflict');
    await bib('conflict', '1234', BibSource.OCR, 0.95, { box: { x: 1000, y: 1500, w: 400, h: 200 } });
    await bib('conflict', '1284', BibSource.OCR, 0.93, { box: { x: 1020, y: 1510, w: 380, h: 190 } });
    await faces('conflict', 1);
    await photo('weak-link');
    await bib('weak-link', '1234', BibSource.FACE_LINK, 0.62, { similarity: 0.62, linkedFromPhotoId: ids['clear'] });
    await faces('weak-link', 1);
    await photo('strong-link');
    await bib('strong-link', '1234', BibSource.FACE_LINK, 0.8, { similarity: 0.8, linkedFromPhotoId: ids['clear'] });
    await faces('strong-link', 1);
    await photo('empty');
    await photo('crowd');
    await faces('crowd', 2);
    await photo('typed');
    await bib('typed', '555', BibSource.MANUAL, 1);
    await photo('blurry-faint', { isBlurry: true });
    await bib('blurry-faint', '1234', BibSource.OCR, 0.8);
    await photo('dup', { duplicateOfId: ids['clear'] });
    await photo('hidden-empty', { hidden: true });
    await photo('failed', { status: PhotoStatus.FAILED, processingError: 'bibs: boom' });
    await photo('pending', { status: PhotoStatus.PROCESSING });
  });

  afterAll(async () => {
    await Promise.all(Object.values(QUEUES).map((name) => t?.app.get<Queue>(getQueueToken(name)).obliterate({ force: true }).catch(() => undefined)));
    await t?.close();
  });

  it('counts each filter and lists exactly the photos it counts, in upload order, with their bibs', async () => {
    const facets = await get<PhotoFacetsDto>(alice, `/api/events/${event.id}/photos/facets`);
    expect(facets).toEqual({ total: 13, noBib: 4, faceLinked: 2, duplicate: 1, blurry: 1, failed: 1, lowConfidence: 2, hidden: 1, needsReview: 4 });

    const expected: Record<PhotoFilter, string[]> = {
      'no-bib': ['empty', 'crowd', 'dup', 'hidden-empty'],
      'face-linked': ['weak-link', 'strong-link'],
      duplicate: ['dup'],
      blurry: ['blurry-faint'],
      failed: ['failed'],
      'low-confidence': ['faint', 'blurry-faint'],
      hidden: ['hidden-empty'],
      'needs-review': ['faint', 'conflict', 'weak-link', 'empty'],
    };
    for (const [filter, wanted] of Object.entries(expected) as Array<[PhotoFilter, string[]]>) {
      const page = await list(filter);
      expect([filter, labels(page.items)]).toEqual([filter, wanted]);
    }

    const all = await list();
    expect(labels(all.items)).toEqual(Object.keys(ids));
    // needsReview on each photo agrees with the needs-review filter (TypeScript rules and SQL conditions).
    expect(labels(all.items.filter((item) => item.needsReview))).toEqual(expected['needs-review']);
    const clear = all.items.find((item) => item.id === ids['clear']);
    expect(clear?.bibs).toEqual([{ number: '1234', source: BibSource.OCR, confidence: 0.95, similarity: null, box: { x: 0.25, y: 0.5, w: 0.1, h: 0.0667 }, linkedFromPhotoId: null }]);
    const link = all.items.find((item) => item.id === ids['weak-link']);
    expect(link?.bibs).toEqual([{ number: '1234', source: BibSource.FACE_LINK, confidence: null, similarity: 0.62, box: null, linkedFromPhotoId: ids['clear'] }]);
    expect(all.items.find((item) => item.id === ids['typed'])?.bibs).toEqual([
      { number: '555', source: BibSource.MANUAL, confidence: null, similarity: null, box: null, linkedFromPhotoId: null },
    ]);

    const bad = await t.http().get(`/api/events/${event.id}/photos?filter=sharp`).set(...bearer(alice)).expect(400);
    expect(bad.body.message).toEqual(['filter must be one of no-bib, face-linked, duplicate, blurry, failed, low-confidence, hidden, needs-review']);
  });

  it('lets the owner and an assigned photographer in, nobody else', async () => {
    await get(bob, `/api/events/${event.id}/photos/facets`);
    await get(bob, `/api/events/${event.id}/triage`);
    for (const path of [`/api/events/${event.id}/photos`, `/api/events/${event.id}/photos/facets`, `/api/events/${event.id}/triage`]) {
      const res = await t.http().get(path).set(...bearer(stranger)).expect(404);
      expect(res.body.message).toBe('Event not found');
    }
    await correct(stranger, 'faint', { bibs: ['888'] }, 404);
    await t.http().post(`/api/photos/${ids['faint']}/review`).set(...bearer(stranger)).send({ decision: 'accept' }).expect(404);
    await bulk(stranger, { action: 'hide', photoIds: [ids['faint']] }, 404);
    const runner = await register(t);
    await t.http().get(`/api/events/${event.id}/triage`).set(...bearer(runner)).expect(403);
  });

  it('queues the uncertain photos oldest first with reasons in words and the runners of their bibs; skip sends one to the back', async () => {
    const page = await triage();
    expect(page).toMatchObject({ total: 4, hasStartList: true, nextCursor: null });
    expect(labels(page.items.map((item) => item.photo))).toEqual(['faint', 'conflict', 'weak-link', 'empty']);
    const [faint, conflict, weak, empty] = page.items;
    expect(faint.reasons).toEqual([{ code: 'low-confidence', bib: '777', message: 'Bib 777 read with only 80 % confidence' }]);
    expect(faint.runners).toEqual([{ bib: '777', firstName: 'Jérôme', lastName: 'Lefèvre', category: 'M1H', club: null }]);
    expect(faint.photo.bibs[0].box).toEqual({ x: 0.5, y: 0.6, w: 0.075, h: 0.05 });
    expect(faint.skippedAt).toBeNull();
    expect(conflict.reasons.map((reason) => reason.code)).toEqual(['conflicting-bibs']);
    expect(conflict.runners.map((runner) => runner.bib)).toEqual(['1234']);
    expect(weak.reasons).toEqual([
      { code: 'face-link-below-margin', bib: '1234', message: 'Bib 1234 comes from a face only 62 % alike on another photo (links start at 60 %)' },
    ]);
    expect(empty.reasons.map((reason) => reason.code)).toEqual(['no-bib-no-face']);

    const skipped = (await review('faint', 'skip')).body as PhotoDto;
    expect(skipped).toMatchObject({ needsReview: true, reviewedAt: null });
    const after = await triage();
    expect(labels(after.items.map((item) => item.photo))).toEqual(['conflict', 'weak-link', 'empty', 'faint']);
    expect(after.items[3].skippedAt).toEqual(expect.any(String));

    await review('faint', 'later', 400);
    await t.http().get(`/api/events/${event.id}/triage?cursor=not-a-cursor`).set(...bearer(alice)).expect(400);
  });

  it('pages the queue by a cursor that survives skipping the last photo of a page', async () => {
    const big = await t.db.dataSource.getRepository(RaceEvent).save({
      ownerId: alice.user.id,
      name: 'Corrida de Noël',
      slug: `${event.slug}-noel`,
      date: '2026-12-20',
      location: 'Nancy',
      sport: 'running',
    });
    for (let i = 0; i < 52; i++) await photo(`big-${i}`, {}, big);
    const first = await get<TriagePage>(alice, `/api/events/${big.id}/triage`);
    expect(first.total).toBe(52);
    expect(first.hasStartList).toBe(false);
    expect(labels(first.items.map((item) => item.photo))).toEqual(Array.from({ length: 50 }, (_, i) => `big-${i}`));
    expect(first.nextCursor).toEqual(expect.any(String));
    // The photographer skips the last photo of the page before asking for the next one.
    await review('big-49', 'skip');
    const second = await get<TriagePage>(alice, `/api/events/${big.id}/triage?cursor=${first.nextCursor}`);
    expect(labels(second.items.map((item) => item.photo))).toEqual(['big-50', 'big-51', 'big-49']);
    expect(second.nextCursor).toBeNull();
  });

  it('accept takes a photo out of the queue and leaves its bibs as they are', async () => {
    const accepted = (await review('weak-link', 'accept')).body as PhotoDto;
    expect(accepted).toMatchObject({ needsReview: false, reviewedAt: expect.any(String) });
    expect(accepted.bibs.map((b) => [b.number, b.source])).toEqual([['1234', BibSource.FACE_LINK]]);
    expect(labels((await triage()).items.map((item) => item.photo))).toEqual(['conflict', 'empty', 'faint']);
    expect((await get<PhotoFacetsDto>(alice, `/api/events/${event.id}/photos/facets`)).needsReview).toBe(3);
  });

  it('corrects a bib: checked against the start list, manual from then on, found by the public search at once', async () => {
    expect((await search('777')).results.map((result) => labelOf(result.photo.id))).toEqual(['faint']);

    const refused = await correct(alice, 'faint', { bibs: ['778'] }, 422);
    expect(refused.body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'Bib 778 is not in the start list: check the number, or send force: true to keep it',
      details: { unknownBibs: ['778'] },
    });
    expect((await search('777')).results).toHaveLength(1);

    // An assigned photographer triages too.
    const fixed = (await correct(bob, 'faint', { bibs: [' 888 '] })).body as BibCorrectionResult;
    expect(fixed.unknownBibs).toEqual([]);
    expect(fixed.photo).toMatchObject({ needsReview: false, reviewedAt: expect.any(String) });
    expect(fixed.photo.bibs).toEqual([{ number: '888', source: BibSource.MANUAL, confidence: null, similarity: null, box: null, linkedFromPhotoId: null }]);
    expect((await search('888')).results.map((result) => labelOf(result.photo.id))).toEqual(['faint']);
    expect((await search('888')).results[0].reasons).toEqual(expect.arrayContaining([{ kind: 'bib', bib: '888', source: 'manual', confidence: 1 }]));
    expect((await search('777')).results).toEqual([]);
    // Face links of the event are recomputed by one debounced pass.
    const linking = t.app.get<Queue>(getQueueToken(QUEUES.LINKING));
    expect(await linking.getJob(`relink-${event.id}`)).not.toBeNull();

    // A start-list import re-snaps photos from their raw readings: never a corrected one.
    await t.db.dataSource.getRepository(Photo).update(ids['faint'], { ocrReadings: [{ number: '777', confidence: 0.8, box: { x: 2000, y: 1800, w: 300, h: 150 } }] });
    await t.db.dataSource.transaction((manager) => t.app.get(EventBibResnapper).resnapEvent(manager, event.id));
    expect(await t.db.dataSource.getRepository(BibNumber).findBy({ photoId: ids['faint'] })).toEqual([expect.objectContaining({ number: '888', source: BibSource.MANUAL })]);

    // One of two readings at the same place was right: it becomes manual and keeps its box for the zoom.
    const chosen = (await correct(alice, 'conflict', { bibs: ['1234'] })).body as BibCorrectionResult;
    expect(chosen.photo.bibs).toEqual([{ number: '1234', source: BibSource.MANUAL, confidence: null, similarity: null, box: { x: 0.25, y: 0.5, w: 0.1, h: 0.0667 }, linkedFromPhotoId: null }]);

    // A number the start list does not know, kept on purpose (late registration); and "no bib at all".
    const forced = (await correct(alice, 'empty', { bibs: ['9999', '888'], force: true })).body as BibCorrectionResult;
    expect(forced.unknownBibs).toEqual(['9999']);
    expect(forced.photo.bibs.map((b) => b.number).sort()).toEqual(['888', '9999']);
    const none = (await correct(alice, 'weak-link', { bibs: [] })).body as BibCorrectionResult;
    expect(none.photo.bibs).toEqual([]);
    expect((await search('1234')).results.map((result) => labelOf(result.photo.id))).not.toContain('weak-link');
    expect((await triage()).total).toBe(0);

    // Bad input changes nothing.
    const bad = await correct(alice, 'typed', { bibs: ['12 34', 5] }, 400);
    expect(bad.body.message).toEqual(expect.arrayContaining(['each bib must be 1 to 12 letters, digits or dashes', 'each bib must be text']));
    await correct(alice, 'typed', { bibs: Array.from({ length: 21 }, (_, i) => String(i)) }, 400);
    await correct(alice, 'typed', { bibs: '555' }, 400);
    await correct(alice, 'typed', { bibs: ['555'], force: 'yes' }, 400);
    await t.http().put(`/api/photos/${randomUUID()}/bibs`).set(...bearer(alice)).send({ bibs: ['1'] }).expect(404);
    expect(await t.db.dataSource.getRepository(BibNumber).findBy({ photoId: ids['typed'] })).toEqual([expect.objectContaining({ number: '555', source: BibSource.MANUAL })]);
  });

  it('hides, unhides and reprocesses in bulk, all or nothing', async () => {
    const hide = (await bulk(alice, { action: 'hide', photoIds: [ids['typed'], ids['crowd'], ids['typed']] })).body as BulkPhotoActionResult;
    expect(hide).toEqual({ action: 'hide', requested: 2, changed: 2 });
    expect(((await bulk(alice, { action: 'hide', photoIds: [ids['typed']] })).body as BulkPhotoActionResult).changed).toBe(0);
    expect(labels((await list('hidden')).items)).toEqual(['crowd', 'typed', 'hidden-empty']);
    expect(((await bulk(alice, { action: 'unhide', photoIds: [ids['typed']] })).body as BulkPhotoActionResult).changed).toBe(1);

    const elsewhere = ids['big-0'];
    const unknown = randomUUID();
    const refused = await bulk(alice, { action: 'hide', photoIds: [ids['clear'], elsewhere, unknown] }, 400);
    expect(refused.body.message).toBe('2 of these photos are not in this event: nothing was changed');
    expect(refused.body.details).toEqual({ notInEvent: [elsewhere, unknown] });
    expect((await t.db.dataSource.getRepository(Photo).findOneByOrFail({ id: ids['clear'] })).hidden).toBe(false);

    const reprocess = (await bulk(alice, { action: 'reprocess', photoIds: [ids['failed']] })).body as BulkPhotoActionResult;
    expect(reprocess).toEqual({ action: 'reprocess', requested: 1, changed: 1 });
    expect(await t.db.dataSource.getRepository(Photo).findOneByOrFail({ id: ids['failed'] })).toMatchObject({ status: PhotoStatus.UPLOADED, processingError: null });
    expect(await t.app.get<Queue>(getQueueToken(QUEUES.NORMALISE)).getJob(`${ids['failed']}-normalise`)).not.toBeNull();

    const invalid = await bulk(alice, { action: 'explode', photoIds: ['nope'] }, 400);
    expect(invalid.body.message).toEqual(expect.arrayContaining(['action must be one of delete, reprocess, hide, unhide', 'each of photoIds must be a photo id (UUID)']));
    await bulk(alice, { action: 'hide', photoIds: [] }, 400);
    await bulk(alice, { action: 'hide', photoIds: Array.from({ length: 1001 }, () => randomUUID()) }, 400);
  });

  it('deletes for good (files too) without refunding, but never a bought photo nor, for an assigned photographer, others’ photos', async () => {
    const storage = t.app.get<ObjectStorage>(OBJECT_STORAGE);
    const dup = await t.db.dataSource.getRepository(Photo).findOneByOrFail({ id: ids['dup'] });
    const keys = [dup.originalKey, dup.webKey as string, dup.thumbKey as string, storageKeys.webJpeg(event.id, dup.id)];
    for (const key of keys) await storage.putBuffer(key, Buffer.from('bytes'), 'image/jpeg');
    await t.db.dataSource.getRepository(CreditTransaction).insert({ userId: alice.user.id, delta: -1, balanceAfter: 0, reason: CreditReason.PHOTO_PROCESSED, photoId: dup.id });

    const notYours = await bulk(bob, { action: 'delete', photoIds: [dup.id] }, 403);
    expect(notYours.body.details).toEqual({ notYours: [dup.id] });

    const [order] = (await t.db.dataSource.query(
      `INSERT INTO orders (event_id, status, subtotal_cents, total_cents) VALUES ($1, 'paid', 600, 600) RETURNING id`,
      [event.id],
    )) as Array<{ id: string }>;
    await t.db.dataSource.query(`INSERT INTO order_items (order_id, photo_id, unit_price_cents) VALUES ($1, $2, 600)`, [order.id, ids['clear']]);
    const sold = await bulk(alice, { action: 'delete', photoIds: [dup.id, ids['clear']] }, 409);
    expect(sold.body.details).toEqual({ sold: [ids['clear']] });
    expect(await t.db.dataSource.getRepository(Photo).existsBy({ id: dup.id })).toBe(true);

    const deleted = (await bulk(alice, { action: 'delete', photoIds: [dup.id] })).body as BulkPhotoActionResult;
    expect(deleted).toEqual({ action: 'delete', requested: 1, changed: 1 });
    expect(await t.db.dataSource.getRepository(Photo).existsBy({ id: dup.id })).toBe(false);
    for (const key of keys) expect(await storage.exists(key)).toBe(false);
    // The processing credit stays spent; the ledger keeps its line.
    const ledger = await t.db.dataSource.getRepository(CreditTransaction).findBy({ userId: alice.user.id });
    expect(ledger).toEqual([expect.objectContaining({ delta: -1, photoId: null })]);
    expect((await get<PhotoFacetsDto>(alice, `/api/events/${event.id}/photos/facets`)).duplicate).toBe(0);
  });
});
