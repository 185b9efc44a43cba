/**
 * Search benchmark: builds a throw-away database holding one published event of `--photos` photos (default
 * 10 000) with bib readings, a start list of `--runners` runners (default 5 000) and `--faces` face embeddings
 * (default 50 000, 1024 dimensions like faceres), starts the real API on it, and times the runner's searches
 * through HTTP:
 *
 *   npm run bench:search -- [--photos N] [--runners N] [--faces N] [--queries N] [--selfie <image>]
 *
 * - bib: `GET /api/public/events/:slug/search?bib=…` for random registered bibs;
 * - name: `?name=…` for random runners' names, a third of them with a typo and without accents;
 * - face matching: the per-event face matrix (what selfie search runs after embedding the selfie), first load
 *   from PostgreSQL and then warm searches with a stored embedding as the query;
 * - selfie (when `--selfie` or ../shared/datasets/faces exists and the local face indexer loads): the whole
 *   `POST …/search/selfie` request, detection and embedding of the selfie included.
 * Embeddings are random unit vectors: matching speed does not depend on what they encode.
 * The last line is machine-readable: `search: bib_p95_ms=… name_p95_ms=… face_match_p95_ms=… selfie_p95_ms=…`.
 */
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '../backend/test/test-database';

interface Args {
  photos: number;
  runners: number;
  faces: number;
  queries: number;
  selfie?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { photos: 10_000, runners: 5_000, faces: 50_000, queries: 300 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--photos') args.photos = Number(value);
    else if (flag === '--runners') args.runners = Number(value);
    else if (flag === '--faces') args.faces = Number(value);
    else if (flag === '--queries') args.queries = Number(value);
    else if (flag === '--selfie') args.selfie = value;
    else throw new Error(`Unknown argument ${flag}. Usage: npm run bench:search -- [--photos N] [--runners N] [--faces N] [--queries N] [--selfie <image>]`);
    i++;
  }
  return args;
}

const FIRST = ['Zoé', 'Jérôme', 'Marie', 'Lucas', 'Chloé', 'Hugo', 'Léa', 'Théo', 'Manon', 'Nathan', 'Inès', 'Louis', 'Camille', 'Gabriel', 'Élodie', 'Raphaël', 'Anaïs', 'Arthur', 'Maëlle', 'Jules'];
const LAST = ['Dupont', 'Lefèvre', 'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier'];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(label: string, values: number[]): string {
  return `${label.padEnd(14)} n=${values.length}  p50=${percentile(values, 50).toFixed(1)} ms  p95=${percentile(values, 95).toFixed(1)} ms  max=${Math.max(...values).toFixed(1)} ms`;
}

function typo(name: string): string {
  const plain = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const at = 1 + Math.floor(Math.random() * (plain.length - 2));
  return plain.slice(0, at) + plain.slice(at + 1); // one letter dropped
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const db = await createTestDatabase();
  const storageRoot = await mkdtemp(join(tmpdir(), 'focus-racer-bench-search-'));
  let app: INestApplication | undefined;
  try {
    const ds = db.dataSource;
    console.log(`Generating ${args.photos} photos, ${args.runners} runners, ${args.faces} faces…`);
    const [owner] = await ds.query(
      `INSERT INTO users (email, password_hash, role, display_name) VALUES ($1, 'x', 'PHOTOGRAPHER', 'Bench') RETURNING id`,
      [`bench-${randomBytes(4).toString('hex')}@example.test`],
    );
    const slug = 'bench-marathon';
    const [event] = await ds.query(
      `INSERT INTO events (owner_id, name, slug, date, location, sport, status)
       VALUES ($1, 'Bench Marathon', $2, '2026-04-12', 'Lyon', 'running', 'published') RETURNING id`,
      [owner.id, slug],
    );
    await ds.query(
      `INSERT INTO photos (event_id, original_key, web_key, thumb_key, original_filename, mime_type, size_bytes, width, height, content_hash, status)
       SELECT $1, 'k/o' || i, 'k/w' || i, 'k/t' || i, 'p' || i || '.jpg', 'image/jpeg', 1000, 4000, 3000,
              md5(i::text) || md5((i + 1)::text), 'processed'
       FROM generate_series(1, $2) AS i`,
      [event.id, args.photos],
    );
    // Every photo shows one runner's bib, a third a second runner; sources in realistic proportions.
    await ds.query(
      `WITH p AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM photos WHERE event_id = $1)
       INSERT INTO bib_numbers (photo_id, event_id, number, confidence, source)
       SELECT id, $1, ((n % $2) + 1)::text, 0.5 + random() * 0.5,
              (CASE WHEN n % 20 = 0 THEN 'manual' WHEN n % 10 = 0 THEN 'face-link' ELSE 'ocr' END)::bib_source
       FROM p
       UNION ALL
       SELECT id, $1, (((n * 7) % $2) + 1)::text, 0.5 + random() * 0.5, 'ocr'::bib_source FROM p WHERE n % 3 = 0
       ON CONFLICT DO NOTHING`,
      [event.id, args.runners],
    );
    const entries = Array.from({ length: args.runners }, (_, i) => [String(i + 1), FIRST[i % FIRST.length], LAST[Math.floor(i / FIRST.length) % LAST.length]]);
    for (let i = 0; i < entries.length; i += 1000) {
      const chunk = entries.slice(i, i + 1000);
      await ds.query(
        `INSERT INTO start_list_entries (event_id, bib, first_name, last_name)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
        [event.id, chunk.map((e) => e[0]), chunk.map((e) => e[1]), chunk.map((e) => e[2])],
      );
    }
    // Random 1024-d embeddings, computed in SQL (the correlated WHERE makes the subquery run once per row).
    await ds.query(
      `INSERT INTO faces (photo_id, event_id, box, quality, embedding)
       SELECT p.id, $1, '{"x":0,"y":0,"w":100,"h":100}', 1,
              (SELECT array_agg((random() - 0.5)::real) FROM generate_series(1, 1024) WHERE p.id IS NOT NULL)
       FROM (SELECT id FROM photos WHERE event_id = $1) p, generate_series(1, CEIL($2::numeric / $3)::int) AS k
       LIMIT $2`,
      [event.id, args.faces, args.photos],
    );
    await ds.query(`ANALYZE`);

    Object.assign(process.env, {
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
      JWT_REFRESH_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URL: db.url,
      STORAGE_ROOT: storageRoot,
      LOG_LEVEL: 'silent',
      REDIS_PREFIX: `focus-racer-bench-${randomBytes(4).toString('hex')}`,
      THROTTLE_LIMIT: '1000000',
    });
    // Imported after the environment is set: modules read it when they are instantiated.
    const { AppModule } = await import('../backend/src/app.module');
    const { configureHttpApp, HTTP_APP_OPTIONS } = await import('../backend/src/http-app');
    const { EventFaceIndex } = await import('../backend/src/photos/public/event-face-index');
    app = await NestFactory.create(AppModule, { ...HTTP_APP_OPTIONS, logger: false });
    await configureHttpApp(app);
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/public/events/${slug}`;
    const get = async (query: string) => {
      const res = await fetch(`${base}/search?${query}`);
      if (!res.ok) throw new Error(`${query}: HTTP ${res.status} ${await res.text()}`);
      return res.json();
    };

    for (let i = 0; i < 20; i++) await get(`bib=${1 + i}`); // warm-up: connections, JIT
    const bib: number[] = [];
    for (let i = 0; i < args.queries; i++) bib.push(await timed(() => get(`bib=${1 + Math.floor(Math.random() * args.runners)}`)));
    const name: number[] = [];
    let resolved = 0;
    for (let i = 0; i < args.queries; i++) {
      const [, first, last] = entries[Math.floor(Math.random() * entries.length)];
      const query = i % 3 === 0 ? `${first} ${typo(last)}` : `${first} ${last}`;
      name.push(await timed(async () => {
        const body = (await get(`name=${encodeURIComponent(query)}`)) as { runners: Array<{ lastName: string }> };
        if (body.runners.some((runner) => runner.lastName === last)) resolved++;
      }));
    }

    const index = app.get(EventFaceIndex);
    const load = await timed(() => index.forEvent(event.id));
    const matrix = await index.forEvent(event.id);
    const faceMatch: number[] = [];
    for (let i = 0; i < Math.min(args.queries, 100); i++) {
      const row = Math.floor(Math.random() * matrix.size);
      const query = matrix.vector(row);
      faceMatch.push(await timed(async () => (await index.forEvent(event.id)).search(query, 0.5, 500)));
    }

    const selfie: number[] = [];
    const selfiePath = args.selfie ?? resolve(__dirname, '../../shared/datasets/faces/images/face_11.jpg');
    if (existsSync(selfiePath)) {
      const image = readFileSync(selfiePath);
      const post = async () => {
        const form = new FormData();
        form.set('consent', 'true');
        form.set('selfie', new Blob([image], { type: 'image/jpeg' }), 'selfie.jpg');
        const res = await fetch(`${base}/search/selfie`, { method: 'POST', body: form });
        if (!res.ok) throw new Error(`selfie: HTTP ${res.status} ${await res.text()}`);
      };
      try {
        await post(); // loads the face models
        for (let i = 0; i < 20; i++) selfie.push(await timed(post));
      } catch (error) {
        console.log(`Selfie search skipped: ${(error as Error).message}`);
      }
    } else {
      console.log(`Selfie search skipped: no selfie image (${selfiePath}); pass --selfie <image>`);
    }

    console.log('');
    console.log(`event: ${args.photos} photos, ${args.runners} runners in the start list, ${matrix.size} faces × ${matrix.dimensions} dims`);
    console.log(summary('bib search', bib));
    console.log(summary('name search', name) + `  (right runner found for ${resolved}/${args.queries}, a third with a typo)`);
    console.log(`face matrix    first load from PostgreSQL ${(load / 1000).toFixed(2)} s, ${(matrix.bytes / 1048576).toFixed(0)} MiB`);
    console.log(summary('face matching', faceMatch));
    if (selfie.length > 0) console.log(summary('selfie (HTTP)', selfie) + '  (detection + embedding of the selfie + matching)');
    const p95 = (values: number[]) => (values.length ? percentile(values, 95).toFixed(1) : 'nan');
    console.log(`search: bib_p95_ms=${p95(bib)} name_p95_ms=${p95(name)} face_match_p95_ms=${p95(faceMatch)} selfie_p95_ms=${p95(selfie)}`);
  } finally {
    await app?.close();
    await db.drop();
    await rm(storageRoot, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
