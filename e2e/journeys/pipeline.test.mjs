// The photo path through the BUILT bundles (dist/backend/main.js + worker.js, as `npm start` runs them), which the
// jest integration specs cannot reach: they run the TypeScript sources. A photographer uploads a photo of a bib
// through the pro app's /api proxy; the worker must take it to "processed", read the bib with the offline OCR
// models and publish a watermarked thumbnail.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import sharp from 'sharp';
import { demoEmail, urls } from '../support/browser.mjs';

const DEMO_PASSWORD = 'FocusRacer-demo-2026';

async function api(path, { token, ...init } = {}) {
  const headers = { ...(init.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const res = await fetch(`${urls.pro}/api${path}`, { ...init, headers });
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.arrayBuffer();
  return { status: res.status, body, type: res.headers.get('content-type') };
}

function bibPhoto(bib) {
  const svg = `<svg width="1200" height="800" xmlns="http://www.w3.org/2000/svg">
    <rect width="1200" height="800" fill="#4a6b3a"/>
    <rect x="420" y="250" width="360" height="260" fill="white" stroke="#222" stroke-width="6"/>
    <text x="600" y="430" font-family="DejaVu Sans" font-weight="bold" font-size="150" text-anchor="middle">${bib}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

test('an uploaded bib photo is processed by the built worker and its bib is read', { timeout: 240_000 }, async () => {
  const login = await api('/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: demoEmail('photographer'), password: DEMO_PASSWORD }),
  });
  assert.equal(login.status, 200, 'the demo photographer signs in');
  const token = login.body.accessToken;
  const events = await api('/events', { token });
  const event = events.body.find((e) => e.status === 'published');
  assert.ok(event, 'the demo photographer has a published event');

  const form = new FormData();
  form.append('files', new Blob([await bibPhoto('3217')], { type: 'image/jpeg' }), 'finish-3217.jpg');
  form.append('files', new Blob([Buffer.from('%PDF-1.4 not a photo')], { type: 'application/pdf' }), 'start-list.pdf');
  const upload = await api(`/events/${event.id}/photos?fileCount=2`, { token, method: 'POST', body: form });
  assert.equal(upload.status, 201, `upload answered ${upload.status}: ${JSON.stringify(upload.body)}`);
  const [photo, pdf] = upload.body.files;
  assert.equal(photo.status, 'accepted');
  assert.equal(pdf.status, 'rejected');
  assert.match(pdf.reason, /PDF/);

  let listed;
  for (const started = Date.now(); Date.now() - started < 200_000; await new Promise((r) => setTimeout(r, 1_000))) {
    const list = await api(`/events/${event.id}/photos`, { token });
    listed = list.body.items.find((p) => p.id === photo.photoId);
    if (listed && (listed.status === 'processed' || listed.status === 'failed')) break;
  }
  assert.equal(listed?.status, 'processed', `photo ended ${listed?.status}: ${listed?.processingError ?? ''}`);

  const db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query('SELECT number, source FROM bib_numbers WHERE photo_id = $1', [photo.photoId]);
    assert.deepEqual(rows.map((r) => `${r.number}/${r.source}`), ['3217/ocr'], 'the offline OCR read the bib');
  } finally {
    await db.end();
  }

  const thumb = await api(listed.thumbUrl.replace(/^\/api/, ''));
  assert.equal(thumb.status, 200, 'the watermarked thumbnail of a published event is public');
  assert.equal(thumb.type, 'image/jpeg');
  const meta = await sharp(Buffer.from(thumb.body)).metadata();
  assert.ok(Math.max(meta.width, meta.height) <= 400, 'the thumbnail is small');
});
