import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { PhotoStageProgress } from '@focus-racer/api-types';
import Redis from 'ioredis';
import { photoProgressChannel } from '../ai-pipeline/photo-progress.publisher';
import { RedisConfig } from '../config/redis.config';

export type PhotoProgressListener = (progress: PhotoStageProgress) => void;

/**
 * The API's one Redis subscriber connection (a subscribed connection can run no other command, so it is not the
 * shared REDIS client), fanned out to the open progress streams. A channel is subscribed while at least one
 * stream listens to it and unsubscribed when the last one leaves, so Redis never keeps a dead subscription.
 */
@Injectable()
export class PhotoProgressSubscriber implements OnApplicationShutdown {
  private readonly logger = new Logger(PhotoProgressSubscriber.name);
  private connection: Redis | null = null;
  private readonly listeners = new Map<string, Set<PhotoProgressListener>>();

  constructor(private readonly config: RedisConfig) {}

  /** Calls `listener` for each progress message of the event until the returned function is called. */
  async listen(eventId: string, listener: PhotoProgressListener): Promise<() => Promise<void>> {
    const channel = photoProgressChannel(this.config.prefix, eventId);
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await this.redis().subscribe(channel);
    }
    set.add(listener);
    let stopped = false;
    return async () => {
      if (stopped) return;
      stopped = true;
      const current = this.listeners.get(channel);
      current?.delete(listener);
      if (current && current.size === 0) {
        this.listeners.delete(channel);
        await this.connection?.unsubscribe(channel).catch((error: unknown) => this.logger.warn(`Unsubscribing ${channel}: ${String(error)}`));
      }
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.listeners.clear();
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }

  private redis(): Redis {
    if (this.connection) return this.connection;
    const connection = new Redis(this.config.url, { maxRetriesPerRequest: 1 });
    connection.on('message', (channel: string, text: string) => {
      let progress: PhotoStageProgress;
      try {
        progress = JSON.parse(text) as PhotoStageProgress;
      } catch {
        return;
      }
      for (const listener of this.listeners.get(channel) ?? []) listener(progress);
    });
    connection.on('error', (error: Error) => this.logger.warn(`Progress subscriber: ${error.message}`));
    this.connection = connection;
    return connection;
  }
}
