import sharp from 'sharp';
import { hammingDistance, hashFromGreyscale, perceptualHash } from './perceptual-hash';
import { photoLikeJpeg } from './synthetic-images.test';

describe('perceptualHash', () => {
  let original: Buffer;
  let originalHash: string;

  beforeAll(async () => {
    original = await photoLikeJpeg(1200, 800, 11);
    originalHash = await perceptualHash(original);
  });

  it('is 16 hex characters', () => {
    expect(originalHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('barely moves for a resized, recompressed copy (same photo, other export)', async () => {
    const copy = await sharp(original).resize(500).jpeg({ quality: 55 }).toBuffer();
    expect(hammingDistance(originalHash, await perceptualHash(copy))).toBeLessThanOrEqual(6);
    const webp = await sharp(original).resize(1600).webp({ quality: 70 }).toBuffer();
    expect(hammingDistance(originalHash, await perceptualHash(webp))).toBeLessThanOrEqual(6);
  });

  it('matches a copy that is only rotated by its EXIF orientation', async () => {
    // Pixels turned 90° anticlockwise, with orientation 6 telling viewers to turn them back.
    const stored = await sharp(original).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer();
    expect(hammingDistance(originalHash, await perceptualHash(stored))).toBeLessThanOrEqual(6);
  });

  it('is far from a different photo', async () => {
    for (const seed of [12, 13, 14]) {
      const other = await perceptualHash(await photoLikeJpeg(1200, 800, seed));
      expect(hammingDistance(originalHash, other)).toBeGreaterThanOrEqual(16);
    }
  });
});

describe('hashFromGreyscale / hammingDistance', () => {
  it('splits the low frequencies at their median: half the bits set', () => {
    const pixels = new Float64Array(32 * 32).map((_, i) => ((i * 7919) % 256) + (i % 32) * 3);
    const hash = hashFromGreyscale(pixels);
    const bits = [...hash].reduce((sum, digit) => sum + hammingDistance(digit.padStart(16, '0'), '0'.repeat(16)), 0);
    expect(bits).toBe(32);
  });

  it('counts differing bits', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('ABCDEF0123456789', 'abcdef0123456789')).toBe(0);
  });

  it('refuses malformed hashes', () => {
    expect(() => hammingDistance('123', '0000000000000000')).toThrow('16-hex-digit');
    expect(() => hashFromGreyscale(new Float64Array(10))).toThrow('1024 pixels');
  });
});
