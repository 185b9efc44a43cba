import { Test } from '@nestjs/testing';
import { IngestModule } from './ingest.module';
import { UploadValidator } from './upload-validator';

describe('IngestModule', () => {
  it('provides an UploadValidator built from MAX_UPLOAD_* ', async () => {
    const saved = { ...process.env };
    process.env.MAX_UPLOAD_BYTES = '2048';
    try {
      const moduleRef = await Test.createTestingModule({ imports: [IngestModule] }).compile();
      const validator = moduleRef.get(UploadValidator);
      await expect(validator.validateBuffer(Buffer.alloc(4096, 0xff))).rejects.toMatchObject({ reason: 'too-large' });
    } finally {
      process.env = saved;
    }
  });
});
