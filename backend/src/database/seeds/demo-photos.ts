import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';

/**
 * Demo race photos, drawn at run time (nothing binary is committed, and the evaluation datasets are never demo
 * data): a street-race scene in SVG — sky, buildings or trees, a crowd behind the barriers, the road — with one to
 * three stylised runners, each wearing a bib (a coloured band with the race name, big bold digits) at its own
 * size and tilt, rasterised by sharp at 2400 × 1600 with film grain and an EXIF capture time on the race morning.
 *
 * The set is deterministic for a seed and exercises what the pipeline flags: most photos show readable bibs of
 * DEMO_START_LIST, some show runners from behind or cut by the frame (no bib to read), a few are near-duplicates
 * of the photo before them (same scene, shifted a few pixels, a second later) and a couple are out of focus.
 *
 *   npm run demo:photos -- <folder> [--count N] [--seed S] [--width W --height H]   (writes JPEGs, for the bench)
 */

export interface DemoRunner {
  bib: string;
  firstName: string;
  lastName: string;
  category: string;
  club: string | null;
  email?: string;
}

/**
 * The demo start list: the runners whose bibs the photos show. Names carry accents on purpose, for the name search
 * (unaccent). The demo runner account is on it, so "my photos" has something to find.
 */
export const DEMO_START_LIST: readonly DemoRunner[] = [
  { bib: '214', firstName: 'Zoé', lastName: 'Dupont', category: 'SEF', club: 'Bordeaux Athlé' },
  { bib: '387', firstName: 'Jérôme', lastName: 'Lefèvre', category: 'M1H', club: null },
  { bib: '452', firstName: 'Anaïs', lastName: 'Girard', category: 'SEF', club: 'Stade Bordelais' },
  { bib: '596', firstName: 'François', lastName: 'Mercier', category: 'M2H', club: 'AC Villeurbanne' },
  { bib: '731', firstName: 'Hélène', lastName: 'Rousseau', category: 'M1F', club: null },
  { bib: '868', firstName: 'Noël', lastName: 'Bénard', category: 'M3H', club: 'Bordeaux Athlé' },
  { bib: '1052', firstName: 'Maëlle', lastName: 'Faure', category: 'ESF', club: null },
  { bib: '1179', firstName: 'Loïc', lastName: 'Guérin', category: 'SEH', club: 'Mérignac Running' },
  { bib: '1236', firstName: 'Céline', lastName: 'Lemaître', category: 'M0F', club: null },
  { bib: '1384', firstName: 'Raphaël', lastName: 'Chevalier', category: 'SEH', club: 'Stade Bordelais' },
  { bib: '1497', firstName: 'Agnès', lastName: 'Morel', category: 'M2F', club: null },
  { bib: '1603', firstName: 'Benoît', lastName: 'Lacroix', category: 'M1H', club: 'Pessac Athlé' },
  { bib: '1758', firstName: 'Clémence', lastName: 'Perrin', category: 'SEF', club: null },
  { bib: '1824', firstName: 'Théo', lastName: 'Fournier', category: 'ESH', club: 'Bordeaux Athlé' },
  { bib: '1960', firstName: 'Inès', lastName: 'Boucher', category: 'SEF', club: null },
  { bib: '2043', firstName: 'Gaëlle', lastName: 'Roché', category: 'M0F', club: 'Mérignac Running' },
  { bib: '2187', firstName: 'Amélie', lastName: 'Caron', category: 'M1F', club: null },
  { bib: '2265', firstName: 'Stéphane', lastName: 'Leroy', category: 'M2H', club: 'AC Villeurbanne' },
  { bib: '2319', firstName: 'Joël', lastName: 'Marchand', category: 'M4H', club: null },
  { bib: '2476', firstName: 'Léna', lastName: 'Garnier', category: 'SEF', club: 'Pessac Athlé' },
  { bib: '2538', firstName: 'Aurélien', lastName: 'Dubois', category: 'SEH', club: null },
  { bib: '2691', firstName: 'Chloé', lastName: 'Fontaine', category: 'ESF', club: 'Stade Bordelais' },
  { bib: '2745', firstName: 'Frédéric', lastName: 'Huet', category: 'M3H', club: null },
  { bib: '2874', firstName: 'Solène', lastName: 'Barbier', category: 'M0F', club: 'Bordeaux Athlé' },
  { bib: '3012', firstName: 'Mathéo', lastName: 'Renaud', category: 'JUH', club: null },
  { bib: '3156', firstName: 'Élodie', lastName: 'Colin', category: 'M1F', club: 'Mérignac Running' },
  { bib: '3298', firstName: 'Valérie', lastName: 'Brunet', category: 'M2F', club: null },
  { bib: '3347', firstName: 'Cédric', lastName: 'Gauthier', category: 'M0H', club: 'Pessac Athlé' },
  { bib: '3481', firstName: 'Océane', lastName: 'Picard', category: 'SEF', club: null },
  { bib: '3625', firstName: 'Thomas', lastName: 'Coureur', category: 'SEH', club: 'AC Villeurbanne', email: 'runner@demo.focusracer.local' },
];

/** Printed on the bibs: no digits, so it never comes back from the OCR as a bib number. */
export const DEMO_BIB_TITLE = 'SEMI-MARATHON DE BORDEAUX';
/** Race morning (local time, CET): the capture times of the photos spread from the start onwards. */
export const DEMO_RACE_MORNING = { date: '2026-03-22', firstShot: '09:06:00', utcOffset: '+01:00' };
export const DEMO_PHOTO_COUNT = 40;
export const DEMO_PHOTO_SIZE = { width: 2400, height: 1600 };

export type DemoPhotoKind = 'bibs' | 'no-bib' | 'near-duplicate' | 'blurred';

/** What a photo shows, decided before drawing (cheap: no pixels). */
export interface DemoPhotoPlan {
  filename: string;
  kind: DemoPhotoKind;
  /** Bibs in the photo: those of runners facing the camera, whole in the frame (out of focus on a blurred one). */
  bibs: string[];
  /** For a near-duplicate: the photo it repeats. */
  duplicateOf: string | null;
  /** EXIF DateTimeOriginal, local time ("2026:03:22 09:06:00"). */
  takenAt: string;
  scene: SceneSpec;
}

export interface DemoPhoto extends DemoPhotoPlan {
  jpeg: Buffer;
}

export interface DemoPhotoOptions {
  seed?: number;
  count?: number;
  width?: number;
  height?: number;
  runners?: readonly Pick<DemoRunner, 'bib'>[];
  bibTitle?: string;
}

interface RunnerSpec {
  /** Feet position and height, as fractions of the frame (height may exceed 1: a close-up cut at the knees). */
  x: number;
  feetY: number;
  height: number;
  facing: 'front' | 'back';
  /** Undefined when facing away (or cut by the frame). */
  bib?: string;
  bibTilt: number;
  lean: number;
  stride: 1 | -1;
  shirt: string;
  shorts: string;
  skin: string;
  hair: string;
  shoes: string;
  band: string;
}

interface SceneSpec {
  seed: number;
  horizon: number;
  vanishingX: number;
  sky: [string, string];
  backdrop: 'buildings' | 'trees';
  runners: RunnerSpec[];
  /** Shift of the whole scene and gaussian blur sigma, as fractions of the width: the same photo at any size. */
  shiftX: number;
  shiftY: number;
  blur: number;
}

const SKINS = ['#f1c7a5', '#e0ac85', '#c68863', '#a56b46', '#7b4a2d', '#f6d5bd'];
const HAIRS = ['#2b1d14', '#4a3222', '#8a5a32', '#d8b26e', '#1a1a1a', '#6d6d6d'];
const SHIRTS = ['#d7263d', '#1b998b', '#2e86de', '#f46036', '#6c3483', '#2d3047', '#e4b100', '#0b7a3b', '#ff6f91', '#ffffff'];
const SHORTS = ['#1c1c1c', '#23395b', '#3d3d3d', '#5b2333', '#14213d'];
const SHOES = ['#f5f5f5', '#ff4d00', '#00a6fb', '#222222', '#c3f73a'];
const BANDS = ['#c1121f', '#003f88', '#00796b'];
const SKIES: Array<[string, string]> = [
  ['#5b8fd6', '#cfe3f5'],
  ['#8aa4bd', '#e3e8ee'],
  ['#3f74c2', '#f3d9b1'],
  ['#a9b7c6', '#f2f2f2'],
];

/** A small deterministic generator (mulberry32): the same seed draws the same photos on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)];
const between = (next: () => number, low: number, high: number): number => low + next() * (high - low);

/**
 * Which photo shows what. Every `near-duplicate` repeats the photo before it; positions of the special photos are
 * fixed fractions of the count, so a larger set (the bench's) keeps the same mix.
 */
export function planDemoPhotos(options: DemoPhotoOptions = {}): DemoPhotoPlan[] {
  const seed = options.seed ?? 2026;
  const count = options.count ?? DEMO_PHOTO_COUNT;
  const runners = options.runners ?? DEMO_START_LIST;
  const next = random(seed);
  // Bibs dealt from a shuffled deck, so every runner of the list shows up before anyone shows up twice.
  let deck: string[] = [];
  const dealBib = (): string => {
    if (deck.length === 0) deck = shuffle(runners.map((runner) => runner.bib), next);
    return deck.pop() as string;
  };
  const special = (fraction: number) => Math.min(count - 1, Math.floor(count * fraction));
  const duplicates = new Set([0.17, 0.52, 0.83].map(special));
  const blurred = new Set([0.31, 0.68].map(special));
  const noBib = new Set([0.09, 0.24, 0.44, 0.61, 0.76, 0.94].map(special));

  const plans: DemoPhotoPlan[] = [];
  let clock = toSeconds(DEMO_RACE_MORNING.firstShot);
  for (let index = 0; index < count; index++) {
    const filename = `semi-bordeaux-${String(index + 1).padStart(4, '0')}.jpg`;
    const previous = plans[index - 1];
    if (duplicates.has(index) && previous && previous.kind === 'bibs') {
      clock += 1;
      plans.push({
        ...previous,
        filename,
        kind: 'near-duplicate',
        duplicateOf: previous.filename,
        takenAt: exifTime(clock),
        // The photographer's next frame: everything a few pixels over.
        scene: { ...previous.scene, shiftX: between(next, 0.0035, 0.0065), shiftY: between(next, -0.0025, 0.0025) },
      });
      continue;
    }
    clock += Math.round(between(next, 60, 320));
    const kind: DemoPhotoKind = blurred.has(index) ? 'blurred' : noBib.has(index) ? 'no-bib' : 'bibs';
    const scene = planScene(next, kind, dealBib);
    const bibs = scene.runners.flatMap((runner) => (runner.bib ? [runner.bib] : []));
    plans.push({ filename, kind, bibs, duplicateOf: null, takenAt: exifTime(clock), scene });
  }
  return plans;
}

function planScene(next: () => number, kind: DemoPhotoKind, dealBib: () => string): SceneSpec {
  const scene: SceneSpec = {
    seed: Math.floor(next() * 2 ** 31),
    horizon: between(next, 0.3, 0.5),
    vanishingX: between(next, 0.3, 0.7),
    sky: pick(next, SKIES),
    backdrop: next() < 0.6 ? 'buildings' : 'trees',
    runners: [],
    shiftX: 0,
    shiftY: 0,
    blur: kind === 'blurred' ? between(next, 0.0038, 0.005) : 0,
  };
  const count = 1 + Math.floor(next() * 3);
  // Runners spread across the frame, the nearest (largest) drawn last so it overlaps the others.
  const slots = shuffle([0.22, 0.5, 0.78], next).slice(0, count);
  for (const [i, slot] of slots.entries()) {
    const height = count === 1 ? between(next, 0.78, 1.05) : between(next, 0.5, 0.9) - i * 0.04;
    let facing: 'front' | 'back' = 'front';
    let x = slot + between(next, -0.06, 0.06);
    if (kind === 'no-bib') {
      // From behind, or cut by the side of the frame with the bib outside it.
      if (next() < 0.65) facing = 'back';
      else x = next() < 0.5 ? -0.045 * height : 1 + 0.045 * height;
    }
    scene.runners.push({
      x,
      feetY: between(next, 0.93, 1.02) + Math.max(0, height - 0.9) * 0.6,
      height,
      facing,
      bib: facing === 'front' && x > 0 && x < 1 ? dealBib() : undefined,
      bibTilt: between(next, -9, 9),
      lean: between(next, -4, 4),
      stride: next() < 0.5 ? 1 : -1,
      shirt: pick(next, SHIRTS),
      shorts: pick(next, SHORTS),
      skin: pick(next, SKINS),
      hair: pick(next, HAIRS),
      shoes: pick(next, SHOES),
      band: pick(next, BANDS),
    });
  }
  scene.runners.sort((a, b) => a.height - b.height);
  return scene;
}

/** The SVG of a photo's scene (everything but the grain and the focus). */
export function demoSceneSvg(scene: SceneSpec, width: number, height: number, bibTitle = DEMO_BIB_TITLE): string {
  const next = random(scene.seed);
  const horizon = scene.horizon * height;
  const vanishing = scene.vanishingX * width;
  const parts: string[] = [
    `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${scene.sky[0]}"/><stop offset="1" stop-color="${scene.sky[1]}"/></linearGradient>` +
      `<linearGradient id="road" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8d8d8d"/><stop offset="1" stop-color="#4f4f52"/></linearGradient></defs>`,
    `<rect x="-100" y="-100" width="${width + 200}" height="${horizon + 100}" fill="url(#sky)"/>`,
  ];
  for (let i = 0; i < 5; i++) {
    const cx = next() * width;
    const cy = next() * horizon * 0.6;
    parts.push(`<ellipse cx="${cx.toFixed(0)}" cy="${cy.toFixed(0)}" rx="${(width * between(next, 0.06, 0.14)).toFixed(0)}" ry="${(height * between(next, 0.02, 0.05)).toFixed(0)}" fill="#ffffff" opacity="0.55"/>`);
  }
  parts.push(scene.backdrop === 'buildings' ? buildings(next, width, horizon) : trees(next, width, horizon));
  // Pavements, then the road narrowing to the vanishing point.
  parts.push(`<rect x="-100" y="${horizon.toFixed(0)}" width="${width + 200}" height="${height - horizon + 100}" fill="#b7aa98"/>`);
  const roadTop = width * 0.03;
  parts.push(
    `<polygon points="${vanishing - roadTop},${horizon} ${vanishing + roadTop},${horizon} ${width * 1.25},${height + 50} ${-width * 0.25},${height + 50}" fill="url(#road)"/>`,
  );
  for (let i = 0; i < 9; i++) {
    const t0 = (i + 0.2) / 9;
    const t1 = (i + 0.6) / 9;
    const y0 = horizon + (height - horizon) * t0 * t0;
    const y1 = horizon + (height - horizon) * t1 * t1;
    const w0 = 2 + 14 * t0 * t0;
    const w1 = 2 + 14 * t1 * t1;
    parts.push(`<polygon points="${vanishing - w0},${y0} ${vanishing + w0},${y0} ${vanishing + w1},${y1} ${vanishing - w1},${y1}" fill="#f4f1e8"/>`);
  }
  parts.push(crowd(next, width, height, horizon, vanishing, roadTop));
  for (const runner of scene.runners) parts.push(runnerSvg(runner, width, height, bibTitle));
  const shift = scene.shiftX || scene.shiftY ? ` transform="translate(${(scene.shiftX * width).toFixed(1)} ${(scene.shiftY * width).toFixed(1)})"` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><g${shift}>${parts.join('')}</g></svg>`;
}

function buildings(next: () => number, width: number, horizon: number): string {
  const stones = ['#d8c7a3', '#cdb88f', '#e3d5b8', '#bfa77f', '#d2c2a6'];
  const out: string[] = [];
  for (let x = -60; x < width + 60; ) {
    const w = width * between(next, 0.08, 0.16);
    const h = horizon * between(next, 0.45, 0.85);
    const top = horizon - h;
    out.push(`<rect x="${x.toFixed(0)}" y="${top.toFixed(0)}" width="${w.toFixed(0)}" height="${(h + 4).toFixed(0)}" fill="${pick(next, stones)}"/>`);
    out.push(`<rect x="${(x - 6).toFixed(0)}" y="${(top - 14).toFixed(0)}" width="${(w + 12).toFixed(0)}" height="16" fill="#5c6670"/>`);
    const cols = Math.max(2, Math.floor(w / 70));
    const rows = Math.max(2, Math.floor(h / 110));
    const shutter = pick(next, ['#4f6d7a', '#8c2f39', '#5b7553', '#3b3b58']);
    for (let r = 0; r < rows - 1; r++) {
      for (let c = 0; c < cols; c++) {
        const wx = x + ((c + 0.3) * w) / cols;
        const wy = top + ((r + 0.35) * h) / rows;
        out.push(`<rect x="${wx.toFixed(0)}" y="${wy.toFixed(0)}" width="${((w / cols) * 0.4).toFixed(0)}" height="${((h / rows) * 0.5).toFixed(0)}" fill="#2f3a44"/>`);
        if (next() < 0.5) out.push(`<rect x="${(wx - 8).toFixed(0)}" y="${wy.toFixed(0)}" width="8" height="${((h / rows) * 0.5).toFixed(0)}" fill="${shutter}"/>`);
      }
    }
    x += w;
  }
  return out.join('');
}

function trees(next: () => number, width: number, horizon: number): string {
  const greens = ['#2f5d34', '#3f7a3d', '#4d8b46', '#28502c', '#5f9a52'];
  const out: string[] = [`<rect x="-100" y="${(horizon * 0.7).toFixed(0)}" width="${width + 200}" height="${(horizon * 0.3 + 4).toFixed(0)}" fill="#3c6b3a"/>`];
  for (let i = 0; i < 26; i++) {
    const x = next() * width;
    const r = horizon * between(next, 0.12, 0.3);
    const base = horizon - r * 0.4;
    out.push(`<rect x="${(x - r * 0.08).toFixed(0)}" y="${(base - r * 0.2).toFixed(0)}" width="${(r * 0.16).toFixed(0)}" height="${(r * 0.7).toFixed(0)}" fill="#5a4330"/>`);
    for (let k = 0; k < 3; k++) {
      out.push(`<circle cx="${(x + between(next, -r, r) * 0.5).toFixed(0)}" cy="${(base - r * between(next, 0.5, 1.1)).toFixed(0)}" r="${(r * between(next, 0.5, 0.8)).toFixed(0)}" fill="${pick(next, greens)}"/>`);
    }
  }
  return out.join('');
}

/**
 * Spectators on both pavements behind red-and-white barrier tape, in perspective: a spectator standing `d` of the
 * way from the horizon to the bottom of the frame stands that much nearer and is drawn that much taller.
 */
function crowd(next: () => number, width: number, height: number, horizon: number, vanishing: number, roadTop: number): string {
  const out: string[] = [];
  const colours = [...SHIRTS, '#8e8e8e', '#c9a227', '#3a5a40'];
  const ground = (d: number) => horizon + (height + 50 - horizon) * d;
  const tall = (d: number) => 30 + (ground(d) - horizon) * 1.15;
  const roadEdge = (side: number, d: number) => {
    const top = vanishing + side * roadTop;
    return top + ((side < 0 ? -width * 0.25 : width * 1.25) - top) * d;
  };
  const people: Array<{ d: number; side: number }> = [];
  for (let i = 0; i < 90; i++) people.push({ d: 0.01 + 0.32 * next() ** 1.6, side: i % 2 === 0 ? -1 : 1 });
  // Far ones first, so the near ones stand in front of them.
  people.sort((a, b) => a.d - b.d);
  for (const { d, side } of people) {
    const size = tall(d);
    const feet = ground(d) - size * 0.05;
    const x = roadEdge(side, d) + side * between(next, 0.25, 2.2) * size * 0.4;
    const body = pick(next, colours);
    const skin = pick(next, SKINS);
    out.push(
      `<rect x="${(x - size * 0.15).toFixed(0)}" y="${(feet - size * 0.8).toFixed(0)}" width="${(size * 0.3).toFixed(0)}" height="${(size * 0.8).toFixed(0)}" rx="${(size * 0.07).toFixed(0)}" fill="${body}"/>` +
        `<circle cx="${x.toFixed(0)}" cy="${(feet - size * 0.89).toFixed(0)}" r="${(size * 0.1).toFixed(0)}" fill="${skin}"/>` +
        `<path d="M${(x - size * 0.1).toFixed(0)},${(feet - size * 0.93).toFixed(0)} a${(size * 0.1).toFixed(0)},${(size * 0.07).toFixed(0)} 0 0 1 ${(size * 0.2).toFixed(0)},0 Z" fill="${pick(next, HAIRS)}"/>`,
    );
    if (next() < 0.3) {
      // A raised arm, cheering.
      const arm = next() < 0.5 ? -1 : 1;
      out.push(`<line x1="${(x + arm * size * 0.12).toFixed(0)}" y1="${(feet - size * 0.75).toFixed(0)}" x2="${(x + arm * size * 0.28).toFixed(0)}" y2="${(feet - size * 1.08).toFixed(0)}" stroke="${skin}" stroke-width="${(size * 0.06).toFixed(1)}" stroke-linecap="round"/>`);
    }
  }
  // Barrier tape at waist height along both edges of the road.
  for (const side of [-1, 1]) {
    for (let k = 0; k < 30; k++) {
      const [a, b] = [k / 30, (k + 1) / 30];
      out.push(
        `<line x1="${roadEdge(side, a).toFixed(0)}" y1="${(ground(a) - tall(a) * 0.45).toFixed(0)}" x2="${roadEdge(side, b).toFixed(0)}" y2="${(ground(b) - tall(b) * 0.45).toFixed(0)}" stroke="${k % 2 ? '#ffffff' : '#d62828'}" stroke-width="${(3 + 18 * a).toFixed(1)}"/>`,
      );
    }
  }
  return out.join('');
}

/**
 * One runner, drawn in a 1000-unit-tall frame (feet at 0, top of the head at -1000) then placed and scaled. The
 * bib is pinned on the chest: a band in the race colour with the race name, and the number in big bold digits.
 */
function runnerSvg(runner: RunnerSpec, width: number, height: number, bibTitle: string): string {
  const scale = (runner.height * height) / 1000;
  const s = runner.stride;
  const limb = (points: Array<[number, number]>, colour: string, thickness: number) =>
    `<polyline points="${points.map(([x, y]) => `${x * s},${y}`).join(' ')}" fill="none" stroke="${colour}" stroke-width="${thickness}" stroke-linecap="round" stroke-linejoin="round"/>`;
  const parts: string[] = [];
  // Legs: one on the ground, one lifted; shoes at the ankles.
  parts.push(limb([[-46, -440], [-58, -240], [-48, -45]], runner.skin, 66));
  parts.push(limb([[46, -440], [86, -300], [64, -150]], runner.skin, 66));
  parts.push(`<ellipse cx="${-40 * s}" cy="-22" rx="52" ry="26" fill="${runner.shoes}"/><ellipse cx="${74 * s}" cy="-128" rx="48" ry="26" fill="${runner.shoes}"/>`);
  parts.push(`<path d="M-104,-530 L104,-530 L116,-396 L14,-388 L0,-420 L-14,-388 L-116,-396 Z" fill="${runner.shorts}"/>`);
  // Arms behind the torso when seen from the front, in front of it from behind: drawn on both sides of it.
  const arms = limb([[-128, -780], [-182, -640], [-126, -560]], runner.skin, 46) + limb([[128, -780], [178, -668], [118, -735]], runner.skin, 46);
  if (runner.facing === 'front') parts.push(arms);
  parts.push(`<path d="M-132,-805 Q-146,-700 -112,-522 L112,-522 Q146,-700 132,-805 Q0,-840 -132,-805 Z" fill="${runner.shirt}"/>`);
  parts.push(`<path d="M-132,-805 L-170,-720 L-132,-700 Z M132,-805 L170,-720 L132,-700 Z" fill="${runner.shirt}"/>`);
  parts.push(`<rect x="-30" y="-870" width="60" height="70" fill="${runner.skin}"/>`);
  parts.push(`<ellipse cx="0" cy="-918" rx="64" ry="78" fill="${runner.skin}"/>`);
  if (runner.facing === 'front') {
    parts.push(`<path d="M-66,-930 Q-70,-1010 0,-1000 Q70,-1010 66,-930 Q40,-975 -66,-930 Z" fill="${runner.hair}"/>`);
    parts.push(`<circle cx="-24" cy="-922" r="7" fill="#2a2a2a"/><circle cx="24" cy="-922" r="7" fill="#2a2a2a"/><path d="M-18,-872 Q0,-862 18,-872" stroke="#7a3b2e" stroke-width="6" fill="none"/>`);
    if (runner.bib) parts.push(bibSvg(runner.bib, runner.band, runner.bibTilt, bibTitle));
  } else {
    parts.push(`<ellipse cx="0" cy="-930" rx="68" ry="76" fill="${runner.hair}"/>`);
    parts.push(arms);
  }
  const x = runner.x * width;
  const y = runner.feetY * height;
  return `<g transform="translate(${x.toFixed(1)} ${y.toFixed(1)}) rotate(${runner.lean.toFixed(2)}) scale(${scale.toFixed(4)})">${parts.join('')}</g>`;
}

function bibSvg(number: string, band: string, tilt: number, title: string): string {
  const digitsSize = number.length >= 4 ? 64 : 80;
  return (
    `<g transform="translate(0 -664) rotate(${tilt.toFixed(2)})">` +
    `<rect x="-102" y="-74" width="204" height="148" rx="8" fill="#fbfbf8" stroke="#d0d0d0" stroke-width="3"/>` +
    `<rect x="-102" y="-74" width="204" height="30" rx="8" fill="${band}"/>` +
    `<text x="0" y="-53" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="12.5" fill="#ffffff">${escapeXml(title)}</text>` +
    `<text x="0" y="${number.length >= 4 ? 42 : 48}" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${digitsSize}" fill="#111111">${number}</text>` +
    `<circle cx="-90" cy="-34" r="4" fill="#9a9a9a"/><circle cx="90" cy="-34" r="4" fill="#9a9a9a"/><circle cx="-90" cy="62" r="4" fill="#9a9a9a"/><circle cx="90" cy="62" r="4" fill="#9a9a9a"/>` +
    `</g>`
  );
}

/** The JPEG of one planned photo: the scene, film grain, the focus (blurred ones), EXIF capture time and camera. */
export async function renderDemoPhoto(plan: DemoPhotoPlan, options: Pick<DemoPhotoOptions, 'width' | 'height' | 'bibTitle'> = {}): Promise<Buffer> {
  const width = options.width ?? DEMO_PHOTO_SIZE.width;
  const height = options.height ?? DEMO_PHOTO_SIZE.height;
  const svg = Buffer.from(demoSceneSvg(plan.scene, width, height, options.bibTitle));
  const grainLayer = { input: grain(plan.scene.seed), raw: { width: GRAIN_TILE, height: GRAIN_TILE, channels: 4 as const }, tile: true };
  let image = sharp(svg).removeAlpha().composite([grainLayer]);
  // Defocus blurs the scene and the grain alike: blur the grainy picture (sharp composites after its other steps).
  if (plan.scene.blur > 0) image = sharp(await image.raw().toBuffer(), { raw: { width, height, channels: 3 } }).blur(plan.scene.blur * width);
  return image
    .withExif({
      IFD0: { Make: 'Canon', Model: 'Canon EOS R6', Software: 'Focus Racer demo' },
      IFD2: { DateTimeOriginal: plan.takenAt, OffsetTimeOriginal: DEMO_RACE_MORNING.utcOffset },
    })
    .jpeg({ quality: 88 })
    .toBuffer();
}

/**
 * Renders the set (only its `first` photos when given), `concurrency` photos at a time (libvips threads inside each
 * as well).
 */
export async function renderDemoPhotos(options: DemoPhotoOptions & { concurrency?: number; first?: number } = {}): Promise<DemoPhoto[]> {
  const plans = planDemoPhotos(options).slice(0, options.first);
  const photos: DemoPhoto[] = new Array(plans.length);
  let nextIndex = 0;
  const worker = async () => {
    for (let index = nextIndex++; index < plans.length; index = nextIndex++) {
      photos[index] = { ...plans[index], jpeg: await renderDemoPhoto(plans[index], options) };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return photos;
}

const GRAIN_TILE = 251;

/**
 * Sensor noise as a small tile laid over the whole photo (black or white pixels of random opacity): real photos
 * are never flat. A tile composited "over" costs next to nothing, where a full-size soft-light layer doubled the
 * time of a photo.
 */
function grain(seed: number): Buffer {
  const next = random(seed ^ 0x5f3759df);
  const pixels = Buffer.alloc(GRAIN_TILE * GRAIN_TILE * 4);
  for (let i = 0; i < pixels.length; i += 4) {
    const value = (next() + next() + next() - 1.5) * 60;
    pixels.fill(value > 0 ? 255 : 0, i, i + 3);
    pixels[i + 3] = Math.min(255, Math.round(Math.abs(value)));
  }
  return pixels;
}

function shuffle<T>(items: T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function toSeconds(time: string): number {
  const [h, m, s] = time.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}

function exifTime(seconds: number): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${DEMO_RACE_MORNING.date.replace(/-/g, ':')} ${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * `npm run demo:photos -- <folder> [--count N] [--seed S] [--width W] [--height H] [--first N] [--manifest FILE]`:
 * writes the JPEGs. `--first N` draws only the first N photos of the set of `--count` (the same N photos a seed with
 * SEED_DEMO_PHOTOS=N uploads); `--manifest` writes what each photo shows (kind, bibs, the photo it repeats) as JSON,
 * for a test that needs to know which numbers to look for.
 */
async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      count: { type: 'string' },
      seed: { type: 'string' },
      width: { type: 'string' },
      height: { type: 'string' },
      first: { type: 'string' },
      manifest: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    throw new Error('Usage: npm run demo:photos -- <folder> [--count N] [--seed S] [--width W] [--height H] [--first N] [--manifest FILE]');
  }
  const folder = resolve(positionals[0]);
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const started = Date.now();
  const photos = await renderDemoPhotos({
    count: number(values.count),
    seed: number(values.seed),
    width: number(values.width),
    height: number(values.height),
    first: number(values.first),
  });
  await mkdir(folder, { recursive: true });
  for (const photo of photos) await writeFile(join(folder, photo.filename), photo.jpeg);
  if (values.manifest) {
    const manifest = photos.map(({ filename, kind, bibs, duplicateOf }) => ({ filename, kind, bibs, duplicateOf }));
    await writeFile(resolve(values.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  const bibs = photos.reduce((sum, photo) => sum + photo.bibs.length, 0);
  console.log(`${photos.length} demo photos (${bibs} bibs on them) written to ${folder} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
