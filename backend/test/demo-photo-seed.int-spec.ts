/**
 * @jest-environment ./src/ai-pipeline/recognition/onnx-jest-environment.cjs
 */
import { CreditReason, PhotoStatus, Role, SearchResponse } from '@focus-racer/api-types';
import { getQueueToken } from '@nestjs/bull';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Queue } from 'bull';
import { In } from 'typeorm';
import { QUEUES } from '../src/ai-pipeline/queues';
import { RaceEvent } from '../src/events/entities/event.entity';
import { CreditTransaction } from '../src/payments/entities/credit-transaction.entity';
import { BibNumber } from '../src/photos/entities/bib-number.entity';
import { Photo } from '../src/photos/entities/photo.entity';
import { PhotosService } from '../src/photos/photos.service';
import { User } from '../src/users/entities/user.entity';
import { WorkerModule } from '../src/worker.module';
import { seedDemoPhotos } from '../src/database/seeds/demo-photo-seed';
import { DEMO_START_LIST, planDemoPhotos } from '../src/database/seeds/demo-photos';
import { DEMO_ACCOUNTS, DEMO_EVENTS, DEMO_PHOTOGRAPHER_CREDITS, seedDemo } from '../src/database/seeds/demo-seed';
import { createTestApp, TestApp } from './test-app';

/**
 * The demo race's photos go in through the real upload path (what `npm run db:seed`, hence `npm start`, does) and
 * come out of the real worker with their bibs read, so the public search finds runners by bib and by name. The
 * first seven photos of the demo set are enough: three runners a photo, one from behind, one near-duplicate.
 */
// Full-size photos through the real OCR on a shared 2-core machine: give the pipeline time, never assert on it.
jest.setTimeout(240_000);

describe('demo photos (seeded through the upload path, processed by the real worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext | undefined;
  const plans = planDemoPhotos().slice(0, 7);
  const demoEvent = DEMO_EVENTS.find((event) => event.withDemoPhotos);
  const photographerEmail = DEMO_ACCOUNTS.find((account) => account.role === Role.PHOTOGRAPHER)?.email;
  let event: RaceEvent;
  let photographer: User;
  const photos = () => t.db.dataSource.getRepository(Photo).find({ where: { eventId: event.id }, order: { originalFilename: 'ASC' } });
  const balance = async () => (await t.db.dataSource.getRepository(User).findOneByOrFail({ id: photographer.id })).creditBalance;
  const seed = async () => {
    const lines: string[] = [];
    const result = await seedDemoPhotos(t.app.get(PhotosService), t.db.dataSource, (line) => lines.push(line), { plans });
    return { result, lines };
  };

  beforeAll(async () => {
    t = await createTestApp({ PIPELINE_CONCURRENCY: '2', BIB_READER: 'local' });
    await seedDemo(t.db.dataSource, () => undefined);
    event = await t.db.dataSource.getRepository(RaceEvent).findOneByOrFail({ slug: demoEvent?.slug });
    photographer = await t.db.dataSource.getRepository(User).findOneByOrFail({ email: photographerEmail });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(Object.values(QUEUES).map((name) => t?.app.get<Queue>(getQueueToken(name)).obliterate({ force: true }).catch(() => undefined)));
    await worker?.close();
    await t?.close();
  });

  it('uploads the generated photos as the demo photographer: stored, 1 credit each, queued for the pipeline', async () => {
    const { result, lines } = await seed();

    expect(result).toEqual({ queued: plans.length, alreadyThere: 0, rejected: [] });
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^uploaded ${plans.length} generated demo photos to ${demoEvent?.slug} as ${photographerEmail}`))]);
    const stored = await photos();
    expect(stored.map((photo) => photo.originalFilename)).toEqual(plans.map((plan) => plan.filename));
    for (const photo of stored) {
      expect(photo).toMatchObject({ uploaderId: photographer.id, creditCharged: true, mimeType: 'image/jpeg', width: 2400, height: 1600 });
    }
    expect(await balance()).toBe(DEMO_PHOTOGRAPHER_CREDITS - plans.length);
    expect(await t.db.dataSource.getRepository(CreditTransaction).countBy({ userId: photographer.id, reason: CreditReason.PHOTO_PROCESSED })).toBe(plans.length);
    const queued = await t.app.get<Queue>(getQueueToken(QUEUES.NORMALISE)).getJobCounts();
    expect(queued.waiting + queued.active + queued.delayed).toBe(plans.length);
  });

  it('uploads and charges nothing when run again', async () => {
    const before = await photos();
    const { result, lines } = await seed();

    expect(result).toEqual({ queued: 0, alreadyThere: plans.length, rejected: [] });
    expect(lines).toEqual([`demo photos already in ${demoEvent?.slug} (${plans.length}), nothing uploaded`]);
    expect((await photos()).map((photo) => photo.id)).toEqual(before.map((photo) => photo.id));
    expect(await balance()).toBe(DEMO_PHOTOGRAPHER_CREDITS - plans.length);
  });

  it('completes a run that was interrupted: only the missing photos are uploaded and charged', async () => {
    const missing = [plans[3].filename, plans[4].filename];
    await t.db.dataSource.getRepository(Photo).delete({ eventId: event.id, originalFilename: In(missing) });

    const { result } = await seed();

    expect(result).toEqual({ queued: 2, alreadyThere: plans.length - 2, rejected: [] });
    expect((await photos()).map((photo) => photo.originalFilename)).toEqual(plans.map((plan) => plan.filename));
    expect(await balance()).toBe(DEMO_PHOTOGRAPHER_CREDITS - plans.length - 2);
  });

  it('comes out of the worker with the bibs of the start list read, duplicates flagged, and found by bib and by name', async () => {
    worker = await (await Test.createTestingModule({ imports: [WorkerModule] }).compile()).init();
    const deadline = Date.now() + 220_000;
    let stored = await photos();
    while (!stored.every((photo) => photo.status === PhotoStatus.PROCESSED || photo.status === PhotoStatus.FAILED)) {
      if (Date.now() > deadline) throw new Error(`Not processed in time: ${JSON.stringify(stored.map((photo) => [photo.originalFilename, photo.status]))}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      stored = await photos();
    }
    expect(stored.map((photo) => [photo.originalFilename, photo.status, photo.processingError])).toEqual(
      plans.map((plan) => [plan.filename, PhotoStatus.PROCESSED, null]),
    );

    const bibRows = await t.db.dataSource.getRepository(BibNumber).findBy({ eventId: event.id });
    const byFilename = new Map(stored.map((photo) => [photo.originalFilename, photo]));
    for (const plan of plans) {
      const photo = byFilename.get(plan.filename) as Photo;
      const read = bibRows.filter((row) => row.photoId === photo.id).map((row) => row.number);
      expect({ photo: plan.filename, bibs: read.sort() }).toEqual({ photo: plan.filename, bibs: [...plan.bibs].sort() });
      // The capture time comes from the EXIF the generator wrote (race morning, Paris time).
      expect(photo.takenAt?.toISOString()).toBe(new Date(`${plan.takenAt.replace(/^(\d+):(\d+):(\d+)/, '$1-$2-$3').replace(' ', 'T')}+01:00`).toISOString());
    }
    const duplicate = plans.find((plan) => plan.kind === 'near-duplicate');
    expect(duplicate).toBeDefined();
    expect(byFilename.get(duplicate?.filename as string)?.duplicateOfId).toBe(byFilename.get(duplicate?.duplicateOf as string)?.id);

    const first = plans[0];
    const runner = DEMO_START_LIST.find((entry) => entry.bib === first.bibs[0]);
    const firstId = byFilename.get(first.filename)?.id;
    const byBib = (await t.http().get(`/api/public/events/${event.slug}/search?bib=${first.bibs[0]}`).expect(200)).body as SearchResponse;
    expect(byBib.results.map((result) => result.photo.id)).toContain(firstId);
    // Typed without accents or capitals, as runners do on a phone.
    const name = `${runner?.firstName} ${runner?.lastName}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const byName = (await t.http().get(`/api/public/events/${event.slug}/search`).query({ name }).expect(200)).body as SearchResponse;
    expect(byName.runners[0]).toMatchObject({ bib: runner?.bib, firstName: runner?.firstName, lastName: runner?.lastName });
    expect(byName.results.map((result) => result.photo.id)).toContain(firstId);
  });
});
