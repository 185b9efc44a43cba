import { Module } from '@nestjs/common';
import { QueuesModule } from '../queues.module';
import { PhotoPipelineService } from './photo-pipeline.service';

/** Enqueuing photos on the pipeline (API and worker). The stages themselves are in processors/ (worker only). */
@Module({
  imports: [QueuesModule],
  providers: [PhotoPipelineService],
  exports: [PhotoPipelineService],
})
export class PhotoPipelineModule {}
