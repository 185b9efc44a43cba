import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import sharp from 'sharp';
import { readExif } from '../imaging/exif';
import { OBJECT_STORAGE, ObjectStorage } from '../../storage/object-storage';
import { Photo } from '../../photos/entities/photo.entity';
import { PhotoChanges, PhotoStageRunner } from './photo-stage.runner';

/** Stage 1: what the original says about itself (EXIF time, orientation, camera) and its upright size. */
@Injectable()
export class PhotoNormaliseProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly runner: PhotoStageRunner,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.consume('normalise', (photo) => this.normalise(photo));
  }

  async normalise(photo: Photo): Promise<PhotoChanges> {
    const original = await this.storage.getBuffer(photo.originalKey);
    const exif = await readExif(original);
    const metadata = await sharp(original, { limitInputPixels: false }).metadata();
    const upright = metadata.autoOrient ?? { width: metadata.width, height: metadata.height };
    return {
      takenAt: exif.takenAt,
      exifOrientation: exif.orientation,
      camera: exif.camera?.slice(0, 120) ?? null,
      width: upright.width,
      height: upright.height,
    };
  }
}
