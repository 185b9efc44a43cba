import sharp from 'sharp';
import { parseExif, parseExifDateTime, readExif } from './exif';

const base = () => sharp({ create: { width: 60, height: 40, channels: 3, background: '#336699' } });

describe('readExif', () => {
  it('reads capture time with its offset, orientation and camera', async () => {
    const jpeg = await base()
      .withExif({
        IFD0: { Make: 'Canon', Model: 'Canon EOS R6', DateTime: '2026:05:01 12:00:00' },
        IFD2: { DateTimeOriginal: '2026:05:01 09:08:07', OffsetTimeOriginal: '+02:00' },
      })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    await expect(readExif(jpeg)).resolves.toEqual({
      takenAt: new Date('2026-05-01T07:08:07.000Z'),
      takenAtHasOffset: true,
      orientation: 6,
      camera: 'Canon EOS R6',
    });
  });

  it('keeps the wall-clock time when the camera recorded no offset', async () => {
    const jpeg = await base()
      .withExif({ IFD0: { Make: 'NIKON CORPORATION', Model: 'NIKON Z 9' }, IFD2: { DateTimeOriginal: '2026:05:01 09:08:07' } })
      .jpeg()
      .toBuffer();
    const exif = await readExif(jpeg);
    expect(exif.takenAt).toEqual(new Date('2026-05-01T09:08:07.000Z'));
    expect(exif.takenAtHasOffset).toBe(false);
    expect(exif.camera).toBe('NIKON Z 9');
  });

  it('gives nulls for an image without EXIF', async () => {
    await expect(readExif(await base().png().toBuffer())).resolves.toEqual({
      takenAt: null,
      takenAtHasOffset: false,
      orientation: null,
      camera: null,
    });
  });
});

describe('parseExif', () => {
  it('survives garbage and truncation', () => {
    expect(parseExif(Buffer.alloc(0))).toEqual({});
    expect(parseExif(Buffer.from('Exif\u0000\u0000II*\u0000\u00ff\u00ff\u00ff\u00ff', 'latin1'))).toEqual({});
    expect(parseExif(Buffer.from('Exif\u0000\u0000MM\u0000*\u0000\u0000\u0000\u0008\u00ff\u00ff', 'latin1'))).toEqual({});
  });

  it('reads big-endian (Motorola) EXIF too', async () => {
    // Hand-made: MM, IFD0 at 8 with one entry, Make = "Pentax" (7 bytes with NUL, stored at offset 26).
    const tiff = Buffer.alloc(40);
    tiff.write('MM', 0, 'latin1');
    tiff.writeUInt16BE(42, 2);
    tiff.writeUInt32BE(8, 4);
    tiff.writeUInt16BE(1, 8);
    tiff.writeUInt16BE(0x010f, 10);
    tiff.writeUInt16BE(2, 12);
    tiff.writeUInt32BE(7, 14);
    tiff.writeUInt32BE(26, 18);
    tiff.write('Pentax\u0000', 26, 'latin1');
    expect(parseExif(tiff)).toMatchObject({ make: 'Pentax' });
  });
});

describe('parseExifDateTime', () => {
  it.each([
    ['2026:05:01 09:08:07', undefined, '2026-05-01T09:08:07.000Z', false],
    ['2026:05:01 09:08:07', '-05:30', '2026-05-01T14:38:07.000Z', true],
    ['2026:12:31 23:59:59', 'garbage', '2026-12-31T23:59:59.000Z', false],
  ])('%s %s → %s', (value, offset, iso, hasOffset) => {
    expect(parseExifDateTime(value, offset)).toEqual({ date: new Date(iso), hasOffset });
  });

  it.each(['0000:00:00 00:00:00', '    :  :     :  :  ', '', '2026:13:01 00:00:00'])('refuses %j', (value) => {
    expect(parseExifDateTime(value)).toBeNull();
  });
});
