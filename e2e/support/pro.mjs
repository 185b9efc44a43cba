// What the pro-app journeys share: the API as a demo account (for set-up and for checking what the UI saved) and
// screenshots at tablet and desktop width with the "no wider than a tablet" check.
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from '../../scripts/lib/demo-accounts.mjs';
import { DESKTOP, demoEmail, urls } from './browser.mjs';

export const TABLET = { width: 768, height: 1024 };

/** An access token of a demo account, through the API's login. */
export async function apiLogin(role) {
  const res = await fetch(`${urls.api}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: demoEmail(role), password: DEMO_PASSWORD }),
  });
  assert.equal(res.status, 200, `login of the demo ${role} through the API: ${res.status}`);
  return (await res.json()).accessToken;
}

/** One JSON call to the API; anything but 2xx fails the journey with the server's answer. */
export async function api(token, method, urlPath, body) {
  const res = await fetch(`${urls.api}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${urlPath} → ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Screenshots `<prefix>-<label>-768.png` and `-desktop.png` of the whole page (the viewport is stretched to the
 * content: the shell scrolls inside its sidenav container, so a "full page" shot alone stops at the fold). At tablet
 * width neither the page nor any element matching `wideSelectors` may be wider than the screen (a data preview
 * that scrolls sideways on purpose is marked `.app-scroll-card`). The page is left at desktop width.
 */
export async function shotBoth(page, shot, prefix, label, wideSelectors = '.app-table-card, .fr-main') {
  for (const [viewport, suffix] of [[TABLET, '768'], [DESKTOP, 'desktop']]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(400); // Breakpoint observers fold tables; animations end.
    if (suffix === '768') {
      const overflow = await page.evaluate((selectors) => {
        const wide = [document.documentElement, ...document.querySelectorAll(selectors)]
          .map((el) => ({ name: el.className || el.tagName, extra: el.scrollWidth - el.clientWidth }))
          .filter((el) => el.extra > 1);
        return wide.map((el) => `${el.name} by ${el.extra}px`).join(', ');
      }, wideSelectors);
      assert.equal(overflow, '', `${label}: wider than a 768px tablet: ${overflow}`);
    }
    const height = await page.evaluate(() => {
      const content = document.querySelector('mat-sidenav-content');
      return (content ? content.scrollHeight : document.documentElement.scrollHeight) + 72;
    });
    await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), 4000) });
    await page.waitForTimeout(200);
    await shot(`${prefix}-${label}-${suffix}`);
  }
  await page.setViewportSize(DESKTOP);
}
