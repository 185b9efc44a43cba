// What a search-engine crawler or a link preview gets from the public site without running JavaScript: each event
// page's own title, description and OpenGraph tags in the HTML, a 404 for an unknown race, and the API's robots.txt
// and sitemap.xml at the site's root (served by scripts/serve-apps.mjs, as `npm start` and production do).
import assert from 'node:assert/strict';
import { test } from 'node:test';

const RACE = 'semi-marathon-de-bordeaux-2026';
const PIPELINE_WAIT_MS = 240_000;
const site = () => {
  const url = process.env.E2E_PUBLIC_URL;
  if (!url) throw new Error('E2E_PUBLIC_URL is not set: run the journeys through `npm run e2e`');
  return url;
};

const metaContent = (html, attribute, name) =>
  html.match(new RegExp(`<meta ${attribute}="${name}" content="([^"]*)"`))?.[1] ?? null;

test('a crawler reads the event page’s title, description and OpenGraph tags in the HTML', async () => {
  const res = await fetch(`${site()}/events/${RACE}`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<html lang="en"/);
  assert.match(html.match(/<title>([^<]*)<\/title>/)?.[1] ?? '', /Semi-marathon de Bordeaux/);
  assert.match(metaContent(html, 'name', 'description') ?? '', /Semi-marathon de Bordeaux/);
  assert.equal((html.match(/<meta name="description"/g) ?? []).length, 1, 'one description, not the generic one too');
  assert.match(metaContent(html, 'property', 'og:title') ?? '', /Semi-marathon de Bordeaux/);
  assert.ok(metaContent(html, 'property', 'og:description'));
  assert.match(metaContent(html, 'property', 'og:url') ?? '', new RegExp(`/events/${RACE}$`));
  assert.match(html, /<link rel="canonical" href="[^"]+"/);
});

/** The race's first public photo, once the worker has published one (the seed uploads them as the run starts). */
async function firstPhoto() {
  for (const started = Date.now(); Date.now() - started < PIPELINE_WAIT_MS; await new Promise((r) => setTimeout(r, 2_000))) {
    const gallery = await (await fetch(`${site()}/api/public/events/${RACE}/photos?limit=1`)).json();
    if (gallery.items?.length) return gallery.items[0];
  }
  throw new Error(`no photo of ${RACE} was published within ${PIPELINE_WAIT_MS / 1000}s: is the worker running?`);
}

test('a shared photo link previews that photo', { timeout: PIPELINE_WAIT_MS + 10_000 }, async () => {
  const photo = await firstPhoto();
  const html = await (await fetch(`${site()}/events/${RACE}/photos/${photo.id}`)).text();
  assert.match(metaContent(html, 'property', 'og:url') ?? '', new RegExp(`/events/${RACE}/photos/${photo.id}$`));
  assert.ok(metaContent(html, 'property', 'og:image')?.endsWith(photo.webUrl), 'og:image is the photo’s web version');
  assert.match(html, new RegExp(`<link rel="canonical" href="[^"]*/events/${RACE}">`), 'indexed as the event page');
});

test('an unknown race answers 404 (the app still shows its "not found" page)', async () => {
  const res = await fetch(`${site()}/events/no-such-race-1999`);
  assert.equal(res.status, 404);
  assert.match(await res.text(), /<app-root>/);
});

test('robots.txt and sitemap.xml come from the API at the site’s root', async () => {
  const robots = await fetch(`${site()}/robots.txt`);
  assert.equal(robots.status, 200);
  assert.match(await robots.text(), /^Sitemap: \S+\/sitemap\.xml$/m);
  const sitemap = await fetch(`${site()}/sitemap.xml`);
  assert.equal(sitemap.status, 200);
  assert.match(sitemap.headers.get('content-type') ?? '', /xml/);
  assert.match(await sitemap.text(), new RegExp(`<loc>[^<]*/events/${RACE}</loc>`));
});
