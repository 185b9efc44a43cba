import { Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RecognitionConfig } from '../../config/recognition.config';
import { StartListEntry } from '../../connectors/entities/start-list-entry.entity';
import { RaceEvent } from '../../events/entities/event.entity';
import { BibNumber } from '../../photos/entities/bib-number.entity';
import { Photo } from '../../photos/entities/photo.entity';
import { QueuesModule } from '../../queues.module';
import { StorageModule } from '../../storage/storage.module';
import { EventWatermarks } from '../event-watermarks.service';
import { PhotoPipelineModule } from '../photo-pipeline.module';
import { BIB_READER, BibReader } from '../recognition/bib-reader';
import { createBibReader } from '../recognition/create-bib-reader';
import { createFaceIndexer } from '../recognition/create-face-indexer';
import { FACE_INDEXER, FaceIndexer } from '../recognition/face-indexer';
import { PhotoBibsProcessor } from './bibs.processor';
import { PhotoDerivativesProcessor } from './derivatives.processor';
import { PhotoFacesProcessor } from './faces.processor';
import { PhotoLinkingProcessor } from './linking.processor';
import { PhotoNormaliseProcessor } from './normalise.processor';
import { PhotoQualityProcessor } from './quality.processor';
import { PhotoStageRunner } from './photo-stage.runner';

/** The photo pipeline's stages. Imported by the worker only: the API enqueues, it never processes. */
@Module({
  imports: [TypeOrmModule.forFeature([Photo, RaceEvent, BibNumber, StartListEntry]), StorageModule, QueuesModule, PhotoPipelineModule],
  providers: [
    PhotoStageRunner,
    PhotoNormaliseProcessor,
    PhotoDerivativesProcessor,
    PhotoQualityProcessor,
    PhotoBibsProcessor,
    PhotoFacesProcessor,
    PhotoLinkingProcessor,
    EventWatermarks,
    // The local reader loads its models on the first read, so a worker that never reads a bib stays small.
    { provide: BIB_READER, inject: [RecognitionConfig], useFactory: createBibReader },
    // Null with FACE_INDEXER=off: no faces stage. The local indexer, like the reader, loads its models on first use.
    { provide: FACE_INDEXER, inject: [RecognitionConfig], useFactory: createFaceIndexer },
  ],
})
export class PipelineProcessorsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(BIB_READER) private readonly bibReader: BibReader & { close?: () => Promise<void> },
    private readonly runner: PhotoStageRunner,
    @Inject(FACE_INDEXER) private readonly faceIndexer: FaceIndexer | null,
  ) {}

  /** Nest runs this after the hooks of the module's providers, where each processor registered its stage. */
  onApplicationBootstrap(): void {
    this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bibReader.close?.();
    await this.faceIndexer?.close?.();
  }
}
