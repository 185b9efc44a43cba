import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { UploadFile } from './upload-validator';

export function isMultipart(request: IncomingMessage): boolean {
  return /^multipart\/form-data\s*;/i.test(request.headers['content-type'] ?? '');
}

/**
 * The files of a multipart request, one at a time, as they arrive: the parser only reaches the next file once
 * the consumer has read (or drained) the current one, so memory holds one file however big the batch.
 * Parts under another field name are drained and ignored.
 */
export function multipartFiles(request: IncomingMessage, field: string): AsyncIterable<UploadFile> {
  const parser = busboy({ headers: request.headers, limits: { fields: 50, fieldSize: 4096 } });
  const pending: UploadFile[] = [];
  let finished = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  parser.on('file', (name: string, stream: Readable, info) => {
    if (name !== field) {
      stream.resume();
      return;
    }
    pending.push({ filename: info.filename ?? 'unnamed', stream });
    notify();
  });
  parser.on('close', () => {
    finished = true;
    notify();
  });
  parser.on('error', (error: Error) => {
    failure = error;
    notify();
  });
  request.on('aborted', () => {
    failure = new Error('The upload was interrupted');
    notify();
  });
  request.pipe(parser);

  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const next = pending.shift();
        if (next) {
          yield next;
          continue;
        }
        if (failure) throw failure;
        if (finished) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

/** Reads a stream to its end and throws the bytes away (a file the batch will not use must still be consumed). */
export async function drain(stream: Readable): Promise<void> {
  if (stream.readableEnded) return;
  await new Promise<void>((resolve) => {
    stream.once('end', resolve);
    stream.once('error', () => resolve());
    stream.resume();
  });
}
