// Pro app (photographers, organizers, agencies, clubs, federations).
import assert from 'node:assert/strict';
import {
  PHONE, expectHidden, expectVisible, journey, navItems, signInToShell, urls,
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
    // Wording: an organizer runs races and works with photographers; "My events" / "Upload" are a photographer's.
    assert.match(labels(organizer), /organi[sz]e|start list|photographers/i, `no organizer wording in: ${labels(organizer)}`);
    assert.doesNotMatch(labels(organizer), /my events|upload|my photos/i, `organizer navigation uses photographer wording: ${labels(organizer)}`);
    // The events page speaks to the organizer too.
    await page.getByTestId('nav-events').click();
    await expectVisible(page.getByTestId('page-title'), 'the events page title');
    assert.doesNotMatch(await page.getByTestId('page-title').innerText(), /my events/i, 'organizer events page uses photographer wording');
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
  await expectVisible(page.getByTestId('event-name'), 'the new-event form (event-name)');
  await page.getByTestId('event-name').fill(name);
  // Pick the date with the calendar, as a user on a phone would (typing depends on the date format).
  await page.locator('mat-datepicker-toggle button').click();
  await page.locator('.mat-calendar-body-cell:not(.mat-calendar-body-disabled)').filter({ hasText: /^\s*14\s*$/ }).click();
  assert.notEqual(await page.getByTestId('event-date').inputValue(), '', 'the picked date fills the date field');
  await page.getByTestId('event-location').fill('Annecy');
  await shot('pro-new-event-form');
  await page.getByTestId('new-event-submit').click();
  await expectHidden(page.getByTestId('new-event-submit'), 'the new-event form (closed after saving)');

  await expectVisible(page.getByTestId('events-list'), 'the events list (events-list)');
  // The pro list is a table (event-row); event-card is the card form of the same item.
  const item = page.locator('[data-testid="event-row"], [data-testid="event-card"]').filter({ hasText: name });
  await expectVisible(item, `the new event "${name}" in the list (event-row / event-card)`);
  // Still there after a reload: it was saved, not only shown.
  await page.reload();
  await expectVisible(item, `the new event "${name}" after a reload`);
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
  // Opened means slid fully on screen (the drawer animates in), not merely attached.
  await page.waitForFunction(() => {
    const rect = document.querySelector('[data-testid="nav"]')?.getBoundingClientRect();
    return rect && rect.left >= 0 && rect.right <= window.innerWidth;
  }, null, { timeout: 5000 }).catch(() => { throw new Error('the navigation drawer did not slide fully on screen at 390px'); });
  await shot('pro-phone-nav-open');
  // The phone layout must not scroll sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the 390px screen`);
}, { viewport: PHONE });
