import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { BibSource } from '@focus-racer/api-types';
import sharp from 'sharp';
import { DataSource, In } from 'typeorm';
import { RecognitionConfig } from '../../config/recognition.config';
import { StartListEntry } from '../../connectors/entities/start-list-entry.entity';
import { lockStartListForSnapping } from '../../connectors/start-list-lock';
import { BibNumber } from '../../photos/entities/bib-number.entity';
import { Photo } from '../../photos/entities/photo.entity';
import { OBJECT_STORAGE, ObjectStorage } from '../../storage/object-storage';
import { BIB_READER, BibBox, BibReader, BibReading } from '../recognition/bib-reader';
import { snapToStartList } from '../recognition/start-list-snapper';
import { PhotoChanges, PhotoStageRunner } from './photo-stage.runner';

/**
 * Stage 4: bib numbers read by the configured BibReader, snapped to the event's start list when it has one, stored
 * as BibNumber rows (source ocr) that replace the previous OCR rows of the photo; manual rows are kept, and a photo
 * whose bibs the photographer corrected gets no OCR row at all. The raw
 * readings are kept on the photo (ocr_readings) so that a start-list import re-snaps without reading again.
 *
 * The reader gets an upright, unwatermarked copy of the original at BIB_READER_LONG_EDGE rather than the web
 * JPEG: the watermark repeats the event name, which often holds digits ("Marathon 2026") that would come back as
 * bibs. Boxes are stored in pixels of the upright original.
 */
@Injectable()
export class PhotoBibsProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly runner: PhotoStageRunner,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(BIB_READER) private readonly reader: BibReader,
    private readonly dataSource: DataSource,
    private readonly config: RecognitionConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.consume('bibs', (photo) => this.readBibs(photo));
  }

  async readBibs(photo: Photo): Promise<PhotoChanges> {
    const original = await this.storage.getBuffer(photo.originalKey);
    const { data, info } = await sharp(original, { limitInputPixels: false })
      .autoOrient()
      .resize(this.config.longEdge, this.config.longEdge, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 90 })
      .toBuffer({ resolveWithObject: true });
    const scale = photo.width ? photo.width / info.width : 1;
    const raw = await this.reader.read(data);

    await this.dataSource.transaction(async (manager) => {
      // The list is read and the rows written under the start-list lock (shared between photos, exclusive with an
      // import), so a list imported meanwhile is either seen here or re-applied to this photo by the import.
      await lockStartListForSnapping(manager, photo.eventId);
      const registered = await manager.find(StartListEntry, { select: { bib: true }, where: { eventId: photo.eventId } });
      const readings = registered.length > 0 ? snapToStartList(raw, registered.map((entry) => entry.bib)) : raw;
      // The readings before snapping, in pixels of the original: an import snaps the photo again from them, no OCR.
      await manager.update(Photo, photo.id, { ocrReadings: raw.map((reading) => ({ ...reading, box: scaleBox(reading.box, scale) })) });
      // Bibs set by the photographer are final (photos/triage): the readings are kept, no row is written. Read
      // under the row lock, which a correction takes too, so one typed meanwhile is seen here.
      const [current] = (await manager.query('SELECT bibs_corrected_at FROM photos WHERE id = $1 FOR UPDATE', [photo.id])) as Array<{ bibs_corrected_at: Date | null }>;
      if (current?.bibs_corrected_at) return;
      await manager.delete(BibNumber, { photoId: photo.id, source: BibSource.OCR });
      if (readings.length === 0) return;
      // A number carried over by a face is now read on the photo itself: the reading replaces the guess.
      await manager.delete(BibNumber, { photoId: photo.id, source: BibSource.FACE_LINK, number: In(readings.map((reading) => reading.number)) });
      await manager
        .createQueryBuilder()
        .insert()
        .into(BibNumber)
        .values(readings.map((reading) => this.toRow(photo, reading, scale)))
        // A number already on the photo from another source (manual) stays as it is.
        .orIgnore()
        .execute();
    });
    return { ocrProvider: this.reader.provider };
  }

  private toRow(photo: Photo, reading: BibReading, scale: number): Partial<BibNumber> {
    return {
      photoId: photo.id,
      eventId: photo.eventId,
      number: reading.number,
      confidence: reading.confidence,
      box: scaleBox(reading.box, scale),
      source: BibSource.OCR,
    };
  }
}

function scaleBox({ x, y, w, h }: BibBox, scale: number): BibBox {
  return { x: Math.round(x * scale), y: Math.round(y * scale), w: Math.round(w * scale), h: Math.round(h * scale) };
}
