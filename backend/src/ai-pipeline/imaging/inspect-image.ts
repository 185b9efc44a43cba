import sharp, { SharpOptions } from 'sharp';
import { describeOtherFileType, IMAGE_MIME_TYPES, ImageType, readHeaderDimensions, sniffImageType } from './image-type';

export interface ImageLimits {
  maxBytes: number;
  maxMegapixels: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxBytes: 50 * 1024 * 1024, maxMegapixels: 100 };

export interface ImageInfo {
  type: ImageType;
  mimeType: string;
  /** As stored, before EXIF orientation is applied (a portrait phone photo may read as landscape here). */
  width: number;
  height: number;
  megapixels: number;
}

export type ImageRejectionReason = 'empty' | 'unsupported-type' | 'too-large' | 'too-many-pixels' | 'corrupt';

/** Why one file was refused; `message` is written for the photographer who uploaded it. */
export class ImageRejectedError extends Error {
  constructor(
    readonly reason: ImageRejectionReason,
    message: string,
    /** The decoder's own words, for the logs. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ImageRejectedError';
  }
}

export const ACCEPTED_TYPES_SENTENCE = 'only JPEG, PNG and WebP photos are accepted';

/** libvips options for decoding an upload: refuse truncation, and never more pixels than the limit allows. */
export function decodeOptions(limits: Pick<ImageLimits, 'maxMegapixels'>): SharpOptions {
  return { failOn: 'truncated', limitInputPixels: Math.round(limits.maxMegapixels * 1_000_000) };
}

/**
 * Checks that `buffer` is a whole JPEG, PNG or WebP within the limits, cheapest checks first: size, magic bytes,
 * the dimensions the header declares (so a decompression bomb is refused before decoding), and only then a real
 * decode into a small thumbnail, which is what finds truncated or corrupt files.
 */
export async function inspectImage(buffer: Buffer, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<ImageInfo> {
  if (buffer.length === 0) throw new ImageRejectedError('empty', 'The file is empty (0 bytes).');
  if (buffer.length > limits.maxBytes) throw tooLarge(buffer.length, limits.maxBytes);

  const type = sniffImageType(buffer);
  if (!type) {
    const what = describeOtherFileType(buffer);
    throw new ImageRejectedError(
      'unsupported-type',
      what
        ? `This file is ${what}; ${ACCEPTED_TYPES_SENTENCE}.`
        : `This file is not a JPEG, PNG or WebP image; ${ACCEPTED_TYPES_SENTENCE}.`,
    );
  }

  const dimensions = readHeaderDimensions(buffer, type);
  if (!dimensions) throw corrupt(`no readable ${type.toUpperCase()} header`);
  const megapixels = (dimensions.width * dimensions.height) / 1_000_000;
  if (megapixels > limits.maxMegapixels) {
    throw new ImageRejectedError(
      'too-many-pixels',
      `The image is ${dimensions.width} × ${dimensions.height} pixels (${formatMegapixels(megapixels)} megapixels); ` +
        `the limit is ${limits.maxMegapixels} megapixels.`,
    );
  }

  try {
    // A full decode at reduced size: JPEG shrink-on-load still reads every scan, so a cut-off file fails here.
    await sharp(buffer, decodeOptions(limits)).resize(256, 256, { fit: 'inside' }).raw().toBuffer();
  } catch (error) {
    throw corrupt(error instanceof Error ? error.message : String(error));
  }
  return { type, mimeType: IMAGE_MIME_TYPES[type], ...dimensions, megapixels };
}

export function tooLarge(size: number, maxBytes: number): ImageRejectedError {
  return new ImageRejectedError('too-large', `The file is ${formatMegabytes(size)}; the limit is ${formatMegabytes(maxBytes)} per photo.`);
}

function corrupt(detail: string): ImageRejectedError {
  return new ImageRejectedError(
    'corrupt',
    'The image is damaged or incomplete (the upload may have been cut off); please export or upload it again.',
    detail,
  );
}

function formatMegabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

function formatMegapixels(megapixels: number): string {
  return megapixels >= 10 ? String(Math.round(megapixels)) : String(Math.round(megapixels * 10) / 10);
}
