import { Module } from '@nestjs/common';
import { UploadConfig } from '../../config/upload.config';
import { UploadValidator } from './upload-validator';

/** Upload checks for the photos domain. Inject UploadValidator (limits from UploadConfig, global ConfigModule). */
@Module({
  providers: [
    {
      provide: UploadValidator,
      inject: [UploadConfig],
      useFactory: (config: UploadConfig) => new UploadValidator({ maxBytes: config.maxBytes, maxMegapixels: config.maxMegapixels }),
    },
  ],
  exports: [UploadValidator],
})
export class IngestModule {}
