import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createFaceIndexer } from '../../ai-pipeline/recognition/create-face-indexer';
import { FACE_INDEXER, FaceIndexer } from '../../ai-pipeline/recognition/face-indexer';
import { RecognitionConfig } from '../../config/recognition.config';
import { ConnectorsModule } from '../../connectors/connectors.module';
import { EventsModule } from '../../events/events.module';
import { Favorite } from '../entities/favorite.entity';
import { PhotoFeedback } from '../entities/photo-feedback.entity';
import { Photo } from '../entities/photo.entity';
import { EventFaceIndex } from './event-face-index';
import { FavoritesController } from './favorites.controller';
import { PhotoSearchService } from './photo-search.service';
import { PublicGalleryService } from './public-gallery.service';
import { PublicPhotosController } from './public-photos.controller';
import { RunnerPhotosService } from './runner-photos.service';

/**
 * The runner's side of the photos: public gallery, search by bib / name / selfie, "me / not me" feedback and
 * favorites. Reads what the pipeline wrote (bib_numbers, faces), asks connectors about start lists; writes only its own tables.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Photo, PhotoFeedback, Favorite]), EventsModule, ConnectorsModule],
  controllers: [PublicPhotosController, FavoritesController],
  providers: [
    PublicGalleryService,
    PhotoSearchService,
    RunnerPhotosService,
    EventFaceIndex,
    // The same indexer as the worker's faces stage (a selfie must be embedded like the event's faces); the local
    // one loads its models on the first selfie, so an API nobody searches by selfie stays small. Null when off.
    { provide: FACE_INDEXER, inject: [RecognitionConfig], useFactory: createFaceIndexer },
  ],
})
export class PublicPhotosModule implements OnApplicationShutdown {
  constructor(@Inject(FACE_INDEXER) private readonly faceIndexer: FaceIndexer | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.faceIndexer?.close?.();
  }
}
