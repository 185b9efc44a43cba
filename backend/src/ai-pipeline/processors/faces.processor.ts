import { Inject, Injectable, OnApplicationBootstrap, Optional } from '@nestjs/common';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { RecognitionConfig } from '../../config/recognition.config';
import { Face } from '../../photos/entities/face.entity';
import { Photo } from '../../photos/entities/photo.entity';
import { OBJECT_STORAGE, ObjectStorage } from '../../storage/object-storage';
import { DetectedFace, FACE_INDEXER, FaceIndexer } from '../recognition/face-indexer';
import { PhotoChanges, PhotoStageRunner } from './photo-stage.runner';

/**
 * Stage 5: the faces of a photo found by the configured FaceIndexer, stored as Face rows (box, quality, and the
 * embedding or the provider's face id) that replace the photo's previous rows, so a photo processed again keeps
 * one row per face. With FACE_INDEXER=off there is no indexer and the stage is not registered: the pipeline runs
 * without it.
 *
 * Like the bibs stage, the indexer gets an upright, unwatermarked copy of the original at FACE_LONG_EDGE: the web
 * JPEG is smaller and watermarked across faces. Boxes are stored in pixels of the upright original.
 */
@Injectable()
export class PhotoFacesProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly runner: PhotoStageRunner,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly dataSource: DataSource,
    private readonly config: RecognitionConfig,
    @Optional() @Inject(FACE_INDEXER) private readonly indexer?: FaceIndexer | null,
  ) {}

  onApplicationBootstrap(): void {
    if (this.indexer) this.runner.consume('faces', (photo) => this.indexFaces(photo));
  }

  async indexFaces(photo: Photo): Promise<PhotoChanges> {
    const indexer = this.indexer;
    if (!indexer) return {};
    const original = await this.storage.getBuffer(photo.originalKey);
    const { data, info } = await sharp(original, { limitInputPixels: false })
      .autoOrient()
      .resize(this.config.faceLongEdge, this.config.faceLongEdge, { fit: 'inside', withoutEnlargement: true })
      // Higher than the bibs stage's 90: block artefacts weigh on small faces' embeddings more than on digits.
      .jpeg({ quality: 95 })
      .toBuffer({ resolveWithObject: true });
    const scale = photo.width ? photo.width / info.width : 1;
    const faces = await indexer.index(data, { eventId: photo.eventId, photoId: photo.id });

    const replaced = await this.dataSource.transaction(async (manager) => {
      const previous = await manager.find(Face, { select: { externalFaceId: true }, where: { photoId: photo.id } });
      await manager.delete(Face, { photoId: photo.id });
      if (faces.length > 0) await manager.insert(Face, faces.map((face) => this.toRow(photo, face, scale)));
      return previous.flatMap((face) => (face.externalFaceId ? [face.externalFaceId] : []));
    });
    // After the commit: a failure here leaves stale faces in the provider's collection, never a row pointing to
    // a face that is gone. Their search results match no row and are dropped.
    const kept = new Set(faces.map((face) => face.externalFaceId));
    const stale = replaced.filter((id) => !kept.has(id));
    if (stale.length > 0 && indexer.removeIndexed) await indexer.removeIndexed(photo.eventId, stale);
    return {};
  }

  private toRow(photo: Photo, face: DetectedFace, scale: number): Partial<Face> {
    const { x, y, w, h } = face.box;
    return {
      photoId: photo.id,
      eventId: photo.eventId,
      box: { x: Math.round(x * scale), y: Math.round(y * scale), w: Math.round(w * scale), h: Math.round(h * scale) },
      quality: face.quality,
      embedding: face.embedding,
      externalFaceId: face.externalFaceId,
    };
  }
}
