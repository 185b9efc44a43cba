#!/usr/bin/env node
// `npm test`: every test there is, one summary.
//   1. unit + integration: Nx jest for each project (backend integration specs make their own throw-away DBs),
//      two projects at a time, each with `--json --outputFile` so counts come from jest itself;
//   2. production build of backend + the three apps (Nx cache);
//   3. browser e2e (e2e/run.mjs --no-build), which writes test-results/e2e-summary.json.
// Ends with exactly one line `tests: N passed, N failed`. Exit status is non-zero when anything failed or a
// suite could not run (a suite that crashed or produced no report counts as one failed test, never as a pass).
//
// Flags: --unit (jest only)  --e2e (build + e2e only)  --projects=a,b (jest projects to run)

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { run } from './lib/processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const args = process.argv.slice(2);
const only = (flag) => args.includes(flag);
const doUnit = !only('--e2e') || only('--unit');
const doE2e = !only('--unit') || only('--e2e');
const projectsArg = args.find((a) => a.startsWith('--projects='))?.slice('--projects='.length);
const PROJECTS = projectsArg ? projectsArg.split(',')
  : ['backend', 'api-types', 'ui', 'frontend-pro', 'frontend-public', 'frontend-admin'];
const JEST_CONCURRENCY = 2;

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', FORCE_COLOR: process.stdout.isTTY ? '1' : '0' };
const RESULTS = path.join(root, 'test-results');
const JEST_DIR = path.join(RESULTS, 'jest');
fs.rmSync(JEST_DIR, { recursive: true, force: true });
fs.mkdirSync(JEST_DIR, { recursive: true });

const rows = []; // { suite, passed, failed, note, seconds }
const started = Date.now();
const secs = (t0) => ((Date.now() - t0) / 1000).toFixed(0);
const bold = process.stdout.isTTY && !process.env.NO_COLOR ? (t) => `\x1b[1m${t}\x1b[0m` : (t) => t;
const banner = (msg) => console.log(`\n${bold(`━━ ${msg}`)}`);

/** Runs one project's jest through Nx; output is buffered so two projects never interleave. */
function jestProject(project) {
  const outputFile = path.join(JEST_DIR, `${project}.json`);
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npx', ['nx', 'run', `${project}:test`, '--skip-nx-cache', '--outputStyle=static',
      '--ci', '--json', `--outputFile=${outputFile}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', (err) => { output += `\n${err.message}`; });
    child.on('close', (code) => {
      banner(`jest ${project} (exit ${code}, ${secs(t0)}s)`);
      process.stdout.write(output);
      fs.writeFileSync(path.join(JEST_DIR, `${project}.log`), output);
      resolve(countJest(project, outputFile, code, t0));
    });
  });
}

function countJest(project, outputFile, code, t0) {
  const row = { suite: `jest ${project}`, passed: 0, failed: 0, note: '', seconds: secs(t0) };
  let report;
  try {
    report = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
  } catch {
    row.failed = 1;
    row.note = `could not run (exit ${code}, no jest report)`;
    return row;
  }
  row.passed = report.numPassedTests;
  // A suite that fails to load (syntax error, missing module, DB down in beforeAll) has no failed *tests*.
  row.failed = report.numFailedTests + report.numRuntimeErrorTestSuites;
  if (report.numRuntimeErrorTestSuites) row.note = `${report.numRuntimeErrorTestSuites} suite(s) failed to run`;
  if (code !== 0 && row.failed === 0) {
    row.failed = 1;
    row.note = `jest exited ${code} without a failing test`;
  }
  if (report.numTotalTests === 0) row.note ||= 'no tests';
  return row;
}

async function pool(items, size, worker) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await worker(items[i]);
    }
  }));
  return results;
}

if (doUnit) {
  banner(`unit + integration tests: ${PROJECTS.join(', ')}`);
  rows.push(...(await pool(PROJECTS, JEST_CONCURRENCY, jestProject)));
}

if (doE2e) {
  let t0 = Date.now();
  banner('production build: backend, frontend-pro, frontend-public, frontend-admin');
  const buildCode = await run('npm', ['run', '--silent', 'build'], { env });
  const buildSeconds = secs(t0);
  if (buildCode !== 0) {
    rows.push({ suite: 'build (e2e not run)', passed: 0, failed: 1, note: `nx build exited ${buildCode}`, seconds: buildSeconds });
  } else {
    rows.push({ suite: 'build', passed: 0, failed: 0, note: 'ok', seconds: buildSeconds });
    t0 = Date.now();
    banner('browser e2e');
    const code = await run(process.execPath, ['e2e/run.mjs', '--no-build'], { env });
    const row = { suite: 'e2e', passed: 0, failed: 1, note: '', seconds: secs(t0) };
    try {
      const summary = JSON.parse(fs.readFileSync(path.join(RESULTS, 'e2e-summary.json'), 'utf8'));
      Object.assign(row, { passed: summary.passed, failed: summary.failed, note: summary.error ?? '' });
    } catch {
      row.note = `harness exited ${code} without a summary`;
    }
    if (code !== 0 && row.failed === 0) Object.assign(row, { failed: 1, note: `e2e exited ${code} without a failing test` });
    rows.push(row);
  }
}

const passed = rows.reduce((n, r) => n + r.passed, 0);
const failed = rows.reduce((n, r) => n + r.failed, 0);
banner(`summary (${secs(started)}s)`);
for (const r of rows) {
  console.log(`  ${r.failed ? '✖' : '✔'} ${r.suite.padEnd(24)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${String(r.seconds).padStart(5)}s  ${r.note.split('\n')[0]}`);
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
