import {
  AuthResponse,
  BibSource,
  EventDto,
  EventPhotographerDto,
  EventStatsDto,
  EventStatus,
  OrderStatus,
  PhotoStatus,
  Role,
  StatsOverviewDto,
  UpdateEventBrandingResponse,
} from '@focus-racer/api-types';
import { getQueueToken } from '@nestjs/bull';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { EventWatermarks } from '../src/ai-pipeline/event-watermarks.service';
import { makeDerivatives, watermarkedWebJpeg } from '../src/ai-pipeline/imaging/derivatives';
import { JOBS, QUEUES } from '../src/ai-pipeline/queues';
import { StartListEntry } from '../src/connectors/entities/start-list-entry.entity';
import { neutralSamplePixels } from '../src/events/branding/branding-sample';
import { EventPhotographer } from '../src/events/entities/event-photographer.entity';
import { RaceEvent } from '../src/events/entities/event.entity';
import { PAYMENT_GATEWAY, PaymentGateway } from '../src/payments/gateway/payment-gateway';
import { OrderItem } from '../src/payments/entities/order-item.entity';
import { Order } from '../src/payments/entities/order.entity';
import { BibNumber } from '../src/photos/entities/bib-number.entity';
import { Photo } from '../src/photos/entities/photo.entity';
import { OBJECT_STORAGE, ObjectStorage } from '../src/storage/object-storage';
import { storageKeys } from '../src/storage/storage-keys';
import { WorkerModule } from '../src/worker.module';
import { photoFixtures } from './photo-fixtures';
import { binary } from './support/orders-fixtures';
import { bearer, createTestApp, outboxFor, register, TEST_PASSWORD, TestApp, uniqueEmail } from './test-app';

const PUBLIC_WEB_URL = 'https://photos.example.test';
const PRO_WEB_URL = 'https://pro.example.test';

/**
 * The pro app's event workflows through the HTTP API on real PostgreSQL and Redis: lifecycle, cover, branding (its
 * preview and the re-rendering of the photos' public copies by a worker booted in-process), statistics, and the
 * organizer's photographers with their invitations.
 */
describe('pro event workflows (HTTP, PostgreSQL, Redis)', () => {
  let t: TestApp;
  let organizer: AuthResponse;
  let photographer: AuthResponse;
  const storage = () => t.app.get<ObjectStorage>(OBJECT_STORAGE);

  async function createEvent(owner: AuthResponse, name = 'Trail des Cimes'): Promise<EventDto> {
    return (
      await t.http().post('/api/events').set(...bearer(owner)).send({ name, date: '2026-06-14', location: 'Chamonix', sport: 'trail' }).expect(201)
    ).body as EventDto;
  }

  const patch = (owner: AuthResponse, id: string, body: object) => t.http().patch(`/api/events/${id}`).set(...bearer(owner)).send(body);

  /** A photo row whose original (a real JPEG) is in storage; webKey set as if the pipeline had rendered it. */
  async function photo(event: { id: string }, uploaderId: string | null, changes: Partial<Photo> = {}, seed = 1): Promise<{ photo: Photo; original: Buffer }> {
    const id = randomUUID();
    const original = await photoFixtures.jpeg(seed, 900, 600);
    const originalKey = storageKeys.original(event.id, id, 'jpg');
    await storage().putBuffer(originalKey, original, 'image/jpeg');
    const saved = await t.db.dataSource.getRepository(Photo).save({
      id,
      eventId: event.id,
      uploaderId,
      originalKey,
      webKey: storageKeys.webWebp(event.id, id),
      thumbKey: storageKeys.thumb(event.id, id),
      originalFilename: `IMG_${seed}.jpg`,
      mimeType: 'image/jpeg',
      sizeBytes: original.length,
      width: 900,
      height: 600,
      contentHash: id.replace(/-/g, '').padEnd(64, '0'),
      status: PhotoStatus.PROCESSED,
      ...changes,
    });
    return { photo: saved, original };
  }

  async function paidOrder(eventId: string, items: Array<{ photoId: string; cents: number }>, serviceFeeCents: number, platformFeeCents: number): Promise<Order> {
    const subtotal = items.reduce((sum, item) => sum + item.cents, 0);
    const order = await t.db.dataSource.getRepository(Order).save({
      eventId,
      buyerEmail: 'runner@example.test',
      status: OrderStatus.PAID,
      subtotalCents: subtotal,
      serviceFeeCents,
      platformFeeCents,
      totalCents: subtotal + serviceFeeCents,
      currency: 'EUR',
      paymentMode: t.app.get<PaymentGateway>(PAYMENT_GATEWAY).mode,
      paidAt: new Date(),
    });
    for (const [position, item] of items.entries()) {
      await t.db.dataSource.getRepository(OrderItem).save({ orderId: order.id, photoId: item.photoId, unitPriceCents: item.cents, position });
    }
    return order;
  }

  const getImage = (path: string) => t.http().get(path).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_WEB_URL, PRO_WEB_URL });
    [organizer, photographer] = await Promise.all([register(t, Role.ORGANIZER), register(t, Role.PHOTOGRAPHER)]);
  });

  afterAll(async () => {
    await t?.app.get<Queue>(getQueueToken(QUEUES.DERIVATIVES)).obliterate({ force: true }).catch(() => undefined);
    await t?.close();
  });

  describe('lifecycle', () => {
    it('gives the public page link and follows draft → published → archived → published with a reason for each refusal', async () => {
      const event = await createEvent(organizer, 'Ekiden des Aravis');
      expect(event).toMatchObject({ status: EventStatus.DRAFT, access: 'owner', publicUrl: `${PUBLIC_WEB_URL}/events/${event.slug}`, hasCover: false });
      expect(event.branding).toEqual({ watermarkText: null, watermarkOpacity: 0.45, watermarkPosition: 'tiled', logoUrl: null });

      expect((await patch(organizer, event.id, { status: EventStatus.PUBLISHED }).expect(200)).body.status).toBe(EventStatus.PUBLISHED);
      await t.http().get(`/api/public/events/${event.slug}`).expect(200);
      // Nothing sold yet: back to draft is allowed (the page goes offline).
      await patch(organizer, event.id, { status: EventStatus.DRAFT }).expect(200);
      await t.http().get(`/api/public/events/${event.slug}`).expect(404);
      await patch(organizer, event.id, { status: EventStatus.PUBLISHED }).expect(200);

      const sold = await photo(event, organizer.user.id, {}, 3);
      await paidOrder(event.id, [{ photoId: sold.photo.id, cents: 600 }], 0, 0);
      const refused = await patch(organizer, event.id, { status: EventStatus.DRAFT }).expect(409);
      expect(refused.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: 'Photos of this event were sold, so it cannot go back to draft (buyers’ orders point to it): archive it instead.',
      });

      await patch(organizer, event.id, { status: EventStatus.ARCHIVED }).expect(200);
      await t.http().get(`/api/public/events/${event.slug}`).expect(404);
      const backToDraft = await patch(organizer, event.id, { status: EventStatus.DRAFT }).expect(409);
      expect(backToDraft.body.message).toBe('An archived event cannot go back to draft: publish it again, or leave it archived.');
      await patch(organizer, event.id, { status: EventStatus.PUBLISHED }).expect(200);
      expect((await t.http().get(`/api/events/${event.id}`).set(...bearer(organizer)).expect(200)).body.status).toBe(EventStatus.PUBLISHED);
    });

    it('refuses to publish without a location, checked on the event as the update leaves it', async () => {
      const event = await createEvent(organizer);
      await t.db.dataSource.getRepository(RaceEvent).update(event.id, { location: ' ' });
      const res = await patch(organizer, event.id, { status: EventStatus.PUBLISHED }).expect(409);
      expect(res.body.message).toBe('Add a location before publishing the event.');
      await patch(organizer, event.id, { status: EventStatus.PUBLISHED, location: 'Annecy' }).expect(200);
    });

    it("answers 404 to someone else's status change and 400 to an unknown status", async () => {
      const event = await createEvent(organizer);
      await patch(photographer, event.id, { status: EventStatus.PUBLISHED }).expect(404);
      const res = await patch(organizer, event.id, { status: 'live' }).expect(400);
      expect(res.body.message).toEqual(['status must be one of: draft, published, archived']);
    });
  });

  describe('cover', () => {
    let event: EventDto;
    const putCover = (file: Buffer, name = 'cover.jpg', owner = organizer) =>
      t.http().put(`/api/events/${event.id}/cover`).set(...bearer(owner)).attach('file', file, name);

    beforeAll(async () => {
      event = await createEvent(organizer, 'Cover race');
    });

    it('refuses what is not an image (415), too big (413), a damaged image (422) and a request without a file (400)', async () => {
      const pdf = await putCover(photoFixtures.pdf(), 'cover.pdf').expect(415);
      expect(pdf.body.message).toBe('The cover must be a JPEG, PNG or WebP image. This file is a PDF document; only JPEG, PNG and WebP photos are accepted.');
      const huge = Buffer.concat([await photoFixtures.jpeg(5), Buffer.alloc(15 * 1024 * 1024)]);
      expect((await putCover(huge).expect(413)).body.message).toBe('The cover is larger than 15 MB');
      const cut = await putCover(photoFixtures.truncated(await photoFixtures.jpeg(6, 1200, 800))).expect(422);
      expect(cut.body.message).toMatch(/^The cover was refused: The image is damaged or incomplete/);
      const none = await t.http().put(`/api/events/${event.id}/cover`).set(...bearer(organizer)).field('other', 'x').expect(400);
      expect(none.body.message).toBe('Send the cover as multipart/form-data in a field named "file"');
      expect((await t.http().get(`/api/events/${event.id}`).set(...bearer(organizer)).expect(200)).body.hasCover).toBe(false);
    });

    it('stores the cover 1600 px wide, serves it while a draft, replaces and removes it without leaving files', async () => {
      await putCover(await photoFixtures.jpeg(7), 'cover.jpg', photographer).expect(404);
      const first = (await putCover(await sharp(await photoFixtures.jpeg(7, 1000, 600)).resize(3000, 1800).jpeg().toBuffer()).expect(200)).body as EventDto;
      expect(first.hasCover).toBe(true);
      expect(first.coverUrl).toMatch(new RegExp(`^/api/media/events/${event.id}/cover/[0-9a-f-]{36}\\.jpg$`));
      const served = await getImage(first.coverUrl as string).expect(200).expect('Content-Type', 'image/jpeg');
      expect(await sharp(served.body as Buffer).metadata()).toMatchObject({ format: 'jpeg', width: 1600, height: 960 });

      const second = (await putCover(await photoFixtures.png(8), 'cover.png').expect(200)).body as EventDto;
      expect(second.coverUrl).not.toBe(first.coverUrl);
      const firstKey = (first.coverUrl as string).slice('/api/media/'.length);
      expect(await storage().exists(firstKey)).toBe(false);
      await t.http().get(first.coverUrl as string).expect(404);

      const removed = (await t.http().delete(`/api/events/${event.id}/cover`).set(...bearer(organizer)).expect(200)).body as EventDto;
      expect(removed).toMatchObject({ hasCover: false, coverUrl: null });
      expect(await storage().exists((second.coverUrl as string).slice('/api/media/'.length))).toBe(false);
    });
  });

  describe('branding', () => {
    let event: EventDto;
    let sample: { photo: Photo; original: Buffer };
    const preview = (body: object, owner = organizer) =>
      t.http().post(`/api/events/${event.id}/branding/preview`).set(...bearer(owner)).send(body).buffer(true).parse(binary);

    beforeAll(async () => {
      event = await createEvent(organizer, 'Branding race');
    });

    it('validates the branding with clear messages', async () => {
      const res = await t
        .http()
        .put(`/api/events/${event.id}/branding`)
        .set(...bearer(organizer))
        .send({ watermarkText: 'x'.repeat(61), watermarkOpacity: 0.9, watermarkPosition: 'left' })
        .expect(400);
      expect(res.body.message).toEqual(
        expect.arrayContaining([
          'watermarkText must be at most 60 characters',
          'watermarkOpacity must be between 0.1 and 0.8',
          'watermarkPosition must be one of: tiled, bottom-right, center',
        ]),
      );
    });

    it('previews on a neutral scene while the event has no photo, with the same renderer', async () => {
      const res = await preview({ watermarkText: 'Studio Dupont' }).expect(200).expect('Content-Type', 'image/jpeg').expect('Cache-Control', 'no-store');
      const watermark = await t.app.get(EventWatermarks).forEvent(await t.db.dataSource.getRepository(RaceEvent).findOneByOrFail({ id: event.id }), { watermarkText: 'Studio Dupont' });
      expect((res.body as Buffer).equals(await watermarkedWebJpeg(await neutralSamplePixels(), watermark))).toBe(true);
    });

    it('previews on the first processed photo: the very bytes the derivatives stage makes, different for another text, nothing saved', async () => {
      sample = await photo(event, organizer.user.id, {}, 21);
      await photo(event, organizer.user.id, { status: PhotoStatus.PROCESSING }, 22);
      const tried = { watermarkText: 'Studio Dupont', watermarkOpacity: 0.6, watermarkPosition: 'center' };
      const res = await preview(tried).expect(200);
      const stage = await makeDerivatives(sample.original, { watermark: { text: 'Studio Dupont', opacity: 0.6, position: 'center' } });
      expect((res.body as Buffer).equals(stage.webJpeg)).toBe(true);
      expect(await sharp(res.body as Buffer).metadata()).toMatchObject({ format: 'jpeg', width: 900, height: 600 });

      const other = await preview({ ...tried, watermarkText: 'Another studio' }).expect(200);
      expect((other.body as Buffer).equals(res.body as Buffer)).toBe(false);
      // Nothing was saved by previewing.
      expect((await t.http().get(`/api/events/${event.id}`).set(...bearer(organizer)).expect(200)).body.branding.watermarkText).toBeNull();
      await preview(tried, photographer).expect(404);
      expect((await preview({ watermarkOpacity: 2 }).expect(400)).body.toString()).toContain('watermarkOpacity must be between 0.1 and 0.8');
    });

    it('takes a PNG or JPEG logo (2 MB at most), serves it, and draws it in the preview', async () => {
      const putLogo = (file: Buffer, name: string) => t.http().put(`/api/events/${event.id}/branding/logo`).set(...bearer(organizer)).attach('file', file, name);
      const webp = await putLogo(await photoFixtures.webp(4), 'logo.webp').expect(415);
      expect(webp.body.message).toBe('The logo must be a PNG or JPEG image; this file is a WEBP image.');
      const svg = await putLogo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'logo.svg').expect(415);
      expect(svg.body.message).toMatch(/^The logo must be a PNG or JPEG image\. This file is a text \(SVG, HTML or XML\) file/);
      expect((await putLogo(Buffer.concat([await photoFixtures.jpeg(9), Buffer.alloc(2 * 1024 * 1024)]), 'logo.jpg').expect(413)).body.message).toBe(
        'The logo is larger than 2 MB',
      );

      const logo = await sharp({ create: { width: 800, height: 400, channels: 4, background: { r: 230, g: 30, b: 30, alpha: 1 } } }).png().toBuffer();
      const saved = (await putLogo(logo, 'logo.png').expect(200)).body as UpdateEventBrandingResponse;
      const logoUrl = saved.event.branding.logoUrl as string;
      expect(logoUrl).toMatch(new RegExp(`^/api/media/events/${event.id}/branding/logo-[0-9a-f-]{36}\\.png$`));
      const served = await getImage(logoUrl).expect(200).expect('Content-Type', 'image/png');
      expect(await sharp(served.body as Buffer).metadata()).toMatchObject({ format: 'png', width: 512, height: 256 });

      const withLogo = (await preview({ watermarkPosition: 'center' }).expect(200)).body as Buffer;
      const withoutLogo = (await preview({ watermarkPosition: 'center', withLogo: false }).expect(200)).body as Buffer;
      expect(withLogo.equals(withoutLogo)).toBe(false);

      const removed = (await t.http().delete(`/api/events/${event.id}/branding/logo`).set(...bearer(organizer)).expect(200)).body as UpdateEventBrandingResponse;
      expect(removed.event.branding.logoUrl).toBeNull();
      await t.http().get(logoUrl).expect(404);
      expect(await storage().exists(logoUrl.slice('/api/media/'.length))).toBe(false);
    });

    describe('saving re-renders the public copies (worker in-process)', () => {
      let worker: INestApplicationContext;
      const queue = () => t.app.get<Queue>(getQueueToken(QUEUES.DERIVATIVES));

      afterAll(async () => {
        await worker?.close();
      });

      it('queues the rendered photos only, and the worker redraws their derivatives alone with the saved branding', async () => {
        const notRendered = await photo(event, organizer.user.id, { webKey: null, thumbKey: null, status: PhotoStatus.PROCESSING }, 23);
        const rendered = (await t.db.dataSource.getRepository(Photo).findBy({ eventId: event.id })).filter((row) => row.webKey !== null);
        await t.db.dataSource.getRepository(Photo).update(rendered.map((row) => row.id), { stageTimestamps: { normalise: '2026-06-14T08:00:00.000Z', derivatives: '2026-06-14T08:00:01.000Z', bibs: '2026-06-14T08:00:02.000Z' } });

        const saved = (
          await t
            .http()
            .put(`/api/events/${event.id}/branding`)
            .set(...bearer(organizer))
            .send({ watermarkText: '  Studio Dupont  ', watermarkOpacity: 0.7, watermarkPosition: 'bottom-right' })
            .expect(200)
        ).body as UpdateEventBrandingResponse;
        expect(saved.derivativesQueued).toBe(rendered.length);
        expect(saved.event.branding).toEqual({ watermarkText: 'Studio Dupont', watermarkOpacity: 0.7, watermarkPosition: 'bottom-right', logoUrl: null });
        expect(saved.event.watermarkText).toBe('Studio Dupont');
        const jobs = await queue().getJobs(['waiting', 'delayed']);
        expect(jobs.map((job) => job.name)).toEqual(rendered.map(() => JOBS.RERENDER_DERIVATIVES));
        expect(jobs.map((job) => job.data.photoId).sort()).toEqual(rendered.map((row) => row.id).sort());
        expect(jobs.map((job) => job.data.photoId)).not.toContain(notRendered.photo.id);

        // Saving the same branding again changes nothing, so nothing more is queued.
        const again = (await t.http().put(`/api/events/${event.id}/branding`).set(...bearer(organizer)).send({ watermarkText: 'Studio Dupont' }).expect(200))
          .body as UpdateEventBrandingResponse;
        expect(again.derivativesQueued).toBe(0);

        worker = await (await Test.createTestingModule({ imports: [WorkerModule] }).compile()).init();
        const expected = await makeDerivatives(sample.original, { watermark: { text: 'Studio Dupont', opacity: 0.7, position: 'bottom-right' } });
        const webJpegKey = storageKeys.webJpeg(event.id, sample.photo.id);
        const deadline = Date.now() + 60_000;
        while (!(await storage().exists(webJpegKey)) || !(await storage().getBuffer(webJpegKey)).equals(expected.webJpeg)) {
          if (Date.now() > deadline) throw new Error('The derivatives were not re-rendered in time');
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        expect((await storage().getBuffer(storageKeys.thumb(event.id, sample.photo.id))).equals(expected.thumbJpeg)).toBe(true);
        // Derivatives only: the stage record is untouched and no bib or face job was queued.
        const after = await t.db.dataSource.getRepository(Photo).findOneByOrFail({ id: sample.photo.id });
        expect(after.stageTimestamps).toEqual({ normalise: '2026-06-14T08:00:00.000Z', derivatives: '2026-06-14T08:00:01.000Z', bibs: '2026-06-14T08:00:02.000Z' });
        expect(after.status).toBe(PhotoStatus.PROCESSED);
        for (const name of [QUEUES.BIBS, QUEUES.FACES, QUEUES.QUALITY, QUEUES.LINKING]) {
          expect(await t.app.get<Queue>(getQueueToken(name)).getJobCounts()).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: 0 });
        }
      }, 120_000);

      it('re-renders too when the watermark text is changed through PATCH /events/:id', async () => {
        await patch(organizer, event.id, { watermarkText: 'Photos Dupont' }).expect(200);
        const expected = await makeDerivatives(sample.original, { watermark: { text: 'Photos Dupont', opacity: 0.7, position: 'bottom-right' } });
        const webJpegKey = storageKeys.webJpeg(event.id, sample.photo.id);
        const deadline = Date.now() + 60_000;
        while (!(await storage().getBuffer(webJpegKey)).equals(expected.webJpeg)) {
          if (Date.now() > deadline) throw new Error('The derivatives were not re-rendered in time');
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        expect((await patch(organizer, event.id, { watermarkText: 'x'.repeat(61) }).expect(400)).body.message).toEqual(['watermarkText must be at most 60 characters']);
      }, 120_000);
    });
  });

  describe('statistics', () => {
    let event: EventDto;
    const stats = (who: AuthResponse) => t.http().get(`/api/events/${event.id}/stats`).set(...bearer(who));
    const today = new Date().toISOString().slice(0, 10);

    beforeAll(async () => {
      event = await createEvent(organizer, 'Stats race');
      await patch(organizer, event.id, { status: EventStatus.PUBLISHED }).expect(200);
      await t.http().post(`/api/events/${event.id}/photographers`).set(...bearer(organizer)).send({ email: photographer.user.email }).expect(201);
      const bibs = t.db.dataSource.getRepository(BibNumber);
      const bib = (photoId: string, number: string, source: BibSource) => bibs.save({ photoId, eventId: event.id, number, source, confidence: 0.9, box: null });

      const a = await photo(event, organizer.user.id, {}, 31);
      await bib(a.photo.id, '101', BibSource.OCR);
      await bib(a.photo.id, '102', BibSource.MANUAL);
      await photo(event, organizer.user.id, { status: PhotoStatus.PROCESSING }, 32);
      const b = await photo(event, photographer.user.id, {}, 33);
      await bib(b.photo.id, '103', BibSource.MANUAL);
      const c = await photo(event, photographer.user.id, {}, 34);
      await bib(c.photo.id, '101', BibSource.FACE_LINK);
      await photo(event, photographer.user.id, { status: PhotoStatus.FAILED }, 35);
      await t.db.dataSource.getRepository(StartListEntry).save({ eventId: event.id, bib: '101', firstName: 'Léa', lastName: 'Moreau' });

      // Runners search through the real public endpoints: 2 by bib, 1 by name, 1 by selfie (unreadable: still a search).
      const slug = event.slug;
      await t.http().get(`/api/public/events/${slug}/search?bib=101`).expect(200);
      await t.http().get(`/api/public/events/${slug}/search?bib=999`).expect(200);
      await t.http().get(`/api/public/events/${slug}/search?name=moreau`).expect(200);
      await t.http().post(`/api/public/events/${slug}/search/selfie`).field('consent', 'true').attach('selfie', Buffer.from('not an image'), 'me.jpg').expect(422);
      // Refused searches are not counted: a malformed bib, an unknown event.
      await t.http().get(`/api/public/events/${slug}/search?bib=${'9'.repeat(20)}`).expect(400);

      // One paid order: a's and b's photos at €6, €1 service fee, €1.50 kept by the platform.
      await paidOrder(event.id, [{ photoId: a.photo.id, cents: 600 }, { photoId: b.photo.id, cents: 600 }], 100, 150);
      // Not counted: another payment mode's order, and a refunded one.
      const mode = t.app.get<PaymentGateway>(PAYMENT_GATEWAY).mode;
      await t.db.dataSource.getRepository(Order).save({ eventId: event.id, status: OrderStatus.PAID, subtotalCents: 900, totalCents: 900, paymentMode: mode === 'stripe' ? 'local-test' : 'stripe', paidAt: new Date() });
      await t.db.dataSource.getRepository(Order).save({ eventId: event.id, status: OrderStatus.REFUNDED, subtotalCents: 600, totalCents: 600, paymentMode: t.app.get<PaymentGateway>(PAYMENT_GATEWAY).mode });

      // Counting is fire-and-forget: wait until the four searches are in.
      const deadline = Date.now() + 10_000;
      while ((((await stats(organizer).expect(200)).body as EventStatsDto).searches.total ?? 0) < 4) {
        if (Date.now() > deadline) throw new Error('Searches not counted in time');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });

    it('shows the organizer the whole event across photographers', async () => {
      const body = (await stats(organizer).expect(200)).body as EventStatsDto;
      expect(body).toMatchObject({
        eventId: event.id,
        scope: 'event',
        photosByStatus: { uploaded: 0, processing: 1, processed: 3, failed: 1 },
        total: 5,
        matched: 3,
        matchRate: 0.6,
        byBibSource: { ocr: 1, manual: 2, faceLink: 1 },
        eventTotals: { total: 5, matched: 3, matchRate: 0.6 },
        searches: { total: 4, byKind: { bib: 2, name: 1, selfie: 1 }, byDay: [{ date: today, count: 4 }] },
        sales: { paidOrders: 1, photosSold: 2, grossCents: 1300, netCents: 1150, currency: 'EUR' },
        revenueByDay: [{ date: today, netCents: 1150 }],
      });
      expect(body.topPhotos).toHaveLength(2);
      expect(body.topPhotos[0]).toMatchObject({ timesSold: 1, revenueCents: 600 });
      expect(body.byPhotographer).toEqual([
        { photographerId: photographer.user.id, name: photographer.user.displayName, photos: 3, matched: 2 },
        { photographerId: organizer.user.id, name: organizer.user.displayName, photos: 2, matched: 1 },
      ]);
    });

    it('shows an invited photographer their own photos beside the event totals', async () => {
      const body = (await stats(photographer).expect(200)).body as EventStatsDto;
      expect(body).toMatchObject({
        scope: 'photographer',
        photosByStatus: { uploaded: 0, processing: 0, processed: 2, failed: 1 },
        total: 3,
        matched: 2,
        matchRate: 0.667,
        byBibSource: { ocr: 0, manual: 1, faceLink: 1 },
        eventTotals: { total: 5, matched: 3, matchRate: 0.6 },
        searches: { total: 4 },
        // b's €6 item, and its share of the order's net: 600 × 1150 / 1200.
        sales: { paidOrders: 1, photosSold: 1, grossCents: 600, netCents: 575, currency: 'EUR' },
        revenueByDay: [{ date: today, netCents: 575 }],
      });
      expect(body.topPhotos).toHaveLength(1);
      expect(body.byPhotographer).toEqual([{ photographerId: photographer.user.id, name: photographer.user.displayName, photos: 3, matched: 2 }]);
    });

    it('answers 404 to anyone else', async () => {
      const outsider = await register(t, Role.PHOTOGRAPHER);
      await stats(outsider).expect(404);
      await t.http().get(`/api/events/${event.id}/stats`).expect(401);
    });

    it('sums the pro’s events on the dashboard: owned whole, invited ones for their photos', async () => {
      const mine = (await t.http().get('/api/stats/overview').set(...bearer(organizer)).expect(200)).body as StatsOverviewDto;
      const row = mine.events.find((candidate) => candidate.eventId === event.id);
      expect(row).toMatchObject({ name: 'Stats race', access: 'owner', status: EventStatus.PUBLISHED, total: 5, matched: 3, searches: 4, paidOrders: 1, photosSold: 2, netCents: 1150, currency: 'EUR' });
      expect(mine.totals.events).toBe(mine.events.length);
      expect(mine.totals.searches).toBe(mine.events.reduce((sum, candidate) => sum + candidate.searches, 0));
      expect(mine.totals.currency).toBe('EUR');

      const theirs = (await t.http().get('/api/stats/overview').set(...bearer(photographer)).expect(200)).body as StatsOverviewDto;
      expect(theirs.events.find((candidate) => candidate.eventId === event.id)).toMatchObject({ access: 'photographer', total: 3, matched: 2, photosSold: 1, netCents: 575 });
    });
  });

  describe('photographers and invitations', () => {
    let event: EventDto;
    const invite = (email: string, owner = organizer) => t.http().post(`/api/events/${event.id}/photographers`).set(...bearer(owner)).send({ email });
    const list = async () => (await t.http().get(`/api/events/${event.id}/photographers`).set(...bearer(organizer)).expect(200)).body as EventPhotographerDto[];

    beforeAll(async () => {
      event = await createEvent(organizer, 'Invitations race');
    });

    it('adds a photographer’s account at once, tells them, and shows them the event', async () => {
      const entry = (await invite(`  ${photographer.user.email.toUpperCase()} `).expect(201)).body as EventPhotographerDto;
      expect(entry).toEqual({
        id: expect.any(String),
        photographerId: photographer.user.id,
        name: photographer.user.displayName,
        email: photographer.user.email,
        status: 'active',
        invitedAt: expect.any(String),
      });
      const [notice] = await outboxFor(t, photographer.user.email);
      expect(notice.subject).toBe('You were added to Invitations race');
      expect(notice.text).toContain(`${PRO_WEB_URL}/events`);

      const theirs = (await t.http().get('/api/events').set(...bearer(photographer)).expect(200)).body as EventDto[];
      expect(theirs.find((candidate) => candidate.id === event.id)).toMatchObject({ access: 'photographer', ownerId: organizer.user.id });
      expect((await t.http().get(`/api/events/${event.id}`).set(...bearer(photographer)).expect(200)).body.access).toBe('photographer');
      // Seeing is not managing.
      await patch(photographer, event.id, { name: 'Mine now' }).expect(404);
      await t.http().get(`/api/events/${event.id}/photographers`).set(...bearer(photographer)).expect(404);
      await invite(uniqueEmail('friend'), photographer).expect(404);

      const again = await invite(photographer.user.email).expect(409);
      expect(again.body.message).toBe(`${photographer.user.email} already works on this event.`);
    });

    it('refuses the address of another role’s account and the owner’s own (409)', async () => {
      const runner = await register(t);
      expect((await invite(runner.user.email).expect(409)).body.message).toBe(
        `${runner.user.email} is the address of a runner account, not a photographer’s: only photographers can be added to an event.`,
      );
      const club = await register(t, Role.CLUB);
      expect((await invite(club.user.email).expect(409)).body.message).toMatch(/is the address of a club account/);
      expect((await invite(organizer.user.email).expect(409)).body.message).toBe('This is the event owner’s own account: the owner can already upload.');
      expect((await invite('not-an-email').expect(400)).body.message).toEqual(['email must be a valid email address']);
    });

    it('invites an unknown address by email; registering with the link joins the event', async () => {
      const email = uniqueEmail('newcomer');
      const entry = (await invite(email).expect(201)).body as EventPhotographerDto;
      expect(entry).toMatchObject({ photographerId: null, name: null, email, status: 'invited' });
      expect((await invite(email.toUpperCase()).expect(409)).body.message).toBe(`An invitation was already sent to ${email} for this event.`);

      const [mail] = await outboxFor(t, email);
      expect(mail.subject).toBe(`${organizer.user.displayName} invites you to photograph Invitations race`);
      const link = /https:\/\/pro\.example\.test\/register\?invite=[^\s"&]+&email=[^\s"]+/.exec(mail.text)?.[0] as string;
      expect(link).toBeDefined();
      const url = new URL(link);
      expect(url.searchParams.get('email')).toBe(email);
      const token = url.searchParams.get('invite') as string;
      // The database keeps a hash, never the token.
      const stored = await t.db.dataSource.getRepository(EventPhotographer).findOneByOrFail({ id: entry.id });
      expect(stored.inviteTokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.inviteTokenHash).not.toContain(token);
      expect(stored.inviteExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 13 * 24 * 3600_000);

      // Registered with another address (the person's usual one): the token is what proves the invitation.
      const other = uniqueEmail('usual');
      const registered = (
        await t.http().post('/api/auth/register').send({ email: other, password: TEST_PASSWORD, displayName: 'Nina Newcomer', role: Role.PHOTOGRAPHER, invite: token }).expect(201)
      ).body as AuthResponse;
      expect((await list()).find((candidate) => candidate.id === entry.id)).toMatchObject({
        photographerId: registered.user.id,
        name: 'Nina Newcomer',
        email,
        status: 'active',
      });
      const joined = await t.db.dataSource.getRepository(EventPhotographer).findOneByOrFail({ id: entry.id });
      expect(joined).toMatchObject({ inviteTokenHash: null, inviteExpiresAt: null });
      expect(((await t.http().get('/api/events').set(...bearer(registered)).expect(200)).body as EventDto[]).map((candidate) => candidate.id)).toContain(event.id);
    });

    it('joins a photographer who registers with the invited address, never another role nor after expiry', async () => {
      const email = uniqueEmail('by-address');
      const entry = (await invite(email).expect(201)).body as EventPhotographerDto;
      const expiredEmail = uniqueEmail('late');
      const expired = (await invite(expiredEmail).expect(201)).body as EventPhotographerDto;
      await t.db.dataSource.getRepository(EventPhotographer).update(expired.id, { inviteExpiresAt: new Date(Date.now() - 1000) });
      const runnerEmail = uniqueEmail('runner-invited');
      const asRunner = (await invite(runnerEmail).expect(201)).body as EventPhotographerDto;

      const byAddress = await register(t, Role.PHOTOGRAPHER, email);
      await register(t, Role.PHOTOGRAPHER, expiredEmail);
      await register(t, Role.RUNNER, runnerEmail);
      const entries = await list();
      expect(entries.find((candidate) => candidate.id === entry.id)).toMatchObject({ status: 'active', photographerId: byAddress.user.id });
      expect(entries.find((candidate) => candidate.id === expired.id)).toMatchObject({ status: 'invited', photographerId: null });
      expect(entries.find((candidate) => candidate.id === asRunner.id)).toMatchObject({ status: 'invited', photographerId: null });
      // A bad token never stops a registration.
      await t.http().post('/api/auth/register').send({ email: uniqueEmail('x'), password: TEST_PASSWORD, displayName: 'X', role: Role.PHOTOGRAPHER, invite: 'forged' }).expect(201);
    });

    it('lets the owner remove a photographer (who then no longer sees the event) or withdraw an invitation', async () => {
      const entries = await list();
      const active = entries.find((candidate) => candidate.photographerId === photographer.user.id) as EventPhotographerDto;
      await t.http().delete(`/api/events/${event.id}/photographers/${active.id}`).set(...bearer(photographer)).expect(404);
      await t.http().delete(`/api/events/${event.id}/photographers/${active.id}`).set(...bearer(organizer)).expect(204);
      await t.http().get(`/api/events/${event.id}`).set(...bearer(photographer)).expect(404);
      const res = await t.http().delete(`/api/events/${event.id}/photographers/${active.id}`).set(...bearer(organizer)).expect(404);
      expect(res.body.message).toBe('This photographer is not on the event');
      await t.http().delete(`/api/events/${event.id}/photographers/nope`).set(...bearer(organizer)).expect(400);
      const pending = (await list()).find((candidate) => candidate.status === 'invited') as EventPhotographerDto;
      await t.http().delete(`/api/events/${event.id}/photographers/${pending.id}`).set(...bearer(organizer)).expect(204);
      expect((await list()).map((candidate) => candidate.id)).not.toContain(pending.id);
    });
  });
});
