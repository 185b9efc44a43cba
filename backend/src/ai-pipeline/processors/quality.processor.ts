import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Repository } from 'typeorm';
import { PipelineConfig } from '../../config/pipeline.config';
import { Photo } from '../../photos/entities/photo.entity';
import { OBJECT_STORAGE, ObjectStorage } from '../../storage/object-storage';
import { blurScore, isBlurry } from '../imaging/blur-score';
import { hammingDistance, perceptualHash } from '../imaging/perceptual-hash';
import { PhotoChanges, PhotoStageRunner } from './photo-stage.runner';

/**
 * Stage 3: sharpness (blur score, blurry flag) and near-duplicates. Both are measured on the original, not the
 * watermarked web version: the watermark's tiled pattern would add edges to every photo and pull hashes together.
 */
@Injectable()
export class PhotoQualityProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly runner: PhotoStageRunner,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @InjectRepository(Photo) private readonly photos: Repository<Photo>,
    private readonly config: PipelineConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.consume('quality', (photo) => this.score(photo));
  }

  async score(photo: Photo): Promise<PhotoChanges> {
    const original = await this.storage.getBuffer(photo.originalKey);
    const [hash, score] = await Promise.all([perceptualHash(original), blurScore(original)]);
    return {
      perceptualHash: hash,
      blurScore: score,
      isBlurry: isBlurry(score, this.config.blurThreshold),
      duplicateOfId: await this.findEarlierNearDuplicate(photo, hash),
    };
  }

  /**
   * The earliest photo of the event (by upload time, then id) whose hash is within the threshold, if it was
   * uploaded before this one: the first of a burst stays the original, so two photos never point at each other.
   * Scans the event's hashes in memory (16 bytes a photo); an index (BK-tree, pg extension) can come later.
   */
  private async findEarlierNearDuplicate(photo: Photo, hash: string): Promise<string | null> {
    const others = await this.photos.find({
      select: { id: true, perceptualHash: true, createdAt: true },
      where: { eventId: photo.eventId, perceptualHash: Not(IsNull()), id: Not(photo.id) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const isEarlier = (other: Photo) =>
      other.createdAt < photo.createdAt || (other.createdAt.getTime() === photo.createdAt.getTime() && other.id < photo.id);
    const match = others.find(
      (other) => isEarlier(other) && hammingDistance(other.perceptualHash as string, hash) <= this.config.duplicateHammingThreshold,
    );
    return match?.id ?? null;
  }
}
