import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RaceEvent } from '../../events/entities/event.entity';
import { Photo } from '../../photos/entities/photo.entity';
import { StorageModule } from '../../storage/storage.module';
import { PhotoPipelineModule } from '../photo-pipeline.module';
import { PhotoDerivativesProcessor } from './derivatives.processor';
import { PhotoNormaliseProcessor } from './normalise.processor';
import { PhotoQualityProcessor } from './quality.processor';
import { PhotoStageRunner } from './photo-stage.runner';

/** The photo pipeline's stages. Imported by the worker only: the API enqueues, it never processes. */
@Module({
  imports: [TypeOrmModule.forFeature([Photo, RaceEvent]), StorageModule, PhotoPipelineModule],
  providers: [PhotoStageRunner, PhotoNormaliseProcessor, PhotoDerivativesProcessor, PhotoQualityProcessor],
})
export class PipelineProcessorsModule {}
