import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { photoLikeJpeg } from '../../ai-pipeline/imaging/synthetic-images.test';
import { UploadFile, UploadValidator } from './upload-validator';

function streamOf(buffer: Buffer, chunkSize = 8192): Readable {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < buffer.length; offset += chunkSize) parts.push(buffer.subarray(offset, offset + chunkSize));
  return Readable.from(parts);
}

describe('UploadValidator', () => {
  const validator = new UploadValidator({ maxBytes: 2 * 1024 * 1024, maxMegapixels: 2 });
  let jpeg: Buffer;

  beforeAll(async () => {
    jpeg = await photoLikeJpeg(800, 600, 21);
  });

  it('validates a streamed photo, hashing it on the way and keeping the original bytes', async () => {
    const upload = await validator.validateStream(streamOf(jpeg));
    expect(upload).toMatchObject({ type: 'jpeg', mimeType: 'image/jpeg', extension: 'jpg', width: 800, height: 600, sizeBytes: jpeg.length });
    expect(upload.sha256).toBe(createHash('sha256').update(jpeg).digest('hex'));
    expect(upload.buffer.equals(jpeg)).toBe(true);
  });

  it('gives the same result for a buffer', async () => {
    const png = await sharp(jpeg).png().toBuffer();
    const upload = await validator.validateBuffer(png);
    expect(upload).toMatchObject({ type: 'png', extension: 'png', sizeBytes: png.length });
    expect(upload.sha256).toBe(createHash('sha256').update(png).digest('hex'));
  });

  it('refuses an oversized stream while it streams, and drains the rest so the next file can be read', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 1);
    big.set([0xff, 0xd8, 0xff], 0);
    const stream = streamOf(big, 65_536);
    let ended = false;
    stream.on('end', () => (ended = true));
    await expect(validator.validateStream(stream)).rejects.toMatchObject({ reason: 'too-large' });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => (ended ? resolve() : stream.once('end', () => resolve())));
    expect(ended).toBe(true);
  });

  it('reports each file of a batch; bad files never stop the good ones', async () => {
    const bomb = await sharp(jpeg).resize(2000, 1500).jpeg().toBuffer();
    const files: UploadFile[] = [
      { filename: 'finish-line.jpg', stream: streamOf(jpeg) },
      { filename: 'empty.jpg', stream: streamOf(Buffer.alloc(0)) },
      { filename: 'results.pdf.jpg', stream: streamOf(Buffer.from('%PDF-1.7\n...')) },
      { filename: 'cut-off.jpg', stream: streamOf(jpeg.subarray(0, jpeg.length >> 1)) },
      { filename: 'huge.jpg', stream: streamOf(bomb) },
      { filename: 'start.webp', stream: streamOf(await sharp(jpeg).webp().toBuffer()) },
    ];
    const outcomes = await validator.validateBatch(files);
    expect(outcomes.map((o) => [o.filename, o.ok ? 'ok' : o.reason])).toEqual([
      ['finish-line.jpg', 'ok'],
      ['empty.jpg', 'empty'],
      ['results.pdf.jpg', 'unsupported-type'],
      ['cut-off.jpg', 'corrupt'],
      ['huge.jpg', 'too-many-pixels'],
      ['start.webp', 'ok'],
    ]);
    const pdf = outcomes[2];
    expect(pdf.ok ? '' : pdf.message).toBe('This file is a PDF document; only JPEG, PNG and WebP photos are accepted.');
  });

  it('lets a broken connection stop the batch (the remaining files cannot arrive)', async () => {
    const broken = new Readable({
      read() {
        this.destroy(new Error('socket hang up'));
      },
    });
    await expect(validator.validateBatch([{ filename: 'a.jpg', stream: broken }])).rejects.toThrow('socket hang up');
  });
});
