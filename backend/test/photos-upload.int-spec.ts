import { AuthResponse, CreditReason, CursorPage, EventDto, PhotoDto, PhotoStatus, PhotoUploadResult, Role } from '@focus-racer/api-types';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import sharp from 'sharp';
import { Test as SupertestRequest } from 'supertest';
import { QUEUES } from '../src/ai-pipeline/queues';
import { EventPhotographer } from '../src/events/entities/event-photographer.entity';
import { CreditTransaction } from '../src/payments/entities/credit-transaction.entity';
import { Photo } from '../src/photos/entities/photo.entity';
import { OBJECT_STORAGE, ObjectStorage } from '../src/storage/object-storage';
import { User } from '../src/users/entities/user.entity';
import { photoFixtures } from './photo-fixtures';
import { bearer, createAdmin, createTestApp, register, TestApp } from './test-app';

describe('photo upload (HTTP multipart, real PostgreSQL, Redis and disk storage)', () => {
  let t: TestApp;
  let alice: AuthResponse;
  let bob: AuthResponse;
  let event: EventDto;

  const setCredits = (user: AuthResponse, creditBalance: number) => t.db.dataSource.getRepository(User).update(user.user.id, { creditBalance });
  const balanceOf = async (user: AuthResponse) => (await t.db.dataSource.getRepository(User).findOneByOrFail({ id: user.user.id })).creditBalance;

  function post(user: AuthResponse, eventId: string, files: [string, Buffer][], query = ''): SupertestRequest {
    let req = t.http().post(`/api/events/${eventId}/photos${query}`).set(...bearer(user));
    for (const [name, content] of files) req = req.attach('files', content, { filename: name, contentType: 'application/octet-stream' });
    return req;
  }

  beforeAll(async () => {
    t = await createTestApp();
    [alice, bob] = await Promise.all([register(t, Role.PHOTOGRAPHER), register(t, Role.PHOTOGRAPHER)]);
    event = (await t.http().post('/api/events').set(...bearer(alice)).send({ name: 'Trail des Crêtes', date: '2026-06-01', location: 'Vosges', sport: 'trail' }).expect(201))
      .body as EventDto;
  });

  afterAll(async () => {
    await Promise.all(Object.values(QUEUES).map((name) => t?.app.get<Queue>(getQueueToken(name)).obliterate({ force: true }).catch(() => undefined)));
    await t?.close();
  });

  it('accepts good JPEG/PNG/WebP, rejects the rest file by file, charges 1 credit per accepted photo in the ledger', async () => {
    await setCredits(alice, 10);
    const jpeg = await photoFixtures.jpeg(11);
    const files: [string, Buffer][] = [
      ['finish.jpg', jpeg],
      ['podium.png', await photoFixtures.png()],
      ['start.webp', await photoFixtures.webp()],
      ['results.pdf', photoFixtures.pdf()],
      ['empty.jpg', Buffer.alloc(0)],
      ['cut.jpg', photoFixtures.truncated(await photoFixtures.jpeg(12))],
      ['bomb.png', photoFixtures.hugePng()],
      ['finish-again.jpg', jpeg],
    ];
    const res = await post(alice, event.id, files).expect(201);
    const body = res.body as PhotoUploadResult;
    expect(body.files.map((file) => [file.filename, file.status])).toEqual([
      ['finish.jpg', 'accepted'],
      ['podium.png', 'accepted'],
      ['start.webp', 'accepted'],
      ['results.pdf', 'rejected'],
      ['empty.jpg', 'rejected'],
      ['cut.jpg', 'rejected'],
      ['bomb.png', 'rejected'],
      ['finish-again.jpg', 'rejected'],
    ]);
    expect(body.files[3].reason).toMatch(/PDF.*only JPEG, PNG and WebP photos are accepted/);
    expect(body.files[4].reason).toBe('The file is empty (0 bytes).');
    expect(body.files[5].reason).toMatch(/damaged or incomplete/);
    expect(body.files[6].reason).toMatch(/50000 × 50000 pixels .*the limit is 100 megapixels/);
    expect(body.files[7].reason).toBe('Already uploaded to this event');
    expect(body).toMatchObject({ accepted: 3, rejected: 5, creditBalance: 7 });
    expect(await balanceOf(alice)).toBe(7);

    const photoIds = body.files.filter((file) => file.photoId).map((file) => file.photoId as string);
    const photos = await t.db.dataSource.getRepository(Photo).findBy(photoIds.map((id) => ({ id })));
    expect(photos).toHaveLength(3);
    const storage = t.app.get<ObjectStorage>(OBJECT_STORAGE);
    for (const photo of photos) {
      expect(photo).toMatchObject({ eventId: event.id, uploaderId: alice.user.id, status: PhotoStatus.UPLOADED, creditCharged: true });
      expect(photo.originalKey).toMatch(new RegExp(`^events/${event.id}/originals/${photo.id}\\.(jpg|png|webp)$`));
      expect(await storage.exists(photo.originalKey)).toBe(true);
    }
    expect(photos.find((photo) => photo.originalFilename === 'finish.jpg')?.sizeBytes).toBe(jpeg.length);

    const ledger = await t.db.dataSource.getRepository(CreditTransaction).find({ where: { userId: alice.user.id }, order: { balanceAfter: 'DESC' } });
    expect(ledger.map((row) => [row.reason, row.delta, row.balanceAfter])).toEqual([
      [CreditReason.PHOTO_PROCESSED, -1, 9],
      [CreditReason.PHOTO_PROCESSED, -1, 8],
      [CreditReason.PHOTO_PROCESSED, -1, 7],
    ]);
    expect(ledger.map((row) => row.photoId).sort()).toEqual([...photoIds].sort());

    const normalise = t.app.get<Queue>(getQueueToken(QUEUES.NORMALISE));
    for (const id of photoIds) expect(await normalise.getJob(`${id}-normalise`)).not.toBeNull();
  });

  it('answers 402 before reading anything when the declared files exceed the balance, saying how many credits are missing', async () => {
    await setCredits(alice, 2);
    const res = await post(alice, event.id, [['a.jpg', await photoFixtures.jpeg(21)]], '?fileCount=5').expect(402);
    expect(res.body).toEqual({ statusCode: 402, error: 'Payment Required', message: 'This upload needs 5 credits but you have 2: buy at least 3 more credits' });
    await setCredits(alice, 0);
    const empty = await post(alice, event.id, [['a.jpg', await photoFixtures.jpeg(21)]]).expect(402);
    expect(empty.body.message).toBe('This upload needs 1 credit but you have 0: buy at least 1 more credit');
    expect(await t.db.dataSource.getRepository(Photo).countBy({ originalFilename: 'a.jpg' })).toBe(0);
  });

  it('rejects the files after the balance runs out mid-batch, and does not charge them', async () => {
    await setCredits(alice, 1);
    const res = await post(alice, event.id, [
      ['one.jpg', await photoFixtures.jpeg(31)],
      ['two.jpg', await photoFixtures.jpeg(32)],
      ['three.jpg', await photoFixtures.jpeg(33)],
    ]).expect(201);
    const body = res.body as PhotoUploadResult;
    expect(body.files.map((file) => file.status)).toEqual(['accepted', 'rejected', 'rejected']);
    expect(body.files[1].reason).toMatch(/ran out of credits/);
    expect(body.files[2].reason).toMatch(/ran out of credits/);
    expect(body.creditBalance).toBe(0);
    expect(await t.db.dataSource.getRepository(Photo).countBy({ originalFilename: 'two.jpg' })).toBe(0);
  });

  it('hides the event from a pro who neither owns it nor shoots it (404), and lets an assigned photographer and an admin upload', async () => {
    await setCredits(bob, 5);
    const res = await post(bob, event.id, [['b.jpg', await photoFixtures.jpeg(41)]]).expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Event not found' });

    await t.db.dataSource.getRepository(EventPhotographer).insert({ eventId: event.id, photographerId: bob.user.id });
    const assigned = await post(bob, event.id, [['b.jpg', await photoFixtures.jpeg(41)]]).expect(201);
    expect(assigned.body).toMatchObject({ accepted: 1, creditBalance: 4 });

    const admin = await createAdmin(t);
    await setCredits(admin, 1);
    await post(admin, event.id, [['c.jpg', await photoFixtures.jpeg(42)]]).expect(201);
  });

  it('refuses a body that is not multipart (400) and a runner (403)', async () => {
    await setCredits(alice, 3);
    const res = await t.http().post(`/api/events/${event.id}/photos`).set(...bearer(alice)).send({ files: [] }).expect(400);
    expect(res.body.message).toBe('Send the photos as multipart/form-data, in the field "files"');
    const runner = await register(t);
    await post(runner, event.id, []).expect(403);
  });

  it("lists an event's photos to its owner, 100 a page in upload order, with a cursor to the next page", async () => {
    const gallery = (await t.http().post('/api/events').set(...bearer(alice)).send({ name: 'Cross du Parc', date: '2026-03-01', location: 'Nantes', sport: 'running' }).expect(201))
      .body as EventDto;
    await setCredits(alice, 200);
    let req = post(alice, gallery.id, []);
    for (let i = 0; i < 101; i++) {
      const tiny = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: i, g: 255 - i, b: 7 } } })
        .withExif({ IFD0: { ImageDescription: `tiny ${i}` } }) // solid colours can encode alike: make every file unique
        .jpeg()
        .toBuffer();
      req = req.attach('files', tiny, { filename: `tiny-${i}.jpg`, contentType: 'image/jpeg' });
    }
    const uploaded = (await req.expect(201)).body as PhotoUploadResult;
    expect(uploaded.accepted).toBe(101);

    const first = (await t.http().get(`/api/events/${gallery.id}/photos`).set(...bearer(alice)).expect(200)).body as CursorPage<PhotoDto>;
    expect(first.items).toHaveLength(100);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(first.items[0]).toMatchObject({ eventId: gallery.id, status: PhotoStatus.UPLOADED, mimeType: 'image/jpeg', thumbUrl: null, webUrl: null, isBlurry: false, duplicateOfId: null });
    const second = (await t.http().get(`/api/events/${gallery.id}/photos?cursor=${first.nextCursor}`).set(...bearer(alice)).expect(200)).body as CursorPage<PhotoDto>;
    expect(second).toMatchObject({ nextCursor: null });
    expect(second.items).toHaveLength(1);
    const listed = [...first.items, ...second.items].map((photo) => photo.id);
    expect(listed).toEqual(uploaded.files.map((file) => file.photoId as string));

    const res = await t.http().get(`/api/events/${gallery.id}/photos`).set(...bearer(bob)).expect(404);
    expect(res.body.message).toBe('Event not found');
    await t.http().get(`/api/events/${gallery.id}/photos?cursor=nope`).set(...bearer(alice)).expect(400);
  });
});
