// Pro events: a photographer creates an event, edits it, sets a watermark (the live preview changes), sets a
// price pack, imports a start list from a CSV file with one bad row (shown in the report, left out) and publishes
// the event; an organizer invites photographers to a race (an existing demo photographer becomes active at once, an
// unknown address is invited and emailed), reads the whole demo race's statistics and shares its link and QR code.
// Screenshots at tablet (768 px) and desktop width: test-results/screenshots/pro-events-*.png.
import assert from 'node:assert/strict';
import { demoEmail, expectHidden, expectVisible, journey, mailTo, signInToShell, urls } from '../support/browser.mjs';
import { api, apiLogin, shotBoth as proShotBoth } from '../support/pro.mjs';

const RACE = 'semi-marathon-de-bordeaux-2026';
/** The seed's photos go through the worker: long enough for the six of the e2e seed on two cores. */
const PIPELINE_WAIT_MS = 120_000;
const shotBoth = (page, shot, label) => proShotBoth(page, shot, 'pro-events', label, '.app-table-card, .fr-main, .app-card');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The text of a message's sentence (its icon's ligature left out). */
const sentence = async (locator) => (await locator.locator('span').first().innerText()).replace(/\s+/g, ' ').trim();

journey('photographer creates an event, edits it, sets a watermark and a pack, imports a start list and publishes', async ({ page, shot }) => {
  await signInToShell(page, urls.pro, 'photographer');
  await page.goto(`${urls.pro}/events`);
  await expectVisible(page.getByTestId('new-event'), 'the "new event" action');
  await page.getByTestId('new-event').click();
  const name = `E2E Events ${Date.now().toString(36)}`;
  await page.getByTestId('event-name').fill(name);
  await page.locator('mat-datepicker-toggle button').click();
  await page.locator('.mat-calendar-body-cell:not(.mat-calendar-body-disabled)').filter({ hasText: /^\s*14\s*$/ }).click();
  await page.getByTestId('event-location').fill('Arcachon');
  await page.getByTestId('new-event-submit').click();
  await expectHidden(page.getByTestId('new-event-submit'), 'the new-event form (closed after saving)');

  // The row opens the event page.
  await page.getByTestId('event-row').filter({ hasText: name }).getByTestId('event-open').click();
  await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
  const eventId = page.url().split('/').pop();
  await expectVisible(page.getByTestId('status-card'), 'the status card of the new event');
  assert.equal(await page.getByTestId('page-title').innerText(), name);
  assert.equal(await page.getByTestId('status-label').innerText(), 'Draft');
  await expectVisible(page.getByTestId('qr-code'), 'the QR code of the public page');
  await shotBoth(page, shot, 'overview-draft');

  // Edit: a rule checked before sending, then a change saved and shown in the header.
  await page.getByTestId('event-tab-details').click();
  await expectVisible(page.getByTestId('details-form'), 'the details form');
  await page.getByTestId('edit-location').fill('');
  await page.getByTestId('details-save').click();
  await expectVisible(page.locator('mat-error').filter({ hasText: 'Say where the race takes place.' }), 'the missing place error');
  await page.getByTestId('edit-location').fill('Arcachon, Gironde');
  await page.getByTestId('edit-name').fill(`${name} (edited)`);
  await page.getByTestId('details-save').click();
  await expectVisible(page.getByTestId('page-title').filter({ hasText: `${name} (edited)` }), 'the edited name in the header');
  const token = await apiLogin('photographer');
  const saved = await api(token, 'GET', `/api/events/${eventId}`);
  assert.equal(saved.location, 'Arcachon, Gironde', 'the place was saved');
  await shotBoth(page, shot, 'details');

  // Watermark: the live preview is drawn again with the text typed, before anything is saved.
  await page.getByTestId('event-tab-branding').click();
  await expectVisible(page.getByTestId('branding-preview'), 'the first watermark preview');
  const firstPreview = await page.getByTestId('branding-preview').getAttribute('src');
  const previewAnswer = page.waitForResponse((res) => res.url().endsWith('/branding/preview') && res.request().postDataJSON()?.watermarkText === '© E2E Studio');
  await page.getByTestId('watermark-text').fill('© E2E Studio');
  const answer = await previewAnswer;
  assert.equal(answer.status(), 200, 'the preview is drawn');
  assert.match(answer.headers()['content-type'], /image\/jpeg/);
  await page.waitForFunction((before) => {
    const img = document.querySelector('[data-testid="branding-preview"]');
    return img && img.getAttribute('src') !== before && img.complete && img.naturalWidth > 0;
  }, firstPreview, { timeout: 10_000 }).catch(() => { throw new Error('the preview image did not change after typing the watermark'); });
  await shotBoth(page, shot, 'branding');
  await page.getByTestId('branding-save').click();
  await expectVisible(page.getByTestId('branding-saved'), 'the saved watermark message');
  assert.match(await sentence(page.getByTestId('branding-saved')), /^Saved\. There is no photo yet/);
  assert.equal((await api(token, 'GET', `/api/events/${eventId}`)).branding.watermarkText, '© E2E Studio');

  // A pack, with the existing prices page.
  await page.getByTestId('event-link-prices').click();
  await page.waitForURL(`${urls.pro}/events/${eventId}/prices`);
  await page.getByTestId('suggest-packs').click();
  await page.getByTestId('save-prices').click();
  await expectVisible(page.getByTestId('prices-saved'), 'the saved prices');
  const packs = await api(token, 'GET', `/api/events/${eventId}/price-packs`);
  assert.ok(packs.some((pack) => pack.kind === 'pack' && pack.photoCount === 5), 'a pack of 5 photos is on sale');

  // Start list: a CSV with one row the API refuses, shown in the report and left out.
  await page.goto(`${urls.pro}/events/${eventId}/start-list`);
  await expectVisible(page.getByTestId('start-list-empty'), 'the empty start list and what to do');
  const csv = 'Dossard;Nom;Prénom;Email\n101;Martin;Zoé;zoe.martin@example.com\n102;Bernard;Hugo;\nA B;Petit;Léon;leon@example.com\n';
  await page.getByTestId('csv-input').setInputFiles({ name: 'start-list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expectVisible(page.getByTestId('csv-report'), 'the row report of the preview');
  assert.equal(await page.getByTestId('report-valid').innerText(), '2');
  assert.equal(await page.getByTestId('report-invalid').innerText(), '1');
  const issue = page.getByTestId('report-issue').first();
  assert.match(await issue.innerText(), /line 4/, 'the report says where the bad row is');
  assert.match(await issue.innerText(), /A B/, 'the report quotes the bad bib');
  assert.ok(await page.getByTestId('csv-import').isDisabled(), 'a file with a refused row is not imported as it is');
  await shotBoth(page, shot, 'start-list-preview');
  await page.getByTestId('csv-skip-invalid').locator('input').check();
  await page.getByTestId('csv-import').click();
  await expectVisible(page.getByTestId('csv-result'), 'the import result');
  assert.match(await sentence(page.getByTestId('csv-result')), /2 runners added, 0 updated, 1 invalid row left out/);
  await expectVisible(page.getByTestId('start-list-row').nth(1), 'the two runners in the list');
  assert.equal(await page.getByTestId('start-list-total').innerText(), '2');
  await page.getByTestId('start-list-search').fill('zoe');
  await expectVisible(page.getByTestId('start-list-total').filter({ hasText: '1 found' }), 'one runner found by name (accents ignored)');
  await shotBoth(page, shot, 'start-list-imported');

  // Publish from the overview.
  await page.getByTestId('event-tab-overview').click();
  await page.getByTestId('status-to-published').click();
  await expectVisible(page.getByTestId('status-label').filter({ hasText: 'Published' }), 'the published status');
  assert.equal(await page.getByTestId('event-detail-status').innerText(), 'Published');
  assert.equal((await api(token, 'GET', `/api/events/${eventId}`)).status, 'published');
  await expectVisible(page.getByTestId('status-to-draft'), 'the way back to draft while nothing is sold');
  await shotBoth(page, shot, 'overview-published');
}, { timeout: 180_000 });

journey('organizer invites photographers to a race, reads the demo race statistics and shares its link', async ({ page, shot }) => {
  const token = await apiLogin('organizer');
  const race = await api(token, 'POST', '/api/events', { name: `E2E Race ${Date.now().toString(36)}`, date: '2026-10-11', location: 'Pau', sport: 'trail' });
  const stranger = `e2e-shooter-${Date.now().toString(36)}@example.com`;

  await signInToShell(page, urls.pro, 'organizer');
  await page.goto(`${urls.pro}/events`);
  await page.getByTestId('event-row').filter({ hasText: race.name }).getByTestId('event-open').click();
  await page.waitForURL(`${urls.pro}/events/${race.id}`);
  await page.getByTestId('event-tab-photographers').click();
  await expectVisible(page.getByTestId('photographers-empty'), 'the empty photographers panel and what to do');

  // Checked before sending.
  await page.getByTestId('invite-email').fill('not-an-address');
  await page.getByTestId('invite-submit').click();
  await expectVisible(page.locator('mat-error').filter({ hasText: 'This is not an email address.' }), 'the address error');

  // An existing photographer: on the race at once.
  await page.getByTestId('invite-email').fill(demoEmail('photographer'));
  await page.getByTestId('invite-submit').click();
  await expectVisible(page.getByTestId('invite-done'), 'the message after adding the demo photographer');
  assert.match(await sentence(page.getByTestId('invite-done')), /is on the race: they can upload their photos now/);
  await expectVisible(page.getByTestId('photographer-entry').filter({ hasText: demoEmail('photographer') }).getByTestId('photographer-status').filter({ hasText: 'Active' }), 'the demo photographer, active');

  // An unknown address: invited, and emailed a link to register.
  await page.getByTestId('invite-email').fill(stranger);
  await page.getByTestId('invite-submit').click();
  await expectVisible(page.getByTestId('photographer-entry').filter({ hasText: stranger }).getByTestId('photographer-status').filter({ hasText: 'Invited' }), 'the unknown address, invited');
  assert.match(await sentence(page.getByTestId('invite-done')), new RegExp(`^Invitation sent to ${stranger.replace(/[.]/g, '\\.')}`));
  const mail = await mailTo(stranger);
  assert.match(JSON.stringify(mail), /\/register\?invite=/, 'the invitation carries the link to register');

  // The same address again: the server's refusal, in place.
  await page.getByTestId('invite-email').fill(stranger);
  await page.getByTestId('invite-submit').click();
  await expectVisible(page.getByTestId('invite-error'), 'the refusal of a second invitation');
  assert.match(await sentence(page.getByTestId('invite-error')), /already/);
  assert.equal(await page.getByTestId('photographer-entry').count(), 2);
  await shotBoth(page, shot, 'photographers');
  const entries = await api(token, 'GET', `/api/events/${race.id}/photographers`);
  assert.deepEqual(entries.map((e) => [e.email, e.status]).sort(), [[demoEmail('photographer'), 'active'], [stranger, 'invited']].sort());

  // The demo race's statistics, across its photographers, once the worker has sorted its photos.
  const bordeaux = (await api(token, 'GET', '/api/events')).find((e) => e.slug === RACE);
  assert.ok(bordeaux, `the organizer owns ${RACE}`);
  let stats;
  for (const started = Date.now(); Date.now() - started < PIPELINE_WAIT_MS; await sleep(2000)) {
    stats = await api(token, 'GET', `/api/events/${bordeaux.id}/stats`);
    if (stats.total > 0 && stats.photosByStatus.processed + stats.photosByStatus.failed === stats.total) break;
  }
  assert.ok(stats.total >= 6, `the e2e seed puts 6 photos in ${RACE}; stats say ${stats.total}`);
  assert.equal(stats.scope, 'event');
  assert.ok(stats.matched > 0, 'the worker found bibs on the demo photos');
  await page.goto(`${urls.pro}/events/${bordeaux.id}/stats`);
  await expectVisible(page.getByTestId('event-stats'), 'the statistics of the demo race');
  assert.match(await page.getByTestId('stats-scope').innerText(), /The whole race, across all its photographers/);
  assert.equal(await page.getByTestId('stat-photos').innerText(), String(stats.total));
  assert.equal(await page.getByTestId('stat-matched').innerText(), String(stats.matched));
  assert.equal(await page.getByTestId('stat-match-rate').innerText(), `${Math.round((stats.matched / stats.total) * 100)}%`);
  await expectVisible(page.getByTestId('chart-status'), 'the photos-by-status chart');
  await expectVisible(page.getByTestId('stats-photographer-row'), 'the per-photographer table');
  await shotBoth(page, shot, 'race-stats');

  // The dashboard from the navigation, with the same race.
  await page.getByTestId('nav-statistics').click();
  await page.waitForURL(`${urls.pro}/stats`);
  await expectVisible(page.getByTestId('stats-event-row').filter({ hasText: 'Semi-marathon de Bordeaux' }), 'the demo race on the dashboard');
  await shotBoth(page, shot, 'dashboard');

  // The link and QR code to share with runners.
  await page.goto(`${urls.pro}/events/${bordeaux.id}`);
  await expectVisible(page.getByTestId('qr-code'), 'the QR code of the public page');
  assert.equal(await page.getByTestId('public-url').innerText(), `${urls.public}/events/${RACE}`);
  assert.equal(await page.getByTestId('qr-download').getAttribute('download'), `${RACE}-qr.png`);
  assert.match(await page.getByTestId('qr-download').getAttribute('href'), /^data:image\/png;base64,/);
  await shotBoth(page, shot, 'race-overview');
}, { timeout: 240_000 });
