import { Module } from '@nestjs/common';
import { QueuesModule } from '../queues.module';
import { RedisModule } from '../redis/redis.module';
import { LinkingPassScheduler } from './linking-pass.scheduler';
import { PhotoPipelineService } from './photo-pipeline.service';
import { PhotoProgressPublisher } from './photo-progress.publisher';

/**
 * Enqueuing photos on the pipeline and publishing their progress (API and worker). The stages themselves are in
 * processors/ (worker only).
 */
@Module({
  imports: [QueuesModule, RedisModule],
  providers: [PhotoPipelineService, PhotoProgressPublisher, LinkingPassScheduler],
  exports: [PhotoPipelineService, PhotoProgressPublisher, LinkingPassScheduler],
})
export class PhotoPipelineModule {}
