import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AuthResponse, Role } from '@focus-racer/api-types';
import { AppModule } from '../src/app.module';
import { PasswordHasher } from '../src/auth/password-hasher';
import { Env } from '../src/config/config-loader';
import { configureHttpApp, HTTP_APP_OPTIONS } from '../src/http-app';
import { OutboxMessage } from '../src/mail/outbox-mail.sender';
import { UsersService } from '../src/users/users.service';
import { createTestDatabase, TestDatabase } from './test-database';

/**
 * The real API (AppModule, same HTTP setup as main.ts) on a throw-away database, a temporary outbox folder and
 * its own Redis key prefix. Configuration goes through process.env, exactly as in production.
 */
export interface TestApp {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  db: TestDatabase;
  outboxDir: string;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'Marathon-2026';

export async function createTestApp(env: Env = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const outboxDir = await mkdtemp(join(tmpdir(), 'focus-racer-outbox-'));
  const storageRoot = await mkdtemp(join(tmpdir(), 'focus-racer-storage-'));
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    OUTBOX_DIR: outboxDir,
    STORAGE_ROOT: storageRoot,
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
    REDIS_PREFIX: `focus-racer-test-${randomBytes(4).toString('hex')}`,
    // Many registrations from one IP: the per-IP limits are not what these tests are about.
    THROTTLE_LIMIT: '100000',
    THROTTLE_AUTH_LIMIT: '100000',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication(HTTP_APP_OPTIONS);
  app.useLogger(app.get(Logger));
  await configureHttpApp(app);
  await app.init();
  return {
    app,
    http: () => request(app.getHttpServer()),
    db,
    outboxDir,
    close: async () => {
      await app.close();
      await db.drop();
      await rm(outboxDir, { recursive: true, force: true });
      await rm(storageRoot, { recursive: true, force: true });
    },
  };
}

export function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}@example.test`;
}

export async function register(t: TestApp, role?: Role, email = uniqueEmail(role?.toLowerCase() ?? 'runner')): Promise<AuthResponse> {
  const res = await t
    .http()
    .post('/api/auth/register')
    .send({ email, password: TEST_PASSWORD, displayName: `Test ${role ?? 'runner'}`, ...(role ? { role } : {}) })
    .expect(201);
  return res.body as AuthResponse;
}

/** Admins cannot register: made the way the CLI does it. */
export async function createAdmin(t: TestApp): Promise<AuthResponse> {
  const email = uniqueEmail('admin');
  const users = t.app.get(UsersService);
  await users.create({
    email,
    displayName: 'Test admin',
    role: Role.ADMIN,
    passwordHash: await t.app.get(PasswordHasher).hash(TEST_PASSWORD),
  });
  const res = await t.http().post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
  return res.body as AuthResponse;
}

export function bearer(auth: AuthResponse | string): [string, string] {
  return ['Authorization', `Bearer ${typeof auth === 'string' ? auth : auth.accessToken}`];
}

/** The outbox messages sent to `to`, newest first. */
export async function outboxFor(t: TestApp, to: string): Promise<OutboxMessage[]> {
  const names = (await readdir(t.outboxDir)).filter((name) => name.endsWith('.json')).sort().reverse();
  const messages = await Promise.all(
    names.map(async (name) => JSON.parse(await readFile(join(t.outboxDir, name), 'utf8')) as OutboxMessage),
  );
  return messages.filter((message) => message.to === to);
}

/** An HS256 JWT signed with any secret and any claims (forged or expired tokens). */
export function signJwt(claims: Record<string, unknown>, secret: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
