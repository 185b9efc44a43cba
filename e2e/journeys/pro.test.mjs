// Pro app (photographers, organizers, agencies, clubs, federations).
import assert from 'node:assert/strict';
import {
  PHONE, demoEmail, expectHidden, expectVisible, journey, navItems, signIn, signInToShell, urls,
} from '../support/browser.mjs';

journey('photographer signs in to the pro app and sees the shell', async ({ page, shot }) => {
  await signInToShell(page, urls.pro, 'photographer');
  await expectVisible(page.getByTestId('nav'), 'the navigation (nav)');
  await expectVisible(page.getByTestId('page-title'), 'a page title (page-title)');
  const items = await navItems(page);
  assert.ok(items.length > 0, 'the photographer has navigation entries');
  await page.getByTestId('shell-user-menu').click();
  assert.match(await page.getByTestId('user-role').innerText(), /photographer/i, 'the user menu names the role');
  await shot('pro-photographer-home');
});

journey('photographer signs out', async ({ page }) => {
  await signInToShell(page, urls.pro, 'photographer');
  await page.getByTestId('shell-user-menu').click();
  await page.getByTestId('logout').click();
  await expectVisible(page.getByTestId('login-email'), 'the login form after signing out');
  await page.reload();
  await expectVisible(page.getByTestId('login-email'), 'the login form after a reload (the session is gone)');
  await expectHidden(page.getByTestId('shell-user-menu'), 'the user menu');
});

journey('organizer sees organizer navigation, not the photographer\'s', async ({ page, context, shot }) => {
  await signInToShell(page, urls.pro, 'organizer');
  const organizer = await navItems(page);
  await page.getByTestId('shell-user-menu').click();
  assert.match(await page.getByTestId('user-role').innerText(), /organi[sz]er/i, 'the user menu names the organizer role');
  await page.keyboard.press('Escape');
  await shot('pro-organizer-home');

  const other = await context.browser().newContext({ viewport: page.viewportSize() });
  try {
    const photographerPage = await other.newPage();
    await signInToShell(photographerPage, urls.pro, 'photographer');
    const photographer = await navItems(photographerPage);
    const labels = (items) => items.map((i) => i.label).join(' | ');
    assert.notDeepEqual(labels(organizer), labels(photographer),
      `organizer and photographer see the same navigation: ${labels(organizer)}`);
    // Wording: an organizer runs races; a photographer's own wording ("my photos", "uploads") is not for them.
    assert.doesNotMatch(labels(organizer), /my photos|upload/i, `organizer navigation uses photographer wording: ${labels(organizer)}`);
  } finally {
    await other.close();
  }
});

journey('photographer creates an event and sees it listed', async ({ page, shot }) => {
  await signInToShell(page, urls.pro, 'photographer');
  await page.goto(`${urls.pro}/events`);
  await expectVisible(page.getByTestId('new-event'), 'the "new event" action (new-event) on /events');
  await page.getByTestId('new-event').click();

  const name = `E2E Trail ${Date.now().toString(36)}`;
  await fillEventForm(page, name);
  await shot('pro-new-event-form');
  await page.locator('[data-testid="event-submit"], form button[type="submit"]').first().click();

  // Back on the list (or the event page): the list must show the new event.
  if (!(await page.getByTestId('events-list').isVisible())) await page.goto(`${urls.pro}/events`);
  await expectVisible(page.getByTestId('events-list'), 'the events list (events-list)');
  await expectVisible(page.getByTestId('event-card').filter({ hasText: name }), `an event-card named "${name}"`);
  await shot('pro-events-list');
});

journey('at phone width the shell shows a hamburger that opens the navigation', async ({ page, shot }) => {
  await signInToShell(page, urls.pro, 'photographer');
  await expectVisible(page.getByTestId('nav-toggle'), 'the hamburger (nav-toggle) at 390px');
  await expectHidden(page.getByTestId('nav'), 'the navigation before the hamburger is tapped');
  await shot('pro-phone-closed');
  await page.getByTestId('nav-toggle').click();
  await expectVisible(page.getByTestId('nav'), 'the navigation after tapping the hamburger');
  const first = page.locator('[data-testid="nav"] [data-testid^="nav-"]').first();
  await expectVisible(first, 'a navigation entry');
  await shot('pro-phone-nav-open');
  // The phone layout must not scroll sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the 390px screen`);
}, { viewport: PHONE });

/**
 * The event form: named test ids when the app has them (event-name, event-date, event-location), otherwise
 * the form fields by their labels, as a user finds them.
 */
async function fillEventForm(page, name) {
  const field = async (testId, label) => {
    const byId = page.getByTestId(testId);
    if (await byId.count()) return byId.first();
    return page.getByLabel(label).first();
  };
  const nameField = await field('event-name', /name/i);
  await expectVisible(nameField, 'the event name field (event-name or a field labelled "Name")');
  await nameField.fill(name);
  const date = await field('event-date', /date/i);
  if (await date.count()) {
    const type = await date.getAttribute('type');
    await date.fill(type === 'date' ? '2026-06-14' : type === 'datetime-local' ? '2026-06-14T09:00' : '14/06/2026');
    await date.press('Tab');
  }
  for (const [testId, label, value] of [['event-location', /location|city|place/i, 'Annecy'], ['event-sport', /sport/i, '']]) {
    const el = await field(testId, label);
    if (value && (await el.count()) && (await el.isEditable().catch(() => false))) await el.fill(value);
  }
}
