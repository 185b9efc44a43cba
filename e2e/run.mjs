#!/usr/bin/env node
// Browser e2e harness (`npm run e2e`). Brings up a private copy of the platform, runs the journeys in
// e2e/journeys/*.test.mjs with node's test runner, and tears everything down, even on failure or Ctrl-C:
//   throw-away database focus_racer_e2e_<random> (migrated + seeded), own Redis key prefix,
//   API + worker from dist/backend on a free port, OUTBOX_DIR/STORAGE_ROOT in a temp dir,
//   the three built apps (scripts/serve-apps.mjs) on free ports chosen first (the API's *_WEB_URL point at them).
// Writes test-results/e2e-summary.json ({ passed, failed }) for `npm test`; a harness that cannot start
// counts as one failed test.
//
// Flags: --no-build  (use dist/ as is; `npm test` builds first)   --keep  (leave the DB and temp dir for debugging)
// Extra args after `--` go to `node --test` (e.g. -- --test-name-pattern=admin).

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, run, spawnPrefixed, stopAll, waitForHttp } from '../scripts/lib/processes.mjs';
import { startAppServers, stopAppServers } from '../scripts/serve-apps.mjs';
import {
  DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, START_POSTGRES, START_REDIS,
  checkPostgres, checkRedis, dropDatabase, ensureDatabase, withDatabase,
} from '../scripts/lib/services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const argv = process.argv.slice(2);
const dashDash = argv.indexOf('--');
const flags = new Set(dashDash < 0 ? argv : argv.slice(0, dashDash));
const testArgs = dashDash < 0 ? [] : argv.slice(dashDash + 1);

const RESULTS = path.join(root, 'test-results');
const SUMMARY = path.join(RESULTS, 'e2e-summary.json');
const LOGS = path.join(RESULTS, 'e2e-logs');
fs.mkdirSync(LOGS, { recursive: true });
fs.rmSync(SUMMARY, { force: true });
fs.rmSync(path.join(RESULTS, 'screenshots'), { recursive: true, force: true });

const log = (msg) => console.log(`[e2e] ${msg}`);
const id = crypto.randomBytes(4).toString('hex');
const baseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const databaseUrl = withDatabase(baseUrl, `focus_racer_e2e_${id}`);
const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `focus-racer-e2e-${id}-`));

const children = [];
let appServers = [];
let dbCreated = false;
let cleaning;

async function cleanUp() {
  cleaning ??= (async () => {
    await stopAll(children);
    await stopAppServers(appServers);
    if (flags.has('--keep')) {
      log(`kept database ${databaseUrl} and ${tmp}`);
      return;
    }
    if (dbCreated) await dropDatabase(databaseUrl).catch((e) => log(`could not drop ${databaseUrl}: ${e.message}`));
    fs.rmSync(tmp, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    log(`${sig}: tearing down`);
    writeSummary({ passed: 0, failed: 1, error: `interrupted by ${sig}` });
    await cleanUp();
    process.exit(130);
  });
}

function writeSummary(summary) {
  fs.writeFileSync(SUMMARY, JSON.stringify(summary, null, 2));
}

/** Child output goes to a log file (and to the console with --verbose); its tail is shown on failure. */
function logSink(name) {
  const file = path.join(LOGS, `${name}.log`);
  const stream = fs.createWriteStream(file);
  return { file, sink: (line) => { stream.write(line + '\n'); if (flags.has('--verbose')) console.log(line); } };
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function setUp() {
  const [pgErr, redisErr] = await Promise.all([checkPostgres(baseUrl), checkRedis(redisUrl)]);
  if (pgErr) throw new Error(`PostgreSQL unreachable (${pgErr}); start it: ${START_POSTGRES}`);
  if (redisErr) throw new Error(`Redis unreachable (${redisErr}); start it: ${START_REDIS}`);

  if (!flags.has('--no-build')) {
    log('building backend and apps (Nx cache)');
    const code = await run('npm', ['run', '--silent', 'build'], { env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' } });
    if (code !== 0) throw new Error('build failed');
  }
  for (const f of ['dist/backend/main.js', 'dist/frontend-pro/browser/index.html', 'dist/frontend-public/browser/index.html',
    'dist/frontend-admin/browser/index.html']) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: build first (npm run build)`);
  }

  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  // The apps' ports are chosen before the API starts: links the API writes (order pages in receipts, return URLs of
  // the test payment pages) must point at the apps of this run.
  const appPorts = { 'frontend-pro': await freePort(), 'frontend-public': await freePort(), 'frontend-admin': await freePort() };
  const appUrl = (name) => `http://127.0.0.1:${appPorts[name]}`;
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(apiPort),
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `focus-racer-e2e-${id}`,
    OUTBOX_DIR: path.join(tmp, 'outbox'),
    STORAGE_ROOT: path.join(tmp, 'storage'),
    PUBLIC_WEB_URL: appUrl('frontend-public'),
    PRO_WEB_URL: appUrl('frontend-pro'),
    ADMIN_WEB_URL: appUrl('frontend-admin'),
    API_PUBLIC_URL: apiUrl,
    LOG_FORMAT: 'json',
    // Every browser request reaches the API from 127.0.0.1 through serve-apps: one "client" for the limiter.
    THROTTLE_LIMIT: '100000',
    THROTTLE_AUTH_LIMIT: '100000',
    // Six of the 40 demo photos: enough for the runner and crawler journeys (bibs of the demo start list), few
    // enough not to keep the journeys' own uploads waiting behind them on the worker.
    SEED_DEMO_PHOTOS: '6',
  };

  log(`database ${databaseUrl}`);
  await ensureDatabase(databaseUrl);
  dbCreated = true;
  for (const script of ['db:migrate', 'db:seed']) {
    const { file, sink } = logSink(script.replace(':', '-'));
    const code = await run('npm', ['run', '--silent', script], { env, name: script, sink });
    if (code !== 0) throw new Error(`npm run ${script} failed (exit ${code}):\n${tail(file)}`);
  }

  const apiLog = logSink('api');
  const api = spawnPrefixed('api', process.execPath, ['dist/backend/main.js'], { env, sink: apiLog.sink });
  children.push(api);
  if (fs.existsSync('dist/backend/worker.js')) {
    children.push(spawnPrefixed('worker', process.execPath, ['dist/backend/worker.js'], { env, sink: logSink('worker').sink }));
  } else {
    log('dist/backend/worker.js is missing: running without the worker');
  }
  try {
    await waitForHttp(`${apiUrl}/api/health`, { timeoutMs: 60_000, watch: [api] });
  } catch (err) {
    throw new Error(`${err.message}\n--- api log (tail) ---\n${tail(apiLog.file)}`);
  }
  appServers = await startAppServers({
    apps: Object.entries(appPorts).map(([name, port]) => ({ name, port })),
    apiUrl,
    host: '127.0.0.1',
    log,
  });
  const url = (name) => appServers.find((s) => s.name === name).url;
  return {
    ...process.env,
    E2E_API_URL: apiUrl,
    E2E_PRO_URL: url('frontend-pro'),
    E2E_PUBLIC_URL: url('frontend-public'),
    E2E_ADMIN_URL: url('frontend-admin'),
    E2E_OUTBOX_DIR: env.OUTBOX_DIR,
    E2E_STORAGE_ROOT: env.STORAGE_ROOT,
    E2E_DATABASE_URL: databaseUrl,
  };
}

/** node --test prints a TAP-like summary ("# pass N", "# fail N", "# cancelled N") at the end of its tap report. */
function parseTap(file) {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const count = (key) => Number(text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? NaN);
  return { passed: count('pass'), failed: count('fail') + (count('cancelled') || 0) };
}

let exitCode = 1;
try {
  const testEnv = await setUp();
  const files = fs.readdirSync('e2e/journeys').filter((f) => f.endsWith('.test.mjs')).sort().map((f) => `e2e/journeys/${f}`);
  const tapFile = path.join(RESULTS, 'e2e.tap');
  fs.rmSync(tapFile, { force: true });
  log(`running ${files.length} journey files against pro ${testEnv.E2E_PRO_URL}, public ${testEnv.E2E_PUBLIC_URL}, admin ${testEnv.E2E_ADMIN_URL}`);
  const code = await run(process.execPath, [
    '--test', '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
    ...testArgs, ...files,
  ], { env: testEnv });
  const { passed, failed } = parseTap(tapFile);
  if (Number.isNaN(passed) || Number.isNaN(failed)) {
    writeSummary({ passed: 0, failed: 1, error: `node --test exited ${code} without a summary` });
  } else {
    // A runner that failed without a failing test (a crash in a file's top level) still counts as a failure.
    writeSummary({ passed, failed: failed === 0 && code !== 0 ? 1 : failed });
  }
  exitCode = code;
} catch (err) {
  console.error(`[e2e] harness failed: ${err.message}`);
  writeSummary({ passed: 0, failed: 1, error: err.message });
  exitCode = 1;
} finally {
  await cleanUp();
}
const summary = JSON.parse(fs.readFileSync(SUMMARY, 'utf8'));
log(`${summary.passed} passed, ${summary.failed} failed; screenshots in test-results/screenshots, logs in test-results/e2e-logs`);
process.exit(exitCode);
