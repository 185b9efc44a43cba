/**
 * S3Storage through the real @aws-sdk/client-s3 against a local S3-compatible server (s3rver, a Node
 * implementation of the S3 REST API storing into a temporary folder) that this spec starts and stops itself.
 * Path-style addressing on a custom endpoint, as with MinIO.
 *
 * The server runs in a child process with --openssl-legacy-provider: s3rver encrypts ListObjectsV2 continuation
 * tokens with DES, which OpenSSL 3 refuses otherwise, so any listing of more than one page would fail.
 */
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StorageConfig } from '../src/config/storage.config';
import { bytesStream, objectStorageContract } from '../src/storage/object-storage.contract.test';
import { S3Storage } from '../src/storage/s3.storage';
import { createObjectStorage } from '../src/storage/storage.module';

const BUCKET = 'focus-racer-test';
/** s3rver's fixed development credentials. */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

describe('S3Storage (against a local S3-compatible server)', () => {
  let directory: string;
  let server: ChildProcess;
  let endpoint: string;
  let storage: S3Storage;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'focus-racer-s3rver-'));
    ({ server, endpoint } = await startS3rver(directory));
    // Small parts so that a ~11 MB stream takes the multipart path (S3's minimum part is 5 MiB).
    storage = new S3Storage({ bucket: BUCKET, region: 'us-east-1', endpoint, forcePathStyle: true, credentials: CREDENTIALS, partSize: 5 * 1024 * 1024 });
  });

  afterAll(async () => {
    storage?.destroy();
    if (server && server.exitCode === null) {
      server.kill();
      await once(server, 'exit');
    }
    await rm(directory, { recursive: true, force: true });
  });

  describe('the ObjectStorage contract', () => objectStorageContract(() => storage));

  it('streams an upload larger than one part as a multipart upload and reads it back intact', async () => {
    const key = 'events/big/originals/p.jpg';
    const { stream, bytes } = bytesStream(11 * 1024 * 1024 + 12_345, 7);
    await expect(storage.putStream(key, stream, 'image/jpeg')).resolves.toEqual({ size: bytes.length });
    expect(await storage.stat(key)).toEqual({ size: bytes.length, lastModified: expect.any(Date) });
    expect((await storage.getBuffer(key)).equals(bytes)).toBe(true);
  });

  it('deletes a prefix holding more objects than one listing page', async () => {
    const prefix = 'events/many/';
    const keys = Array.from({ length: 1_005 }, (_, i) => `${prefix}thumbs/${i}.jpg`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(keys.slice(i, i + 50).map((key) => storage.putBuffer(key, Buffer.from('t'), 'image/jpeg')));
    }
    await expect(storage.deletePrefix(prefix)).resolves.toBe(1_005);
    const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: CREDENTIALS });
    const left = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
    client.destroy();
    expect(left.KeyCount ?? 0).toBe(0);
  }, 120_000);

  it('is the driver the storage module picks when S3_BUCKET is set', async () => {
    const config = StorageConfig.fromEnv({
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    });
    const configured = createObjectStorage(config);
    expect(configured).toBeInstanceOf(S3Storage);
    await configured.putBuffer('events/cfg/thumbs/p.jpg', Buffer.from('via config'), 'image/jpeg');
    expect((await storage.getBuffer('events/cfg/thumbs/p.jpg')).toString()).toBe('via config');
    (configured as S3Storage).destroy();
  });
});

/** Starts s3rver on a free port in a child process and resolves once it listens. */
async function startS3rver(directory: string): Promise<{ server: ChildProcess; endpoint: string }> {
  const script = `
    const S3rver = require(${JSON.stringify(require.resolve('@20minutes/s3rver'))});
    new S3rver({
      port: 0,
      address: '127.0.0.1',
      directory: ${JSON.stringify(directory)},
      silent: true,
      // s3rver canonicalises a bucket-level path as "/bucket" where the SDK (like AWS and MinIO) signs "/bucket/",
      // so ListObjectsV2 and DeleteObjects would fail with SignatureDoesNotMatch: a bug of the fake, not ours.
      allowMismatchedSignatures: true,
      configureBuckets: [{ name: ${JSON.stringify(BUCKET)} }],
    }).run().then(({ port }) => console.log(JSON.stringify({ port })));
  `;
  const server = spawn(process.execPath, ['--openssl-legacy-provider', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /\{"port":(\d+)\}/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    server.once('exit', (code) => reject(new Error(`s3rver exited with code ${code} before listening: ${output}`)));
  });
  return { server, endpoint: `http://127.0.0.1:${port}` };
}
