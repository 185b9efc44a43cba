// A runner on a phone finds their photos of the demo race: searches a bib, opens the viewer, keeps a photo as a
// favorite without an account, signs in, and finds it kept in their account. Needs the demo race's photos
// processed by the worker (the seed uploads them; the journey waits for the first bib the API can find).
import assert from 'node:assert/strict';
import pg from 'pg';
import { demoEmail, expectAttribute, expectHidden, expectVisible, journey, urls } from '../support/browser.mjs';
import { DEMO_PASSWORD } from '../../scripts/lib/demo-accounts.mjs';

const RACE = 'semi-marathon-de-bordeaux-2026';
/** The narrowest phone the site supports (the 360 px). */
const SMALL_PHONE = { width: 360, height: 740 };
/** The worker reads the demo photos' bibs after the seed: generous on a 2-core machine. */
const PIPELINE_WAIT_MS = 240_000;

async function startListBibs() {
  const db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT s.bib FROM start_list_entries s JOIN events e ON e.id = s.event_id WHERE e.slug = $1 ORDER BY s.bib`,
      [RACE],
    );
    return rows.map((row) => row.bib);
  } finally {
    await db.end();
  }
}

/** A bib of the start list the public search finds photos for, once the worker has read them. */
async function findableBib() {
  const bibs = await startListBibs();
  assert.ok(bibs.length > 0, `the demo race ${RACE} has a start list`);
  for (const started = Date.now(); Date.now() - started < PIPELINE_WAIT_MS; await new Promise((r) => setTimeout(r, 3_000))) {
    for (const bib of bibs) {
      const res = await fetch(`${urls.api}/api/public/events/${RACE}/search?bib=${bib}`);
      const body = await res.json();
      if (res.ok && body.results.length > 0) return bib;
    }
  }
  throw new Error(`no bib of ${RACE} found any photo within ${PIPELINE_WAIT_MS / 1000}s: is the worker processing the demo photos?`);
}

/** The page fits the phone: nothing wider than the screen, so no sideways scrolling. */
async function assertNoSidewaysScroll(page, where) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${where}: the page is ${scrollWidth}px wide on a ${innerWidth}px screen`);
}

journey(
  'runner on a phone searches a bib, opens the viewer, favorites a photo, signs in and finds it kept',
  async ({ page, shot }) => {
    const bib = await findableBib();

    // The race list, filtered by place, leads to the race.
    await page.goto(urls.public);
    await page.getByTestId('event-search').fill('Bordeaux');
    await expectVisible(page.getByTestId('event-card').filter({ hasText: 'Semi-marathon de Bordeaux' }), 'the demo race card');
    await assertNoSidewaysScroll(page, 'race list');
    await page.getByTestId('event-card').filter({ hasText: 'Semi-marathon de Bordeaux' }).click();
    await expectVisible(page.getByTestId('gallery-photo'), 'the race gallery (gallery-photo)');
    assert.match(await page.getByTestId('page-title').innerText(), /Semi-marathon de Bordeaux/);
    await assertNoSidewaysScroll(page, 'event page');
    await shot('runner-search-1-event');

    // Search by bib: the results say why each photo matched.
    await page.getByTestId('runner-search').fill(bib);
    await page.getByTestId('runner-search-submit').click();
    await expectVisible(page.getByTestId('search-result'), `search results for bib ${bib}`);
    assert.match(page.url(), new RegExp(`[?&]q=${bib}\\b`), 'the search is in the address, to share it');
    const reasons = await page.getByTestId('search-result').first().getByTestId('match-reason').allInnerTexts();
    assert.ok(
      reasons.some((text) => text.includes(`Bib ${bib}`)),
      `the first result says it matched bib ${bib}: ${reasons.join(' | ')}`,
    );
    await assertNoSidewaysScroll(page, 'search results');
    await shot('runner-search-2-results');

    // The viewer: full screen, with a link of its own.
    await page.getByTestId('search-result').first().getByRole('link').first().click();
    await expectVisible(page.getByTestId('photo-viewer'), 'the photo viewer');
    await expectVisible(page.getByTestId('viewer-photo'), 'the photo in the viewer');
    const photoId = new URL(page.url()).pathname.match(/\/photos\/([^/]+)$/)?.[1];
    assert.ok(photoId, `the viewer has its own address (${page.url()})`);
    assert.match(await page.getByTestId('viewer-title').innerText(), /^Photo 1 of \d+/);
    assert.equal(await page.getByTestId('viewer-add-to-cart').getAttribute('aria-disabled'), null, 'the demo race is on sale: the viewer offers "Add to cart"');

    // Favorite it, without an account.
    const heart = page.getByTestId('viewer-favorite');
    assert.equal(await heart.getAttribute('aria-pressed'), 'false');
    await heart.click();
    await expectAttribute(heart, 'aria-pressed', /^true$/, 'the heart to be filled');
    await shot('runner-search-3-viewer');
    await page.keyboard.press('Escape');
    await expectHidden(page.getByTestId('photo-viewer'), 'the viewer after Esc');
    await expectVisible(page.getByTestId('search-result'), 'the results again after closing the viewer');

    // The favorites page keeps it on the device and offers to sign in.
    await page.getByTestId('favorites-link').click();
    await expectVisible(page.locator(`[data-testid="favorite-photo"][data-photo-id="${photoId}"]`), 'the favorite on the device');
    await expectVisible(page.getByTestId('favorites-device-note'), 'the "kept on this device" note');
    await page.getByTestId('favorites-login').click();
    await expectVisible(page.getByTestId('login-email'), 'the sign-in form');
    await page.getByTestId('login-email').fill(demoEmail('runner'));
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();

    // Back on the favorites page, signed in: the photo was added to the account.
    await expectVisible(page.getByTestId('shell-user-menu'), 'the signed-in runner');
    await page.waitForURL(/\/favorites$/);
    await expectHidden(page.getByTestId('favorites-device-note'), 'the device note once signed in');
    await expectVisible(page.locator(`[data-testid="favorite-photo"][data-photo-id="${photoId}"]`), 'the favorite in the account');
    // The account has it, not only this tab: a reload reads it from the server.
    await page.reload();
    await expectVisible(page.locator(`[data-testid="favorite-photo"][data-photo-id="${photoId}"]`), 'the favorite after a reload');
    const stored = await page.evaluate(() => localStorage.getItem('focus-racer.public.favorites'));
    assert.equal(stored, null, 'the device copy is dropped once merged into the account');
    await shot('runner-search-4-favorites');
  },
  { viewport: SMALL_PHONE, timeout: PIPELINE_WAIT_MS + 90_000 },
);
