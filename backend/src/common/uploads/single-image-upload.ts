import { BadRequestException, PayloadTooLargeException, UnprocessableEntityException, UnsupportedMediaTypeException } from '@nestjs/common';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { ImageInfo, ImageRejectedError, inspectImage } from '../../ai-pipeline/imaging/inspect-image';

/** The form field every single-image upload (event cover, branding logo) reads its file from. */
export const IMAGE_UPLOAD_FIELD = 'file';

export interface SingleImageLimits {
  maxBytes: number;
  maxMegapixels: number;
  /** Image types accepted (by magic bytes); a sentence for the refusal, e.g. "a PNG or JPEG image". */
  accept: ReadonlyArray<ImageInfo['type']>;
  acceptSentence: string;
  /** For messages: "The cover", "The logo". */
  what: string;
}

export interface SingleImageUpload {
  bytes: Buffer;
  info: ImageInfo;
}

/**
 * Reads one image of a multipart request into memory (these are small: a cover, a logo) and checks it like a photo
 * upload, by content and never by name: size (413, the read stops at the limit), type by magic bytes (415),
 * declared pixel count (413) and a real decode (422).
 */
export async function readSingleImage(request: IncomingMessage, limits: SingleImageLimits): Promise<SingleImageUpload> {
  const bytes = await readFile(request, limits);
  let info: ImageInfo;
  try {
    info = await inspectImage(bytes, { maxBytes: limits.maxBytes, maxMegapixels: limits.maxMegapixels });
  } catch (error) {
    if (!(error instanceof ImageRejectedError)) throw error;
    const message = `${limits.what} was refused: ${error.message}`;
    if (error.reason === 'unsupported-type') throw new UnsupportedMediaTypeException(`${limits.what} must be ${limits.acceptSentence}. ${error.message}`);
    if (error.reason === 'too-large' || error.reason === 'too-many-pixels') throw new PayloadTooLargeException(message);
    if (error.reason === 'empty') throw new BadRequestException(message);
    throw new UnprocessableEntityException(message);
  }
  if (!limits.accept.includes(info.type)) {
    throw new UnsupportedMediaTypeException(`${limits.what} must be ${limits.acceptSentence}; this file is a ${info.type.toUpperCase()} image.`);
  }
  return { bytes, info };
}

function readFile(request: IncomingMessage, limits: SingleImageLimits): Promise<Buffer> {
  const expected = `Send ${limits.what.toLowerCase()} as multipart/form-data in a field named "${IMAGE_UPLOAD_FIELD}"`;
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { files: 1, fileSize: limits.maxBytes, fields: 5, fieldSize: 256 } });
    } catch {
      reject(new BadRequestException(expected));
      return;
    }
    const chunks: Buffer[] = [];
    let tooLarge = false;
    let sawFile = false;
    parser.on('file', (name, stream) => {
      if (name !== IMAGE_UPLOAD_FIELD) {
        stream.resume();
        return;
      }
      sawFile = true;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (tooLarge = true));
    });
    parser.on('error', () => reject(new BadRequestException(`${limits.what} upload could not be read`)));
    parser.on('close', () => {
      if (tooLarge) return reject(new PayloadTooLargeException(`${limits.what} is larger than ${megabytes(limits.maxBytes)}`));
      if (!sawFile) return reject(new BadRequestException(expected));
      resolve(Buffer.concat(chunks));
    });
    request.pipe(parser);
  });
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
