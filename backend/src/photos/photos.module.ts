import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PhotoPipelineModule } from '../ai-pipeline/photo-pipeline.module';
import { ConnectorsModule } from '../connectors/connectors.module';
import { EventsModule } from '../events/events.module';
import { RaceEvent } from '../events/entities/event.entity';
import { PaymentsModule } from '../payments/payments.module';
import { StorageModule } from '../storage/storage.module';
import { Photo } from './entities/photo.entity';
import { UploadBatch } from './entities/upload-batch.entity';
import { IngestModule } from './ingest/ingest.module';
import { MediaController } from './media.controller';
import { MediaService } from './media.service';
import { EventProgressService } from './event-progress.service';
import { PhotoProgressSubscriber } from './photo-progress.subscriber';
import { PhotoBulkActionsService } from './photo-bulk-actions.service';
import { PhotoDtoAssembler } from './photo-dto-assembler';
import { MediaLinkSigner } from './media-link-signer.service';
import { PhotosController } from './photos.controller';
import { PhotosService } from './photos.service';
import { TriageController } from './triage/triage.controller';
import { TriageService } from './triage/triage.service';
import { UploadBatchesController } from './upload-batches/upload-batches.controller';
import { UploadBatchesService } from './upload-batches/upload-batches.service';

/**
 * Uploads into events (checks, credits, storage of the original; resumable upload batches), the pros' view of the
 * photos (filters, bulk actions, the triage queue and bib corrections) and their live progress (SSE), and the
 * public images (MediaController).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Photo, RaceEvent, UploadBatch]), EventsModule, PaymentsModule, IngestModule, StorageModule, PhotoPipelineModule, ConnectorsModule],
  controllers: [PhotosController, UploadBatchesController, TriageController, MediaController],
  providers: [PhotosService, PhotoDtoAssembler, MediaLinkSigner, PhotoBulkActionsService, UploadBatchesService, TriageService, MediaService, EventProgressService, PhotoProgressSubscriber],
  exports: [PhotosService],
})
export class PhotosModule {}
