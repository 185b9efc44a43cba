import { UploadConfig } from './upload.config';

describe('UploadConfig', () => {
  it('defaults to 50 MB and 100 megapixels per photo', () => {
    expect(UploadConfig.fromEnv({})).toEqual(Object.assign(new UploadConfig(), { maxBytes: 52_428_800, maxMegapixels: 100 }));
  });

  it('reads MAX_UPLOAD_BYTES and MAX_UPLOAD_MEGAPIXELS and names a bad one', () => {
    expect(UploadConfig.fromEnv({ MAX_UPLOAD_BYTES: '1048576', MAX_UPLOAD_MEGAPIXELS: '60' })).toMatchObject({ maxBytes: 1_048_576, maxMegapixels: 60 });
    expect(() => UploadConfig.fromEnv({ MAX_UPLOAD_MEGAPIXELS: 'lots' })).toThrow('MAX_UPLOAD_MEGAPIXELS must be an integer between 1 and 1000');
  });
});
