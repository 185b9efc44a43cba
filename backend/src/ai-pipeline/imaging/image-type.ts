/**
 * What an uploaded file is, from its first bytes (never from its name or the browser's Content-Type), and the
 * pixel dimensions its header declares, read without decoding anything.
 */

export type ImageType = 'jpeg' | 'png' | 'webp';

export const IMAGE_MIME_TYPES: Record<ImageType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** Extension of the stored original (matches storage's OriginalExtension). */
export const IMAGE_EXTENSIONS: Record<ImageType, 'jpg' | 'png' | 'webp'> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ascii(buffer: Buffer, start: number, end: number): string {
  return buffer.subarray(start, end).toString('latin1');
}

/** JPEG, PNG or WebP by magic bytes; null for anything else. */
export function sniffImageType(buffer: Buffer): ImageType | null {
  if (buffer.length >= 3 && buffer[0] === 0xff && buffer[1] === 0xd8 && buffer[2] === 0xff) return 'jpeg';
  if (buffer.length >= 8 && buffer.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (buffer.length >= 12 && ascii(buffer, 0, 4) === 'RIFF' && ascii(buffer, 8, 12) === 'WEBP') return 'webp';
  return null;
}

/**
 * For a file that is not an accepted image: what it most likely is, in words a photographer understands
 * ("a PDF document"), or null when the bytes say nothing recognisable.
 */
export function describeOtherFileType(buffer: Buffer): string | null {
  const head = ascii(buffer, 0, Math.min(buffer.length, 64));
  if (head.startsWith('%PDF')) return 'a PDF document';
  if (head.startsWith('GIF8')) return 'a GIF image';
  if (head.startsWith('BM')) return 'a BMP image';
  if (head.startsWith('8BPS')) return 'a Photoshop (PSD) file';
  if (head.startsWith('FUJIFILMCCD-RAW')) return 'a camera RAW file (Fujifilm RAF)';
  if (head.startsWith('II*\u0000') || head.startsWith('MM\u0000*')) return 'a TIFF or camera RAW file (CR2, NEF, ARW, DNG...)';
  if (head.startsWith('PK\u0003\u0004')) return 'a ZIP archive';
  if (head.startsWith('RIFF') && ascii(buffer, 8, 12) === 'AVI ') return 'a video';
  if (ascii(buffer, 4, 8) === 'ftyp') {
    const brand = ascii(buffer, 8, 12);
    if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'a HEIC/HEIF photo (export it as JPEG)';
    if (brand === 'avif' || brand === 'avis') return 'an AVIF image';
    if (brand === 'crx ') return 'a camera RAW file (Canon CR3)';
    return 'a video';
  }
  if (/^\s*</.test(head)) return 'a text (SVG, HTML or XML) file';
  return null;
}

export interface PixelDimensions {
  width: number;
  height: number;
}

/**
 * Width and height as the file's header declares them, or null when the header is missing or damaged. Read by
 * hand so that a decompression bomb (a few KB declaring 100k × 100k pixels) is refused before any decoder,
 * libvips included, allocates for it.
 */
export function readHeaderDimensions(buffer: Buffer, type: ImageType): PixelDimensions | null {
  switch (type) {
    case 'png':
      return pngDimensions(buffer);
    case 'jpeg':
      return jpegDimensions(buffer);
    case 'webp':
      return webpDimensions(buffer);
  }
}

function pngDimensions(buffer: Buffer): PixelDimensions | null {
  // The IHDR chunk must come first: length (4) "IHDR" (4) width (4) height (4).
  if (buffer.length < 24 || ascii(buffer, 12, 16) !== 'IHDR') return null;
  return positive(buffer.readUInt32BE(16), buffer.readUInt32BE(20));
}

/** Start-of-frame markers (baseline, progressive, lossless, arithmetic...); not C4 (DHT), C8 (JPG), CC (DAC). */
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegDimensions(buffer: Buffer): PixelDimensions | null {
  let offset = 2;
  while (offset + 4 <= buffer.length) {
    if (buffer[offset] !== 0xff) return null;
    const marker = buffer[offset + 1];
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null; // scan data or end before any frame header
    const length = buffer.readUInt16BE(offset + 2);
    if (SOF_MARKERS.has(marker)) {
      if (offset + 9 > buffer.length) return null;
      return positive(buffer.readUInt16BE(offset + 7), buffer.readUInt16BE(offset + 5));
    }
    offset += 2 + length;
  }
  return null;
}

function webpDimensions(buffer: Buffer): PixelDimensions | null {
  if (buffer.length < 30) return null;
  const chunk = ascii(buffer, 12, 16);
  if (chunk === 'VP8 ') {
    // Frame tag (3 bytes) at 20, start code 9d 01 2a at 23, then 14-bit width and height.
    if (buffer[23] !== 0x9d || buffer[24] !== 0x01 || buffer[25] !== 0x2a) return null;
    return positive(buffer.readUInt16LE(26) & 0x3fff, buffer.readUInt16LE(28) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    if (buffer[20] !== 0x2f) return null;
    const bits = buffer.readUInt32LE(21);
    return positive((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') {
    return positive(buffer.readUIntLE(24, 3) + 1, buffer.readUIntLE(27, 3) + 1);
  }
  return null;
}

function positive(width: number, height: number): PixelDimensions | null {
  return width > 0 && height > 0 ? { width, height } : null;
}
