import { AuthResponse, PASSWORD_RULE_MESSAGE, Role, UserDto } from '@focus-racer/api-types';
import { AuthConfig } from '../src/config/auth.config';
import { UsersService } from '../src/users/users.service';
import { User } from '../src/users/entities/user.entity';
import { bearer, createAdmin, createTestApp, outboxFor, register, signJwt, TEST_PASSWORD, TestApp, uniqueEmail } from './test-app';

describe('auth (HTTP, real PostgreSQL + Redis)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('register', () => {
    it('creates a runner by default and returns tokens and the user without secrets', async () => {
      const email = uniqueEmail('Runner');
      const res = await t
        .http()
        .post('/api/auth/register')
        .send({ email: email.toUpperCase(), password: TEST_PASSWORD, displayName: '  Alex  ' })
        .expect(201);
      const body = res.body as AuthResponse;
      expect(body.user).toMatchObject({ email: email.toLowerCase(), displayName: 'Alex', role: Role.RUNNER });
      expect(body.expiresIn).toBe(900);
      expect(body.accessToken.split('.')).toHaveLength(3);
      expect(body.refreshToken.length).toBeGreaterThanOrEqual(43);
      expect(JSON.stringify(body)).not.toMatch(/passwordHash|argon2/);
    });

    it('lets a pro pick a pro role', async () => {
      const body = await register(t, Role.PHOTOGRAPHER);
      expect(body.user.role).toBe(Role.PHOTOGRAPHER);
    });

    it('refuses ADMIN with 403', async () => {
      const res = await t
        .http()
        .post('/api/auth/register')
        .send({ email: uniqueEmail('x'), password: TEST_PASSWORD, displayName: 'X', role: Role.ADMIN })
        .expect(403);
      expect(res.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: 'Administrator accounts cannot be created by registration.',
      });
    });

    it('answers 409 for an email already registered, whatever its case', async () => {
      const email = uniqueEmail('dup');
      await register(t, undefined, email);
      const res = await t
        .http()
        .post('/api/auth/register')
        .send({ email: email.toUpperCase(), password: TEST_PASSWORD, displayName: 'Again' })
        .expect(409);
      expect(res.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'An account with this email already exists' });
    });

    it('answers 400 with the password rule for a weak password', async () => {
      const res = await t
        .http()
        .post('/api/auth/register')
        .send({ email: uniqueEmail('weak'), password: 'password', displayName: 'Weak' })
        .expect(400);
      expect(res.body.error).toBe('Bad Request');
      expect(res.body.message).toEqual([PASSWORD_RULE_MESSAGE]);
    });

    it('answers 400 naming an unknown field', async () => {
      const res = await t
        .http()
        .post('/api/auth/register')
        .send({ email: uniqueEmail('extra'), password: TEST_PASSWORD, displayName: 'E', isAdmin: true })
        .expect(400);
      expect(res.body.message).toEqual(['Unknown field "isAdmin".']);
    });

    it('answers 400 "Malformed JSON body" for broken JSON', async () => {
      const res = await t
        .http()
        .post('/api/auth/register')
        .set('Content-Type', 'application/json')
        .send('{"email": "a@b.c",')
        .expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'Malformed JSON body' });
    });
  });

  describe('login and access tokens', () => {
    it('signs in with the right password and /me returns the user', async () => {
      const email = uniqueEmail('login');
      await register(t, Role.ORGANIZER, email);
      const login = await t.http().post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
      const me = await t.http().get('/api/me').set(...bearer(login.body)).expect(200);
      expect(me.body as UserDto).toMatchObject({ email, role: Role.ORGANIZER, creditBalance: 0, stripeOnboarded: false });
    });

    it('answers 401 "Email or password is incorrect" for a wrong password or an unknown email', async () => {
      const email = uniqueEmail('wrong');
      await register(t, undefined, email);
      for (const credentials of [
        { email, password: 'Not-the-password-1' },
        { email: uniqueEmail('nobody'), password: TEST_PASSWORD },
      ]) {
        const res = await t.http().post('/api/auth/login').send(credentials).expect(401);
        expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Email or password is incorrect' });
      }
    });

    it('answers 429 after 5 failed sign-ins for the same email, saying when to retry, even with the right password', async () => {
      const email = uniqueEmail('brute');
      await register(t, undefined, email);
      for (let i = 0; i < 5; i++) {
        await t.http().post('/api/auth/login').send({ email, password: `Wrong-guess-${i}A` }).expect(401);
      }
      const res = await t.http().post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(429);
      expect(res.body.error).toBe('Too Many Requests');
      expect(res.body.message).toMatch(/Try again in 15 minutes/);
      // Another account from the same IP is not locked out.
      const other = uniqueEmail('innocent');
      await register(t, undefined, other);
      await t.http().post('/api/auth/login').send({ email: other, password: TEST_PASSWORD }).expect(200);
    });

    it('counts failures per client behind the local proxy (X-Forwarded-For from loopback is trusted)', async () => {
      const email = uniqueEmail('proxied');
      await register(t, undefined, email);
      for (let i = 0; i < 5; i++) {
        await t.http().post('/api/auth/login').set('X-Forwarded-For', '203.0.113.7').send({ email, password: `Wrong-${i}-Aa1` }).expect(401);
      }
      await t.http().post('/api/auth/login').set('X-Forwarded-For', '203.0.113.7').send({ email, password: TEST_PASSWORD }).expect(429);
      await t.http().post('/api/auth/login').set('X-Forwarded-For', '198.51.100.9').send({ email, password: TEST_PASSWORD }).expect(200);
    });

    it('answers 401 without a token, with a forged token, an expired token, or a garbage token', async () => {
      const user = await register(t);
      const claims = { sub: user.user.id, email: user.user.email, role: user.user.role };
      const now = Math.floor(Date.now() / 1000);
      const secret = t.app.get(AuthConfig).accessSecret;

      const none = await t.http().get('/api/me').expect(401);
      expect(none.body.message).toMatch(/Authentication required/);

      const forged = signJwt({ ...claims, role: Role.ADMIN, iat: now, exp: now + 600 }, 'not-the-server-secret-at-all-000000');
      expect((await t.http().get('/api/me').set(...bearer(forged)).expect(401)).body.message).toBe(
        'Your access token is not valid. Please sign in again.',
      );

      const expired = signJwt({ ...claims, iat: now - 1000, exp: now - 100 }, secret);
      expect((await t.http().get('/api/me').set(...bearer(expired)).expect(401)).body.message).toBe(
        'Your access token has expired. Refresh it or sign in again.',
      );

      const noneAlg = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, exp: now + 600 })).toString('base64url')}.`;
      await t.http().get('/api/me').set(...bearer(noneAlg)).expect(401);
      await t.http().get('/api/me').set(...bearer('garbage')).expect(401);
    });

    it("stops accepting a deleted user's token", async () => {
      const user = await register(t);
      await t.http().get('/api/me').set(...bearer(user)).expect(200);
      await t.db.dataSource.getRepository(User).delete({ id: user.user.id });
      const res = await t.http().get('/api/me').set(...bearer(user)).expect(401);
      expect(res.body.message).toBe('Your account no longer exists. Please sign in again.');
    });
  });

  describe('refresh tokens', () => {
    it('rotates: the new pair works, the old refresh token is spent', async () => {
      const first = await register(t);
      const second = (await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200))
        .body as AuthResponse;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.user.id).toBe(first.user.id);
      await t.http().get('/api/me').set(...bearer(second)).expect(200);
      const third = (await t.http().post('/api/auth/refresh').send({ refreshToken: second.refreshToken }).expect(200))
        .body as AuthResponse;
      expect(third.refreshToken).not.toBe(second.refreshToken);
    });

    it('revokes the whole session when a rotated token is presented again', async () => {
      const first = await register(t);
      const second = (await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200))
        .body as AuthResponse;
      const reuse = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
      expect(reuse.body.message).toMatch(/^This session was revoked/);
      // The legitimate holder's newer token died with the family.
      await t.http().post('/api/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
    });

    it('keeps other sessions of the same user alive when one is revoked', async () => {
      const email = uniqueEmail('two-devices');
      const phone = await register(t, undefined, email);
      const laptop = (await t.http().post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(200))
        .body as AuthResponse;
      await t.http().post('/api/auth/logout').send({ refreshToken: phone.refreshToken }).expect(204);
      await t.http().post('/api/auth/refresh').send({ refreshToken: laptop.refreshToken }).expect(200);
    });

    it('logout revokes the session (204) and is idempotent', async () => {
      const session = await register(t);
      const rotated = (await t.http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200))
        .body as AuthResponse;
      await t.http().post('/api/auth/logout').send({ refreshToken: rotated.refreshToken }).expect(204);
      const res = await t.http().post('/api/auth/refresh').send({ refreshToken: rotated.refreshToken }).expect(401);
      expect(res.body.message).toBe('This session has ended. Please sign in again.');
      await t.http().post('/api/auth/logout').send({ refreshToken: rotated.refreshToken }).expect(204);
    });

    it('answers 401 for an unknown refresh token', async () => {
      await t.http().post('/api/auth/refresh').send({ refreshToken: 'not-a-real-token' }).expect(401);
    });
  });

  describe('password reset', () => {
    it('works end to end through the outbox and signs out every session', async () => {
      const email = uniqueEmail('forgetful');
      const session = await register(t, Role.PHOTOGRAPHER, email);

      await t.http().post('/api/auth/password-reset/request').send({ email }).expect(202);
      const [mail] = await outboxFor(t, email);
      expect(mail.subject).toBe('Reset your Focus Racer password');
      expect(mail.html).toContain('/password-reset/confirm?token=');
      const link = /(http\S+\/password-reset\/confirm\?token=(\S+))/.exec(mail.text);
      expect(link?.[1].startsWith('http://localhost:4200/password-reset/confirm?token=')).toBe(true);
      const token = decodeURIComponent(link?.[2] ?? '');

      const newPassword = 'Brand-New-Pass-42';
      await t.http().post('/api/auth/password-reset/confirm').send({ token, password: newPassword }).expect(204);

      await t.http().post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(401);
      await t.http().post('/api/auth/login').send({ email, password: newPassword }).expect(200);
      await t.http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);

      const again = await t
        .http()
        .post('/api/auth/password-reset/confirm')
        .send({ token, password: 'Yet-Another-Pass-43' })
        .expect(400);
      expect(again.body.message).toMatch(/invalid or has expired/);
    });

    it("sends runners to the public site's reset page", async () => {
      const email = uniqueEmail('runner-reset');
      await register(t, undefined, email);
      await t.http().post('/api/auth/password-reset/request').send({ email }).expect(202);
      const [mail] = await outboxFor(t, email);
      expect(mail.text).toContain('http://localhost:4300/password-reset/confirm?token=');
    });

    it('answers 202 for an unknown email and sends nothing', async () => {
      const email = uniqueEmail('ghost');
      await t.http().post('/api/auth/password-reset/request').send({ email }).expect(202);
      expect(await outboxFor(t, email)).toHaveLength(0);
    });

    it('refuses a weak new password', async () => {
      const res = await t
        .http()
        .post('/api/auth/password-reset/confirm')
        .send({ token: 'whatever', password: 'short' })
        .expect(400);
      expect(res.body.message).toEqual([PASSWORD_RULE_MESSAGE]);
    });
  });

  describe('admin', () => {
    it('forbids the users list to non-admins (403) and names the role', async () => {
      const runner = await register(t);
      const res = await t.http().get('/api/admin/users').set(...bearer(runner)).expect(403);
      expect(res.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: 'This action requires one of the roles: ADMIN.',
      });
      await t.http().get('/api/admin/outbox').set(...bearer(runner)).expect(403);
      await t.http().get('/api/admin/users').expect(401);
    });

    it('lists users to an admin, paginated and filtered', async () => {
      const admin = await createAdmin(t);
      const marker = `zeb${Date.now()}`;
      for (const role of [Role.CLUB, Role.CLUB, Role.RUNNER]) {
        await register(t, role === Role.RUNNER ? undefined : role, uniqueEmail(marker));
      }
      const page = await t
        .http()
        .get('/api/admin/users')
        .query({ q: marker.toUpperCase(), role: Role.CLUB, page: 1, pageSize: 1 })
        .set(...bearer(admin))
        .expect(200);
      expect(page.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
      expect(page.body.items).toHaveLength(1);
      expect(page.body.items[0].role).toBe(Role.CLUB);
      expect(page.body.items[0].passwordHash).toBeUndefined();

      const bad = await t.http().get('/api/admin/users').query({ pageSize: 1000 }).set(...bearer(admin)).expect(400);
      expect(bad.body.message).toEqual(['pageSize must not be greater than 100']);
    });

    it('shows the outbox to an admin, newest first', async () => {
      const admin = await createAdmin(t);
      const email = uniqueEmail('outbox');
      await register(t, undefined, email);
      await t.http().post('/api/auth/password-reset/request').send({ email }).expect(202);
      const list = await t.http().get('/api/admin/outbox').set(...bearer(admin)).expect(200);
      expect(list.body[0].to).toBe(email);
      const ids = (list.body as { id: string }[]).map((message) => message.id);
      expect([...ids].sort().reverse()).toEqual(ids);
      const one = await t.http().get(`/api/admin/outbox/${ids[0]}`).set(...bearer(admin)).expect(200);
      expect(one.body.subject).toBe('Reset your Focus Racer password');
      await t.http().get('/api/admin/outbox/..%2F..%2Fetc%2Fpasswd').set(...bearer(admin)).expect(404);
    });

    it('applies a role change at once, without waiting for the token to expire', async () => {
      const user = await register(t);
      await t.http().get('/api/admin/users').set(...bearer(user)).expect(403);
      await t.app.get(UsersService).setRole(user.user.id, Role.ADMIN);
      await t.http().get('/api/admin/users').set(...bearer(user)).expect(200);
    });
  });

  describe('platform', () => {
    it('reports health with database and Redis up', async () => {
      const res = await t.http().get('/api/health').expect(200);
      expect(res.body).toEqual({ status: 'ok', database: 'up', redis: 'up', version: expect.any(String) });
    });

    it('answers an unknown route with the error shape', async () => {
      const res = await t.http().get('/api/no-such-thing').expect(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Cannot GET /api/no-such-thing' });
    });

    it('serves the OpenAPI document with the DTOs', async () => {
      const res = await t.http().get('/api/docs-json').expect(200);
      expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/register', '/api/events/{id}']));
      expect(res.body.components.schemas.RegisterBody.properties.password).toBeDefined();
    });

    it('sends security headers and allows the web apps by CORS', async () => {
      const res = await t.http().get('/api/health').set('Origin', 'http://localhost:4300').expect(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['access-control-allow-origin']).toBe('http://localhost:4300');
      const other = await t.http().get('/api/health').set('Origin', 'http://evil.example').expect(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
