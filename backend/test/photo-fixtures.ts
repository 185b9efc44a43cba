import sharp from 'sharp';
import { crc32, deflateSync } from 'node:zlib';
import { photoLikeImage, photoLikeJpeg } from '../src/ai-pipeline/imaging/synthetic-images.test';

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

function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(4096))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
