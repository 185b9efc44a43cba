// Child processes with prefixed, coloured log lines, and a clean stop of all of them.
// Used by `npm start` and by the e2e harness.

import { spawn } from 'node:child_process';
import readline from 'node:readline';

const COLOURS = [36, 35, 33, 32, 34, 31];
const useColour = process.stdout.isTTY && !process.env.NO_COLOR;

export function prefixer(name, index = 0, width = name.length) {
  const label = `[${name}]`.padEnd(width + 2);
  return useColour ? `\x1b[${COLOURS[index % COLOURS.length]}m${label}\x1b[0m` : label;
}

/**
 * Spawns a command with its stdout/stderr prefixed. `sink(line)` receives each prefixed line
 * (default: process.stdout). The child gets its own process group so that stop() reaches
 * grandchildren too (npm → sh → node) and nothing is orphaned.
 */
export function spawnPrefixed(name, command, args, { env = process.env, cwd, index = 0, width, sink } = {}) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const prefix = prefixer(name, index, width);
  const write = sink ?? ((line) => process.stdout.write(line + '\n'));
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => write(`${prefix} ${line}`));
  }
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.on('error', (err) => write(`${prefix} failed to start: ${err.message}`));
  child.label = name;
  return child;
}

/** Runs a command to completion with inherited stdio (or prefixed when name is given). Resolves to the exit code. */
export function run(command, args, { env = process.env, cwd, name, sink } = {}) {
  if (name) {
    const child = spawnPrefixed(name, command, args, { env, cwd, sink });
    return child.exited.then(({ code, signal }) => (signal ? 128 : code ?? 1));
  }
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
    child.on('error', () => resolve(127));
    child.on('exit', (code, signal) => resolve(signal ? 128 : code ?? 1));
  });
}

/** SIGTERM to each child's process group, SIGKILL after graceMs for the stubborn ones. */
export async function stopAll(children, graceMs = 10_000) {
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null && c.pid);
  const signalGroup = (c, sig) => {
    try { process.kill(-c.pid, sig); } catch { try { c.kill(sig); } catch { /* already gone */ } }
  };
  alive.forEach((c) => signalGroup(c, 'SIGTERM'));
  const timer = setTimeout(() => alive.forEach((c) => signalGroup(c, 'SIGKILL')), graceMs);
  await Promise.all(alive.map((c) => c.exited));
  clearTimeout(timer);
}

/** Polls url until it answers 2xx. Rejects after timeoutMs, or early when one of `watch` exits. */
export async function waitForHttp(url, { timeoutMs = 60_000, watch = [] } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    const dead = watch.find((c) => c.exitCode !== null || c.signalCode !== null);
    if (dead) throw new Error(`${dead.label} exited (code ${dead.exitCode ?? dead.signalCode}) before ${url} was up`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      lastError = `HTTP ${res.status} ${(await res.text()).slice(0, 300)}`;
    } catch (err) {
      lastError = err.cause?.code ?? err.message;
    }
    if (Date.now() > deadline) throw new Error(`${url} not healthy after ${timeoutMs / 1000}s (last: ${lastError})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export function freePort() {
  return import('node:net').then(({ default: net }) => new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  }));
}
