import { Test } from '@nestjs/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigModule } from '../config/config.module';
import { StorageConfig } from '../config/storage.config';
import { LocalDiskStorage } from './local-disk.storage';
import { OBJECT_STORAGE, ObjectStorage } from './object-storage';
import { S3Storage } from './s3.storage';
import { createObjectStorage, StorageModule } from './storage.module';

describe('StorageModule', () => {
  it('provides disk storage under STORAGE_ROOT by default', async () => {
    const root = await mkdtemp(join(tmpdir(), 'focus-racer-module-'));
    try {
      const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot({ STORAGE_ROOT: root }), StorageModule] }).compile();
      const storage = moduleRef.get<ObjectStorage>(OBJECT_STORAGE);
      expect(storage).toBeInstanceOf(LocalDiskStorage);
      await storage.putBuffer('events/e/thumbs/p.jpg', Buffer.from('x'), 'image/jpeg');
      expect(await storage.exists('events/e/thumbs/p.jpg')).toBe(true);
      await moduleRef.close();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('picks S3 when a bucket is configured', () => {
    const storage = createObjectStorage(StorageConfig.fromEnv({ S3_BUCKET: 'photos', S3_REGION: 'eu-west-3' }));
    expect(storage).toBeInstanceOf(S3Storage);
    (storage as S3Storage).destroy();
  });
});
