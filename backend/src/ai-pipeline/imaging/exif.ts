import sharp from 'sharp';

export interface ExifSummary {
  /**
   * When the shutter fired (DateTimeOriginal, else DateTimeDigitized). Cameras record local wall-clock time; when
   * the file also records its UTC offset (OffsetTimeOriginal) the instant is exact, otherwise the wall-clock time
   * is stored as if it were UTC and `takenAtHasOffset` is false (the event's time zone can correct it later).
   */
  takenAt: Date | null;
  takenAtHasOffset: boolean;
  /** EXIF orientation 1-8, null when absent. */
  orientation: number | null;
  /** "Canon EOS R6", from Make and Model. */
  camera: string | null;
}

/** Reads the few EXIF fields the pipeline uses. Never throws for bad EXIF: a photo without it is still a photo. */
export async function readExif(buffer: Buffer): Promise<ExifSummary> {
  const metadata = await sharp(buffer, { limitInputPixels: false }).metadata();
  const fields = metadata.exif ? parseExif(metadata.exif) : {};
  const original = fields.dateTimeOriginal ?? fields.dateTimeDigitized;
  const offset = fields.dateTimeOriginal ? fields.offsetTimeOriginal : fields.offsetTimeDigitized;
  const takenAt = original ? parseExifDateTime(original, offset) : null;
  return {
    takenAt: takenAt?.date ?? null,
    takenAtHasOffset: takenAt?.hasOffset ?? false,
    orientation: metadata.orientation && metadata.orientation >= 1 && metadata.orientation <= 8 ? metadata.orientation : null,
    camera: cameraName(fields.make, fields.model),
  };
}

export interface ExifFields {
  make?: string;
  model?: string;
  dateTimeOriginal?: string;
  dateTimeDigitized?: string;
  offsetTimeOriginal?: string;
  offsetTimeDigitized?: string;
}

const TAGS = {
  make: 0x010f,
  model: 0x0110,
  exifIfd: 0x8769,
  dateTimeOriginal: 0x9003,
  dateTimeDigitized: 0x9004,
  offsetTimeOriginal: 0x9011,
  offsetTimeDigitized: 0x9012,
} as const;

const TYPE_ASCII = 2;
const TYPE_LONG = 4;

/**
 * Minimal TIFF/EXIF reader for IFD0 and the Exif sub-IFD (ASCII and LONG values only). `exif` is what libvips
 * returns: optionally "Exif\0\0", then the TIFF header. Every offset is bounds-checked; anything odd yields fewer
 * fields, never an exception.
 */
export function parseExif(exif: Buffer): ExifFields {
  const tiff = exif.subarray(0, 6).toString('latin1') === 'Exif\u0000\u0000' ? exif.subarray(6) : exif;
  if (tiff.length < 8) return {};
  const order = tiff.subarray(0, 2).toString('latin1');
  if (order !== 'II' && order !== 'MM') return {};
  const little = order === 'II';
  const u16 = (at: number) => (at + 2 <= tiff.length ? (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at)) : -1);
  const u32 = (at: number) => (at + 4 <= tiff.length ? (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at)) : -1);
  if (u16(2) !== 42) return {};

  const readIfd = (start: number): Map<number, string | number> => {
    const entries = new Map<number, string | number>();
    const count = u16(start);
    if (count < 0 || count > 1000) return entries;
    for (let i = 0; i < count; i++) {
      const entry = start + 2 + i * 12;
      const tag = u16(entry);
      const type = u16(entry + 2);
      const length = u32(entry + 4);
      if (tag < 0 || length < 0) break;
      if (type === TYPE_ASCII) {
        const at = length <= 4 ? entry + 8 : u32(entry + 8);
        if (at < 0 || at + length > tiff.length) continue;
        entries.set(tag, tiff.subarray(at, at + length).toString('latin1').split('\u0000')[0].trim());
      } else if (type === TYPE_LONG && length === 1) {
        entries.set(tag, u32(entry + 8));
      }
    }
    return entries;
  };

  const ifd0 = readIfd(u32(4));
  const exifOffset = ifd0.get(TAGS.exifIfd);
  const exifIfd = typeof exifOffset === 'number' && exifOffset > 0 ? readIfd(exifOffset) : new Map<number, string | number>();
  const text = (ifd: Map<number, string | number>, tag: number) => {
    const value = ifd.get(tag);
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  return {
    make: text(ifd0, TAGS.make),
    model: text(ifd0, TAGS.model),
    dateTimeOriginal: text(exifIfd, TAGS.dateTimeOriginal),
    dateTimeDigitized: text(exifIfd, TAGS.dateTimeDigitized),
    offsetTimeOriginal: text(exifIfd, TAGS.offsetTimeOriginal),
    offsetTimeDigitized: text(exifIfd, TAGS.offsetTimeDigitized),
  };
}

/** "2026:05:01 09:08:07" (+ optional "+02:00") → a Date; null for blanks and the "0000:00:00" cameras write. */
export function parseExifDateTime(value: string, offset?: string): { date: Date; hasOffset: boolean } | null {
  const match = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second);
  const zone = offset ? /^([+-])(\d{2}):(\d{2})$/.exec(offset.trim()) : null;
  if (!zone) return { date: new Date(wallClock), hasOffset: false };
  const sign = zone[1] === '-' ? -1 : 1;
  const offsetMs = sign * (Number(zone[2]) * 60 + Number(zone[3])) * 60_000;
  return { date: new Date(wallClock - offsetMs), hasOffset: true };
}

function cameraName(make?: string, model?: string): string | null {
  if (!make && !model) return null;
  if (!make) return model ?? null;
  if (!model) return make;
  // Many makers repeat themselves: Make "Canon", Model "Canon EOS R6"; Make "NIKON CORPORATION", Model "NIKON Z 9".
  const brand = make.split(/\s+/)[0].toLowerCase();
  return model.toLowerCase().startsWith(brand) ? model : `${make} ${model}`;
}
