import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { StorageConfig } from '../config/storage.config';
import { LocalDiskStorage } from './local-disk.storage';
import { OBJECT_STORAGE, ObjectStorage } from './object-storage';
import { S3Storage } from './s3.storage';

/** Builds the configured driver: S3 when S3_BUCKET is set, otherwise the folder STORAGE_ROOT. */
export function createObjectStorage(config: StorageConfig): ObjectStorage {
  return config.s3 ? new S3Storage(config.s3) : new LocalDiskStorage(config.root);
}

/**
 * Originals and derivatives of photos. Inject `OBJECT_STORAGE` (an ObjectStorage); build keys with `storageKeys`.
 * Needs ConfigModule (global) for StorageConfig.
 */
@Module({
  providers: [{ provide: OBJECT_STORAGE, inject: [StorageConfig], useFactory: createObjectStorage }],
  exports: [OBJECT_STORAGE],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage) {}

  onApplicationShutdown(): void {
    if (this.storage instanceof S3Storage) this.storage.destroy();
  }
}
