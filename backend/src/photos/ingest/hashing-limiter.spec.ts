import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ImageRejectedError } from '../../ai-pipeline/imaging/inspect-image';
import { HashingLimiter } from './hashing-limiter';

function chunks(total: number, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let offset = 0; offset < total; offset += size) out.push(Buffer.alloc(Math.min(size, total - offset), offset % 251));
  return out;
}

const sink = () =>
  new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });

describe('HashingLimiter', () => {
  it('passes the bytes through, counting them and computing their sha256', async () => {
    const parts = chunks(100_000, 7_000);
    const limiter = new HashingLimiter(100_000);
    const seen: Buffer[] = [];
    await pipeline(Readable.from(parts), limiter, new Writable({ write: (chunk: Buffer, _e, cb) => (seen.push(chunk), cb()) }));
    expect(limiter.bytes).toBe(100_000);
    expect(limiter.sha256).toBe(createHash('sha256').update(Buffer.concat(parts)).digest('hex'));
    expect(Buffer.concat(seen).equals(Buffer.concat(parts))).toBe(true);
  });

  it('fails as soon as the limit is passed, before the rest arrives', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 16_384;
        this.push(Buffer.alloc(16_384));
      },
    });
    const limiter = new HashingLimiter(100_000);
    const error = await pipeline(endless, limiter, sink()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageRejectedError);
    expect((error as ImageRejectedError).reason).toBe('too-large');
    expect(produced).toBeLessThan(300_000);
  });

  it('says when the digest is asked for too early', () => {
    expect(() => new HashingLimiter(10).sha256).toThrow('has not finished');
  });
});
