import { Module } from '@nestjs/common';
import { UploadConfig } from '../../config/upload.config';
import { UploadValidator } from './upload-validator';

/**
 * Upload checks for the photos domain. Inject UploadValidator.
 *
 * UploadConfig is built here from the environment until it joins the global ConfigModule (config/configuration.ts
 * and CONFIG_TOKENS); once it does, delete the UploadConfig provider below and the factory keeps working.
 */
@Module({
  providers: [
    { provide: UploadConfig, useFactory: () => UploadConfig.fromEnv(process.env) },
    {
      provide: UploadValidator,
      inject: [UploadConfig],
      useFactory: (config: UploadConfig) => new UploadValidator({ maxBytes: config.maxBytes, maxMegapixels: config.maxMegapixels }),
    },
  ],
  exports: [UploadValidator],
})
export class IngestModule {}
