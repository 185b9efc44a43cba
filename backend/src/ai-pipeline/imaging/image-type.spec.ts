import sharp from 'sharp';
import { describeOtherFileType, readHeaderDimensions, sniffImageType } from './image-type';

describe('sniffImageType', () => {
  const image = sharp({ create: { width: 33, height: 21, channels: 3, background: '#808080' } });

  it.each([
    ['jpeg', () => image.clone().jpeg().toBuffer()],
    ['png', () => image.clone().png().toBuffer()],
    ['webp', () => image.clone().webp().toBuffer()],
  ] as const)('recognises %s by its bytes and reads its dimensions from the header', async (type, encode) => {
    const buffer = await encode();
    expect(sniffImageType(buffer)).toBe(type);
    expect(readHeaderDimensions(buffer, type)).toEqual({ width: 33, height: 21 });
  });

  it('reads lossless and extended WebP headers too', async () => {
    const lossless = await image.clone().webp({ lossless: true }).toBuffer();
    expect(readHeaderDimensions(lossless, 'webp')).toEqual({ width: 33, height: 21 });
    const withAlpha = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#80808080' } })
      .webp()
      .withExif({ IFD0: { Make: 'X' } })
      .toBuffer();
    expect(readHeaderDimensions(withAlpha, 'webp')).toEqual({ width: 40, height: 30 });
  });

  it('reads a progressive JPEG whose frame header follows EXIF', async () => {
    const jpeg = await image.clone().withExif({ IFD0: { Make: 'Canon' } }).jpeg({ progressive: true }).toBuffer();
    expect(readHeaderDimensions(jpeg, 'jpeg')).toEqual({ width: 33, height: 21 });
  });

  it('does not trust the file name or a partial signature', () => {
    expect(sniffImageType(Buffer.from('GIF89a....'))).toBeNull();
    expect(sniffImageType(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(sniffImageType(Buffer.from('RIFF\u0000\u0000\u0000\u0000AVI LIST'))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe('describeOtherFileType', () => {
  it.each([
    ['%PDF-1.7\n', 'a PDF document'],
    ['GIF89a', 'a GIF image'],
    ['II*\u0000\u0010\u0000\u0000\u0000CR', 'a TIFF or camera RAW file (CR2, NEF, ARW, DNG...)'],
    ['\u0000\u0000\u0000\u0018ftypheic', 'a HEIC/HEIF photo (export it as JPEG)'],
    ['\u0000\u0000\u0000\u0018ftypisom', 'a video'],
    ['PK\u0003\u0004', 'a ZIP archive'],
    ['<svg xmlns=', 'a text (SVG, HTML or XML) file'],
  ])('names %j as %s', (head, description) => {
    expect(describeOtherFileType(Buffer.from(head, 'latin1'))).toBe(description);
  });

  it('says nothing about bytes it does not know', () => {
    expect(describeOtherFileType(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]))).toBeNull();
  });
});
