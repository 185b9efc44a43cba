import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { IMAGE_EXTENSIONS } from '../../ai-pipeline/imaging/image-type';
import { ImageInfo, ImageLimits, ImageRejectedError, ImageRejectionReason, inspectImage } from '../../ai-pipeline/imaging/inspect-image';
import type { OriginalExtension } from '../../storage/storage-keys';
import { HashingLimiter } from './hashing-limiter';

/** A file that passed every check, with what the photos row and the storage key need. */
export interface ValidatedUpload extends ImageInfo {
  /** The original bytes, untouched: stored as the HD version. */
  buffer: Buffer;
  sizeBytes: number;
  /** Hex sha256 of the bytes (photos.content_hash). */
  sha256: string;
  /** From the content, never from the uploaded name. */
  extension: OriginalExtension;
}

export interface UploadFile {
  filename: string;
  stream: Readable;
  /** In a batch upload: the client's key of the source file, sent in the `key` field before the file. */
  clientKey?: string;
}

export type UploadOutcome =
  | { filename: string; ok: true; upload: ValidatedUpload }
  | { filename: string; ok: false; reason: ImageRejectionReason; message: string };

/**
 * Checks uploaded photos against the configured limits (no Nest here: the controller and the tests construct it
 * with an UploadConfig or plain limits). One bad file is a per-file error, never a failed batch.
 */
export class UploadValidator {
  constructor(private readonly limits: ImageLimits) {}

  async validateBuffer(buffer: Buffer): Promise<ValidatedUpload> {
    const info = await inspectImage(buffer, this.limits);
    return {
      ...info,
      buffer,
      sizeBytes: buffer.length,
      sha256: createHash('sha256').update(buffer).digest('hex'),
      extension: IMAGE_EXTENSIONS[info.type],
    };
  }

  /**
   * Reads one file stream (one part of a multipart upload) through a HashingLimiter and validates it. A photo is
   * at most MAX_UPLOAD_BYTES, so holding it in memory is bounded; the decoder needs all of it anyway. When the
   * file is refused for its size the rest of the stream is still drained: a multipart parser only reaches the
   * next file once this one has been consumed.
   */
  async validateStream(stream: Readable): Promise<ValidatedUpload> {
    const limiter = new HashingLimiter(this.limits.maxBytes);
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      // Cut by the client before this file was read (see multipartFiles): its 'error' has been emitted already.
      if (stream.destroyed) {
        reject(stream.errored ?? new Error('The upload was interrupted'));
        return;
      }
      const fail = (error: Error) => {
        stream.unpipe(limiter);
        stream.resume();
        reject(error);
      };
      limiter.on('data', (chunk: Buffer) => chunks.push(chunk));
      limiter.once('end', resolve);
      limiter.once('error', fail);
      stream.once('error', (error: Error) => {
        limiter.destroy();
        reject(error);
      });
      stream.pipe(limiter);
    });
    const buffer = Buffer.concat(chunks);
    const info = await inspectImage(buffer, this.limits);
    return { ...info, buffer, sizeBytes: limiter.bytes, sha256: limiter.sha256, extension: IMAGE_EXTENSIONS[info.type] };
  }

  /**
   * Validates the files one after the other (so memory holds one photo at a time) and reports each: a rejection
   * becomes that file's outcome with a message for the photographer; the next file is still read. Errors other
   * than rejections (the client disconnected) do stop the batch, since the remaining files cannot arrive.
   */
  async validateBatch(files: AsyncIterable<UploadFile> | Iterable<UploadFile>): Promise<UploadOutcome[]> {
    const outcomes: UploadOutcome[] = [];
    for await (const { filename, stream } of files) {
      try {
        outcomes.push({ filename, ok: true, upload: await this.validateStream(stream) });
      } catch (error) {
        if (!(error instanceof ImageRejectedError)) throw error;
        outcomes.push({ filename, ok: false, reason: error.reason, message: error.message });
      }
    }
    return outcomes;
  }
}
