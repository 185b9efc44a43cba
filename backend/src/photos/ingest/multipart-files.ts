import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { UploadFile } from './upload-validator';

export function isMultipart(request: IncomingMessage): boolean {
  return /^multipart\/form-data\s*;/i.test(request.headers['content-type'] ?? '');
}

export interface MultipartFileOptions {
  /**
   * A text field sent right before each file part: its value becomes that file's `clientKey` (resumable batch
   * uploads). A key applies to the next file only; a file with no key before it has none.
   */
  keyField?: string;
}

/** Text fields a request may carry: one key per file, and a batch has at most MAX_DECLARED_FILES files. */
const MAX_FIELDS = 100_050;
/** Bytes of one text field; longer values are cut (and a cut key is longer than any accepted key). */
const MAX_FIELD_BYTES = 4096;

/**
 * The files of a multipart request, one at a time, as they arrive: the parser only reaches the next file once
 * the consumer has read (or drained) the current one, so memory holds one file however big the batch.
 * Parts under another field name are drained and ignored.
 *
 * When the client goes away mid-request, the file being read fails with an error (and so does the iteration):
 * without this, a cut file would never end and the request handler would wait for it forever.
 */
export function multipartFiles(request: IncomingMessage, field: string, options: MultipartFileOptions = {}): AsyncIterable<UploadFile> {
  // Browsers send file names as raw UTF-8 in the part header; busboy would read them as latin1 ("arrivÃ©e.jpg").
  const parser = busboy({ headers: request.headers, defParamCharset: 'utf8', limits: { fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES } });
  const pending: UploadFile[] = [];
  const open = new Set<Readable>();
  let pendingKey: string | undefined;
  let finished = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  parser.on('field', (name: string, value: string) => {
    if (options.keyField !== undefined && name === options.keyField) pendingKey = value;
  });
  parser.on('file', (name: string, stream: Readable, info) => {
    if (name !== field) {
      stream.resume();
      return;
    }
    const clientKey = pendingKey;
    pendingKey = undefined;
    open.add(stream);
    // The consumer listens while it reads; this keeps an interruption between two reads from crashing the process.
    stream.on('error', () => undefined);
    const forget = () => open.delete(stream);
    stream.once('end', forget);
    stream.once('close', forget);
    pending.push({ filename: info.filename ?? 'unnamed', stream, ...(clientKey !== undefined ? { clientKey } : {}) });
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
  const interrupted = () => {
    if (finished || failure) return;
    failure = new Error('The upload was interrupted');
    for (const stream of open) stream.destroy(failure);
    notify();
  };
  request.on('aborted', interrupted);
  request.on('close', () => {
    if (!request.complete) interrupted();
  });
  request.pipe(parser);

  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (failure) throw failure;
        const next = pending.shift();
        if (next) {
          yield next;
          continue;
        }
        if (finished) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

/** Reads a stream to its end and throws the bytes away (a file the batch will not use must still be consumed). */
export async function drain(stream: Readable): Promise<void> {
  if (stream.readableEnded || stream.destroyed) return;
  await new Promise<void>((resolve) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', () => resolve());
    stream.resume();
  });
}
