import { AuthResponse, EventDto, EventStatus, PublicEventDto, Role } from '@focus-racer/api-types';
import { bearer, createAdmin, createTestApp, register, TestApp } from './test-app';

describe('events (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let alice: AuthResponse;
  let bob: AuthResponse;
  let admin: AuthResponse;

  const newEvent = { name: 'Marathon de Pâris — Édition 2026', date: '2026-04-12', location: 'Paris', sport: 'running' };

  async function create(owner: AuthResponse, body: object = newEvent): Promise<EventDto> {
    return (await t.http().post('/api/events').set(...bearer(owner)).send(body).expect(201)).body as EventDto;
  }

  beforeAll(async () => {
    t = await createTestApp();
    [alice, bob, admin] = await Promise.all([register(t, Role.PHOTOGRAPHER), register(t, Role.ORGANIZER), createAdmin(t)]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('creates a draft owned by the pro, with an accent-free unique slug', async () => {
    const first = await create(alice);
    expect(first).toMatchObject({
      ownerId: alice.user.id,
      name: newEvent.name,
      slug: 'marathon-de-paris-edition-2026-2026-04-12',
      date: '2026-04-12',
      status: EventStatus.DRAFT,
      coverUrl: null,
      photoCount: 0,
      priceSettings: { currency: 'EUR' },
    });
    const second = await create(bob);
    expect(second.slug).toBe('marathon-de-paris-edition-2026-2026-04-12-2');
  });

  it('forbids a runner to create an event (403)', async () => {
    const runner = await register(t);
    const res = await t.http().post('/api/events').set(...bearer(runner)).send(newEvent).expect(403);
    expect(res.body.message).toMatch(/^This action requires one of the roles: PHOTOGRAPHER, ORGANIZER/);
  });

  it('requires a token (401)', async () => {
    await t.http().post('/api/events').send(newEvent).expect(401);
  });

  it('validates the body: real calendar date, known sport, no unknown fields', async () => {
    const res = await t
      .http()
      .post('/api/events')
      .set(...bearer(alice))
      .send({ ...newEvent, date: '2026-02-30', sport: 'chess', ownerId: bob.user.id })
      .expect(400);
    expect(res.body.message).toEqual(
      expect.arrayContaining([
        'date must be a calendar date written YYYY-MM-DD',
        expect.stringMatching(/^sport must be one of: running, trail/),
        'Unknown field "ownerId".',
      ]),
    );
  });

  it("hides another owner's event: 404 on read, update and delete, and leaves it untouched", async () => {
    const event = await create(alice, { ...newEvent, name: 'Alice only' });
    for (const call of [
      t.http().get(`/api/events/${event.id}`),
      t.http().patch(`/api/events/${event.id}`).send({ name: 'Hijacked' }),
      t.http().delete(`/api/events/${event.id}`),
    ]) {
      const res = await call.set(...bearer(bob)).expect(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Event not found' });
    }
    const still = await t.http().get(`/api/events/${event.id}`).set(...bearer(alice)).expect(200);
    expect(still.body.name).toBe('Alice only');
  });

  it('answers 400 for a malformed id', async () => {
    const res = await t.http().get('/api/events/not-a-uuid').set(...bearer(alice)).expect(400);
    expect(res.body.message).toBe('id must be a UUID');
  });

  it('lists only my events; an admin sees everyone’s', async () => {
    const mine = (await t.http().get('/api/events').set(...bearer(alice)).expect(200)).body as EventDto[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((event) => event.ownerId === alice.user.id)).toBe(true);
    const all = (await t.http().get('/api/events').set(...bearer(admin)).expect(200)).body as EventDto[];
    expect(new Set(all.map((event) => event.ownerId))).toEqual(new Set([alice.user.id, bob.user.id]));
  });

  it('lets the owner and an admin update; the slug stays stable', async () => {
    const event = await create(bob, { ...newEvent, name: 'Trail des Crêtes', sport: 'trail' });
    const updated = (
      await t
        .http()
        .patch(`/api/events/${event.id}`)
        .set(...bearer(bob))
        .send({ name: 'Trail des Crêtes (new)', watermarkText: '© Bob' })
        .expect(200)
    ).body as EventDto;
    expect(updated).toMatchObject({ name: 'Trail des Crêtes (new)', watermarkText: '© Bob', slug: event.slug });
    await t.http().patch(`/api/events/${event.id}`).set(...bearer(admin)).send({ status: EventStatus.ARCHIVED }).expect(200);
  });

  it('deletes (204) and then it is gone (404)', async () => {
    const event = await create(alice, { ...newEvent, name: 'Short-lived' });
    await t.http().delete(`/api/events/${event.id}`).set(...bearer(alice)).expect(204);
    await t.http().get(`/api/events/${event.id}`).set(...bearer(alice)).expect(404);
  });

  describe('public listing', () => {
    let published: EventDto;
    let draft: EventDto;

    beforeAll(async () => {
      published = await create(alice, { name: 'Ekiden de Lyon', date: '2026-09-20', location: 'Lyon', sport: 'running' });
      await t.http().patch(`/api/events/${published.id}`).set(...bearer(alice)).send({ status: EventStatus.PUBLISHED }).expect(200);
      const older = await create(bob, { name: 'Cross de Lille', date: '2025-11-02', location: 'Lille', sport: 'running' });
      await t.http().patch(`/api/events/${older.id}`).set(...bearer(bob)).send({ status: EventStatus.PUBLISHED }).expect(200);
      draft = await create(alice, { name: 'Secret draft race', date: '2026-10-01', location: 'Lyon', sport: 'running' });
    });

    it('shows published events without an account, newest race first, and never drafts', async () => {
      const res = await t.http().get('/api/public/events').expect(200);
      const events = res.body as PublicEventDto[];
      expect(events.map((event) => event.name)).toEqual(['Ekiden de Lyon', 'Cross de Lille']);
      expect(events[0]).toEqual({
        id: published.id,
        name: 'Ekiden de Lyon',
        slug: 'ekiden-de-lyon-2026-09-20',
        date: '2026-09-20',
        location: 'Lyon',
        sport: 'running',
        coverUrl: null,
        photoCount: 0,
      });
      const ascending = (await t.http().get('/api/public/events').query({ sort: 'asc' }).expect(200)).body as PublicEventDto[];
      expect(ascending.map((event) => event.name)).toEqual(['Cross de Lille', 'Ekiden de Lyon']);
    });

    it('filters by name or location', async () => {
      const byLocation = (await t.http().get('/api/public/events').query({ q: 'lyon' }).expect(200)).body as PublicEventDto[];
      expect(byLocation.map((event) => event.name)).toEqual(['Ekiden de Lyon']);
      const byName = (await t.http().get('/api/public/events').query({ q: 'CROSS' }).expect(200)).body as PublicEventDto[];
      expect(byName.map((event) => event.name)).toEqual(['Cross de Lille']);
      const none = (await t.http().get('/api/public/events').query({ q: '100%' }).expect(200)).body as PublicEventDto[];
      expect(none).toEqual([]);
    });

    it('finds a published event by slug, and answers 404 for a draft', async () => {
      const res = await t.http().get(`/api/public/events/${published.slug}`).expect(200);
      expect(res.body.id).toBe(published.id);
      expect(res.body.ownerId).toBeUndefined();
      await t.http().get(`/api/public/events/${draft.slug}`).expect(404);
    });
  });
});
