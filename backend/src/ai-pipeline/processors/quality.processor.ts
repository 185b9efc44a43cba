import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Not, Repository } from 'typeorm';
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
    // The hash is written before looking for near-duplicates: of two photos of a pair scored at the same time,
    // the second to look is then sure to see the first one's hash, whichever it is (see flagLaterNearDuplicates).
    await this.photos.update(photo.id, { perceptualHash: hash });
    const duplicateOfId = await this.findEarlierNearDuplicate(photo, hash);
    if (!duplicateOfId) await this.flagLaterNearDuplicates(photo, hash);
    return {
      perceptualHash: hash,
      blurScore: score,
      isBlurry: isBlurry(score, this.config.blurThreshold),
      // Left out when none: an earlier twin's job may have flagged this photo meanwhile, and must not be undone.
      ...(duplicateOfId ? { duplicateOfId } : {}),
    };
  }

  /**
   * The earliest photo of the event (by upload time, then id) whose hash is within the threshold, if it was
   * uploaded before this one: the first of a burst stays the original, so two photos never point at each other.
   * Scans the event's hashes in memory (16 bytes a photo); an index (BK-tree, pg extension) can come later.
   */
  private async findEarlierNearDuplicate(photo: Photo, hash: string): Promise<string | null> {
    const match = (await this.hashedOthers(photo)).find(
      (other) => this.isEarlier(other, photo) && hammingDistance(other.perceptualHash as string, hash) <= this.config.duplicateHammingThreshold,
    );
    return match?.id ?? null;
  }

  /**
   * A photo with no earlier twin is an original: later photos of the event already scored (their job ran while
   * this one's hash was not written yet) that look like it and are not flagged get flagged as its duplicates.
   */
  private async flagLaterNearDuplicates(photo: Photo, hash: string): Promise<void> {
    const later = (await this.hashedOthers(photo)).filter(
      (other) =>
        !this.isEarlier(other, photo) &&
        other.duplicateOfId === null &&
        hammingDistance(other.perceptualHash as string, hash) <= this.config.duplicateHammingThreshold,
    );
    if (later.length === 0) return;
    await this.photos.update({ id: In(later.map((other) => other.id)), duplicateOfId: IsNull() }, { duplicateOfId: photo.id });
  }

  private hashedOthers(photo: Photo): Promise<Photo[]> {
    return this.photos.find({
      select: { id: true, perceptualHash: true, createdAt: true, duplicateOfId: true },
      where: { eventId: photo.eventId, perceptualHash: Not(IsNull()), id: Not(photo.id) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  private isEarlier(other: Photo, photo: Photo): boolean {
    return other.createdAt < photo.createdAt || (other.createdAt.getTime() === photo.createdAt.getTime() && other.id < photo.id);
  }
}
