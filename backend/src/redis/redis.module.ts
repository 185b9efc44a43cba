import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { RedisConfig } from '../config/redis.config';

/**
 * Owns the app's own Redis connection (the queues open theirs through Bull). Keys written through it are
 * prefixed with REDIS_PREFIX so several apps or test runs can share one Redis.
 */
export const REDIS = Symbol('Redis');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      useFactory: (config: RedisConfig) =>
        new Redis(config.url, {
          keyPrefix: `${config.prefix}:`,
          // Fail a command fast while Redis is away instead of queueing it forever: health must answer.
          maxRetriesPerRequest: 1,
          lazyConnect: false,
        }),
      inject: [RedisConfig],
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
