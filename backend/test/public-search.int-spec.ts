import { BibSource, EventStatus, PhotoStatus, Role, SearchResponse } from '@focus-racer/api-types';
import { randomUUID } from 'node:crypto';
import { StartListEntry } from '../src/connectors/entities/start-list-entry.entity';
import { RaceEvent } from '../src/events/entities/event.entity';
import { BibNumber } from '../src/photos/entities/bib-number.entity';
import { Face } from '../src/photos/entities/face.entity';
import { Photo } from '../src/photos/entities/photo.entity';
import { EventFaceIndex } from '../src/photos/public/event-face-index';
import { User } from '../src/users/entities/user.entity';
import { createTestApp, register, TestApp } from './test-app';

/**
 * The runner's searches on real PostgreSQL through the HTTP API: photos and what the pipeline found on them are
 * written directly (the pipeline itself is covered by photo-pipeline.int-spec.ts).
 */
describe('public search (bib, name, feedback, gallery, favorites, SEO)', () => {
  let t: TestApp;
  let event: RaceEvent;
  let draft: RaceEvent;
  const photoIds: Record<string, string> = {};

  async function photo(label: string, changes: Partial<Photo> = {}, target: RaceEvent = event): Promise<Photo> {
    const id = randomUUID();
    const saved = await t.db.dataSource.getRepository(Photo).save({
      id,
      eventId: target.id,
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
    photoIds[label] = saved.id;
    return saved;
  }

  async function bib(photoLabel: string, number: string, source: BibSource, confidence: number, extra: Partial<BibNumber> = {}) {
    await t.db.dataSource.getRepository(BibNumber).save({
      photoId: photoIds[photoLabel],
      eventId: event.id,
      number,
      source,
      confidence,
      box: null,
      ...extra,
    });
  }

  const search = (query: string) => t.http().get(`/api/public/events/${event.slug}/search?${query}`);
  const labelsOf = (body: SearchResponse) => body.results.map((result) => Object.keys(photoIds).find((label) => photoIds[label] === result.photo.id));

  beforeAll(async () => {
    t = await createTestApp();
    const owner = await register(t, Role.PHOTOGRAPHER);
    const events = t.db.dataSource.getRepository(RaceEvent);
    event = await events.save({
      ownerId: owner.user.id,
      name: 'Semi-marathon de Lyon',
      slug: `semi-lyon-${randomUUID().slice(0, 8)}`,
      date: '2026-04-12',
      location: 'Lyon',
      sport: 'running',
      status: EventStatus.PUBLISHED,
    });
    draft = await events.save({ ...event, id: undefined, slug: `${event.slug}-draft`, status: EventStatus.DRAFT });

    await photo('clear');
    await photo('faint');
    await photo('typed');
    await photo('linked');
    await photo('other');
    await photo('hidden', { hidden: true });
    await photo('blurry', { isBlurry: true });
    await photo('pending', { status: PhotoStatus.PROCESSING });
    await bib('clear', '1234', BibSource.OCR, 0.95);
    await bib('faint', '1234', BibSource.OCR, 0.55);
    await bib('typed', '1234', BibSource.MANUAL, 1);
    await bib('linked', '1234', BibSource.FACE_LINK, 0.8, { similarity: 0.8, linkedFromPhotoId: photoIds['clear'] });
    await bib('other', '777', BibSource.OCR, 0.9);
    for (const label of ['hidden', 'blurry', 'pending']) await bib(label, '1234', BibSource.OCR, 0.99);

    await t.db.dataSource.getRepository(StartListEntry).save([
      { eventId: event.id, bib: '1234', firstName: 'Zoé', lastName: 'Dupont', category: 'SEF', club: 'ASVEL' },
      { eventId: event.id, bib: '777', firstName: 'Jérôme', lastName: 'Lefèvre', category: 'M1H', club: null },
      { eventId: event.id, bib: '888', firstName: 'Marc', lastName: 'Durand', category: 'M0H', club: null },
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('finds a bib: visible photos only, typed > clear OCR > face link > faint OCR, each saying why', async () => {
    const res = await search('bib=1234').expect(200);
    const body = res.body as SearchResponse;
    expect(body.mode).toBe('bib');
    expect(labelsOf(body)).toEqual(['typed', 'clear', 'linked', 'faint']);
    expect(body.runners).toEqual([expect.objectContaining({ bib: '1234', firstName: 'Zoé', lastName: 'Dupont' })]);
    const [typed, clear, linked] = body.results;
    expect(typed.reasons).toEqual([{ kind: 'bib', bib: '1234', source: 'manual', confidence: 1 }]);
    expect(clear.reasons).toEqual([{ kind: 'bib', bib: '1234', source: 'ocr', confidence: 0.95 }]);
    expect(linked.reasons).toEqual([{ kind: 'face-link', bib: '1234', similarity: 0.8, fromPhotoId: photoIds['clear'] }]);
    expect(clear.score).toBeCloseTo(0.95, 3);
    expect(linked.score).toBeCloseTo(0.72, 3);
    expect(clear.photo).toEqual({
      id: photoIds['clear'],
      thumbUrl: `/api/media/events/${event.id}/thumbs/${photoIds['clear']}.jpg`,
      webUrl: `/api/media/events/${event.id}/web/${photoIds['clear']}.webp`,
      width: 1600,
      height: 1200,
      takenAt: null,
    });
  });

  it('finds runners by name, ignoring accents, case and a typo, and returns their photos', async () => {
    const accents = (await search('name=zoe%20dupont').expect(200)).body as SearchResponse;
    expect(accents.runners.map((runner) => runner.bib)).toEqual(['1234']);
    expect(accents.runners[0].similarity).toBe(1);
    expect(labelsOf(accents)).toEqual(['typed', 'clear', 'linked', 'faint']);
    expect(accents.results[0].reasons).toContainEqual({ kind: 'name', bib: '1234', name: 'Zoé Dupont', similarity: 1 });

    const typo = (await search('name=LEFEVRE').expect(200)).body as SearchResponse;
    expect(typo.runners.map((runner) => runner.bib)).toEqual(['777']);
    const misspelt = (await search('name=lefebre').expect(200)).body as SearchResponse;
    expect(misspelt.runners.map((runner) => runner.bib)).toEqual(['777']);
    expect(misspelt.runners[0].similarity).toBeLessThan(1);
    expect(labelsOf(misspelt)).toEqual(['other']);

    const nobody = (await search('name=xyzzy').expect(200)).body as SearchResponse;
    expect(nobody).toEqual({ mode: 'name', runners: [], results: [] });
  });

  it('"not me" hides the photo from that viewer and lowers its weight for everyone; "me" raises it', async () => {
    const viewer = 'device-0123456789';
    await t.http().post(`/api/public/photos/${photoIds['linked']}/feedback`).send({ verdict: 'not-me', bib: '1234', viewer }).expect(204);
    const mine = (await search(`bib=1234&viewer=${viewer}`).expect(200)).body as SearchResponse;
    expect(labelsOf(mine)).toEqual(['typed', 'clear', 'faint']);

    const others = (await search('bib=1234&viewer=someone-else-42').expect(200)).body as SearchResponse;
    const linked = others.results.find((result) => result.photo.id === photoIds['linked']);
    expect(linked?.score).toBeCloseTo(0.36, 3);

    // Answering again replaces the answer rather than piling up.
    await t.http().post(`/api/public/photos/${photoIds['linked']}/feedback`).send({ verdict: 'me', bib: '1234', viewer }).expect(204);
    const after = (await search(`bib=1234&viewer=${viewer}`).expect(200)).body as SearchResponse;
    expect(after.results.find((result) => result.photo.id === photoIds['linked'])?.score).toBeCloseTo(0.792, 3);
  });

  it('refuses bad searches and feedback with a message', async () => {
    expect((await search('').expect(400)).body.message).toMatch(/bib number .* or a name/);
    expect((await search('bib=12&name=zoe').expect(400)).body.message).toMatch(/not both/);
    expect((await search('bib=12%2034').expect(400)).body.message).toMatch(/letters or digits/);
    expect((await search('name=z').expect(400)).body.message).toMatch(/2 to 100 letters/);
    expect((await search('bib=1&viewer=x').expect(400)).body.message).toEqual([expect.stringMatching(/viewer must be/)]);
    await t.http().get(`/api/public/events/${draft.slug}/search?bib=1234`).expect(404);
    const body = (await t.http().post(`/api/public/photos/${photoIds['hidden']}/feedback`).send({ verdict: 'me' }).expect(404)).body;
    expect(body.message).toBe('Photo not found');
    await t.http().post(`/api/public/photos/${photoIds['clear']}/feedback`).send({ verdict: 'maybe' }).expect(400);
  });

  it('pages through the gallery by cursor, visible photos only', async () => {
    const first = (await t.http().get(`/api/public/events/${event.slug}/photos?limit=3`).expect(200)).body;
    expect(first.items).toHaveLength(3);
    const second = (await t.http().get(`/api/public/events/${event.slug}/photos?limit=3&cursor=${first.nextCursor}`).expect(200)).body;
    expect(second.nextCursor).toBeNull();
    const seen = [...first.items, ...second.items].map((item: { id: string }) => item.id);
    expect(seen.sort()).toEqual(['clear', 'faint', 'typed', 'linked', 'other'].map((label) => photoIds[label]).sort());
    await t.http().get(`/api/public/events/${event.slug}/photos?cursor=nope`).expect(400);
    await t.http().get(`/api/public/events/${draft.slug}/photos`).expect(404);
  });

  it('shows the visible photo count and a cover from the first photo on the public event', async () => {
    const body = (await t.http().get(`/api/public/events/${event.slug}`).expect(200)).body;
    expect(body.photoCount).toBe(5);
    expect(body.coverUrl).toBe(`/api/media/events/${event.id}/web/${photoIds['clear']}.webp`);
  });

  it('keeps a signed-in runner’s favorites: merge, list, remove; hidden photos are skipped', async () => {
    const runner = await register(t);
    const auth = { Authorization: `Bearer ${runner.accessToken}` };
    await t.http().get('/api/me/favorites').expect(401);
    const merged = (
      await t.http().put('/api/me/favorites').set(auth).send({ photoIds: [photoIds['clear'], photoIds['hidden'], randomUUID()] }).expect(200)
    ).body;
    expect(merged.map((p: { id: string }) => p.id)).toEqual([photoIds['clear']]);
    expect(merged[0]).toEqual(expect.objectContaining({ eventSlug: event.slug, eventName: 'Semi-marathon de Lyon' }));
    await t.http().put('/api/me/favorites').set(auth).send({ photoIds: [photoIds['other'], photoIds['clear']] }).expect(200);
    const listed = (await t.http().get('/api/me/favorites').set(auth).expect(200)).body;
    expect(listed.map((p: { id: string }) => p.id).sort()).toEqual([photoIds['clear'], photoIds['other']].sort());
    await t.http().delete(`/api/me/favorites/${photoIds['clear']}`).set(auth).expect(204);
    expect((await t.http().get('/api/me/favorites').set(auth).expect(200)).body).toHaveLength(1);
    await t.http().put('/api/me/favorites').set(auth).send({ photoIds: ['nope'] }).expect(400);

    // The lookup for anonymous favorites and share links.
    const looked = (await t.http().post('/api/public/photos/lookup').send({ photoIds: [photoIds['other'], photoIds['pending']] }).expect(200)).body;
    expect(looked.map((p: { id: string }) => p.id)).toEqual([photoIds['other']]);
    await t.http().get(`/api/public/photos/${photoIds['pending']}`).expect(404);
  });

  it('remembers "not me" per account when the runner is signed in (a stale token is served anonymously)', async () => {
    const runner = await register(t);
    const auth = { Authorization: `Bearer ${runner.accessToken}` };
    await t.http().post(`/api/public/photos/${photoIds['faint']}/feedback`).set(auth).send({ verdict: 'not-me', bib: '1234' }).expect(204);
    const mine = (await search('bib=1234').set(auth).expect(200)).body as SearchResponse;
    expect(labelsOf(mine)).not.toContain('faint');
    const anonymous = (await search('bib=1234').set({ Authorization: 'Bearer stale' }).expect(200)).body as SearchResponse;
    expect(labelsOf(anonymous)).toContain('faint');
    const row = await t.db.dataSource.query(`SELECT viewer_key, user_id FROM photo_feedback WHERE photo_id = $1`, [photoIds['faint']]);
    expect(row).toEqual([{ viewer_key: `user:${runner.user.id}`, user_id: runner.user.id }]);
    await t.db.dataSource.getRepository(User).delete({ id: runner.user.id });
    expect(await t.db.dataSource.query(`SELECT 1 FROM photo_feedback WHERE photo_id = $1`, [photoIds['faint']])).toEqual([]);
  });

  it('serves robots.txt, a sitemap of published events and the event page meta', async () => {
    const robots = await t.http().get('/api/public/robots.txt').expect(200);
    expect(robots.headers['content-type']).toMatch(/text\/plain/);
    expect(robots.text).toContain('Sitemap: http://localhost:4300/sitemap.xml');
    const sitemap = await t.http().get('/api/public/sitemap.xml').expect(200);
    expect(sitemap.headers['content-type']).toMatch(/application\/xml/);
    expect(sitemap.text).toContain(`<loc>http://localhost:4300/events/${event.slug}</loc>`);
    expect(sitemap.text).not.toContain(draft.slug);
    const meta = (await t.http().get(`/api/public/events/${event.slug}/meta`).expect(200)).body;
    expect(meta).toEqual({
      title: 'Semi-marathon de Lyon (12 April 2026) — race photos | Focus Racer',
      description: '5 photos of Semi-marathon de Lyon, Lyon, 12 April 2026. Find yours by bib number, name or selfie and download them in HD.',
      imageUrl: `http://localhost:4300/api/media/events/${event.id}/web/${photoIds['clear']}.webp`,
      url: `http://localhost:4300/events/${event.slug}`,
    });
    await t.http().get(`/api/public/events/${draft.slug}/meta`).expect(404);
  });

  it('searches an event’s face embeddings exactly, best face per photo, and sees new faces', async () => {
    const index = t.app.get(EventFaceIndex);
    const unit = (values: number[]) => {
      const norm = Math.hypot(...values);
      return values.map((value) => value / norm);
    };
    const faces = t.db.dataSource.getRepository(Face);
    const box = { x: 0, y: 0, w: 10, h: 10 };
    await faces.save([
      { photoId: photoIds['clear'], eventId: event.id, box, quality: 1, embedding: unit([1, 0, 0, 0]), externalFaceId: null },
      { photoId: photoIds['clear'], eventId: event.id, box, quality: 1, embedding: unit([0.9, 0.1, 0, 0]), externalFaceId: null },
      { photoId: photoIds['other'], eventId: event.id, box, quality: 1, embedding: unit([0, 1, 0, 0]), externalFaceId: null },
    ]);
    const hits = (await index.forEvent(event.id)).search(unit([1, 0.05, 0, 0]), 0.5, 10);
    expect(hits.map((hit) => hit.photoId)).toEqual([photoIds['clear']]);
    expect(hits[0].similarity).toBeGreaterThan(0.99);
    // A face added later is appended at the next sync (the cache re-checks every 5 s; forget() forces it here).
    const cached = await index.forEvent(event.id);
    await faces.save({ photoId: photoIds['faint'], eventId: event.id, box, quality: 1, embedding: unit([1, 0.02, 0, 0]), externalFaceId: null });
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 60_000);
    const appended = await index.forEvent(event.id);
    jest.restoreAllMocks();
    expect(appended).toBe(cached);
    expect(appended.size).toBe(4);
    expect(appended.search(unit([1, 0.05, 0, 0]), 0.5, 10).map((hit) => hit.photoId).sort()).toEqual([photoIds['clear'], photoIds['faint']].sort());
    // A deleted face: the event is reloaded, the face is gone.
    await faces.delete({ photoId: photoIds['clear'] });
    index.forget(event.id);
    const reloaded = await index.forEvent(event.id);
    expect(reloaded.size).toBe(2);
    expect(reloaded.search(unit([1, 0.05, 0, 0]), 0.5, 10).map((hit) => hit.photoId)).toEqual([photoIds['faint']]);
  });
});
