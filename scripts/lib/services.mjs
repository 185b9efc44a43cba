// Checks for the two services Focus Racer needs (PostgreSQL, Redis) and database create/drop.
// Used by `npm start` and by the e2e harness. Only `pg` (a backend dependency) is needed.

import net from 'node:net';
import pg from 'pg';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/focus_racer';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export const START_POSTGRES = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
export const START_REDIS =
  'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log';

/** postgres://u@h:p/db → { adminUrl (same server, database "postgres"), database } */
export function splitDatabaseUrl(databaseUrl) {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  return { adminUrl: url.toString(), database };
}

export function withDatabase(databaseUrl, database) {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

async function withAdminClient(databaseUrl, fn) {
  const client = new pg.Client({ connectionString: splitDatabaseUrl(databaseUrl).adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Resolves to null when PostgreSQL answers, else to the error message. */
export async function checkPostgres(databaseUrl = DEFAULT_DATABASE_URL) {
  try {
    await withAdminClient(databaseUrl, (c) => c.query('select 1'));
    return null;
  } catch (err) {
    return err.message || err.code || String(err);
  }
}

/** Resolves to null when Redis answers PING with PONG, else to the error message. */
export function checkRedis(redisUrl = DEFAULT_REDIS_URL) {
  const url = new URL(redisUrl);
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || 6379) });
    let answer = '';
    const done = (result) => { socket.destroy(); resolve(result); };
    socket.setTimeout(3000, () => done('timed out'));
    socket.on('error', (err) => done(err.message || err.code));
    socket.on('connect', () => {
      const auth = url.password ? `AUTH ${decodeURIComponent(url.password)}\r\n` : '';
      socket.write(`${auth}PING\r\n`);
    });
    socket.on('data', (chunk) => {
      answer += chunk;
      if (answer.includes('+PONG')) done(null);
      else if (answer.startsWith('-')) done(answer.trim());
    });
  });
}

export async function waitForServices({ databaseUrl = DEFAULT_DATABASE_URL, redisUrl = DEFAULT_REDIS_URL, timeoutMs = 0 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [pgErr, redisErr] = await Promise.all([checkPostgres(databaseUrl), checkRedis(redisUrl)]);
    if ((!pgErr && !redisErr) || Date.now() >= deadline) return { pgErr, redisErr };
    await new Promise((r) => setTimeout(r, 500));
  }
}

const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;

/** Creates the database named in databaseUrl if it does not exist. Returns true when it created it. */
export function ensureDatabase(databaseUrl) {
  const { database } = splitDatabaseUrl(databaseUrl);
  return withAdminClient(databaseUrl, async (c) => {
    const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [database]);
    if (rowCount) return false;
    await c.query(`create database ${quoteIdent(database)}`);
    return true;
  });
}

export function dropDatabase(databaseUrl) {
  const { database } = splitDatabaseUrl(databaseUrl);
  return withAdminClient(databaseUrl, (c) => c.query(`drop database if exists ${quoteIdent(database)} with (force)`));
}
