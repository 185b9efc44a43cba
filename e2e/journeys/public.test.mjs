// Public app (runners find and buy their photos).
import assert from 'node:assert/strict';
import { expectVisible, journey, signInToShell, urls } from '../support/browser.mjs';

journey('runner signs in to the public app and sees the shell', async ({ page, shot }) => {
  await signInToShell(page, urls.public, 'runner');
  await expectVisible(page.getByTestId('page-title'), 'a page title (page-title)');
  await page.getByTestId('shell-user-menu').click();
  assert.match(await page.getByTestId('user-role').innerText(), /runner/i, 'the user menu names the role');
  await page.keyboard.press('Escape');
  await shot('public-runner-home');
});

journey('public app home answers a visitor who is not signed in', async ({ page, shot }) => {
  const res = await page.goto(urls.public);
  assert.equal(res.status(), 200);
  await expectVisible(page.getByTestId('shell-toolbar'), 'the shell toolbar (shell-toolbar) for a visitor');
  await shot('public-visitor-home');
});
