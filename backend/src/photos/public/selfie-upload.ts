import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';

export const SELFIE_FIELD = 'selfie';
export const SELFIE_MAX_BYTES = 15 * 1024 * 1024;
export const SELFIE_CONSENT_MESSAGE =
  'Search by selfie needs your consent: tick the box that lets us compare your face with the photos of this event.';

export interface SelfieUpload {
  image: Buffer;
  consent: boolean;
}

/**
 * Reads the one selfie of a multipart request into memory (never to disk: it must leave no trace), with its
 * `consent` field. A selfie is a single photo of a face; SELFIE_MAX_BYTES is far above what a phone sends.
 */
export function readSelfie(request: IncomingMessage): Promise<SelfieUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { files: 1, fileSize: SELFIE_MAX_BYTES, fields: 10, fieldSize: 256 } });
    } catch {
      reject(new BadRequestException(`Send the selfie as multipart/form-data in a field named "${SELFIE_FIELD}"`));
      return;
    }
    const chunks: Buffer[] = [];
    let consent = false;
    let tooLarge = false;
    let sawFile = false;
    parser.on('field', (name, value) => {
      if (name === 'consent') consent = value === 'true';
    });
    parser.on('file', (name, stream) => {
      if (name !== SELFIE_FIELD) {
        stream.resume();
        return;
      }
      sawFile = true;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (tooLarge = true));
    });
    parser.on('error', () => reject(new BadRequestException('The selfie upload could not be read')));
    parser.on('close', () => {
      if (tooLarge) return reject(new PayloadTooLargeException(`The selfie is larger than ${SELFIE_MAX_BYTES / 1024 / 1024} MB`));
      if (!sawFile || chunks.length === 0) return reject(new BadRequestException(`Add the selfie in a field named "${SELFIE_FIELD}"`));
      resolve({ image: Buffer.concat(chunks), consent });
    });
    request.pipe(parser);
  });
}
