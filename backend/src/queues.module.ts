import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './ai-pipeline/queues';
import { PipelineConfig } from './config/pipeline.config';
import { RedisConfig } from './config/redis.config';

const ALL_QUEUES = Object.values(QUEUES).map((name) => ({ name }));

/**
 * Registers every queue (connection to Redis, default job options) so the API can enqueue and the worker can
 * consume. Processors are registered only by the worker's modules.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [RedisConfig, PipelineConfig],
      useFactory: (config: RedisConfig, pipeline: PipelineConfig) => ({
        url: config.url,
        prefix: `${config.prefix}:bull`,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
        // A job whose worker died (crash, OOM kill, deploy) is taken over by another; only after 3 such deaths is it
        // failed (the runner then records it on the photo), so one unlucky restart never loses a photo.
        settings: { lockDuration: pipeline.queueLockDurationMs, stalledInterval: pipeline.queueStalledIntervalMs, maxStalledCount: 3 },
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES),
  ],
  exports: [BullModule],
})
export class QueuesModule {}
