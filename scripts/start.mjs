#!/usr/bin/env node
// `npm start`: checks the machine, builds what changed, migrates + seeds the database and runs the whole
// platform (API, worker, the three apps) in the foreground with prefixed logs. Ctrl-C stops everything.
//
// Flags: --no-build  (use what is in dist/ as is)     --no-seed  (skip the demo data)
// Env:   DATABASE_URL, REDIS_URL, PORT (API, 3000), PRO_PORT (4200), PUBLIC_PORT (4300), ADMIN_PORT (4400),
//        and every backend variable from .env.example (a .env file at the root is read if present).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, spawnPrefixed, stopAll, waitForHttp } from './lib/processes.mjs';
import {
  DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, START_POSTGRES, START_REDIS,
  checkPostgres, checkRedis, ensureDatabase, splitDatabaseUrl,
} from './lib/services.mjs';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './lib/demo-accounts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const args = new Set(process.argv.slice(2));
const bold = process.stdout.isTTY && !process.env.NO_COLOR ? (t) => `\x1b[1m${t}\x1b[0m` : (t) => t;
const step = (msg) => console.log(`\n${bold(`▶ ${msg}`)}`);
const fail = (msg) => { console.error(`\n✖ ${msg}`); process.exit(1); };

// 0. Configuration: .env (if any) under the real environment.
loadDotEnv(path.join(root, '.env'));
const env = {
  ...process.env,
  NX_NO_CLOUD: 'true',
  NX_DAEMON: 'false',
  DATABASE_URL: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL || DEFAULT_REDIS_URL,
  PORT: process.env.PORT || '3000',
  // Children write to a pipe (not a TTY), so the API would pick JSON logs: keep them readable on a terminal.
  LOG_FORMAT: process.env.LOG_FORMAT || (process.stdout.isTTY ? 'pretty' : 'auto'),
};
const ports = {
  pro: Number(process.env.PRO_PORT || 4200),
  public: Number(process.env.PUBLIC_PORT || 4300),
  admin: Number(process.env.ADMIN_PORT || 4400),
};
const apiUrl = `http://127.0.0.1:${env.PORT}`;

// 1. Node version.
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) fail(`Node ${process.versions.node} is too old: Focus Racer needs Node 20 or newer (https://nodejs.org).`);

// 2. Services.
step('Checking PostgreSQL and Redis');
const [pgErr, redisErr] = await Promise.all([checkPostgres(env.DATABASE_URL), checkRedis(env.REDIS_URL)]);
if (pgErr || redisErr) {
  const { adminUrl } = splitDatabaseUrl(env.DATABASE_URL);
  if (pgErr) console.error(`✖ PostgreSQL is not reachable at ${new URL(adminUrl).host} (${pgErr}). Start it with:\n    ${START_POSTGRES}\n`);
  if (redisErr) console.error(`✖ Redis is not reachable at ${new URL(env.REDIS_URL).host} (${redisErr}). Start it with:\n    ${START_REDIS}\n`);
  console.error('Then run `npm start` again. (Elsewhere: set DATABASE_URL / REDIS_URL, or use `docker compose up`.)');
  process.exit(2);
}
console.log(`PostgreSQL ok, Redis ok`);
const { database } = splitDatabaseUrl(env.DATABASE_URL);
if (await ensureDatabase(env.DATABASE_URL)) console.log(`Created database "${database}"`);
else console.log(`Database "${database}" exists`);

// 3. Build (Nx cache: unchanged projects are restored, not rebuilt).
if (!args.has('--no-build')) {
  step('Building backend and the three apps (production; unchanged ones come from the Nx cache)');
  const code = await run('npm', ['run', '--silent', 'build'], { env });
  if (code !== 0) fail('Build failed (see above).');
}
for (const f of ['dist/backend/main.js', 'dist/backend/worker.js']) {
  if (!fs.existsSync(f)) console.warn(`warning: ${f} is missing; that process will not start.`);
}

// 4. Schema and demo data.
step('Migrating the database and loading the demo data');
if ((await run('npm', ['run', '--silent', 'db:migrate'], { env })) !== 0) fail('Migrations failed (see above).');
if (!args.has('--no-seed') && (await run('npm', ['run', '--silent', 'db:seed'], { env })) !== 0) fail('Seeding failed (see above).');

// 5. Run everything.
step('Starting API, worker and apps (Ctrl-C stops all)');
const children = [];
const width = 'public'.length + 4;
const start = (name, cmd, argv, extraEnv = {}) => {
  const child = spawnPrefixed(name, cmd, argv, { env: { ...env, ...extraEnv }, index: children.length, width });
  children.push(child);
  return child;
};
const api = start('api', process.execPath, ['dist/backend/main.js']);
if (fs.existsSync('dist/backend/worker.js')) start('worker', process.execPath, ['dist/backend/worker.js']);
start('apps', process.execPath, ['scripts/serve-apps.mjs', `frontend-pro=${ports.pro}`, `frontend-public=${ports.public}`,
  `frontend-admin=${ports.admin}`], { API_URL: apiUrl });

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping API, worker and apps…');
  await stopAll(children);
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
process.on('SIGHUP', () => shutdown(0));
for (const child of children) {
  child.exited.then(({ code, signal }) => {
    if (stopping) return;
    console.error(`\n✖ ${child.label} exited (${signal ?? `code ${code}`}); stopping the rest.`);
    shutdown(1);
  });
}

try {
  await waitForHttp(`${apiUrl}/api/health`, { timeoutMs: 90_000, watch: [api] });
} catch (err) {
  console.error(`\n✖ ${err.message}`);
  await shutdown(1);
}

const host = 'http://localhost';
console.log(`
${bold('Focus Racer is running.')}
  API         ${host}:${env.PORT}/api        (docs: ${host}:${env.PORT}/api/docs, health: /api/health)
  Pro app     ${host}:${ports.pro}            photographers, organizers, agencies, clubs, federations
  Public app  ${host}:${ports.public}            runners: find and buy your photos
  Admin app   ${host}:${ports.admin}            platform administration
  Mail outbox ${path.resolve(env.OUTBOX_DIR || 'var/outbox')}

Demo accounts (password ${DEMO_PASSWORD} — DEV ONLY):
${DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(12)} ${a.email.padEnd(38)} → ${a.app}`).join('\n')}

Ctrl-C stops everything.
`);

function loadDotEnv(file) {
  if (!fs.existsSync(file)) return;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = line.match(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/);
    if (!m || process.env[m[1]] !== undefined) continue;
    process.env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
}
