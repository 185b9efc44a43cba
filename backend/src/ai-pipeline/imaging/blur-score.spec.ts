import sharp from 'sharp';
import { blurScore, DEFAULT_BLUR_THRESHOLD, isBlurry, laplacianVariance } from './blur-score';
import { photoLikeJpeg } from './synthetic-images.test';

describe('blurScore', () => {
  it('drops a lot when the same scene is out of focus, and the default threshold separates them', async () => {
    const sharpPhoto = await photoLikeJpeg(1500, 1000, 5);
    const blurred = await sharp(sharpPhoto).blur(6).jpeg({ quality: 92 }).toBuffer();
    const slightlyBlurred = await sharp(sharpPhoto).blur(2).jpeg({ quality: 92 }).toBuffer();
    const [sharpScore, blurredScore, slightScore] = await Promise.all([blurScore(sharpPhoto), blurScore(blurred), blurScore(slightlyBlurred)]);
    expect(blurredScore).toBeLessThan(sharpScore / 10);
    expect(slightScore).toBeLessThan(sharpScore);
    expect(slightScore).toBeGreaterThan(blurredScore);
    expect(isBlurry(sharpScore)).toBe(false);
    expect(isBlurry(blurredScore)).toBe(true);
  });

  it('scores the same scene alike at different resolutions (measured at a fixed size)', async () => {
    const large = await photoLikeJpeg(1800, 1200, 8);
    const small = await sharp(large).resize(900).jpeg({ quality: 92 }).toBuffer();
    const [a, b] = await Promise.all([blurScore(large), blurScore(small)]);
    expect(Math.abs(a - b) / Math.max(a, b)).toBeLessThan(0.25);
  });
});

describe('laplacianVariance', () => {
  it('is 0 for a flat image and grows with edges', () => {
    expect(laplacianVariance(new Uint8Array(25).fill(90), 5, 5)).toBe(0);
    const checker = new Uint8Array(16 * 16).map((_, i) => (((i % 16) + Math.floor(i / 16)) % 2 ? 255 : 0));
    const stripes = new Uint8Array(16 * 16).map((_, i) => (Math.floor((i % 16) / 4) % 2 ? 255 : 0));
    expect(laplacianVariance(checker, 16, 16)).toBeGreaterThan(laplacianVariance(stripes, 16, 16));
    expect(laplacianVariance(stripes, 16, 16)).toBeGreaterThan(0);
  });

  it('is 0 for images too small to have an interior', () => {
    expect(laplacianVariance(new Uint8Array([0, 255, 0, 255]), 2, 2)).toBe(0);
  });

  it('flags by a threshold', () => {
    expect(isBlurry(DEFAULT_BLUR_THRESHOLD - 1)).toBe(true);
    expect(isBlurry(DEFAULT_BLUR_THRESHOLD)).toBe(false);
    expect(isBlurry(50, 40)).toBe(false);
  });
});
