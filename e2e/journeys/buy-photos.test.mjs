// A runner without an account buys photos of the demo race in local test mode: adds photos from the gallery and from
// the viewer, sees the pack applied in the cart, checks out with an email, pays on the test payment page, watches the
// order page turn paid, finds the receipt in the outbox, follows its link on another device and downloads the ZIP,
// whose every entry is byte for byte the HD original the photographer uploaded.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { DESKTOP, expectAttribute, expectVisible, journey, mailTo, urls } from '../support/browser.mjs';

const RACE = 'semi-marathon-de-bordeaux-2026';
const PHOTOS_TO_BUY = 3;
const BUYER = `buyer-${Date.now()}@example.com`;
/** The worker publishes the seeded demo photos after the run starts: generous on a 2-core machine. */
const PIPELINE_WAIT_MS = 240_000;
const SMALL_PHONE = { width: 360, height: 740 };

function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the journeys through \`npm run e2e\` (e2e/run.mjs)`);
  return value;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the public gallery of the race shows at least `count` photos (the worker publishes them). */
async function galleryWithPhotos(count) {
  for (const started = Date.now(); Date.now() - started < PIPELINE_WAIT_MS; await sleep(3_000)) {
    const res = await fetch(`${urls.api}/api/public/events/${RACE}/photos?limit=100`);
    const body = await res.json();
    if (res.ok && body.items.length >= count) return body.items;
  }
  throw new Error(`${RACE} did not publish ${count} photos within ${PIPELINE_WAIT_MS / 1000}s: is the worker running?`);
}

/** The entries of a ZIP held in memory, as { name, data }. */
function unzip(buffer) {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry) => {
        zip.openReadStream(entry, (openError, stream) => {
          if (openError) return reject(openError);
          const chunks = [];
          stream.on('data', (chunk) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');

/** The HD original of a photo as stored by the upload (`events/<eventId>/originals/<photoId>.<ext>`). */
function originalOf(eventId, photoId) {
  const dir = path.join(requireEnv('E2E_STORAGE_ROOT'), 'events', eventId, 'originals');
  const name = fs.readdirSync(dir).find((file) => file.startsWith(`${photoId}.`));
  assert.ok(name, `the original of photo ${photoId} is in ${dir}`);
  return fs.readFileSync(path.join(dir, name));
}

async function assertNoSidewaysScroll(page, where) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${where}: the page is ${scrollWidth}px wide on a ${innerWidth}px screen`);
}

const photoIdOf = (href) => href?.match(/\/photos\/([^/?#]+)/)?.[1] ?? null;

journey(
  'runner buys photos in test mode: cart with a pack, checkout, paid order page, receipt link, ZIP of the HD originals',
  async ({ page, context, shot }) => {
    await galleryWithPhotos(PHOTOS_TO_BUY);
    const pricing = await (await fetch(`${urls.api}/api/public/events/${RACE}/pricing`)).json();
    assert.equal(pricing.sellable, true, `the demo race is on sale (seeded packs, onboarded owner): ${pricing.notSellableReason}`);
    const config = await (await fetch(`${urls.api}/api/public/payments/config`)).json();
    assert.equal(config.mode, 'local-test', 'the e2e run has no Stripe keys: local test mode');

    // Two photos from the gallery's cart buttons.
    await page.goto(`${urls.public}/events/${RACE}`);
    await expectVisible(page.getByTestId('gallery-photo'), 'the race gallery');
    await expectVisible(page.getByTestId('tile-cart'), 'the cart buttons on the tiles (the race is on sale)');
    const tiles = page.getByTestId('gallery-photo');
    const chosen = [];
    for (const i of [0, 1]) {
      chosen.push(photoIdOf(await tiles.nth(i).getAttribute('href')));
      const button = page.getByTestId('tile-cart').nth(i);
      assert.match(await button.getAttribute('aria-label'), /^Add to cart: Photo \d+ of Semi-marathon de Bordeaux/);
      await button.click();
      await expectAttribute(button, 'aria-label', /^Remove from cart: /, 'the tile button to say the photo is in the cart');
    }
    await expectAttribute(page.getByTestId('cart-link'), 'aria-label', /^Cart, 2 items$/, 'the header’s cart to count 2');

    // A third from the viewer (the size is chosen there when the race sells web-size photos too).
    chosen.push(photoIdOf(await tiles.nth(2).getAttribute('href')));
    await tiles.nth(2).click();
    await expectVisible(page.getByTestId('viewer-photo'), 'the photo in the viewer');
    const add = page.getByTestId('viewer-add-to-cart');
    assert.equal(await add.getAttribute('aria-disabled'), null, 'buying is open on the demo race');
    await add.click();
    if (await page.getByTestId('viewer-buy-hd').isVisible()) await page.getByTestId('viewer-buy-hd').click();
    await expectVisible(page.locator('[data-testid="viewer-add-to-cart"].app-in-cart'), 'the viewer saying the photo is in the cart');
    await shot('buy-photos-1-viewer');
    await page.keyboard.press('Escape');
    await expectAttribute(page.getByTestId('cart-link'), 'aria-label', new RegExp(`^Cart, ${PHOTOS_TO_BUY} items$`), 'the header’s cart to count 3');
    assert.ok(chosen.every(Boolean) && new Set(chosen).size === PHOTOS_TO_BUY, `three different photos: ${chosen}`);

    // The cart: priced by the server, the pack of 5 beats three singles and leaves two free slots.
    await page.getByTestId('cart-link').click();
    await expectVisible(page.getByTestId('cart-group'), 'the cart group of the race');
    assert.equal(await page.getByTestId('cart-line').count(), PHOTOS_TO_BUY);
    await expectVisible(page.getByTestId('test-mode-ribbon'), 'the test mode ribbon');
    const packs = await page.getByTestId('cart-pack').allInnerTexts();
    assert.ok(packs.some((text) => /Pack 5 photos/.test(text)), `the pack is applied: ${packs.join(' | ')}`);
    await expectVisible(page.getByTestId('cart-savings'), 'what the pack saves');
    await expectVisible(page.getByTestId('cart-free-slots'), 'the free slots of the pack');
    const total = (await page.getByTestId('cart-total').innerText()).trim();
    await shot('buy-photos-2-cart');

    // Checkout: the email is required without an account; test mode says no money moves.
    await page.getByTestId('cart-checkout').click();
    await expectVisible(page.getByTestId('checkout-summary'), 'the checkout summary');
    await expectVisible(page.getByTestId('test-mode-notice'), 'the TEST MODE notice');
    assert.equal((await page.getByTestId('checkout-total').innerText()).trim(), total, 'the checkout shows the cart’s total');
    await page.getByTestId('checkout-email').fill(BUYER);
    await shot('buy-photos-3-checkout');
    await page.getByTestId('checkout-submit').click();

    // The test payment page (on the API) plays Stripe, then sends the browser back to the order page.
    await page.waitForURL((url) => url.pathname.includes('/test-mode/') || url.pathname.startsWith('/api/'), { timeout: 15_000 });
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(`${urls.public}/orders/`), { timeout: 15_000 });
    const orderUrl = new URL(page.url());
    assert.ok(orderUrl.searchParams.get('t'), 'the order page keeps its access token in the address');
    await expectVisible(page.getByTestId('order-paid'), 'the order page turning paid', 30_000);
    assert.equal(await page.getByTestId('order-file').count(), PHOTOS_TO_BUY, 'one download per photo');
    await expectVisible(page.getByTestId('order-download-zip'), 'the "Download all (ZIP)" button');
    await expectVisible(page.getByTestId('order-links-expiry'), 'when the links expire');
    await expectAttribute(page.getByTestId('cart-link'), 'aria-label', /^Cart, empty$/, 'the bought photos to leave the cart');
    await shot('buy-photos-4-order');

    // The receipt, and its link opened on another device (a phone, no cart, no session).
    const receipt = await mailTo(BUYER);
    assert.match(receipt.subject, /Semi-marathon de Bordeaux/);
    const link = receipt.text.match(/https?:\/\/\S+\/orders\/\S+/)?.[0];
    assert.ok(link, `the receipt links to the order page:\n${receipt.text}`);
    const phone = await context.browser().newContext({ viewport: SMALL_PHONE, locale: 'en-GB', timezoneId: 'UTC' });
    try {
      const other = await phone.newPage();
      await other.goto(link);
      await expectVisible(other.getByTestId('order-paid'), 'the paid order opened from the email');
      await assertNoSidewaysScroll(other, 'order page on a 360 px phone');
      await other.screenshot({ path: path.resolve('test-results/screenshots/buy-photos-5-order-phone.png'), fullPage: true });
      const zipHref = await other.getByTestId('order-download-zip').getAttribute('href');
      assert.ok(zipHref, 'the ZIP link');

      // The ZIP, fetched as the browser would, holds exactly the HD originals of the three photos.
      const res = await fetch(new URL(zipHref, urls.public));
      assert.equal(res.status, 200, `the ZIP downloads (${zipHref})`);
      assert.match(res.headers.get('content-type') ?? '', /application\/zip/);
      const entries = await unzip(Buffer.from(await res.arrayBuffer()));
      assert.equal(entries.length, PHOTOS_TO_BUY, `one entry per photo: ${entries.map((e) => e.name).join(', ')}`);

      const order = await (await fetch(`${urls.api}/api/public/orders/${orderUrl.pathname.split('/').pop()}?t=${encodeURIComponent(orderUrl.searchParams.get('t'))}`)).json();
      assert.deepEqual(order.items.map((item) => item.photoId).sort(), [...chosen].sort(), 'the order has the photos put in the cart');
      const originals = chosen.map((photoId) => sha256(originalOf(order.event.id, photoId))).sort();
      assert.deepEqual(entries.map((entry) => sha256(entry.data)).sort(), originals, 'every entry is byte for byte an HD original');
    } finally {
      await phone.close();
    }
  },
  { viewport: DESKTOP, timeout: PIPELINE_WAIT_MS + 120_000 },
);
