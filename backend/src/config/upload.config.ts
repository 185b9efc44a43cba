import { Env, EnvVar, IsIntegerString, parseInteger, readEnv } from './config-loader';

class UploadEnv {
  /** Per file; default 50 MiB. */
  @EnvVar() @IsIntegerString(1024, 2_147_483_647)
  MAX_UPLOAD_BYTES = String(50 * 1024 * 1024);

  /** Per file, from the image header (decompression-bomb guard); default 100 MP. */
  @EnvVar() @IsIntegerString(1, 1000)
  MAX_UPLOAD_MEGAPIXELS = '100';
}

/** What one uploaded photo may weigh. */
export class UploadConfig {
  readonly maxBytes!: number;
  readonly maxMegapixels!: number;

  static fromEnv(env: Env): UploadConfig {
    const e = readEnv(UploadEnv, env);
    return Object.assign(new UploadConfig(), {
      maxBytes: parseInteger(e.MAX_UPLOAD_BYTES),
      maxMegapixels: parseInteger(e.MAX_UPLOAD_MEGAPIXELS),
    });
  }
}
