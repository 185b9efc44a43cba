import sharp from 'sharp';
import { decodeWebPixels, makeDerivatives, watermarkedWebJpeg, watermarkOverlay } from './derivatives';
import { photoLikeImage, photoLikeJpeg, solidJpeg } from './synthetic-images.test';
import { escapeXml, watermarkSvg } from './watermark';

/** Largest difference from `grey` of any channel in a size × size square at (left, top). */
async function maxDeviation(jpeg: Buffer, left: number, top: number, size: number, grey: number): Promise<number> {
  const { data } = await sharp(jpeg).extract({ left, top, width: size, height: size }).raw().toBuffer({ resolveWithObject: true });
  return data.reduce((max, value) => Math.max(max, Math.abs(value - grey)), 0);
}

describe('makeDerivatives', () => {
  it('makes a 1600 px web version (WebP and JPEG) and a 400 px thumbnail', async () => {
    // Drawn small and enlarged: making a 6 MP synthetic scene pixel by pixel is slow in jest's sandbox.
    const original = await sharp(await photoLikeJpeg(1200, 800, 2)).resize(3000, 2000).jpeg().toBuffer();
    const result = await makeDerivatives(original, { watermark: { text: 'Marathon de Lyon 2026' } });
    expect(result).toMatchObject({ width: 3000, height: 2000, webWidth: 1600, webHeight: 1067, thumbWidth: 400, thumbHeight: 267 });
    expect(await sharp(result.webWebp).metadata()).toMatchObject({ format: 'webp', width: 1600, height: 1067 });
    expect(await sharp(result.webJpeg).metadata()).toMatchObject({ format: 'jpeg', width: 1600, height: 1067 });
    expect(await sharp(result.thumbJpeg).metadata()).toMatchObject({ format: 'jpeg', width: 400, height: 267 });
    expect(result.webJpeg.length).toBeLessThan(original.length);
  });

  it('turns an EXIF orientation 6 photo upright and drops its metadata', async () => {
    // Stored landscape 600 × 400 with "rotate 90° clockwise to view": the person sees a 400 × 600 portrait.
    const stored = await sharp(await photoLikeJpeg(600, 400, 4))
      .withExif({ IFD0: { Make: 'Canon' }, IFD3: { GPSLatitudeRef: 'N' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const result = await makeDerivatives(stored, { watermark: { text: 'x' } });
    expect(result).toMatchObject({ width: 400, height: 600, webWidth: 400, webHeight: 600 });
    const web = await sharp(result.webJpeg).metadata();
    expect(web).toMatchObject({ width: 400, height: 600 });
    expect(web.orientation).toBeUndefined();
    expect(web.exif).toBeUndefined();
  });

  it('rotates the pixels, not just the reported size', async () => {
    // Left half black, right half white, stored with orientation 6: upright, the top is black, the bottom white.
    const half = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#000' } })
      .composite([{ input: { create: { width: 100, height: 100, channels: 3, background: '#fff' } }, left: 100, top: 0 }])
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const result = await makeDerivatives(half, { watermark: { text: 'x', opacity: 0 } });
    const { data, info } = await sharp(result.webJpeg).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 100, height: 200 });
    expect(data[20 * 100 + 50]).toBeLessThan(40);
    expect(data[180 * 100 + 50]).toBeGreaterThan(215);
  });

  it('watermarks the thumbnail everywhere, corners included, so cropping cannot remove it', async () => {
    const grey = 128;
    const result = await makeDerivatives(await solidJpeg(1600, 1200, grey), { watermark: { text: 'Focus Racer · Trail des Cimes' } });
    const { thumbWidth: w, thumbHeight: h } = result;
    const size = 60;
    const corners = [
      [0, 0],
      [w - size, 0],
      [0, h - size],
      [w - size, h - size],
      [(w - size) >> 1, (h - size) >> 1],
    ];
    for (const [left, top] of corners) {
      expect(await maxDeviation(result.thumbJpeg, left, top, size, grey)).toBeGreaterThan(40);
    }
    // Same for the web version: it is public too.
    expect(await maxDeviation(result.webJpeg, 0, 0, 200, grey)).toBeGreaterThan(40);
    expect(await maxDeviation(result.webJpeg, result.webWidth - 200, result.webHeight - 200, 200, grey)).toBeGreaterThan(40);
  });

  it('never enlarges a small photo', async () => {
    const result = await makeDerivatives(await photoLikeJpeg(300, 200), { watermark: { text: 'x' } });
    expect(result).toMatchObject({ webWidth: 300, webHeight: 200, thumbWidth: 300, thumbHeight: 200 });
  });

  it('flattens a transparent PNG on white and accepts a logo', async () => {
    const transparent = await sharp({ create: { width: 500, height: 500, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const logo = await sharp({ create: { width: 64, height: 64, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 1 } } }).png().toBuffer();
    const result = await makeDerivatives(transparent, { watermark: { text: 'Studio', logo, opacity: 0.5 } });
    const stats = await sharp(result.thumbJpeg).stats();
    expect(stats.channels[0].max).toBeGreaterThan(200);
    // Red logo pixels lower green and blue below the white background somewhere.
    expect(stats.channels[1].min).toBeLessThan(200);
  });
});

describe('watermarkedWebJpeg', () => {
  it('gives the very bytes of the web JPEG makeDerivatives stores, for every position', async () => {
    const original = await photoLikeJpeg(900, 600, 11);
    const logo = await sharp({ create: { width: 40, height: 40, channels: 4, background: { r: 0, g: 90, b: 255, alpha: 1 } } }).png().toBuffer();
    const web = await decodeWebPixels(original);
    for (const position of ['tiled', 'bottom-right', 'center'] as const) {
      const watermark = { text: 'Trail des Cimes', logo, opacity: 0.6, position };
      const stored = await makeDerivatives(original, { watermark });
      expect((await watermarkedWebJpeg(web, watermark)).equals(stored.webJpeg)).toBe(true);
    }
  });
});

describe('watermark positions', () => {
  const grey = 128;

  it('bottom-right marks only the corner; center only the middle; tiled everywhere', async () => {
    const photo = await solidJpeg(1200, 800, grey);
    const text = 'Focus Racer';
    const corner = (await makeDerivatives(photo, { watermark: { text, position: 'bottom-right', opacity: 0.8 } })).webJpeg;
    expect(await maxDeviation(corner, 0, 0, 200, grey)).toBeLessThan(12);
    expect(await maxDeviation(corner, 500, 300, 200, grey)).toBeLessThan(12);
    expect(await maxDeviation(corner, 900, 700, 80, grey)).toBeGreaterThan(40);

    const centre = (await makeDerivatives(photo, { watermark: { text, position: 'center', opacity: 0.8 } })).webJpeg;
    expect(await maxDeviation(centre, 0, 0, 200, grey)).toBeLessThan(12);
    expect(await maxDeviation(centre, 1200 - 200, 800 - 200, 200, grey)).toBeLessThan(12);
    expect(await maxDeviation(centre, 450, 300, 300, grey)).toBeGreaterThan(40);
  });

  it('keeps a long text inside the photo and draws a logo-only mark', async () => {
    for (const position of ['bottom-right', 'center'] as const) {
      const svg = watermarkSvg(400, 300, { text: 'W'.repeat(80), position });
      const x = Number(/<text x="([\d.-]+)"/.exec(svg)?.[1]);
      expect(x).toBeGreaterThanOrEqual(0);
      const logo = await sharp({ create: { width: 32, height: 32, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 1 } } }).png().toBuffer();
      const logoOnly = watermarkSvg(400, 300, { text: '', logo, position });
      expect(logoOnly).toContain('<image');
      expect(logoOnly).not.toContain('<text');
    }
  });

  it('caches each position apart', async () => {
    const tiled = await watermarkOverlay(320, 200, { text: 'x' });
    expect(await watermarkOverlay(320, 200, { text: 'x', position: 'center' })).not.toBe(tiled);
  });
});

describe('watermarkOverlay', () => {
  it('gives exactly the pixels of compositing the SVG, and draws each size and text once', async () => {
    const [width, height] = [640, 427];
    const watermark = { text: 'Semi-marathon de Bordeaux · démo' };
    const base = await (await photoLikeImage(width, height, 7)).raw().toBuffer();
    const raw = { width, height, channels: 3 as const };
    const fromSvg = await sharp(base, { raw }).composite([{ input: Buffer.from(watermarkSvg(width, height, watermark)) }]).removeAlpha().raw().toBuffer();

    const overlay = await watermarkOverlay(width, height, watermark);
    const fromOverlay = await sharp(base, { raw }).composite([{ input: overlay, raw: { width, height, channels: 4 } }]).removeAlpha().raw().toBuffer();

    expect(fromOverlay.equals(fromSvg)).toBe(true);
    expect(await watermarkOverlay(width, height, { ...watermark })).toBe(overlay);
    expect(await watermarkOverlay(width, height, { text: 'Another event' })).not.toBe(overlay);
    expect(await watermarkOverlay(height, width, watermark)).not.toBe(overlay);
  });
});

describe('watermarkSvg', () => {
  it('escapes the text so a name cannot break or inject into the SVG', () => {
    expect(escapeXml(`Bob & "Co" <script>'`)).toBe('Bob &amp; &quot;Co&quot; &lt;script&gt;&apos;');
    const svg = watermarkSvg(400, 300, { text: 'A&B <svg onload="x">' });
    expect(svg).toContain('A&amp;B &lt;svg onload=&quot;x&quot;&gt;');
    expect(svg).not.toContain('<svg onload');
  });

  it('renders for any text, including an empty or very long one', async () => {
    for (const text of ['', 'É'.repeat(200)]) {
      const svg = watermarkSvg(300, 200, { text });
      await expect(sharp(Buffer.from(svg)).png().toBuffer()).resolves.toBeInstanceOf(Buffer);
    }
  });
});
