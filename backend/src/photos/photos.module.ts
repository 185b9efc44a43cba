import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PhotoPipelineModule } from '../ai-pipeline/photo-pipeline.module';
import { EventsModule } from '../events/events.module';
import { RaceEvent } from '../events/entities/event.entity';
import { PaymentsModule } from '../payments/payments.module';
import { StorageModule } from '../storage/storage.module';
import { Photo } from './entities/photo.entity';
import { IngestModule } from './ingest/ingest.module';
import { MediaController } from './media.controller';
import { MediaService } from './media.service';
import { EventProgressService } from './event-progress.service';
import { PhotoProgressSubscriber } from './photo-progress.subscriber';
import { PhotosController } from './photos.controller';
import { PhotosService } from './photos.service';

/**
 * Uploads into events (checks, credits, storage of the original), the owner's view of the photos and their live
 * progress (SSE), and the public images (MediaController).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Photo, RaceEvent]), EventsModule, PaymentsModule, IngestModule, StorageModule, PhotoPipelineModule],
  controllers: [PhotosController, MediaController],
  providers: [PhotosService, MediaService, EventProgressService, PhotoProgressSubscriber],
  exports: [PhotosService],
})
export class PhotosModule {}
