// Admin app: only admins get in.
import assert from 'node:assert/strict';
import { demoEmail, expectHidden, expectVisible, journey, signIn, signInToShell, urls } from '../support/browser.mjs';

journey('admin signs in to the admin app and sees the users table', async ({ page, shot }) => {
  await signInToShell(page, urls.admin, 'admin');
  await expectVisible(page.getByTestId('nav'), 'the navigation (nav)');
  if (!(await page.getByTestId('users-table').isVisible())) {
    const users = page.getByTestId('nav-users');
    if (await users.count()) await users.click();
    else await page.goto(`${urls.admin}/users`);
  }
  await expectVisible(page.getByTestId('users-table'), 'the users table (users-table)');
  const text = await page.getByTestId('users-table').innerText();
  assert.match(text, /runner@demo\.focusracer\.local/, 'the users table lists the demo runner');
  await shot('admin-users');
});

journey('a runner is refused by the admin app and stays signed out', async ({ page, shot }) => {
  await signIn(page, urls.admin, demoEmail('runner'));
  await expectVisible(page.getByTestId('access-denied'), 'the refusal (access-denied) for a runner');
  await shot('admin-runner-refused');
  await expectHidden(page.getByTestId('shell-user-menu'), 'the user menu (a refused runner is not signed in)');
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => /token/i.test(k) && localStorage.getItem(k)));
  assert.deepEqual(stored, [], `the refused runner's tokens stay in localStorage: ${stored.join(', ')}`);
  await page.goto(`${urls.admin}/`);
  await expectVisible(page.getByTestId('login-email'), 'the login form when the refused runner opens the admin app again');
  await expectHidden(page.getByTestId('users-table'), 'the users table');
});
