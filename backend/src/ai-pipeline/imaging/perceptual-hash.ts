import sharp from 'sharp';

/** Side of the greyscale thumbnail the DCT runs on, and of the low-frequency block kept from it. */
const SAMPLE = 32;
const BLOCK = 8;

/**
 * 64-bit DCT perceptual hash (the pHash of Zauner, as in imagehash/phash.org): greyscale 32 × 32, 2-D DCT, the
 * 8 × 8 lowest frequencies, one bit per coefficient above their median. Resizing, recompression and small
 * colour changes move few bits; a different picture moves about half. Returned as 16 hex characters (the
 * photos.perceptual_hash column). EXIF orientation is applied first so a rotated copy hashes like the original.
 */
export async function perceptualHash(buffer: Buffer): Promise<string> {
  const { data, info } = await sharp(buffer, { limitInputPixels: false })
    .autoOrient()
    .greyscale()
    .resize(SAMPLE, SAMPLE, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = new Float64Array(SAMPLE * SAMPLE);
  for (let i = 0; i < pixels.length; i++) pixels[i] = data[i * info.channels];
  return hashFromGreyscale(pixels);
}

/** The hash of a SAMPLE × SAMPLE greyscale image given row by row (pure; the part worth unit-testing). */
export function hashFromGreyscale(pixels: Float64Array): string {
  if (pixels.length !== SAMPLE * SAMPLE) throw new Error(`pHash needs ${SAMPLE * SAMPLE} pixels, got ${pixels.length}`);
  const dct = dct2d(pixels, SAMPLE);
  const low: number[] = [];
  for (let v = 0; v < BLOCK; v++) for (let u = 0; u < BLOCK; u++) low.push(dct[v * SAMPLE + u]);
  const sorted = [...low].sort((a, b) => a - b);
  const median = (sorted[31] + sorted[32]) / 2;
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let value = 0;
    for (let bit = 0; bit < 4; bit++) value = (value << 1) | (low[nibble * 4 + bit] > median ? 1 : 0);
    hex += value.toString(16);
  }
  return hex;
}

/** Number of differing bits between two 16-hex-character hashes (0 = same picture, ~32 = unrelated). */
export function hammingDistance(a: string, b: string): number {
  if (!/^[0-9a-f]{16}$/i.test(a) || !/^[0-9a-f]{16}$/i.test(b)) {
    throw new Error(`hammingDistance needs two 16-hex-digit hashes, got ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
  }
  let distance = 0;
  for (let i = 0; i < 16; i++) {
    let x = Number.parseInt(a[i], 16) ^ Number.parseInt(b[i], 16);
    while (x) {
      distance += x & 1;
      x >>= 1;
    }
  }
  return distance;
}

const cosines = new Map<number, Float64Array>();

/** cos((2x + 1) u π / 2n), cached per size. */
function cosineTable(n: number): Float64Array {
  let table = cosines.get(n);
  if (!table) {
    table = new Float64Array(n * n);
    for (let u = 0; u < n; u++) for (let x = 0; x < n; x++) table[u * n + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * n));
    cosines.set(n, table);
  }
  return table;
}

/** Unnormalised separable 2-D DCT-II of an n × n image (scaling does not matter: only comparisons are used). */
export function dct2d(pixels: Float64Array, n: number): Float64Array {
  const table = cosineTable(n);
  const rows = new Float64Array(n * n);
  for (let y = 0; y < n; y++) {
    for (let u = 0; u < n; u++) {
      let sum = 0;
      for (let x = 0; x < n; x++) sum += pixels[y * n + x] * table[u * n + x];
      rows[y * n + u] = sum;
    }
  }
  const out = new Float64Array(n * n);
  for (let u = 0; u < n; u++) {
    for (let v = 0; v < n; v++) {
      let sum = 0;
      for (let y = 0; y < n; y++) sum += rows[y * n + u] * table[v * n + y];
      out[v * n + u] = sum;
    }
  }
  return out;
}
