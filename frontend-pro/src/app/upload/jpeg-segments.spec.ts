/**
 * @jest-environment node
 */
// sharp is CommonJS (`export =`) and the specs compile without esModuleInterop.
import sharp = require('sharp');
import { copyExif, findExifSegment, insertSegment, jpegPixelSize, withUprightOrientation } from './jpeg-segments';

/** A real camera-like JPEG: 60 × 40 pixels stored, EXIF orientation 6 (turn right), capture time, camera. */
async function cameraJpeg(): Promise<Uint8Array> {
  const buffer = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#3a6b4a' } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'Canon', Model: 'EOS R6' },
      IFD2: { DateTimeOriginal: '2026:03:22 09:06:00', OffsetTimeOriginal: '+01:00' },
    })
    .toBuffer();
  // sharp writes Orientation only through withMetadata; set it by hand in IFD0 like a camera would.
  return sharp(buffer).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer().then((b) => new Uint8Array(b));
}

/** JFIF 1.01 APP0, no thumbnail: what Chrome's canvas writes right after SOI. */
const JFIF_APP0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];

/** What a canvas writes: a JFIF JPEG without any metadata. */
async function canvasJpeg(width: number, height: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(await sharp({ create: { width, height, channels: 3, background: '#aa3322' } }).jpeg({ quality: 90 }).toBuffer());
  const withJfif = new Uint8Array(buffer.length + JFIF_APP0.length);
  withJfif.set(buffer.subarray(0, 2));
  withJfif.set(JFIF_APP0, 2);
  withJfif.set(buffer.subarray(2), 2 + JFIF_APP0.length);
  return withJfif;
}

const ascii = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('JPEG segments', () => {
  it('reads the stored pixel size from the frame header without decoding', async () => {
    expect(jpegPixelSize(await canvasJpeg(123, 45))).toEqual({ width: 123, height: 45 });
    expect(jpegPixelSize(new Uint8Array([1, 2, 3, 4]))).toBeNull();
  });

  it('reads the size from the first bytes only (the worker reads 512 KiB of the file)', async () => {
    const whole = await cameraJpeg();
    const exifEnd = (findExifSegment(whole)?.length ?? 0) + 200;
    expect(jpegPixelSize(whole.subarray(0, Math.max(exifEnd, 1024)))).toEqual({ width: 60, height: 40 });
  });

  it('finds the EXIF APP1 segment of a camera JPEG, and none in a canvas JPEG', async () => {
    const exif = findExifSegment(await cameraJpeg());
    expect(exif).not.toBeNull();
    expect(Array.from(exif?.subarray(0, 2) ?? [])).toEqual([0xff, 0xe1]);
    expect(ascii(exif?.subarray(4, 10) ?? new Uint8Array())).toBe('Exif\0\0');
    expect(ascii(exif ?? new Uint8Array())).toContain('2026:03:22 09:06:00');
    expect(findExifSegment(await canvasJpeg(10, 10))).toBeNull();
  });

  it('copies the capture time and camera into the re-encoded JPEG, with the orientation set upright', async () => {
    const original = await cameraJpeg();
    expect((await sharp(original).metadata()).orientation).toBe(6);
    // The browser decoded it upright (40 × 60) and drew it smaller.
    const encoded = await canvasJpeg(20, 30);

    const spliced = copyExif(original, encoded);

    const meta = await sharp(Buffer.from(spliced)).metadata();
    expect(meta.width).toBe(20);
    expect(meta.height).toBe(30);
    expect(meta.orientation).toBe(1);
    expect(ascii(new Uint8Array(meta.exif ?? Buffer.alloc(0)))).toContain('2026:03:22 09:06:00');
    expect(ascii(new Uint8Array(meta.exif ?? Buffer.alloc(0)))).toContain('Canon');
    // Still decodes: the pixels are untouched.
    const pixels = await sharp(Buffer.from(spliced)).raw().toBuffer();
    expect(pixels.length).toBe(20 * 30 * 3);
  });

  it('puts the EXIF segment after SOI and the canvas JFIF header, and leaves the original segment unchanged', async () => {
    const encoded = await canvasJpeg(8, 8);
    const app1 = new Uint8Array([0xff, 0xe1, 0x00, 0x08, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00]);
    const out = insertSegment(encoded, app1);
    const jfifEnd = 2 + 2 + ((encoded[4] ?? 0) << 8 | (encoded[5] ?? 0));
    expect(Array.from(out.subarray(0, 2))).toEqual([0xff, 0xd8]);
    expect(Array.from(out.subarray(2, 4))).toEqual([0xff, 0xe0]);
    expect(Array.from(out.subarray(jfifEnd, jfifEnd + app1.length))).toEqual(Array.from(app1));
    expect(out.length).toBe(encoded.length + app1.length);

    const exif = findExifSegment(await cameraJpeg());
    const before = Array.from(exif ?? []);
    withUprightOrientation(exif ?? new Uint8Array());
    expect(Array.from(exif ?? [])).toEqual(before);
  });

  it('leaves a JPEG without EXIF, and anything that is not a JPEG, as they are', async () => {
    const encoded = await canvasJpeg(8, 8);
    expect(copyExif(await canvasJpeg(9, 9), encoded)).toBe(encoded);
    const notJpeg = new Uint8Array([1, 2, 3]);
    expect(copyExif(await cameraJpeg(), notJpeg)).toBe(notJpeg);
    // A truncated EXIF segment is copied as is, never an exception.
    const broken = new Uint8Array([0xff, 0xe1, 0x00, 0x0a, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00, 0x4d, 0x4d]);
    expect(withUprightOrientation(broken)).toEqual(broken);
  });
});
