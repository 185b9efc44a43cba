// Browser helpers for the journeys: Debian chromium through playwright-core (no downloaded browser),
// one fresh context per journey, screenshots for the humans, and failure messages that say what the
// page and the API did (console errors, failed /api responses) so a red test points at the culprit.

import { after, before, test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_PASSWORD } from '../../scripts/lib/demo-accounts.mjs';

export const SCREENSHOTS = path.resolve('test-results/screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };
export const TIMEOUT = 15_000;

function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the journeys through \`npm run e2e\` (e2e/run.mjs), which starts the platform`);
  return value;
}

export const urls = {
  get pro() { return requireEnv('E2E_PRO_URL'); },
  get public() { return requireEnv('E2E_PUBLIC_URL'); },
  get admin() { return requireEnv('E2E_ADMIN_URL'); },
  get api() { return requireEnv('E2E_API_URL'); },
};

export const demoEmail = (role) => `${role}@demo.focusracer.local`;

let browser;
before(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // launch() gives every run a new temporary profile (user-data-dir) and deletes it on close.
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
});
after(async () => { await browser?.close(); });

/**
 * Declares one journey: `fn({ page, context, shot })` runs in a new browser context. On failure a screenshot
 * `FAILED-<slug>.png` is taken and the error is extended with the page URL, console errors and failed API calls.
 */
export function journey(name, fn, { viewport = DESKTOP, timeout = 60_000 } = {}) {
  test(name, { timeout }, async () => {
    const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'UTC' });
    context.setDefaultTimeout(TIMEOUT);
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('response', async (res) => {
      if (res.url().includes('/api/') && res.status() >= 400) {
        let body = '';
        try { body = (await res.text()).slice(0, 300); } catch { /* body gone */ }
        problems.push(`${res.request().method()} ${new URL(res.url()).pathname} → ${res.status()} ${body}`);
      }
    });
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const shot = (label) => page.screenshot({ path: path.join(SCREENSHOTS, `${label}.png`), fullPage: true });
    try {
      await fn({ page, context, shot });
    } catch (err) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `FAILED-${slug}.png`), fullPage: true }).catch(() => undefined);
      err.message += `\n    at page ${page.url()}` + (problems.length ? `\n    ${problems.slice(-8).join('\n    ')}` : '');
      throw err;
    } finally {
      await context.close();
    }
  });
}

/** Waits until `locator` is visible; the error names what was expected (test id, where). */
export async function expectVisible(locator, what, timeout = TIMEOUT) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`expected ${what} to be visible within ${timeout / 1000}s (${locator})`);
  }
}

export async function expectHidden(locator, what, timeout = TIMEOUT) {
  try {
    await locator.first().waitFor({ state: 'hidden', timeout });
  } catch {
    throw new Error(`expected ${what} to be hidden within ${timeout / 1000}s (${locator})`);
  }
}

/** Waits until `locator`'s `name` attribute matches `pattern` (the page updates after the click's change detection). */
export async function expectAttribute(locator, name, pattern, what, timeout = 5_000) {
  let value = null;
  for (const started = Date.now(); Date.now() - started < timeout; await new Promise((resolve) => setTimeout(resolve, 100))) {
    value = await locator.getAttribute(name);
    if (value !== null && pattern.test(value)) return value;
  }
  throw new Error(`expected ${what}: ${name}="${value}" does not match ${pattern}`);
}

/** The first message to `to` in the run's outbox (E2E_OUTBOX_DIR, set by e2e/run.mjs), once the API has written it. */
export async function mailTo(to, timeoutMs = 30_000) {
  const dir = process.env.E2E_OUTBOX_DIR;
  if (!dir) throw new Error('E2E_OUTBOX_DIR is not set: run the journeys through `npm run e2e` (e2e/run.mjs)');
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((resolve) => setTimeout(resolve, 300))) {
    const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.json')) : [];
    for (const name of names) {
      const message = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
      if (message.to === to) return message;
    }
  }
  throw new Error(`no email to ${to} in the outbox (${dir}) within ${timeoutMs / 1000}s`);
}

/** Signs in through the app's login page (the form with login-email, login-password, login-submit). */
export async function signIn(page, appUrl, email, password = DEMO_PASSWORD) {
  await page.goto(`${appUrl}/login`);
  await expectVisible(page.getByTestId('login-email'), 'the login form (login-email)');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in and waits for the signed-in shell (toolbar with the user menu). */
export async function signInToShell(page, appUrl, role) {
  await signIn(page, appUrl, demoEmail(role));
  await expectVisible(page.getByTestId('shell-user-menu'), `the user menu (shell-user-menu) after ${role} signed in`);
  await expectVisible(page.getByTestId('shell-toolbar'), 'the shell toolbar (shell-toolbar)');
}

/** The navigation entries as the user reads them: [{ slug, label }] (icon ligatures left out). */
export async function navItems(page) {
  await page.getByTestId('nav').waitFor({ state: 'attached' });
  return page.locator('[data-testid="nav"] [data-testid^="nav-"]').evaluateAll((els) => els.map((el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('mat-icon, .mat-icon').forEach((icon) => icon.remove());
    return { slug: el.getAttribute('data-testid').slice(4), label: copy.textContent.replace(/\s+/g, ' ').trim() };
  }));
}
