import { createHash } from 'node:crypto';
import sharp, { Sharp } from 'sharp';
import { DEFAULT_IMAGE_LIMITS, decodeOptions } from './inspect-image';
import { watermarkSvg, WatermarkOptions } from './watermark';

export interface DerivativeOptions {
  watermark: WatermarkOptions;
  /** Long edge of the web version; default 1600. */
  webLongEdge?: number;
  /** Long edge of the thumbnail; default 400. */
  thumbLongEdge?: number;
  /** JPEG and WebP quality of every derivative; default 80. */
  quality?: number;
  maxMegapixels?: number;
}

export interface Derivatives {
  webWebp: Buffer;
  webJpeg: Buffer;
  thumbJpeg: Buffer;
  /** Size of the photo upright (EXIF orientation applied), which is what people see. */
  width: number;
  height: number;
  webWidth: number;
  webHeight: number;
  thumbWidth: number;
  thumbHeight: number;
}

/**
 * The public versions of a photo, made from the original (which stays untouched as the HD version sold):
 * upright (EXIF orientation applied), transparency flattened on white, no metadata (EXIF can hold GPS), web
 * version at webLongEdge px as WebP and JPEG, and a thumbnail. Both carry the event's watermark (tiled by default): the web
 * version is what visitors see before buying, so an unmarked 1600 px copy would be the product given away.
 * Never enlarges a small photo.
 */
export async function makeDerivatives(original: Buffer, options: DerivativeOptions): Promise<Derivatives> {
  const thumbLongEdge = options.thumbLongEdge ?? 400;
  const quality = options.quality ?? 80;
  const web = await decodeWebPixels(original, options);
  const raw = web.raw;

  const watermarkedWeb = await watermarked(sharp(web.data, { raw }), raw.width, raw.height, options.watermark);
  const [webJpeg, webWebp] = await Promise.all([
    encodeJpeg(watermarkedWeb, quality),
    // Effort 2 of 6: the same quality for half the encoding time of the default 4, files within a few per cent.
    sharp(watermarkedWeb.data, { raw: watermarkedWeb.raw }).webp({ quality, effort: WEBP_EFFORT }).toBuffer(),
  ]);

  const thumbPixels = await sharp(web.data, { raw })
    .resize(thumbLongEdge, thumbLongEdge, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const thumbRaw = { width: thumbPixels.info.width, height: thumbPixels.info.height, channels: thumbPixels.info.channels };
  const watermarkedThumb = await watermarked(sharp(thumbPixels.data, { raw: thumbRaw }), thumbRaw.width, thumbRaw.height, options.watermark);
  const thumbJpeg = await encodeJpeg(watermarkedThumb, quality);

  return {
    webWebp,
    webJpeg,
    thumbJpeg,
    width: web.uprightWidth,
    height: web.uprightHeight,
    webWidth: raw.width,
    webHeight: raw.height,
    thumbWidth: thumbRaw.width,
    thumbHeight: thumbRaw.height,
  };
}

/** A photo decoded at web size, upright and flattened, before any watermark: what every public copy is made from. */
export interface WebPixels {
  data: Buffer;
  raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
  /** Size of the original upright. */
  uprightWidth: number;
  uprightHeight: number;
}

export async function decodeWebPixels(original: Buffer, options: Pick<DerivativeOptions, 'webLongEdge' | 'maxMegapixels'> = {}): Promise<WebPixels> {
  const webLongEdge = options.webLongEdge ?? 1600;
  const decode = decodeOptions({ maxMegapixels: options.maxMegapixels ?? DEFAULT_IMAGE_LIMITS.maxMegapixels });
  const metadata = await sharp(original, decode).metadata();
  const upright = metadata.autoOrient ?? { width: metadata.width, height: metadata.height };
  // Decoded once to raw pixels at web size; the thumbnail is made from those, not from the original again.
  const web = await sharp(original, decode)
    .autoOrient()
    .flatten({ background: '#ffffff' })
    .resize(webLongEdge, webLongEdge, { fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: web.data,
    raw: { width: web.info.width, height: web.info.height, channels: web.info.channels },
    uprightWidth: upright.width,
    uprightHeight: upright.height,
  };
}

/**
 * The watermarked web JPEG of already decoded pixels: the very bytes makeDerivatives stores as the web JPEG for
 * the same photo and watermark (same steps, same encoder settings). The branding preview shows this, so what an
 * organizer approves is exactly what runners will see.
 */
export async function watermarkedWebJpeg(web: WebPixels, watermark: WatermarkOptions, quality = 80): Promise<Buffer> {
  return encodeJpeg(await watermarked(sharp(web.data, { raw: web.raw }), web.raw.width, web.raw.height, watermark), quality);
}

function encodeJpeg(image: { data: Buffer; raw: { width: number; height: number; channels: 3 } }, quality: number): Promise<Buffer> {
  return sharp(image.data, { raw: image.raw }).jpeg({ quality, mozjpeg: true }).toBuffer();
}

async function watermarked(
  image: Sharp,
  width: number,
  height: number,
  watermark: WatermarkOptions,
): Promise<{ data: Buffer; raw: { width: number; height: number; channels: 3 } }> {
  const overlay = await watermarkOverlay(width, height, watermark);
  const { data, info } = await image
    .composite([{ input: overlay, raw: { width, height, channels: 4 }, top: 0, left: 0 }])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, raw: { width: info.width, height: info.height, channels: 3 } };
}

export const WEBP_EFFORT = 2;

/** Rasterised watermarks kept: an event's photos come in a few sizes (landscape, portrait, thumbnails). */
const OVERLAY_CACHE_SIZE = 6;
const overlays = new Map<string, Promise<Buffer>>();

/**
 * The watermark drawn once per size, text, opacity, position and logo, as RGBA pixels. Rasterising the SVG (text along a turned pattern)
 * took as long as encoding the WebP; compositing the cached pixels gives the very same image.
 */
export function watermarkOverlay(width: number, height: number, watermark: WatermarkOptions): Promise<Buffer> {
  const logo = watermark.logo ? createHash('sha256').update(watermark.logo).digest('hex') : '';
  const key = JSON.stringify([width, height, watermark.text, watermark.opacity ?? null, watermark.position ?? 'tiled', logo]);
  let overlay = overlays.get(key);
  if (overlay) {
    overlays.delete(key);
  } else {
    overlay = sharp(Buffer.from(watermarkSvg(width, height, watermark))).ensureAlpha().raw().toBuffer();
    // A failed rasterisation is not kept: the next photo tries again.
    overlay.catch(() => overlays.delete(key));
  }
  // Most recently used last; the oldest goes when the cache is full.
  overlays.set(key, overlay);
  while (overlays.size > OVERLAY_CACHE_SIZE) overlays.delete(overlays.keys().next().value as string);
  return overlay;
}
