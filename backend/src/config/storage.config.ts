import { resolve } from 'node:path';
import { IsIn, IsOptional, Matches, MinLength, ValidateIf } from 'class-validator';
import { Env, EnvVar, IsHttpUrl, mustBe, readEnv } from './config-loader';

/** An endpoint without a bucket is a half-done S3 setting, not a request for disk storage. */
const bucketOrEndpoint = (env: StorageEnv) => env.S3_BUCKET !== undefined || env.S3_ENDPOINT !== undefined;
const hasEitherKey = (env: StorageEnv) => env.S3_ACCESS_KEY_ID !== undefined || env.S3_SECRET_ACCESS_KEY !== undefined;

class StorageEnv {
  @EnvVar() @MinLength(1)
  STORAGE_ROOT = 'var/storage';

  /** When set, objects go to this S3 bucket (AWS, or MinIO with S3_ENDPOINT) instead of STORAGE_ROOT. */
  @EnvVar() @ValidateIf(bucketOrEndpoint)
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: mustBe('an S3 bucket name (3-63 lower-case letters, digits, "." or "-")') })
  S3_BUCKET?: string;

  @EnvVar() @Matches(/^[a-z0-9-]{2,32}$/, { message: mustBe('an AWS region such as eu-west-3') })
  S3_REGION = 'us-east-1';

  /** S3-compatible server such as MinIO (`http://127.0.0.1:9000`); unset means AWS. */
  @EnvVar() @IsOptional() @IsHttpUrl()
  S3_ENDPOINT?: string;

  /** Bucket in the path (`endpoint/bucket/key`) as MinIO needs; default: on when S3_ENDPOINT is set. */
  @EnvVar() @IsOptional() @IsIn(['true', 'false'], { message: mustBe('true or false') })
  S3_FORCE_PATH_STYLE?: string;

  /** Both or neither; neither means the AWS default credential chain (instance role, ~/.aws, ...). */
  @EnvVar() @ValidateIf(hasEitherKey) @MinLength(1, { message: mustBe('set together with S3_SECRET_ACCESS_KEY') })
  S3_ACCESS_KEY_ID?: string;

  @EnvVar() @ValidateIf(hasEitherKey) @MinLength(1, { message: mustBe('set together with S3_ACCESS_KEY_ID') })
  S3_SECRET_ACCESS_KEY?: string;
}

/** Settings of the S3 driver; present only when S3_BUCKET is set. */
export interface S3Settings {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Where originals and derivatives live: a folder on disk (the default), or an S3 bucket when S3_BUCKET is set. */
export class StorageConfig {
  /** Absolute path (relative values are resolved against the working directory). Used by the disk driver. */
  readonly root!: string;
  /** null: the disk driver. */
  readonly s3!: S3Settings | null;

  static fromEnv(env: Env): StorageConfig {
    const e = readEnv(StorageEnv, env);
    const s3: S3Settings | null = e.S3_BUCKET
      ? {
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          endpoint: e.S3_ENDPOINT,
          forcePathStyle: e.S3_FORCE_PATH_STYLE ? e.S3_FORCE_PATH_STYLE === 'true' : e.S3_ENDPOINT !== undefined,
          credentials:
            e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
              ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
              : undefined,
        }
      : null;
    return Object.assign(new StorageConfig(), { root: resolve(e.STORAGE_ROOT), s3 });
  }
}
