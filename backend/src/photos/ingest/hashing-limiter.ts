import { createHash, Hash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { tooLarge } from '../../ai-pipeline/imaging/inspect-image';

/**
 * Pass-through that computes the sha256 of what flows through it (the photos.content_hash that makes uploads
 * idempotent) and counts the bytes, failing with a "too large" ImageRejectedError as soon as the count passes
 * `maxBytes`, so an oversized file is refused while it streams rather than after it has been stored.
 */
export class HashingLimiter extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;
  private digest: string | null = null;

  constructor(private readonly maxBytes: number) {
    super();
  }

  get bytes(): number {
    return this.count;
  }

  /** Hex sha256 of everything that passed; available once the stream has finished. */
  get sha256(): string {
    if (this.digest === null) throw new Error('HashingLimiter: the stream has not finished');
    return this.digest;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.count += chunk.length;
    if (this.count > this.maxBytes) {
      callback(tooLarge(this.count, this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.digest = this.hash.digest('hex');
    callback();
  }
}
