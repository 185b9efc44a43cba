/**
 * Reading and splicing JPEG marker segments, without decoding pixels: the downscale worker uses it to skip photos
 * that are already small enough (their size is in the SOF header) and to carry the original's EXIF (capture time,
 * camera: the server reads takenAt from it) into the re-encoded JPEG, which a canvas writes without any metadata.
 */

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
/** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC): the frame header with the pixel size. */
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"
const JFIF_HEADER = [0x4a, 0x46, 0x49, 0x46, 0x00]; // "JFIF\0"
const ORIENTATION_TAG = 0x0112;
const TYPE_SHORT = 3;

interface Segment {
  marker: number;
  /** Offset of the 0xFF of the marker. */
  start: number;
  /** Offset just past the segment. */
  end: number;
  /** Offset of the payload (after the two length bytes). */
  payload: number;
}

/** The segments before the scan data, in order; stops at SOS, EOI or anything malformed. */
function* segments(bytes: Uint8Array): Generator<Segment> {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return;
    let markerAt = at + 1;
    while (markerAt < bytes.length && bytes[markerAt] === 0xff) markerAt++; // fill bytes
    const marker = bytes[markerAt];
    if (marker === undefined || marker === SOS || marker === EOI) return;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at = markerAt + 1; // standalone markers carry no length
      continue;
    }
    const length = ((bytes[markerAt + 1] ?? 0) << 8) | (bytes[markerAt + 2] ?? 0);
    const end = markerAt + 1 + length;
    if (length < 2 || end > bytes.length) return;
    yield { marker, start: at, end, payload: markerAt + 3 };
    at = end;
  }
}

function startsWith(bytes: Uint8Array, at: number, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[at + i] === byte);
}

/** Width and height from the frame header, as stored (before any EXIF rotation); null when not a readable JPEG. */
export function jpegPixelSize(bytes: Uint8Array): { width: number; height: number } | null {
  for (const segment of segments(bytes)) {
    if (!SOF_MARKERS.has(segment.marker) || segment.payload + 5 > segment.end) continue;
    const p = segment.payload;
    const height = ((bytes[p + 1] ?? 0) << 8) | (bytes[p + 2] ?? 0);
    const width = ((bytes[p + 3] ?? 0) << 8) | (bytes[p + 4] ?? 0);
    return width > 0 && height > 0 ? { width, height } : null;
  }
  return null;
}

/** The original's EXIF APP1 segment (marker and length included), or null. */
export function findExifSegment(bytes: Uint8Array): Uint8Array | null {
  for (const segment of segments(bytes)) {
    if (segment.marker === APP1 && startsWith(bytes, segment.payload, EXIF_HEADER)) return bytes.slice(segment.start, segment.end);
  }
  return null;
}

/**
 * A copy of an EXIF APP1 segment whose IFD0 Orientation says "upright" (1). The browser applies the orientation
 * when it decodes (createImageBitmap, imageOrientation 'from-image'), so the re-encoded pixels are already upright;
 * keeping the original value would make the server turn the photo a second time. Anything unreadable is copied as is.
 */
export function withUprightOrientation(app1: Uint8Array): Uint8Array {
  const copy = app1.slice();
  const tiff = 4 + EXIF_HEADER.length; // FF E1, two length bytes, "Exif\0\0"
  if (copy.length < tiff + 8) return copy;
  const order = String.fromCharCode(copy[tiff] ?? 0, copy[tiff + 1] ?? 0);
  if (order !== 'II' && order !== 'MM') return copy;
  const little = order === 'II';
  const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  const u16 = (at: number) => (at + 2 <= copy.length ? view.getUint16(at, little) : -1);
  const u32 = (at: number) => (at + 4 <= copy.length ? view.getUint32(at, little) : -1);
  if (u16(tiff + 2) !== 42) return copy;
  const ifd0 = tiff + u32(tiff + 4);
  const count = u16(ifd0);
  if (count < 0 || count > 1000) return copy;
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > copy.length) break;
    if (u16(entry) === ORIENTATION_TAG && u16(entry + 2) === TYPE_SHORT) {
      view.setUint16(entry + 8, 1, little);
      break;
    }
  }
  return copy;
}

/**
 * The encoded JPEG with an APP1 segment inserted after SOI and, when there is one, the JFIF APP0 that canvases
 * write first (where exiftool puts it; every EXIF reader, libvips included, finds it there).
 */
export function insertSegment(encoded: Uint8Array, app1: Uint8Array): Uint8Array {
  let at = 2;
  for (const segment of segments(encoded)) {
    if (segment.start === 2 && segment.marker === APP0 && startsWith(encoded, segment.payload, JFIF_HEADER)) at = segment.end;
    break;
  }
  const out = new Uint8Array(encoded.length + app1.length);
  out.set(encoded.subarray(0, at), 0);
  out.set(app1, at);
  out.set(encoded.subarray(at), at + app1.length);
  return out;
}

/** The re-encoded JPEG with the original's EXIF (orientation set upright); unchanged when the original had none. */
export function copyExif(original: Uint8Array, encoded: Uint8Array): Uint8Array {
  if (encoded[0] !== 0xff || encoded[1] !== SOI) return encoded;
  const exif = findExifSegment(original);
  return exif ? insertSegment(encoded, withUprightOrientation(exif)) : encoded;
}
