// The organizer fixes the machine's mistakes on the demo race: opens the race's photos from the events list,
// filters them, opens the review queue, corrects a doubtful bib to a start-list number with the keyboard, sees the
// correction in a photos tab left open (no reload), and a runner's bib search on the public site finds the photo by
// its new number and no longer by the old one. Needs the demo race's photos processed by the worker.
// Screenshots: test-results/screenshots/pro-triage-*.png.
import assert from 'node:assert/strict';
import pg from 'pg';
import { expectVisible, journey, signInToShell, urls } from '../support/browser.mjs';

const RACE = 'semi-marathon-de-bordeaux-2026';
/** The worker reads the demo photos' bibs after the seed: generous on a 2-core machine. */
const PIPELINE_WAIT_MS = 240_000;

async function withDb(fn) {
  const db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/**
 * A processed demo photo with an OCR bib, that runners can be shown (the triage queue leaves out hidden, blurry and
 * duplicate photos), once the worker has read it: the bib to make doubtful; and a start-list number on no photo yet.
 */
async function pickPhotoAndNewNumber() {
  for (const started = Date.now(); Date.now() - started < PIPELINE_WAIT_MS; await new Promise((r) => setTimeout(r, 3_000))) {
    const found = await withDb(async (db) => {
      const { rows: bibs } = await db.query(
        `SELECT p.id, b.number, p.event_id
           FROM photos p JOIN events e ON e.id = p.event_id JOIN bib_numbers b ON b.photo_id = p.id
          WHERE e.slug = $1 AND p.status = 'processed' AND NOT p.hidden AND NOT p.is_blurry AND p.duplicate_of_id IS NULL
            AND b.source = 'ocr' AND b.box IS NOT NULL
          ORDER BY p.created_at, b.number LIMIT 1`,
        [RACE],
      );
      if (bibs.length === 0) return null;
      const { rows: free } = await db.query(
        `SELECT s.bib FROM start_list_entries s
          WHERE s.event_id = $1 AND NOT EXISTS (SELECT 1 FROM bib_numbers b WHERE b.event_id = s.event_id AND b.number = s.bib)
          ORDER BY s.bib LIMIT 1`,
        [bibs[0].event_id],
      );
      assert.ok(free.length > 0, `the demo start list of ${RACE} has a number no photo shows`);
      return { photoId: bibs[0].id, oldNumber: bibs[0].number, eventId: bibs[0].event_id, newNumber: free[0].bib };
    });
    if (found) return found;
  }
  throw new Error(`no demo photo of ${RACE} was processed with a bib within ${PIPELINE_WAIT_MS / 1000}s: is the worker running?`);
}

/** The photo ids the public bib search of the demo race answers for `bib`. */
async function publicSearch(bib) {
  const res = await fetch(`${urls.api}/api/public/events/${RACE}/search?bib=${encodeURIComponent(bib)}`);
  assert.equal(res.status, 200, `public search for bib ${bib}: ${res.status}`);
  return (await res.json()).results.map((result) => result.photo.id);
}

journey(
  'organizer corrects a doubtful bib in the review queue and runners find the photo by the new number',
  async ({ page, context, shot }) => {
    const { photoId, oldNumber, eventId, newNumber } = await pickPhotoAndNewNumber();
    // The machine read the number with little confidence: the photo goes to the review queue.
    await withDb((db) =>
      Promise.all([
        db.query(`UPDATE bib_numbers SET confidence = 0.55 WHERE photo_id = $1 AND number = $2`, [photoId, oldNumber]),
        db.query(`UPDATE photos SET reviewed_at = NULL, review_skipped_at = NULL WHERE id = $1`, [photoId]),
      ]),
    );
    assert.ok((await publicSearch(oldNumber)).includes(photoId), `before: bib ${oldNumber} finds the photo`);
    assert.deepEqual(await publicSearch(newNumber), [], `before: bib ${newNumber} finds nothing`);

    // The race's photos, from the events list.
    await signInToShell(page, urls.pro, 'organizer');
    await page.goto(`${urls.pro}/events`);
    const row = page.getByTestId('event-row').filter({ hasText: 'Semi-marathon de Bordeaux' });
    await expectVisible(row, 'the demo race in the events list');
    await row.getByTestId('event-photos').click();
    await page.waitForURL(new RegExp(`/events/${eventId}/photos`));
    const tile = (root) => root.locator(`[data-testid="photo-tile"][data-photo-id="${photoId}"]`);
    await expectVisible(tile(page), 'the doubtful photo in the grid');
    assert.ok(
      (await tile(page).locator(`[data-testid="bib-chip"][data-bib="${oldNumber}"]`).getAttribute('class')).includes('app-bib-low'),
      `the ${oldNumber} chip is flagged as a low-confidence reading`,
    );
    await shot('pro-triage-1-photos');

    // Filtered to what needs a look: the photo is there, and the chip counts it.
    await page.getByTestId('filter-needs-review').click();
    await page.waitForURL(/filter=needs-review/);
    await expectVisible(tile(page), 'the doubtful photo under "Needs review"');
    const reviewCount = Number(await page.getByTestId('filter-needs-review').getByTestId('filter-count').innerText());
    assert.ok(reviewCount >= 1, `the "Needs review" chip counts the photo (${reviewCount})`);
    await page.getByTestId('filter-low-confidence').click();
    await expectVisible(tile(page), 'the doubtful photo under "Low confidence"');
    await shot('pro-triage-2-filtered');

    // A second tab keeps the grid open while the organizer works in the queue.
    const grid = await context.newPage();
    await grid.goto(`${urls.pro}/events/${eventId}/photos`);
    await expectVisible(tile(grid), 'the photo in the grid of the second tab');

    // The review queue: other doubtful photos are skipped (S) until the one whose bib is wrong.
    await page.getByTestId('open-triage').click();
    await page.waitForURL(new RegExp(`/events/${eventId}/triage`));
    await expectVisible(page.getByTestId('triage-item'), 'a photo in the review queue');
    const left = await page.getByTestId('triage-left').innerText();
    assert.match(left, /^\d+ left$/, `the queue says how many are left (${left})`);
    for (let i = 0; i < 40 && (await page.getByTestId('triage-item').getAttribute('data-photo-id')) !== photoId; i++) {
      await page.keyboard.press('s');
    }
    await expectVisible(page.locator(`[data-testid="triage-item"][data-photo-id="${photoId}"]`), 'the doubtful photo in the queue');
    assert.match(await page.getByTestId('triage-reasons').innerText(), new RegExp(`${oldNumber}.*confidence`), 'the reason is said in words');
    await expectVisible(page.getByTestId('bib-zoom').locator('img'), 'the zoom on the bib box');
    await shot('pro-triage-3-queue');

    // E corrects: the cursor is in the doubtful number (the photo's other bibs stay as they are); the number is
    // checked against the start list as it is typed; Enter saves.
    await page.keyboard.press('e');
    const input = page.locator('[data-testid="bib-input"]:focus');
    await expectVisible(input, 'the bib editor, its cursor in a bib');
    assert.equal(await input.inputValue(), oldNumber, 'the editor opens on the doubtful bib');
    const others = (await page.getByTestId('bib-input').evaluateAll((inputs) => inputs.map((i) => i.value))).filter((n) => n !== oldNumber);
    await input.fill(newNumber);
    await expectVisible(page.getByTestId('bib-runner'), `the runner of bib ${newNumber} from the start list`);
    await shot('pro-triage-4-correcting');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (id) => document.querySelector('[data-testid="triage-item"]')?.getAttribute('data-photo-id') !== id,
      photoId,
    );

    // The tab left open shows the typed bib without a reload.
    const fixed = tile(grid).locator(`[data-testid="bib-chip"][data-bib="${newNumber}"][data-source="manual"]`);
    await expectVisible(fixed, `the corrected bib ${newNumber} in the other tab's grid`);
    assert.equal(await tile(grid).locator(`[data-testid="bib-chip"][data-bib="${oldNumber}"]`).count(), 0, 'the old chip is gone');
    for (const other of others) {
      await expectVisible(tile(grid).locator(`[data-testid="bib-chip"][data-bib="${other}"][data-source="manual"]`), `bib ${other} kept, now confirmed`);
    }

    // Live from the pipeline too: another photo reprocessed from the grid goes through the pipeline on screen.
    const other = grid.locator(`[data-testid="photo-tile"]:not([data-photo-id="${photoId}"])`).filter({ has: grid.getByTestId('bib-chip') }).last();
    const otherId = await other.getAttribute('data-photo-id');
    assert.notEqual(otherId, photoId);
    await other.getByTestId('photo-select').click();
    assert.equal(await grid.getByTestId('selection-count').innerText(), '1 selected');
    await grid.getByTestId('bulk-reprocess').click();
    await expectVisible(grid.locator(`[data-testid="photo-tile"][data-photo-id="${otherId}"][data-status="processing"]`), 'the reprocessed photo in the pipeline');
    await expectVisible(
      grid.locator(`[data-testid="photo-tile"][data-photo-id="${otherId}"][data-status="processed"] [data-testid="bib-chip"]`),
      'the reprocessed photo back with its bibs, through the progress stream',
      PIPELINE_WAIT_MS / 4,
    );
    await grid.close();

    // Runners find the photo by its new number at once, and no longer by the old one.
    assert.ok((await publicSearch(newNumber)).includes(photoId), `after: bib ${newNumber} finds the photo`);
    assert.ok(!(await publicSearch(oldNumber)).includes(photoId), `after: bib ${oldNumber} no longer finds the photo`);
    const runner = await context.newPage();
    await runner.goto(`${urls.public}/events/${RACE}`);
    await runner.getByTestId('runner-search').fill(newNumber);
    await runner.getByTestId('runner-search-submit').click();
    await expectVisible(runner.getByTestId('search-result'), `the public search result for bib ${newNumber}`);
    await expectVisible(runner.locator(`[data-testid="search-result"] a[href*="${photoId}"]`), 'the corrected photo among the results');
    await runner.screenshot({ path: 'test-results/screenshots/pro-triage-5-public-search.png', fullPage: true });
    await runner.close();
  },
  { timeout: PIPELINE_WAIT_MS + 120_000 },
);
