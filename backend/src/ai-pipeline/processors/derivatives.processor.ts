import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PipelineConfig } from '../../config/pipeline.config';
import { UploadConfig } from '../../config/upload.config';
import { RaceEvent } from '../../events/entities/event.entity';
import { Photo } from '../../photos/entities/photo.entity';
import { OBJECT_STORAGE, ObjectStorage } from '../../storage/object-storage';
import { storageKeys } from '../../storage/storage-keys';
import { makeDerivatives } from '../imaging/derivatives';
import { PhotoChanges, PhotoStageRunner } from './photo-stage.runner';

/** Stage 2: the watermarked public versions (web WebP + JPEG, thumbnail), watermarked with the event's text. */
@Injectable()
export class PhotoDerivativesProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly runner: PhotoStageRunner,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @InjectRepository(RaceEvent) private readonly events: Repository<RaceEvent>,
    private readonly pipelineConfig: PipelineConfig,
    private readonly uploadConfig: UploadConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.consume('derivatives', (photo) => this.makeDerivatives(photo));
  }

  async makeDerivatives(photo: Photo): Promise<PhotoChanges> {
    const event = await this.events.findOneByOrFail({ id: photo.eventId });
    const original = await this.storage.getBuffer(photo.originalKey);
    const derivatives = await makeDerivatives(original, {
      watermark: { text: event.watermarkText || this.pipelineConfig.defaultWatermarkText },
      maxMegapixels: this.uploadConfig.maxMegapixels,
    });
    const webKey = storageKeys.webWebp(photo.eventId, photo.id);
    const thumbKey = storageKeys.thumb(photo.eventId, photo.id);
    await Promise.all([
      this.storage.putBuffer(webKey, derivatives.webWebp, 'image/webp'),
      this.storage.putBuffer(storageKeys.webJpeg(photo.eventId, photo.id), derivatives.webJpeg, 'image/jpeg'),
      this.storage.putBuffer(thumbKey, derivatives.thumbJpeg, 'image/jpeg'),
    ]);
    return { webKey, thumbKey, width: derivatives.width, height: derivatives.height };
  }
}
