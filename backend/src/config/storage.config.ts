import { resolve } from 'node:path';
import { MinLength } from 'class-validator';
import { Env, EnvVar, readEnv } from './config-loader';

class StorageEnv {
  @EnvVar() @MinLength(1)
  STORAGE_ROOT = 'var/storage';
}

/** Where originals and derivatives live on disk (the disk storage driver). */
export class StorageConfig {
  /** Absolute path (relative values are resolved against the working directory). */
  readonly root!: string;

  static fromEnv(env: Env): StorageConfig {
    return Object.assign(new StorageConfig(), { root: resolve(readEnv(StorageEnv, env).STORAGE_ROOT) });
  }
}
