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
};

