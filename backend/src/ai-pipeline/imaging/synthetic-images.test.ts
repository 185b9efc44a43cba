/**
 * Images made by the specs themselves (never files from disk): a "photo-like" scene of noise, gradients and
 * shapes with hard edges, deterministic for a seed. Named `.test.ts` so jest does not collect it as a suite and
 * the app build leaves it out.
 */
import { crc32, deflateSync } from 'node:zlib';
import sharp, { Sharp } from 'sharp';

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export async function photoLikeImage(width: number, height: number, seed = 1): Promise<Sharp> {
  const next = random(seed);
  // A typed array of this realm: writing into a Buffer from jest's sandbox is tens of times slower.
  const pixels = new Uint8Array(width * height * 3);
  const tint = [next() * 120, next() * 120, next() * 120];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const gradient = (x / width) * 60 + (y / height) * 40;
      const noise = (next() - 0.5) * 30;
      for (let c = 0; c < 3; c++) pixels[i + c] = tint[c] + gradient + noise + 15; // always within 0..250: no clamping needed
    }
  }
  const shapes: string[] = [];
  for (let i = 0; i < 40; i++) {
    const colour = `rgb(${(next() * 255) | 0},${(next() * 255) | 0},${(next() * 255) | 0})`;
    const x = next() * width;
    const y = next() * height;
    const size = (0.03 + next() * 0.15) * Math.min(width, height);
    shapes.push(
      next() < 0.5
        ? `<circle cx="${x}" cy="${y}" r="${size / 2}" fill="${colour}"/>`
        : `<rect x="${x}" y="${y}" width="${size}" height="${size * (0.5 + next())}" fill="${colour}" transform="rotate(${next() * 90} ${x} ${y})"/>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes.join('')}</svg>`;
  const composed = await sharp(pixels, { raw: { width, height, channels: 3 } })
    .composite([{ input: Buffer.from(svg) }])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return sharp(composed.data, { raw: { width, height, channels: 3 } });
}

export async function photoLikeJpeg(width: number, height: number, seed = 1): Promise<Buffer> {
  return (await photoLikeImage(width, height, seed)).jpeg({ quality: 92 }).toBuffer();
}

/** A solid image: what a watermark check needs (any change is the watermark). */
export function solidJpeg(width: number, height: number, grey = 128): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: grey, g: grey, b: grey } } }).jpeg({ quality: 95 }).toBuffer();
}

/** A PNG whose IHDR claims width × height, followed by a tiny IDAT: a decompression bomb's header. */
export function pngClaiming(width: number, height: number): Buffer {
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
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(4096))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
