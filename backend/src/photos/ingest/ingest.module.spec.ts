import { Test } from '@nestjs/testing';
import { ConfigModule } from '../../config/config.module';
import { IngestModule } from './ingest.module';
import { UploadValidator } from './upload-validator';

describe('IngestModule', () => {
  it('provides an UploadValidator built from MAX_UPLOAD_* (through the global ConfigModule)', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot({ MAX_UPLOAD_BYTES: '2048' }), IngestModule] }).compile();
    const validator = moduleRef.get(UploadValidator);
    await expect(validator.validateBuffer(Buffer.alloc(4096, 0xff))).rejects.toMatchObject({ reason: 'too-large' });
  });
});
