import { Inject, Injectable, Logger } from '@nestjs/common';
import { PhotoStageProgress } from '@focus-racer/api-types';
import type Redis from 'ioredis';
import { RedisConfig } from '../config/redis.config';
import { REDIS } from '../redis/redis.module';

/**
 * The Redis pub/sub channel of one event's pipeline progress. Channels are not keys, so ioredis' keyPrefix does not
 * apply to them: REDIS_PREFIX is written here so that apps (and test runs) sharing a Redis do not hear each other.
 */
export function photoProgressChannel(prefix: string, eventId: string): string {
  return `${prefix}:photo-progress:${eventId}`;
}

/**
 * Tells whoever listens (the API's progress streams, possibly in another process) that a photo finished or failed a
 * stage. Best effort: progress is a view, so a Redis hiccup is logged and never fails the stage.
 */
@Injectable()
export class PhotoProgressPublisher {
  private readonly logger = new Logger(PhotoProgressPublisher.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: RedisConfig,
  ) {}

  async publish(eventId: string, progress: PhotoStageProgress): Promise<void> {
    try {
      await this.redis.publish(photoProgressChannel(this.config.prefix, eventId), JSON.stringify(progress));
    } catch (error) {
      this.logger.warn(`Progress of photo ${progress.photoId} not published: ${String(error)}`);
    }
  }
}
