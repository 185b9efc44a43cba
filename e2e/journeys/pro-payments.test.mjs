// Pro payments in the local test mode (no Stripe keys): a photographer sets up payments through the test
// onboarding page, prices an event and reads what runners pay and what they receive, buys credits through the test
// checkout page; an admin changes the service fee and the pro's prices follow it; an organizer reads the sales of
// their race after guests bought photos (one order refunded).
// Screenshots at tablet (768 px) and desktop width: test-results/screenshots/pro-commerce-*.png.
import assert from 'node:assert/strict';
import { DESKTOP, demoEmail, expectHidden, expectVisible, journey, signInToShell, urls } from '../support/browser.mjs';
import { api, apiLogin, shotBoth as proShotBoth } from '../support/pro.mjs';

const shotBoth = (page, shot, label) => proShotBoth(page, shot, 'pro-commerce', label);
const oneLine = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

journey('photographer sets up payments with the test onboarding page', async ({ page, shot }) => {
  await signInToShell(page, urls.pro, 'photographer');
  await page.goto(`${urls.pro}/events`);
  await expectVisible(page.getByTestId('payments-banner'), 'the payments banner (the demo photographer owns events, is not onboarded)');
  assert.match(await page.getByTestId('payments-banner').innerText(), /Runners cannot buy your photos until you finish setting up payments/);
  await shotBoth(page, shot, 'events-banner');

  await page.getByTestId('payments-banner-action').click();
  await expectVisible(page.getByTestId('onboarding-state'), 'the onboarding state on /payments');
  assert.equal(await page.getByTestId('onboarding-state').innerText(), 'Not set up',
    'the demo photographer starts without a Stripe account (did the seed or another journey onboard them?)');
  await expectVisible(page.getByTestId('test-mode'), 'the TEST MODE label');
  await expectHidden(page.getByTestId('payments-banner'), 'the banner on the payments page itself');
  await expectVisible(page.getByTestId('sales-empty'), 'the empty sales state');
  await shotBoth(page, shot, 'payments-not-set-up');

  await page.getByTestId('onboarding-start').click();
  await expectVisible(page.getByRole('heading', { name: 'Payout account onboarding' }), 'the test onboarding page of the API');
  await shot('pro-commerce-test-onboarding-page');
  await page.getByRole('button', { name: 'Complete onboarding (test)' }).click();

  await page.waitForURL(`${urls.pro}/payments**`);
  await expectVisible(page.getByTestId('onboarding-notice'), 'the message after coming back from onboarding');
  assert.match(await page.getByTestId('onboarding-notice').innerText(), /Payments are set up/);
  assert.equal(await page.getByTestId('onboarding-state').innerText(), 'Ready');
  assert.match(await oneLine(page.getByTestId('onboarding-checklist')), /Card payments enabled.*Payouts to your bank enabled/);
  assert.equal(new URL(page.url()).search, '', 'the ?onboarding=return parameter is removed once handled');
  await shotBoth(page, shot, 'payments-ready');

  await page.getByTestId('nav-events').click();
  await expectVisible(page.getByTestId('events-list'), 'the events list');
  await expectHidden(page.getByTestId('payments-banner'), 'the payments banner once onboarded');
});

journey('photographer prices an event and sees what runners pay and what they receive', async ({ page, shot }) => {
  const token = await apiLogin('photographer');
  const name = `E2E Prices ${Date.now().toString(36)}`;
  const event = await api(token, 'POST', '/api/events', { name, date: '2026-10-04', location: 'Lyon', sport: 'running' });
  const config = await (await fetch(`${urls.api}/api/public/payments/config`)).json();
  assert.equal(config.mode, 'local-test', 'the e2e platform runs without Stripe keys');
  const euros = (cents) => `€${(cents / 100).toFixed(2)}`;
  // What the pro receives: the price minus the commission, rounded down (splitOrder in libs/api-types).
  const net = (cents) => cents - Math.floor((cents * Math.round(config.commissionPercent * 100)) / 10_000);

  await signInToShell(page, urls.pro, 'photographer');
  await page.goto(`${urls.pro}/events`);
  const row = page.getByTestId('event-row').filter({ hasText: name });
  await expectVisible(row, `the new event "${name}" in the events list`);
  await row.getByTestId('event-prices').click();
  await page.waitForURL(`${urls.pro}/events/${event.id}/prices`);
  await expectVisible(page.getByTestId('prices-empty'), 'the empty offer with its suggestion');
  await shotBoth(page, shot, 'prices-empty');

  await page.getByTestId('suggest-packs').click();
  await expectVisible(page.getByTestId('pack').nth(2), 'the three suggested prices');
  assert.equal(await page.getByTestId('pack').count(), 3, 'the suggestion has three prices');
  const splits = page.getByTestId('pack-split');
  assert.equal(await oneLine(splits.nth(0)),
    `Runner pays ${euros(600 + config.serviceFeeCents)} · you receive ${euros(net(600))} (before Stripe's fee)`);
  assert.match(await page.getByTestId('fee-note').innerText(), /once per order/);

  // Not an amount: refused before anything is sent.
  await page.getByTestId('pack-price').nth(1).fill('14,999');
  await page.getByTestId('save-prices').click();
  await expectVisible(page.locator('mat-error').filter({ hasText: 'An amount such as 6 or 14.90' }), 'the price error');

  await page.getByTestId('pack-price').nth(1).fill('14.50');
  assert.equal(await oneLine(splits.nth(1)),
    `Runner pays ${euros(1450 + config.serviceFeeCents)} · you receive ${euros(net(1450))} (before Stripe's fee)`);
  assert.match(await page.locator('mat-hint').filter({ hasText: 'a photo' }).first().innerText(), /€2\.90 a photo/);
  await shotBoth(page, shot, 'prices-editing');
  await page.getByTestId('save-prices').click();
  await expectVisible(page.getByTestId('prices-saved'), 'the saved message');

  await page.reload();
  await expectVisible(page.getByTestId('pack'), 'the saved prices after a reload');
  const prices = await page.getByTestId('pack-price').evaluateAll((inputs) => inputs.map((input) => input.value));
  assert.deepEqual(prices, ['6.00', '14.50', '25.00'], 'the prices were stored in cents and read back');
  const stored = await api(token, 'GET', `/api/events/${event.id}/price-packs`);
  assert.deepEqual(stored.map((p) => [p.kind, p.priceCents, p.photoCount]), [['single', 600, null], ['pack', 1450, 5], ['all_my_photos', 2500, null]]);
});

journey('photographer buys a credit pack through the test checkout page and sees the balance grow', async ({ page, shot }) => {
  await signInToShell(page, urls.pro, 'photographer');
  await page.getByTestId('nav-credits').click();
  await expectVisible(page.getByTestId('credit-balance'), 'the credit balance');
  await expectVisible(page.getByTestId('test-mode'), 'the TEST MODE label');
  const balance = async () => Number((await page.getByTestId('credit-balance').innerText()).replace(/[^\d]/g, ''));
  const before = await balance();
  await shotBoth(page, shot, 'credits');

  const offer = page.locator('[data-testid="credit-offer"][data-offer="pack-500"]');
  await expectVisible(offer, 'the 500-credit pack');
  await offer.getByTestId('buy-offer').click();
  await expectVisible(page.getByRole('button', { name: 'Pay', exact: true }), 'the Pay button of the test checkout page');
  await shot('pro-commerce-test-checkout-page');
  await page.getByRole('button', { name: 'Pay', exact: true }).click();

  await page.waitForURL(`${urls.pro}/credits**`);
  await expectVisible(page.getByTestId('credits-notice'), 'the message after checkout');
  // The credits come with the webhook: "in a few seconds", then the balance.
  await page.getByTestId('credits-notice').filter({ hasText: 'credits added' }).waitFor({ timeout: 30_000 })
    .catch(async () => { throw new Error(`credits did not arrive: ${await page.getByTestId('credits-notice').innerText()}`); });
  assert.equal(await balance(), before + 500, 'the balance grew by the 500 credits bought');
  assert.match(await oneLine(page.getByTestId('ledger-row').first()), /Credit pack bought \+500/);
  await shotBoth(page, shot, 'credits-bought');
});

journey('admin changes the service fee and the pro prices follow it', async ({ page, context, shot }) => {
  const adminToken = await apiLogin('admin');
  const original = await api(adminToken, 'GET', '/api/admin/payments/settings');
  try {
    await signInToShell(page, urls.admin, 'admin');
    await page.getByTestId('nav-payment-settings').click();
    await expectVisible(page.getByTestId('payment-mode'), 'the payment mode');
    assert.match(await page.getByTestId('payment-mode').innerText(), /LOCAL TEST MODE/);

    await page.getByTestId('commission').fill('51');
    await page.getByTestId('save-settings').click();
    await expectVisible(page.locator('mat-error').filter({ hasText: 'At most 50' }), 'the commission limit');

    await page.getByTestId('commission').fill('0');
    await page.getByTestId('service-fee').fill('1.50');
    assert.equal(await oneLine(page.getByTestId('fee-example')),
      "calculate Example: a €15.00 pack → runner pays €16.50, platform keeps €1.50, photographer receives €15.00 minus Stripe's fee.");
    await shotBoth(page, shot, 'admin-settings');
    await page.getByTestId('save-settings').click();
    await expectVisible(page.getByTestId('settings-saved'), 'the saved message');
    await page.reload();
    await expectVisible(page.getByTestId('service-fee'), 'the settings form after a reload');
    assert.equal(await page.getByTestId('service-fee').inputValue(), '1.50', 'the new fee was stored');

    // The pro's price editor now counts the new fee.
    const pro = await context.browser().newContext({ viewport: DESKTOP, locale: 'en-GB', timezoneId: 'UTC' });
    try {
      const proPage = await pro.newPage();
      const token = await apiLogin('photographer');
      const event = (await api(token, 'GET', '/api/events')).find((e) => e.slug.startsWith('trail-des-cretes-du-vercors'));
      assert.ok(event, 'the demo photographer owns the Vercors trail');
      await signInToShell(proPage, urls.pro, 'photographer');
      await proPage.goto(`${urls.pro}/events/${event.id}/prices`);
      await expectVisible(proPage.getByTestId('pack-split'), 'the amounts of the Vercors prices');
      assert.match(await oneLine(proPage.getByTestId('fee-note')), /service fee of €1\.50 once per order/);
      const [firstPack] = await api(token, 'GET', `/api/events/${event.id}/price-packs`);
      assert.equal(await oneLine(proPage.getByTestId('pack-split').first()),
        `Runner pays €${((firstPack.priceCents + 150) / 100).toFixed(2)} · you receive €${(firstPack.priceCents / 100).toFixed(2)} (before Stripe's fee)`);
    } finally {
      await pro.close();
    }
  } finally {
    // Later journeys (runners buying) expect the platform's usual fee.
    await api(adminToken, 'PUT', '/api/admin/payments/settings', original);
  }
});

const RACE = 'semi-marathon-de-bordeaux-2026';
/** The worker publishes the seeded demo photos after the run starts: generous on a 2-core machine. */
const PIPELINE_WAIT_MS = 240_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A guest buys `photoIds` (HD) of the demo race through the API and pays on the test checkout page; returns its URL. */
async function guestBuys(eventId, photoIds) {
  const res = await fetch(`${urls.api}/api/public/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      eventId,
      email: `sales-e2e-${Date.now()}@example.com`,
      items: photoIds.map((photoId) => ({ kind: 'photo', photoId, resolution: 'hd' })),
    }),
  });
  const checkout = await res.json();
  assert.equal(res.status, 201, `checkout: ${res.status} ${JSON.stringify(checkout).slice(0, 300)}`);
  assert.ok(checkout.testCheckoutUrl, 'local test mode gives a test checkout page');
  const paid = await fetch(`${checkout.testCheckoutUrl}/pay`, { method: 'POST', redirect: 'manual' });
  assert.ok(paid.status < 400, `paying on the test checkout page: ${paid.status}`);
  return checkout.testCheckoutUrl;
}

journey('organizer reads their sales: summary, each sale with its status, top-selling photos', async ({ page, shot }) => {
  const race = await (await fetch(`${urls.api}/api/public/events/${RACE}`)).json();
  let photos = [];
  for (const started = Date.now(); photos.length < 2 && Date.now() - started < PIPELINE_WAIT_MS; await sleep(3_000)) {
    const res = await fetch(`${urls.api}/api/public/events/${RACE}/photos?limit=10`);
    photos = res.ok ? (await res.json()).items : [];
  }
  assert.ok(photos.length >= 2, `${RACE} did not publish 2 photos within ${PIPELINE_WAIT_MS / 1000}s: is the worker running?`);

  // Three orders, the last refunded: the table shows both statuses, the summary counts the refund, and the first
  // photo (in two paid orders) sells best.
  await guestBuys(race.id, [photos[0].id, photos[1].id]);
  await guestBuys(race.id, [photos[0].id]);
  const refunded = await guestBuys(race.id, [photos[1].id]);
  const refund = await fetch(`${refunded}/refund`, { method: 'POST', redirect: 'manual' });
  assert.ok(refund.status < 400, `refunding on the test checkout page: ${refund.status}`);

  await signInToShell(page, urls.pro, 'organizer');
  await expectHidden(page.getByTestId('payments-banner'), 'the payments banner (the seed onboards the demo organizer)');
  await page.getByTestId('nav-payments').click();
  await expectVisible(page.getByTestId('sales-table'), 'the sales table of the organizer');
  assert.equal(await page.getByTestId('onboarding-state').innerText(), 'Ready');
  const statuses = await page.getByTestId('sale-status').allInnerTexts();
  assert.ok(statuses.includes('Paid') && statuses.includes('Refunded'), `paid and refunded sales listed: ${statuses.join(', ')}`);
  const rows = await page.getByTestId('sale-row').allInnerTexts();
  assert.ok(rows.every((row) => /Semi-marathon de Bordeaux/.test(row)), 'each sale names its event');
  assert.ok(Number(await page.getByTestId('stat-photos').locator('.app-stat-value').innerText()) >= 2, 'photos sold counted');
  assert.match(await oneLine(page.getByTestId('stat-refunds')), /[1-9]\d* refunded order/);
  await expectVisible(page.getByTestId('top-photo'), 'the top-selling photos');
  assert.match(await oneLine(page.getByTestId('top-photo').first()), /Sold [2-9]|Sold \d{2,}/, 'the photo bought twice leads');
  await shotBoth(page, shot, 'payments-sales');

  // Filtered by the race: the same sales (the organizer's other races sold nothing).
  await page.getByTestId('sales-event-filter').click();
  await page.getByRole('option', { name: 'Semi-marathon de Bordeaux' }).click();
  await expectVisible(page.getByTestId('sale-row'), 'the sales of the race');
  assert.equal(await page.getByTestId('sale-row').count(), rows.length, 'filtering by the only race that sold keeps every sale');
}, { timeout: PIPELINE_WAIT_MS + 60_000 });
