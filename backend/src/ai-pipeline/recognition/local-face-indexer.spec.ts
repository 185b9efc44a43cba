import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { photoLikeJpeg } from '../imaging/synthetic-images.test';
import { DetectedFace } from './face-indexer';
import { LocalFaceIndexer } from './local-face-indexer';
import { humanModelsDir } from './tfjs-models';

/**
 * Runs the real models (from node_modules) on real photos of `shared/datasets/faces` (20 press photos of 6 people,
 * internal use only: read in place, never copied into the repository). The folder sits beside the repository;
 * FOCUS_RACER_FACES_DIR points elsewhere. Without it the photo tests are skipped, saying so.
 */
const FACES_DIR = process.env['FOCUS_RACER_FACES_DIR'] ?? resolve(__dirname, '../../../../../shared/datasets/faces');
const haveFaces = existsSync(join(FACES_DIR, 'images'));
if (!haveFaces) console.warn(`LocalFaceIndexer photo tests skipped: no face dataset at ${FACES_DIR} (set FOCUS_RACER_FACES_DIR)`);
const describeWithFaces = haveFaces ? describe : describe.skip;

/** One photo of one person each, where the detector finds that one face only (others show bystanders). */
const PEOPLE: Record<string, string> = {
  'face_01.jpg': 'alex_lacamoire',
  'face_03.jpg': 'alex_lacamoire',
  'face_04.jpg': 'biden',
  'face_09.jpg': 'rose_leslie',
  'face_10.jpg': 'rose_leslie',
  'face_11.jpg': 'obama',
  'face_14.jpg': 'obama',
};

const photo = (file: string): Buffer => readFileSync(join(FACES_DIR, 'images', file));

describe('LocalFaceIndexer', () => {
  // One indexer for the file: the models load once (about a second).
  const indexer = new LocalFaceIndexer();
  afterAll(() => indexer.close());

  it('runs on the WebAssembly backend, with models read from the npm package', async () => {
    for (const file of ['blazeface.json', 'blazeface.bin', 'faceres.json', 'faceres.bin']) {
      expect(statSync(join(humanModelsDir(), file)).size).toBeGreaterThan(0);
    }
    expect(await indexer.backend()).toBe('wasm');
  }, 30_000);

  it('finds no face in a photo without one', async () => {
    expect(await indexer.detect(await photoLikeJpeg(800, 600, 7))).toEqual([]);
  }, 30_000);

  describeWithFaces('on real photos', () => {
    const faces = new Map<string, DetectedFace[]>();
    beforeAll(async () => {
      for (const file of Object.keys(PEOPLE)) faces.set(file, await indexer.index(photo(file), { eventId: 'event', photoId: file }));
    }, 60_000);

    it('finds the one face of a portrait, with a confident, L2-normalised 1024-d embedding', () => {
      for (const [file, found] of faces) {
        expect({ file, count: found.length }).toEqual({ file, count: 1 });
        const [face] = found;
        expect(face.quality).toBeGreaterThan(0.8);
        expect(face.externalFaceId).toBeNull();
        expect(face.embedding).toHaveLength(1024);
        const norm = Math.hypot(...(face.embedding ?? []));
        expect(norm).toBeCloseTo(1, 5);
      }
    });

    it('finds each person closest to their own other photo (what linking and selfie search rely on)', () => {
      const gallery = [...faces].map(([file, [face]]) => ({ file, person: PEOPLE[file], embedding: face.embedding ?? [] }));
      for (const query of gallery) {
        if (gallery.filter((other) => other.person === query.person).length < 2) continue;
        const nearest = gallery
          .filter((other) => other.file !== query.file)
          .map((other) => ({ ...other, similarity: indexer.similarity(query.embedding, other.embedding) }))
          .sort((a, b) => b.similarity - a.similarity)[0];
        expect({ query: query.file, nearest: nearest.person }).toEqual({ query: query.file, nearest: query.person });
      }
      const [obama1, obama2, biden] = ['face_11.jpg', 'face_14.jpg', 'face_04.jpg'].map((file) => faces.get(file)?.[0]?.embedding ?? []);
      expect(indexer.similarity(obama1, obama2)).toBeGreaterThan(indexer.similarity(obama1, biden) + 0.1);
    });

    it('gives boxes in pixels of the photo it was given, upright, whatever its size and EXIF orientation', async () => {
      const original = photo('face_11.jpg');
      const [reference] = faces.get('face_11.jpg') ?? [];
      const { width = 0 } = await sharp(original).metadata();
      // Twice as large: beyond the 1600 px long edge, so the indexer reduces it and scales the box back.
      const larger = await sharp(original).resize(width * 2).jpeg({ quality: 95 }).toBuffer();
      // Stored turned a quarter to the left, with EXIF orientation 6 saying "turn right to display".
      const turned = await sharp(original).rotate(270).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();

      const [big] = await indexer.detect(larger);
      const [upright] = await indexer.detect(turned);

      for (const [face, factor] of [
        [big, 2],
        [upright, 1],
      ] as const) {
        expect(face.box.x).toBeCloseTo(reference.box.x * factor, -1);
        expect(face.box.y).toBeCloseTo(reference.box.y * factor, -1);
        expect(face.box.w).toBeCloseTo(reference.box.w * factor, -1);
      }
      expect(indexer.similarity(upright.embedding ?? [], reference.embedding ?? [])).toBeGreaterThan(0.95);
    }, 30_000);
  });
});
