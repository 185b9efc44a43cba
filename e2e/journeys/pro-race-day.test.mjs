// A photographer's race day, in one go through the pro app: creates the event, sets its watermark and a pack,
// imports the start list, uploads a folder of generated race photos, watches them finish in the batch timeline
// (fed by the progress stream, no reload), fixes one photo in the review queue with the keyboard, publishes the
// event, and a runner finds the corrected photo on the public site by the number and by the name.
// The photos are the demo generator's (`npm run demo:photos`): drawn runners with bibs, one photo without a bib.
// Screenshots: test-results/screenshots/pro-race-day-*.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../scripts/lib/processes.mjs';
import { expectHidden, expectVisible, journey, signInToShell, urls } from '../support/browser.mjs';
import { api, apiLogin } from '../support/pro.mjs';

const PHOTOS = 5;
/** A runner of the start list on none of the photos: the number the photographer types in the review queue. */
const LATE_RUNNER = { bib: '9001', firstName: 'Maëlle', lastName: 'Vasseur' };
const PIPELINE_WAIT_MS = 240_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The first PHOTOS demo photos (seed 7) in a folder "Finish line", and what each shows. */
async function demoFolder() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-race-day-'));
  const dir = path.join(root, 'Finish line');
  const manifestFile = path.join(root, 'manifest.json');
  const code = await run('npm', ['run', '--silent', 'demo:photos', '--', dir, '--seed', '7', '--first', String(PHOTOS), '--manifest', manifestFile]);
  assert.equal(code, 0, 'npm run demo:photos wrote the photos');
  return { root, dir, manifest: JSON.parse(fs.readFileSync(manifestFile, 'utf8')) };
}

function startListCsv(manifest) {
  const bibs = [...new Set(manifest.flatMap((photo) => photo.bibs))];
  const rows = bibs.map((bib, i) => `${bib};Coureur${String.fromCharCode(65 + (i % 26))};Runner ${bib}`);
  rows.push(`${LATE_RUNNER.bib};${LATE_RUNNER.lastName};${LATE_RUNNER.firstName}`);
  return { csv: `Dossard;Nom;Prénom\n${rows.join('\n')}\n`, runners: rows.length };
}

async function publicSearch(slug, query) {
  const res = await fetch(`${urls.api}/api/public/events/${slug}/search?${query}`);
  const body = await res.json();
  assert.equal(res.status, 200, `public search ${query}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  return body.results.map((result) => result.photo.id);
}

journey('photographer runs a race day: event, watermark, pack, start list, folder upload, timeline, triage fix, public search', async ({ page, context, shot }) => {
  const { root, dir, manifest } = await demoFolder();
  try {
    // The event, from the events list.
    await signInToShell(page, urls.pro, 'photographer');
    await page.goto(`${urls.pro}/events`);
    await page.getByTestId('new-event').click();
    const name = `E2E Race day ${Date.now().toString(36)}`;
    await page.getByTestId('event-name').fill(name);
    await page.locator('mat-datepicker-toggle button').click();
    await page.locator('.mat-calendar-body-cell:not(.mat-calendar-body-disabled)').filter({ hasText: /^\s*21\s*$/ }).click();
    await page.getByTestId('event-location').fill('Biarritz');
    await page.getByTestId('new-event-submit').click();
    await expectHidden(page.getByTestId('new-event-submit'), 'the new-event form (closed after saving)');
    await page.getByTestId('event-row').filter({ hasText: name }).getByTestId('event-open').click();
    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    const eventId = page.url().split('/').pop();
    const token = await apiLogin('photographer');

    // Watermark and a pack.
    await page.getByTestId('event-tab-branding').click();
    await page.getByTestId('watermark-text').fill('© Race Day Studio');
    await page.getByTestId('branding-save').click();
    await expectVisible(page.getByTestId('branding-saved'), 'the saved watermark message');
    await page.getByTestId('event-link-prices').click();
    await page.waitForURL(`${urls.pro}/events/${eventId}/prices`);
    await page.getByTestId('suggest-packs').click();
    await page.getByTestId('save-prices').click();
    await expectVisible(page.getByTestId('prices-saved'), 'the saved prices');
    const event = await api(token, 'GET', `/api/events/${eventId}`);
    assert.equal(event.branding.watermarkText, '© Race Day Studio');
    assert.ok((await api(token, 'GET', `/api/events/${eventId}/price-packs`)).some((pack) => pack.kind === 'pack'), 'a pack is on sale');

    // The start list: the runners on the photos and one more.
    const { csv, runners } = startListCsv(manifest);
    await page.goto(`${urls.pro}/events/${eventId}/start-list`);
    await page.getByTestId('csv-input').setInputFiles({ name: 'start-list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await expectVisible(page.getByTestId('csv-report'), 'the row report of the preview');
    assert.equal(await page.getByTestId('report-valid').innerText(), String(runners));
    await page.getByTestId('csv-import').click();
    await expectVisible(page.getByTestId('csv-result'), 'the import result');
    await expectVisible(page.getByTestId('start-list-total').filter({ hasText: new RegExp(`^${runners}$`) }), `the ${runners} runners in the list`);

    // The folder, through the upload page; the timeline follows the pipeline to the end without a reload.
    await page.goto(`${urls.pro}/events/${eventId}`);
    await page.getByTestId('event-link-upload').click();
    await page.waitForURL(`${urls.pro}/events/${eventId}/upload`);
    await page.getByTestId('folder-input').setInputFiles(dir);
    assert.match(await page.getByTestId('selection-count').innerText(), new RegExp(`^${PHOTOS} photos · `));
    await page.getByTestId('start-upload').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="step-upload"]')?.getAttribute('data-state') === 'complete',
      null, { timeout: 60_000 });
    await shot('pro-race-day-1-processing');
    await page.waitForFunction(() => document.querySelector('[data-testid="step-done"]')?.getAttribute('data-state') === 'complete',
      null, { timeout: PIPELINE_WAIT_MS });
    assert.equal(await page.getByTestId('step-process-caption').innerText(), `${PHOTOS} / ${PHOTOS}`);
    await shot('pro-race-day-2-done');

    // What the machine found: the bibs of the start list on the photos, and what it left for a person.
    const { items: photos } = await api(token, 'GET', `/api/events/${eventId}/photos`);
    assert.equal(photos.length, PHOTOS);
    const byName = new Map(photos.map((photo) => [photo.originalFilename, photo]));
    const read = manifest.flatMap((m) => m.bibs.filter((bib) => byName.get(m.filename)?.bibs.some((b) => b.number === bib)));
    const shown = manifest.flatMap((m) => m.bibs);
    assert.ok(read.length >= shown.length - 1, `the OCR read the bibs on the photos (${read.length} of ${shown.length})`);
    const queue = await api(token, 'GET', `/api/events/${eventId}/triage`);
    const queued = new Set(queue.items.map((item) => item.photo.id));
    const noBib = byName.get(manifest.find((m) => m.kind === 'no-bib').filename);
    assert.ok(queued.has(noBib.id), 'the photo without a bib waits in the review queue');

    // The review queue: skip (S) to the photo without a bib, add the late runner's number (N), save (Enter).
    await page.goto(`${urls.pro}/events/${eventId}`);
    await page.getByTestId('event-link-triage').click();
    await page.waitForURL(`${urls.pro}/events/${eventId}/triage`);
    await expectVisible(page.getByTestId('triage-item'), 'a photo in the review queue');
    for (let i = 0; i < PHOTOS && (await page.getByTestId('triage-item').getAttribute('data-photo-id')) !== noBib.id; i++) {
      await page.keyboard.press('s');
      await sleep(150);
    }
    await expectVisible(page.locator(`[data-testid="triage-item"][data-photo-id="${noBib.id}"]`), 'the photo without a bib in the queue');
    // The event is still a draft: the photographer sees its photos all the same (signed media links).
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="triage-photo"]');
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
    }, null, { timeout: 10_000 }).catch(() => { throw new Error('the photo of the draft event does not show in the review queue'); });
    await page.keyboard.press('n');
    const input = page.locator('[data-testid="bib-input"]:focus');
    await expectVisible(input, 'a new bib box, with the cursor in it');
    await input.fill(LATE_RUNNER.bib);
    await expectVisible(page.getByTestId('bib-runner').filter({ hasText: LATE_RUNNER.lastName }), 'the late runner, from the start list');
    await shot('pro-race-day-3-triage');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (id) => document.querySelector('[data-testid="triage-item"]')?.getAttribute('data-photo-id') !== id,
      noBib.id,
    );
    const fixed = (await api(token, 'GET', `/api/events/${eventId}/photos`)).items.find((photo) => photo.id === noBib.id);
    assert.deepEqual(fixed.bibs.map((b) => `${b.number}/${b.source}`), [`${LATE_RUNNER.bib}/manual`], 'the typed bib is stored as manual');

    // Published, the runner finds the corrected photo by number and by name.
    await page.goto(`${urls.pro}/events/${eventId}`);
    await page.getByTestId('status-to-published').click();
    await expectVisible(page.getByTestId('status-label').filter({ hasText: 'Published' }), 'the published status');
    const slug = (await api(token, 'GET', `/api/events/${eventId}`)).slug;
    for (let started = Date.now(); !(await publicSearch(slug, `bib=${LATE_RUNNER.bib}`)).includes(noBib.id) && Date.now() - started < 10_000;) await sleep(500);
    assert.ok((await publicSearch(slug, `name=${encodeURIComponent('maelle vasseur')}`)).includes(noBib.id), 'the name search finds it too');
    const runner = await context.newPage();
    await runner.goto(`${urls.public}/events/${slug}`);
    await runner.getByTestId('runner-search').fill(LATE_RUNNER.bib);
    await runner.getByTestId('runner-search-submit').click();
    await expectVisible(runner.locator(`[data-testid="search-result"] a[href*="${noBib.id}"]`), 'the corrected photo in the public results');
    await runner.screenshot({ path: 'test-results/screenshots/pro-race-day-4-public.png', fullPage: true });
    await runner.close();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}, { timeout: PIPELINE_WAIT_MS + 180_000 });
