#!/usr/bin/env node
// Serves the production builds of the three Angular apps and proxies /api to the API.
// Plain Node, no dependencies: used by `npm start` and by the e2e harness, so both exercise the
// same thing a user gets (built assets, SPA fallback, relative /api calls through a proxy).
//
// The public site's event pages get their title, description and OpenGraph tags written into the HTML here (from
// the API's /api/public/events/:slug/meta), so crawlers and link previews that run no JavaScript see them; its
// /sitemap.xml and /robots.txt come from the API too.
//
// CLI:  node scripts/serve-apps.mjs [app=port ...]
//   default: frontend-pro=4200 frontend-public=4300 frontend-admin=4400
//   env: API_URL (default http://127.0.0.1:3000), HOST (default 0.0.0.0)
// As a module: startAppServers({ apps: [{ name, port, root? }], apiUrl, host }) → [{ name, port, url, server }]

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DEFAULT_APPS = [
  { name: 'frontend-pro', port: 4200 },
  { name: 'frontend-public', port: 4300 },
  { name: 'frontend-admin', port: 4400 },
];

/** Apps whose pages are indexed by search engines (the others are behind a sign-in). */
const INDEXED_APPS = new Set(['frontend-public']);
/** Files crawlers ask for at the site's root, answered by the API. */
const CRAWLER_FILES = { '/robots.txt': '/api/public/robots.txt', '/sitemap.xml': '/api/public/sitemap.xml' };
/** `/events/:slug` and `/events/:slug/photos/:photoId` (a photo open in the viewer, a shared link). */
const EVENT_PAGE = /^\/events\/([^/]+)(?:\/photos\/([^/]+))?\/?$/;
/** A crawler waits for the page; a slow API must not hold it: past this, the plain page goes out. */
const META_TIMEOUT_MS = 2_000;

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
};

// Angular's production build names hashed files `name-ABCDEFGH.ext` (8 upper-case base32 chars).
const HASHED_FILE = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

// Hop-by-hop headers must not be forwarded by a proxy (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization',
  'te', 'trailer', 'transfer-encoding', 'upgrade',
]);

function forwardHeaders(headers) {
  const out = {};
  for (const [k, v] of Object.entries(headers)) if (!HOP_BY_HOP.has(k)) out[k] = v;
  return out;
}

function proxy(req, res, apiUrl) {
  const target = new URL(req.url, apiUrl);
  const headers = forwardHeaders(req.headers);
  headers.host = target.host;
  headers['x-forwarded-host'] = req.headers.host ?? '';
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');

  const upstream = http.request(
    { hostname: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers },
    (upRes) => {
      const resHeaders = forwardHeaders(upRes.headers);
      // Server-Sent Events: tell any proxy in front of us not to buffer, and send headers now.
      if (String(upRes.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        resHeaders['x-accel-buffering'] = 'no';
        resHeaders['cache-control'] ??= 'no-cache';
      }
      res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, resHeaders);
      res.flushHeaders();
      upRes.pipe(res);
    },
  );
  upstream.on('error', (err) => {
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ statusCode: 502, message: `API unreachable at ${apiUrl}: ${err.code ?? err.message}` }));
    } else {
      res.destroy(err);
    }
  });
  // Client gave up (closed tab, aborted upload, closed EventSource): stop the upstream request too.
  res.on('close', () => { if (!res.writableFinished) upstream.destroy(); });
  // Stream the body (multipart uploads can be large): pipe, never buffer.
  req.pipe(upstream);
}

function proxyUpgrade(req, socket, head, apiUrl) {
  const target = new URL(req.url, apiUrl);
  const upstream = http.request({
    hostname: target.hostname, port: target.port, path: target.pathname + target.search,
    method: req.method, headers: { ...req.headers, host: target.host },
  });
  upstream.on('upgrade', (upRes, upSocket, upHead) => {
    const lines = [`HTTP/1.1 ${upRes.statusCode} ${upRes.statusMessage}`];
    for (let i = 0; i < upRes.rawHeaders.length; i += 2) lines.push(`${upRes.rawHeaders[i]}: ${upRes.rawHeaders[i + 1]}`);
    socket.write(lines.join('\r\n') + '\r\n\r\n');
    if (upHead?.length) socket.write(upHead);
    if (head?.length) upSocket.write(head);
    upSocket.pipe(socket).pipe(upSocket);
    upSocket.on('error', () => socket.destroy());
    socket.on('error', () => upSocket.destroy());
  });
  upstream.on('response', (upRes) => { socket.end(`HTTP/1.1 ${upRes.statusCode} ${upRes.statusMessage}\r\n\r\n`); });
  upstream.on('error', () => socket.destroy());
  upstream.end();
}

function sendFile(req, res, filePath, stat, cacheControl) {
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const headers = {
    'content-type': CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': cacheControl,
    'last-modified': stat.mtime.toUTCString(),
    etag,
    'x-content-type-options': 'nosniff',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  headers['content-length'] = stat.size;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') { res.end(); return; }
  fs.createReadStream(filePath).on('error', (e) => res.destroy(e)).pipe(res);
}

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);

/**
 * index.html with a page's own title, description, canonical link and OpenGraph tags (EventMetaDto of
 * libs/api-types, plus `canonicalUrl` when the page is a view of another: a photo of its event). Every value is
 * HTML-escaped: event names are typed by organisers.
 */
export function withPageMeta(html, meta) {
  const tags = [
    `<meta name="description" content="${escapeHtml(meta.description)}">`,
    `<link rel="canonical" href="${escapeHtml(meta.canonicalUrl ?? meta.url)}">`,
    '<meta property="og:type" content="website">',
    '<meta property="og:site_name" content="Focus Racer">',
    `<meta property="og:title" content="${escapeHtml(meta.title)}">`,
    `<meta property="og:description" content="${escapeHtml(meta.description)}">`,
    `<meta property="og:url" content="${escapeHtml(meta.url)}">`,
    ...(meta.imageUrl
      ? [`<meta property="og:image" content="${escapeHtml(meta.imageUrl)}">`, '<meta name="twitter:card" content="summary_large_image">']
      : []),
  ];
  return html
    .replace(/<title>[\s\S]*?<\/title>/, () => `<title>${escapeHtml(meta.title)}</title>`)
    .replace(/[ \t]*<meta name="description"[^>]*>\s*/, '')
    .replace('</head>', () => `${tags.join('\n')}\n</head>`);
}

async function fetchJson(url, headers) {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(META_TIMEOUT_MS) });
  return { status: response.status, body: response.ok ? await response.json() : null };
}

/**
 * The event's meta from the API, and for a photo link its web version as the preview image. Null meta when the
 * API cannot say (down, slow): the plain page still goes out. 404 when the event (or photo) does not exist, so
 * crawlers drop the address instead of indexing a "not found" page as content.
 */
async function eventPageMeta(apiUrl, req, slug, photoId) {
  const headers = { accept: 'application/json', 'x-forwarded-host': req.headers.host ?? '', 'x-forwarded-proto': 'http' };
  try {
    const event = await fetchJson(`${apiUrl}/api/public/events/${encodeURIComponent(slug)}/meta`, headers);
    if (event.status === 404) return { status: 404, meta: null };
    if (!event.body) return { status: 200, meta: null };
    if (!photoId) return { status: 200, meta: event.body };
    const photo = await fetchJson(`${apiUrl}/api/public/photos/${encodeURIComponent(photoId)}`, headers);
    if (photo.status === 404 || photo.status === 400 || (photo.body && photo.body.eventSlug !== slug)) {
      return { status: 404, meta: event.body };
    }
    const url = `${event.body.url.replace(/\/$/, '')}/photos/${encodeURIComponent(photoId)}`;
    const imageUrl = photo.body?.webUrl ? new URL(photo.body.webUrl, event.body.url).toString() : event.body.imageUrl;
    // Shared, the link previews this photo; indexed, it is the event page (the same photos, one address).
    return { status: 200, meta: { ...event.body, url, imageUrl, canonicalUrl: event.body.url } };
  } catch {
    return { status: 200, meta: null };
  }
}

async function serveEventPage(req, res, root, apiUrl, slug, photoId) {
  let html;
  try {
    html = await fs.promises.readFile(path.join(root, 'index.html'), 'utf8');
  } catch {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`App not built: ${path.join(root, 'index.html')} is missing. Run: npm run build`);
    return;
  }
  const { status, meta } = await eventPageMeta(apiUrl, req, slug, photoId);
  const body = meta ? withPageMeta(html, meta) : html;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    'content-length': Buffer.byteLength(body),
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The public site's own routes before the static files: crawler files from the API, event pages with meta. */
function serveIndexed(req, res, root, apiUrl) {
  const pathname = new URL(req.url, 'http://x').pathname;
  if (CRAWLER_FILES[pathname]) {
    req.url = CRAWLER_FILES[pathname];
    proxy(req, res, apiUrl);
    return true;
  }
  const page = (req.method === 'GET' || req.method === 'HEAD') && EVENT_PAGE.exec(pathname);
  if (!page) return false;
  let slug;
  let photoId;
  try {
    slug = decodeURIComponent(page[1]);
    photoId = page[2] === undefined ? null : decodeURIComponent(page[2]);
  } catch {
    return false;
  }
  serveEventPage(req, res, root, apiUrl, slug, photoId).catch((err) => res.destroy(err));
  return true;
}

function serveStatic(req, res, root) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' });
    res.end();
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    res.writeHead(400);
    res.end('Bad request');
    return;
  }
  const filePath = path.join(root, path.normalize(pathname));
  if (filePath !== root && !filePath.startsWith(root + path.sep)) {
    res.writeHead(403);
    res.end('Forbidden');
    return;
  }
  fs.stat(filePath, (err, stat) => {
    if (!err && stat.isFile()) {
      const base = path.basename(filePath);
      const cache = base === 'index.html' ? 'no-cache'
        : HASHED_FILE.test(base) || filePath.includes(`${path.sep}media${path.sep}`) ? 'public, max-age=31536000, immutable'
        : 'public, max-age=3600';
      sendFile(req, res, filePath, stat, cache);
      return;
    }
    // A missing file with an extension is a real 404 (a broken asset link must not get index.html).
    if (path.extname(pathname) && !pathname.endsWith('.html')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    // SPA fallback: the Angular router handles the route.
    const index = path.join(root, 'index.html');
    fs.stat(index, (e2, st2) => {
      if (e2) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`App not built: ${index} is missing. Run: npm run build`);
        return;
      }
      sendFile(req, res, index, st2, 'no-cache');
    });
  });
}

/** Starts one HTTP server per app. Port 0 picks a free port. */
export async function startAppServers({
  apps = DEFAULT_APPS,
  apiUrl = process.env.API_URL ?? 'http://127.0.0.1:3000',
  host = process.env.HOST ?? '0.0.0.0',
  log = (line) => console.log(line),
} = {}) {
  const started = [];
  for (const app of apps) {
    const root = path.resolve(app.root ?? path.join(repoRoot, 'dist', app.name, 'browser'));
    if (!fs.existsSync(path.join(root, 'index.html'))) log(`warning: ${root}/index.html not found (build ${app.name} first)`);
    const indexed = INDEXED_APPS.has(app.name);
    const server = http.createServer((req, res) => {
      if (req.url === '/api' || req.url.startsWith('/api/') || req.url.startsWith('/api?')) proxy(req, res, apiUrl);
      else if (!(indexed && serveIndexed(req, res, root, apiUrl))) serveStatic(req, res, root);
    });
    server.on('upgrade', (req, socket, head) => {
      if (req.url.startsWith('/api/')) proxyUpgrade(req, socket, head, apiUrl);
      else socket.destroy();
    });
    // Uploads and SSE streams may be long-lived: no request/idle timeout from our side.
    server.requestTimeout = 0;
    server.headersTimeout = 60_000;
    server.keepAliveTimeout = 5_000;
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(app.port, host, resolve);
    });
    const port = server.address().port;
    const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;
    log(`${app.name} → ${url}  (dist: ${path.relative(repoRoot, root)}, /api → ${apiUrl})`);
    started.push({ name: app.name, port, url, server });
  }
  return started;
}

export function stopAppServers(started) {
  return Promise.all(started.map(({ server }) => new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  })));
}

function parseArgs(argv) {
  if (argv.length === 0) return DEFAULT_APPS;
  return argv.map((arg) => {
    const [name, port] = arg.split('=');
    const known = DEFAULT_APPS.find((a) => a.name === name || a.name === `frontend-${name}`);
    if (!known) throw new Error(`unknown app "${name}" (expected one of ${DEFAULT_APPS.map((a) => a.name).join(', ')})`);
    return { name: known.name, port: port === undefined ? known.port : Number(port) };
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let servers = [];
  try {
    servers = await startAppServers({ apps: parseArgs(process.argv.slice(2)) });
  } catch (err) {
    console.error(`serve-apps: ${err.message}`);
    process.exit(1);
  }
  const stop = () => stopAppServers(servers).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
