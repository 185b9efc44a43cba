import { ValidateBy } from 'class-validator';
import { Env, EnvVar, isUrlWithProtocol, mustBe, readEnv } from './config-loader';

class RedisEnv {
  @EnvVar()
  @ValidateBy({
    name: 'isRedisUrl',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isUrlWithProtocol(value, ['redis:', 'rediss:']),
      defaultMessage: mustBe('a Redis URL such as redis://127.0.0.1:6379'),
    },
  })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every key and queue this app writes, so several apps (or test runs) can share one Redis. */
  @EnvVar()
  @ValidateBy({
    name: 'isKeyPrefix',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && /^[A-Za-z0-9_.:-]{1,64}$/.test(value),
      defaultMessage: mustBe('letters, digits, _ . : or - (at most 64)'),
    },
  })
  REDIS_PREFIX = 'focus-racer';
}

/** Redis, used by the job queues (Bull), the failed-login counter and the health check. */
export class RedisConfig {
  readonly url!: string;
  readonly prefix!: string;

  static fromEnv(env: Env): RedisConfig {
    const e = readEnv(RedisEnv, env);
    return Object.assign(new RedisConfig(), { url: e.REDIS_URL, prefix: e.REDIS_PREFIX });
  }
}
