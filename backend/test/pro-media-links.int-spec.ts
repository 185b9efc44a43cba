import { AuthResponse, CursorPage, EventStatus, PhotoDto, PhotoStatus, Role } from '@focus-racer/api-types';
import { randomUUID } from 'node:crypto';
import { RaceEvent } from '../src/events/entities/event.entity';
import { Photo } from '../src/photos/entities/photo.entity';
import { MediaLinkSigner } from '../src/photos/media-link-signer.service';
import { OBJECT_STORAGE, ObjectStorage } from '../src/storage/object-storage';
import { bearer, createTestApp, register, TestApp } from './test-app';

/**
 * The pro app shows the photos of a draft event and the hidden ones (grid, review queue) through signed media links,
 * while `/api/media` without a signature serves runners only what they may see, and never an original.
 */
describe('pro media links (API, PostgreSQL, local storage)', () => {
  let t: TestApp;
  let pro: AuthResponse;
  let storage: ObjectStorage;

  async function eventWithPhoto(status: EventStatus, hidden: boolean): Promise<{ event: RaceEvent; photo: Photo }> {
    const event = await t.db.dataSource.getRepository(RaceEvent).save({
      ownerId: pro.user.id,
      name: `Media ${status}`,
      slug: `media-${randomUUID().slice(0, 8)}`,
      date: '2026-06-07',
      location: 'Lille',
      sport: 'running',
      status,
    });
    const id = randomUUID();
    const photo = await t.db.dataSource.getRepository(Photo).save({
      id,
      eventId: event.id,
      uploaderId: pro.user.id,
      originalKey: `events/${event.id}/originals/${id}.jpg`,
      webKey: `events/${event.id}/web/${id}.webp`,
      thumbKey: `events/${event.id}/thumbs/${id}.jpg`,
      originalFilename: 'finish.jpg',
      mimeType: 'image/jpeg',
      sizeBytes: 1000,
      width: 4000,
      height: 3000,
      contentHash: id.replace(/-/g, '').padEnd(64, '0'),
      status: PhotoStatus.PROCESSED,
      hidden,
    });
    await storage.putBuffer(photo.originalKey, Buffer.from('original bytes'), 'image/jpeg');
    await storage.putBuffer(photo.webKey as string, Buffer.from('web bytes'), 'image/webp');
    await storage.putBuffer(photo.thumbKey as string, Buffer.from('thumb bytes'), 'image/jpeg');
    return { event, photo };
  }

  const listed = async (eventId: string) =>
    (await t.http().get(`/api/events/${eventId}/photos`).set(...bearer(pro)).expect(200)).body as CursorPage<PhotoDto>;

  beforeAll(async () => {
    t = await createTestApp();
    pro = await register(t, Role.PHOTOGRAPHER);
    storage = t.app.get<ObjectStorage>(OBJECT_STORAGE);
  });
  afterAll(() => t?.close());

  it.each([
    ['a draft event', EventStatus.DRAFT, false],
    ['a hidden photo of a published event', EventStatus.PUBLISHED, true],
  ])('shows the pro the copies of %s through signed links; unsigned, nobody gets them', async (_label, status, hidden) => {
    const { event, photo } = await eventWithPhoto(status, hidden);
    const [dto] = (await listed(event.id)).items;
    expect(dto.thumbUrl).toMatch(new RegExp(`^/api/media/events/${event.id}/thumbs/${photo.id}\\.jpg\\?exp=\\d+&sig=[\\w-]{43}$`));

    const thumb = await t.http().get(dto.thumbUrl as string).expect(200);
    expect(thumb.body.toString()).toBe('thumb bytes');
    expect(thumb.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
    expect((await t.http().get(dto.webUrl as string).expect(200)).body.toString()).toBe('web bytes');

    await t.http().get(`/api/media/${photo.thumbKey}`).expect(404);
    const tampered = (dto.thumbUrl as string).replace(/sig=(.)/, (_all, first: string) => `sig=${first === 'A' ? 'B' : 'A'}`);
    await t.http().get(tampered).expect(404);
    // A signature is for one key: the thumbnail's does not open the web copy.
    const sig = new URL(dto.thumbUrl as string, 'http://x').search;
    await t.http().get(`/api/media/${photo.webKey}${sig}`).expect(404);
  });

  it('refuses an expired link and never opens an original, even signed', async () => {
    const { photo } = await eventWithPhoto(EventStatus.DRAFT, false);
    const signer = t.app.get(MediaLinkSigner);
    const old = signer.url(photo.thumbKey, undefined, new Date(Date.now() - 13 * 3600 * 1000)) as string;
    await t.http().get(old).expect(404);
    await t.http().get(signer.url(photo.originalKey) as string).expect(404);
  });

  it('gives redrawn copies (a new watermark) a new address, in the pro app and on the public site', async () => {
    const { event, photo } = await eventWithPhoto(EventStatus.PUBLISHED, false);
    const urls = async () => {
      const [pro] = (await listed(event.id)).items;
      const gallery = (await t.http().get(`/api/public/events/${event.slug}/photos`).expect(200)).body as CursorPage<{ id: string; thumbUrl: string }>;
      return { pro: pro.thumbUrl as string, public: gallery.items.find((item) => item.id === photo.id)?.thumbUrl as string };
    };
    const drawn = async (at: string) => {
      await t.db.dataSource.getRepository(Photo).update(photo.id, { stageTimestamps: { derivatives: at } });
      return urls();
    };
    const first = await drawn('2026-06-07T08:00:00.000Z');
    expect(first.public).toBe(`/api/media/${photo.thumbKey}?v=${(Date.parse('2026-06-07T08:00:00Z') / 1000).toString(36)}`);
    expect(first.pro).toMatch(/&v=[0-9a-z]+$/);
    const again = await drawn('2026-06-07T09:30:00.000Z');
    expect(again.public).not.toBe(first.public);
    expect(again.pro).not.toBe(first.pro);
    expect((await t.http().get(again.public).expect(200)).body.toString()).toBe('thumb bytes');
    expect((await t.http().get(again.pro).expect(200)).body.toString()).toBe('thumb bytes');
  });

  it('keeps serving published, visible copies without a signature, cached publicly', async () => {
    const { photo } = await eventWithPhoto(EventStatus.PUBLISHED, false);
    const res = await t.http().get(`/api/media/${photo.thumbKey}`).expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
  });
});
