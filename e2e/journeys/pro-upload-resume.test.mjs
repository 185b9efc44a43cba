// Resumable uploads through the pro app: a photographer sends a folder of 12 photos (two of them wider than 4000 px,
// reduced in the browser's worker with their EXIF capture time kept). Mid-batch the connection drops: one request
// reaches the server but its answer is lost, the browser goes offline, then comes back; the upload goes on by itself.
// Then a tab closed mid-batch: the page is reloaded while photos are on the wire, the unfinished batch is offered,
// the same folder is chosen again and only what is missing is sent. Each time the API must hold exactly 12 photos
// (none twice, none missing) and 12 credit debits, and the timeline must move on without a reload.
// Screenshots at tablet (768 px) and desktop width: test-results/screenshots/pro-upload-*.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { expectVisible, journey, signInToShell, urls } from '../support/browser.mjs';
import { api, apiLogin as apiLoginAs, shotBoth as proShotBoth } from '../support/pro.mjs';

const PHOTOS = 12;
const BIG = 2; // wider than 4000 px: reduced by the worker
const apiLogin = () => apiLoginAs('photographer');
const shotBoth = (page, shot, label) => proShotBoth(page, shot, 'pro-upload', label, '.fr-main, app-batch-timeline, app-batch-list');

/** A folder of distinct JPEGs with an EXIF capture time; the first BIG are 4800 × 3200. */
async function makeFolder(label) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-upload-'));
  const dir = path.join(root, label);
  fs.mkdirSync(dir);
  for (let i = 1; i <= PHOTOS; i++) {
    const [width, height] = i <= BIG ? [4800, 3200] : [1200, 800];
    const hue = (i * 29) % 360;
    const svg = `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">
      <rect width="100%" height="100%" fill="hsl(${hue},45%,45%)"/>
      <text x="50%" y="55%" font-family="DejaVu Sans" font-size="${height / 4}" font-weight="bold" text-anchor="middle" fill="white">${label} ${i}</text>
    </svg>`;
    const second = String(i).padStart(2, '0');
    const jpeg = await sharp(Buffer.from(svg))
      .jpeg({ quality: 85 })
      .withExif({ IFD0: { Make: 'Canon', Model: 'EOS R6' }, IFD2: { DateTimeOriginal: `2026:03:22 09:06:${second}`, OffsetTimeOriginal: '+01:00' } })
      .toBuffer();
    fs.writeFileSync(path.join(dir, `IMG_${String(i).padStart(4, '0')}.JPG`), jpeg);
  }
  // Not a photo: listed as left out, never sent.
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'shot list');
  return { root, dir };
}

/** The `key` fields of a batch request, in order (multipart text parts). */
function keysIn(request) {
  const body = request.postDataBuffer()?.toString('latin1') ?? '';
  return [...body.matchAll(/name="key"\r\n\r\n([^\r]*)\r\n/g)].map((match) => Buffer.from(match[1], 'latin1').toString('utf8'));
}

async function photosOf(token, eventId) {
  const photos = [];
  let cursor = null;
  do {
    const page = await api(token, 'GET', `/api/events/${eventId}/photos${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
    photos.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return photos;
}

/** The photographer's ledger lines for these photos (newest pages first, until older than the test). */
async function debitsFor(token, photoIds) {
  const ids = new Set(photoIds);
  const lines = [];
  let before = null;
  for (let pageNo = 0; pageNo < 20; pageNo++) {
    const overview = await api(token, 'GET', `/api/payments/credits${before ? `?before=${encodeURIComponent(before)}` : ''}`);
    lines.push(...overview.ledger.filter((line) => line.photoId && ids.has(line.photoId)));
    before = overview.nextBefore;
    if (!before) break;
  }
  return lines;
}

/** Exactly once: 12 photos, each file once, each charged once, and the batch received 12. */
async function assertExactlyOnce(token, event, balanceBefore, what) {
  let photos = [];
  for (const started = Date.now(); Date.now() - started < 30_000; await new Promise((r) => setTimeout(r, 500))) {
    photos = await photosOf(token, event.id);
    if (photos.length >= PHOTOS) break;
  }
  const names = photos.map((photo) => photo.originalFilename).sort();
  assert.deepEqual(names, Array.from({ length: PHOTOS }, (_, i) => `IMG_${String(i + 1).padStart(4, '0')}.JPG`), `${what}: every photo exactly once`);
  const batches = await api(token, 'GET', `/api/events/${event.id}/upload-batches`);
  assert.equal(batches.length, 1, `${what}: one batch`);
  assert.equal(batches[0].counters.received, PHOTOS, `${what}: the batch received ${PHOTOS}`);
  assert.ok(photos.every((photo) => photo.uploadBatchId === batches[0].id), `${what}: every photo in the batch`);
  const debits = await debitsFor(token, photos.map((photo) => photo.id));
  assert.equal(debits.length, PHOTOS, `${what}: ${PHOTOS} credit debits`);
  assert.equal(new Set(debits.map((line) => line.photoId)).size, PHOTOS, `${what}: one debit per photo`);
  assert.ok(debits.every((line) => line.delta === -1), `${what}: 1 credit each`);
  const { balance } = await api(token, 'GET', '/api/payments/credits');
  assert.equal(balanceBefore - balance, PHOTOS, `${what}: the balance went down by ${PHOTOS}`);
  return { photos, batch: batches[0] };
}

async function newEvent(token, name) {
  return api(token, 'POST', '/api/events', { name: `${name} ${Date.now().toString(36)}`, date: '2026-03-22', location: 'Bordeaux', sport: 'running' });
}

const stepState = (page, id) => page.getByTestId(`step-${id}`).getAttribute('data-state');

journey('photographer uploads a folder, the connection drops mid-batch: every photo arrives exactly once', async ({ page, context, shot }) => {
  const token = await apiLogin();
  const event = await newEvent(token, 'E2E Upload network drop');
  const { balance: balanceBefore } = await api(token, 'GET', '/api/payments/credits');
  const { root, dir } = await makeFolder('Finish line');
  try {
    await signInToShell(page, urls.pro, 'photographer');
    await page.goto(`${urls.pro}/events`);
    const row = page.getByTestId('event-row').filter({ hasText: event.name });
    await expectVisible(row, `the new event "${event.name}" in the events list`);
    await row.getByTestId('event-upload').click();
    await page.waitForURL(`${urls.pro}/events/${event.id}/upload`);
    await expectVisible(page.getByTestId('batches-empty'), 'the empty list of uploads, saying what to do');
    assert.equal(await page.getByTestId('reduce-toggle').locator('button[role="switch"]').getAttribute('aria-checked'), 'true',
      'reduce to 4000 px is on by default');
    await shotBoth(page, shot, 'empty');

    await page.getByTestId('folder-input').setInputFiles(dir);
    await expectVisible(page.getByTestId('selection-summary'), 'the count and size before sending');
    assert.match(await page.getByTestId('selection-count').innerText(), /^12 photos · [\d.]+ (KB|MB) · “Finish line” → /);
    assert.match(await page.getByTestId('skipped-files').innerText(), /1 file left out/);
    await shotBoth(page, shot, 'selection');

    // The second upload request reaches the server, then the network drops before its answer comes back.
    const sentKeys = [];
    let requests = 0;
    let cut;
    const cutDone = new Promise((resolve) => (cut = resolve));
    await page.route('**/api/events/*/photos?*', async (route) => {
      const n = ++requests;
      sentKeys.push(...keysIn(route.request()));
      if (n !== 2) return route.continue().catch(() => undefined);
      const response = await route.fetch();
      assert.equal(response.status(), 201, 'the cut request was stored by the server');
      await context.setOffline(true);
      await route.abort('internetdisconnected');
      cut();
    });
    await page.getByTestId('start-upload').click();
    await cutDone;
    await expectVisible(page.getByTestId('upload-offline').or(page.getByTestId('upload-retrying')), 'the paused upload (offline)');
    assert.equal(await stepState(page, 'upload'), 'paused', 'the upload ring shows the pause');
    await shotBoth(page, shot, 'offline');
    await page.waitForTimeout(1500);
    await context.setOffline(false);

    await page.waitForFunction(() => document.querySelector('[data-testid="step-upload"]')?.getAttribute('data-state') === 'complete',
      null, { timeout: 60_000 });
    assert.equal(await page.getByTestId('step-upload-caption').innerText(), '12 / 12');
    assert.equal(await stepState(page, 'compress'), 'complete');
    await page.unroute('**/api/events/*/photos?*');

    const resent = sentKeys.filter((key, i) => sentKeys.indexOf(key) !== i);
    assert.ok(resent.length > 0, 'the files of the cut request were sent again');
    assert.equal(new Set(sentKeys).size, PHOTOS, 'only the 12 photos were ever sent (notes.txt left out)');

    const { photos } = await assertExactlyOnce(token, event, balanceBefore, 'after the network drop');
    // The two big photos were reduced in the browser, their capture time kept (EXIF spliced into the new JPEG).
    const big = photos.filter((photo) => /IMG_000[12]\.JPG/.test(photo.originalFilename));
    // takenAt is read from the EXIF by the pipeline's first stage, after the upload.
    for (let started = Date.now(); big.some((p) => p.takenAt === null) && Date.now() - started < 90_000; await new Promise((r) => setTimeout(r, 1000))) {
      const fresh = await photosOf(token, event.id);
      for (const p of big) Object.assign(p, fresh.find((f) => f.id === p.id));
    }
    for (const photo of big) {
      assert.equal(Math.max(photo.width, photo.height), 4000, `${photo.originalFilename} reduced to 4000 px`);
      assert.match(photo.takenAt ?? '', /^2026-03-22T08:06:0[12]/, `${photo.originalFilename} kept its EXIF capture time`);
    }

    // The process ring follows the pipeline through the progress stream, without a reload.
    await page.waitForFunction(() => {
      const caption = document.querySelector('[data-testid="step-process-caption"]')?.textContent ?? '';
      return Number(caption.split('/')[0]?.replace(/\D/g, '') || 0) > 0;
    }, null, { timeout: 120_000 });
    await shotBoth(page, shot, 'timeline');
    await expectVisible(page.getByTestId('batch-row'), 'the batch in the list, to watch later');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}, { timeout: 300_000 });

journey('photographer closes the tab mid-batch and resumes by choosing the same folder: every photo exactly once', async ({ page, shot }) => {
  const token = await apiLogin();
  const event = await newEvent(token, 'E2E Upload closed tab');
  const { balance: balanceBefore } = await api(token, 'GET', '/api/payments/credits');
  const { root, dir } = await makeFolder('Start area');
  try {
    await signInToShell(page, urls.pro, 'photographer');
    await page.goto(`${urls.pro}/events/${event.id}/upload`);
    await expectVisible(page.getByTestId('drop-zone'), 'the drop zone');
    await page.getByTestId('folder-input').setInputFiles(dir);
    await expectVisible(page.getByTestId('start-upload'), 'the send button');

    // Request 1 is answered; request 2 reaches the server but the tab "closes" before its answer; later ones are held.
    let requests = 0;
    let secondStored;
    const stored = new Promise((resolve) => (secondStored = resolve));
    const held = [];
    await page.route('**/api/events/*/photos?*', async (route) => {
      const n = ++requests;
      if (n === 1) return route.continue();
      if (n === 2) {
        await route.fetch();
        secondStored();
        return;
      }
      held.push(route);
    });
    page.on('dialog', (dialog) => dialog.accept()); // "Leave site? Photos are still being sent"
    await page.getByTestId('start-upload').click();
    await stored;
    const before = (await photosOf(token, event.id)).length;
    assert.ok(before > 0 && before < PHOTOS, `part of the batch reached the server before the tab closed (${before})`);

    await page.reload();
    await page.unroute('**/api/events/*/photos?*');
    for (const route of held) await route.abort().catch(() => undefined);

    await expectVisible(page.getByTestId('unfinished-batch'), 'the unfinished batch after the tab was closed');
    assert.match(await page.getByTestId('unfinished-text').innerText(), /of 12 photos still to send — choose the same folder again to resume\./);
    await shotBoth(page, shot, 'unfinished');

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('resume-batch').click()]);
    await chooser.setFiles(dir);
    await expectVisible(page.getByTestId('upload-notice'), 'what the resume sends');
    assert.match(await page.getByTestId('upload-notice').locator('span').innerText(), /^Sending the \d+ photos? still to send of "Start area"\./);
    await page.waitForFunction(() => document.querySelector('[data-testid="step-upload"]')?.getAttribute('data-state') === 'complete',
      null, { timeout: 60_000 });
    await expectHiddenUnfinished(page);

    await assertExactlyOnce(token, event, balanceBefore, 'after the closed tab');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}, { timeout: 240_000 });

async function expectHiddenUnfinished(page) {
  await page.getByTestId('unfinished-batch').waitFor({ state: 'detached', timeout: 15_000 });
}
