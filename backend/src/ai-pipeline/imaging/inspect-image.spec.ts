import sharp from 'sharp';
import { ImageRejectedError, inspectImage } from './inspect-image';
import { photoLikeJpeg, pngClaiming } from './synthetic-images.test';

async function rejection(promise: Promise<unknown>): Promise<ImageRejectedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImageRejectedError) return error;
    throw error;
  }
  throw new Error('expected the image to be rejected');
}

const limits = { maxBytes: 50 * 1024 * 1024, maxMegapixels: 100 };

describe('inspectImage', () => {
  it('accepts JPEG, PNG and WebP and reports their size', async () => {
    const jpeg = await photoLikeJpeg(640, 480);
    await expect(inspectImage(jpeg, limits)).resolves.toEqual({
      type: 'jpeg',
      mimeType: 'image/jpeg',
      width: 640,
      height: 480,
      megapixels: 0.3072,
    });
    const png = await sharp(jpeg).png().toBuffer();
    await expect(inspectImage(png, limits)).resolves.toMatchObject({ type: 'png', mimeType: 'image/png', width: 640 });
    const webp = await sharp(jpeg).webp().toBuffer();
    await expect(inspectImage(webp, limits)).resolves.toMatchObject({ type: 'webp', mimeType: 'image/webp', height: 480 });
  });

  it('refuses a zero-byte file', async () => {
    const error = await rejection(inspectImage(Buffer.alloc(0), limits));
    expect(error.reason).toBe('empty');
    expect(error.message).toBe('The file is empty (0 bytes).');
  });

  it('refuses other types by content, naming them where it can', async () => {
    const pdf = await rejection(inspectImage(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj'), limits));
    expect(pdf.reason).toBe('unsupported-type');
    expect(pdf.message).toBe('This file is a PDF document; only JPEG, PNG and WebP photos are accepted.');
    const gif = await rejection(inspectImage(await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer(), limits));
    expect(gif.message).toBe('This file is a GIF image; only JPEG, PNG and WebP photos are accepted.');
    const noise = await rejection(inspectImage(Buffer.from('just some text renamed to photo.jpg'), limits));
    expect(noise.message).toBe('This file is not a JPEG, PNG or WebP image; only JPEG, PNG and WebP photos are accepted.');
  });

  it('refuses a file above the byte limit', async () => {
    const jpeg = await photoLikeJpeg(400, 300);
    const error = await rejection(inspectImage(jpeg, { maxBytes: 10_000, maxMegapixels: 100 }));
    expect(error.reason).toBe('too-large');
    expect(error.message).toMatch(/^The file is [\d.]+ KB; the limit is 9.8 KB per photo\.$/);
    const mb = await rejection(inspectImage(Buffer.alloc(3 * 1024 * 1024, 0xff), { maxBytes: 2 * 1024 * 1024, maxMegapixels: 100 }));
    expect(mb.message).toBe('The file is 3 MB; the limit is 2 MB per photo.');
  });

  it('refuses a 100 000 × 100 000 PNG bomb from its header alone, without decoding it', async () => {
    const bomb = pngClaiming(100_000, 100_000);
    expect(bomb.length).toBeLessThan(200);
    const error = await rejection(inspectImage(bomb, limits));
    expect(error.reason).toBe('too-many-pixels');
    expect(error.message).toBe('The image is 100000 × 100000 pixels (10000 megapixels); the limit is 100 megapixels.');
  });

  it('applies a configured megapixel limit to a real image', async () => {
    const jpeg = await photoLikeJpeg(1200, 1000);
    const error = await rejection(inspectImage(jpeg, { maxBytes: limits.maxBytes, maxMegapixels: 1 }));
    expect(error.reason).toBe('too-many-pixels');
    expect(error.message).toBe('The image is 1200 × 1000 pixels (1.2 megapixels); the limit is 1 megapixels.');
  });

  it.each([
    ['JPEG', (b: Buffer) => sharp(b).jpeg().toBuffer()],
    ['PNG', (b: Buffer) => sharp(b).png().toBuffer()],
    ['WebP', (b: Buffer) => sharp(b).webp().toBuffer()],
  ])('refuses a truncated %s with a clear message', async (_name, encode) => {
    const whole = await encode(await photoLikeJpeg(600, 400, 3));
    const error = await rejection(inspectImage(whole.subarray(0, Math.floor(whole.length * 0.7)), limits));
    expect(error.reason).toBe('corrupt');
    expect(error.message).toBe('The image is damaged or incomplete (the upload may have been cut off); please export or upload it again.');
    expect(error.detail).toBeTruthy();
  });

  it('refuses a file with a JPEG signature and garbage after it', async () => {
    const error = await rejection(inspectImage(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 7)]), limits));
    expect(error.reason).toBe('corrupt');
  });
});
