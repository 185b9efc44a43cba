import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Job, Queue } from 'bull';
import { Repository } from 'typeorm';
import { UploadConfig } from '../../config/upload.config';
import { RaceEvent } from '../../events/entities/event.entity';
import { Photo } from '../../photos/entities/photo.entity';
import { OBJECT_STORAGE, ObjectStorage } from '../../storage/object-storage';
import { storageKeys } from '../../storage/storage-keys';
import { EventWatermarks } from '../event-watermarks.service';
import { makeDerivatives } from '../imaging/derivatives';
import { JOBS, PhotoJobData, QUEUES } from '../queues';
import { PhotoChanges, PhotoStageRunner } from './photo-stage.runner';

/** A branding saved this many times while one photo was being re-rendered is left to the next save. */
const MAX_RERENDERS = 3;

/**
 * Stage 2: the watermarked public versions (web WebP + JPEG, thumbnail), watermarked with the event's branding.
 * Also re-renders them alone after a branding change (RERENDER_DERIVATIVES): same files, and nothing downstream
 * (bibs, faces) runs again.
 */
@Injectable()
export class PhotoDerivativesProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(PhotoDerivativesProcessor.name);

  constructor(
    private readonly runner: PhotoStageRunner,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @InjectRepository(RaceEvent) private readonly events: Repository<RaceEvent>,
    @InjectRepository(Photo) private readonly photos: Repository<Photo>,
    @InjectQueue(QUEUES.DERIVATIVES) private readonly queue: Queue<PhotoJobData>,
    private readonly watermarks: EventWatermarks,
    private readonly uploadConfig: UploadConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.consume('derivatives', (photo) => this.makeDerivatives(photo));
    this.queue
      .process(JOBS.RERENDER_DERIVATIVES, 1, (job: Job<PhotoJobData>) => this.rerender(job.data.photoId))
      .catch((error: unknown) => this.logger.error(`The re-render consumer stopped: ${String(error)}`));
  }

  async makeDerivatives(photo: Photo): Promise<PhotoChanges> {
    return this.render(photo, await this.events.findOneByOrFail({ id: photo.eventId }));
  }

  /**
   * Draws the public copies again with the event's current branding. A photo not rendered yet is left to its
   * derivatives stage (which reads the branding then); the branding is read again afterwards, and a change saved
   * meanwhile is drawn at once, so the last save always wins.
   */
  async rerender(photoId: string): Promise<number> {
    for (let round = 1; round <= MAX_RERENDERS; round++) {
      const photo = await this.photos.findOneBy({ id: photoId });
      const event = photo?.webKey ? await this.events.findOneBy({ id: photo.eventId }) : null;
      if (!photo || !event) return round - 1;
      const drawn = EventWatermarks.fingerprint(event);
      await this.render(photo, event);
      const now = await this.events.findOneBy({ id: photo.eventId });
      if (!now || EventWatermarks.fingerprint(now) === drawn) return round;
    }
    return MAX_RERENDERS;
  }

  private async render(photo: Photo, event: RaceEvent): Promise<PhotoChanges> {
    const original = await this.storage.getBuffer(photo.originalKey);
    const derivatives = await makeDerivatives(original, {
      watermark: await this.watermarks.forEvent(event),
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
