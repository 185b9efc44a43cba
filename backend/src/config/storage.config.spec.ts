import { resolve } from 'node:path';
import { ConfigError } from './config-loader';
import { StorageConfig } from './storage.config';

describe('StorageConfig', () => {
  it('is the disk under var/storage by default', () => {
    const config = StorageConfig.fromEnv({});
    expect(config.root).toBe(resolve('var/storage'));
    expect(config.s3).toBeNull();
  });

  it('switches to S3 when S3_BUCKET is set, path-style when an endpoint (MinIO) is given', () => {
    expect(StorageConfig.fromEnv({ S3_BUCKET: 'photos', S3_REGION: 'eu-west-3' }).s3).toEqual({
      bucket: 'photos',
      region: 'eu-west-3',
      endpoint: undefined,
      forcePathStyle: false,
      credentials: undefined,
    });
    expect(
      StorageConfig.fromEnv({
        S3_BUCKET: 'photos',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_ACCESS_KEY_ID: 'minio',
        S3_SECRET_ACCESS_KEY: 'minio-secret',
      }).s3,
    ).toEqual({
      bucket: 'photos',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'minio', secretAccessKey: 'minio-secret' },
    });
    expect(StorageConfig.fromEnv({ S3_BUCKET: 'photos', S3_ENDPOINT: 'http://minio:9000', S3_FORCE_PATH_STYLE: 'false' }).s3?.forcePathStyle).toBe(false);
  });

  function problemsOf(env: Record<string, string>): string {
    try {
      StorageConfig.fromEnv(env);
      return '';
    } catch (error) {
      return (error as ConfigError).message;
    }
  }

  it('names what is wrong with an S3 setting', () => {
    expect(problemsOf({ S3_ENDPOINT: 'http://127.0.0.1:9000' })).toContain('S3_BUCKET is required');
    expect(problemsOf({ S3_BUCKET: 'Not_A_Bucket' })).toContain('S3_BUCKET must be an S3 bucket name');
    expect(problemsOf({ S3_BUCKET: 'photos', S3_ACCESS_KEY_ID: 'key' })).toContain('S3_SECRET_ACCESS_KEY is required');
    expect(problemsOf({ S3_BUCKET: 'photos', S3_ENDPOINT: 'minio:9000' })).toContain('S3_ENDPOINT must be an http(s) URL');
  });
});
