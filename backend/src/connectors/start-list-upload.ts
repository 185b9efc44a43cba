import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';

export const START_LIST_FILE_FIELD = 'file';

export interface StartListUpload {
  filename: string;
  bytes: Buffer;
  /** The text fields of the form (delimiter, mapping...), validated by the caller. */
  fields: Record<string, string>;
}

/**
 * Reads a multipart start-list upload: one file, held in memory (it is capped at `maxBytes`, a few MB, and the CSV
 * reader needs it whole to detect encoding and delimiter), and the form's text fields whichever order they come in.
 * Too big is answered as soon as the limit is crossed, not after the whole body.
 */
export function readStartListUpload(request: IncomingMessage, maxBytes: number): Promise<StartListUpload> {
  const tooLarge = () => new PayloadTooLargeException(`The file is larger than ${formatSize(maxBytes)}: split the start list into several files`);
  if (!/^multipart\/form-data\s*;/i.test(request.headers['content-type'] ?? '')) {
    return Promise.reject(new BadRequestException(`Send the start list as multipart/form-data, the file in the field "${START_LIST_FILE_FIELD}"`));
  }
  // Form fields and multipart framing add a little to the file itself.
  if (Number(request.headers['content-length'] ?? 0) > maxBytes + 64 * 1024) return Promise.reject(tooLarge());

  return new Promise<StartListUpload>((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      request.unpipe(parser);
      // The rest of the body is read and dropped so the connection stays usable for the answer.
      request.resume();
      reject(error);
    };
    const parser = busboy({ headers: request.headers, limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 64 * 1024 } });
    const fields: Record<string, string> = {};
    let file: { filename: string; bytes: Buffer } | null = null;
    let pending: Promise<void> = Promise.resolve();

    parser.on('field', (name: string, value: string) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== START_LIST_FILE_FIELD) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(tooLarge()));
      pending = new Promise<void>((done) =>
        stream.on('end', () => {
          file = { filename: info.filename ?? 'start-list.csv', bytes: Buffer.concat(chunks) };
          done();
        }),
      );
    });
    parser.on('filesLimit', () => fail(new BadRequestException('Send one start-list file at a time')));
    parser.on('fieldsLimit', () => fail(new BadRequestException('Too many form fields')));
    parser.on('error', () => fail(new BadRequestException('The upload could not be read: send it again')));
    parser.on('close', () => {
      void pending.then(() => {
        if (settled) return;
        if (!file) return fail(new BadRequestException(`No file: send the start list in the field "${START_LIST_FILE_FIELD}"`));
        settled = true;
        resolve({ ...file, fields });
      });
    });
    request.on('aborted', () => fail(new BadRequestException('The upload was interrupted')));
    request.pipe(parser);
  });
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}
