import sharp from 'sharp';
import { photoLikeImage, photoLikeJpeg, pngClaiming } from '../src/ai-pipeline/imaging/synthetic-images.test';

/** Files for upload tests, all generated (sharp or hand-written bytes), none read from disk. */
export const photoFixtures = {
  jpeg: (seed = 1, width = 640, height = 480) => photoLikeJpeg(width, height, seed),
  png: async (seed = 2) => (await photoLikeImage(480, 360, seed)).png().toBuffer(),
  webp: async (seed = 3) => (await photoLikeImage(480, 360, seed)).webp({ quality: 85 }).toBuffer(),
  /** A re-encoded, slightly smaller copy: a near-duplicate (same burst), never byte-identical. */
  nearCopy: async (jpeg: Buffer) => sharp(jpeg).resize(600).jpeg({ quality: 70 }).toBuffer(),
  pdf: () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  truncated: (jpeg: Buffer) => jpeg.subarray(0, Math.floor(jpeg.length / 2)),
  /** A PNG whose header claims 50 000 × 50 000 pixels: a decompression bomb. */
  hugePng: () => pngClaiming(50_000, 50_000),
  bib: bibPhoto,
};

/**
 * 800 × 600: a white card (x 250..550, y 200..360) with big black digits on a noisy background (needs the DejaVu
 * Sans font, as the reader's spec).
 */
async function bibPhoto(number: string, seed = 42): Promise<Buffer> {
  const width = 800;
  const height = 600;
  const noise = new Uint8Array(width * height * 3);
  for (let i = 0; i < noise.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    noise[i] = 60 + (seed % 120);
  }
  const card = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="160"><rect width="100%" height="100%" fill="#ffffff"/>` +
      `<text x="50%" y="72%" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="96" fill="#000000">${number}</text></svg>`,
  );
  return sharp(noise, { raw: { width, height, channels: 3 } }).composite([{ input: card, left: 250, top: 200 }]).jpeg({ quality: 90 }).toBuffer();
}
