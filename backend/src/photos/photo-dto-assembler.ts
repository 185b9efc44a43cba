import { Injectable } from '@nestjs/common';
import { BibSource, NormalisedBox, PhotoBibDto, PhotoDto, TriageReason } from '@focus-racer/api-types';
import { DataSource } from 'typeorm';
import { PipelineConfig } from '../config/pipeline.config';
import type { BoundingBox } from './entities/bounding-box';
import { Photo } from './entities/photo.entity';
import { MediaLinkSigner } from './media-link-signer.service';
import { toPhotoDto } from './photo-dto.mapper';
import { needsReview, reviewReasons, ReviewThresholds, StoredBib } from './review/review-rules';

interface BibRow extends StoredBib {
  photoId: string;
  linkedFromPhotoId: string | null;
}

/** Manual first (the photographer's word), then OCR by confidence, then face links by similarity. */
const SOURCE_ORDER: Record<BibSource, number> = { [BibSource.MANUAL]: 0, [BibSource.OCR]: 1, [BibSource.FACE_LINK]: 2 };

/**
 * The pro app's view of photos: each photo with its bibs (boxes made relative to the photo) and its review state,
 * two queries for a whole page (bibs, face counts) whatever its size.
 */
@Injectable()
export class PhotoDtoAssembler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: PipelineConfig,
    private readonly mediaLinks: MediaLinkSigner,
  ) {}

  reviewThresholds(): ReviewThresholds {
    return { reviewBibConfidence: this.config.reviewBibConfidence, faceLinkThreshold: this.config.faceLinkThreshold, faceReviewMargin: this.config.faceReviewMargin };
  }

  async toDtos(photos: Photo[]): Promise<PhotoDto[]> {
    return (await this.withReasons(photos)).map((entry) => entry.dto);
  }

  async toDto(photo: Photo): Promise<PhotoDto> {
    const [dto] = await this.toDtos([photo]);
    return dto;
  }

  /** The DTOs and, for each, why it is uncertain (empty when it is not). */
  async withReasons(photos: Photo[]): Promise<Array<{ dto: PhotoDto; reasons: TriageReason[] }>> {
    if (photos.length === 0) return [];
    const ids = photos.map((photo) => photo.id);
    const [bibRows, faceRows] = await Promise.all([
      this.dataSource.query(
        `SELECT photo_id AS "photoId", number, source, confidence, similarity, box, linked_from_photo_id AS "linkedFromPhotoId"
           FROM bib_numbers WHERE photo_id = ANY($1::uuid[])`,
        [ids],
      ) as Promise<BibRow[]>,
      this.dataSource.query(`SELECT photo_id AS "photoId", count(*)::int AS faces FROM faces WHERE photo_id = ANY($1::uuid[]) GROUP BY photo_id`, [ids]) as Promise<
        Array<{ photoId: string; faces: number }>
      >,
    ]);
    const bibsOf = new Map<string, BibRow[]>();
    for (const row of bibRows) {
      const list = bibsOf.get(row.photoId) ?? [];
      list.push({ ...row, confidence: Number(row.confidence), similarity: row.similarity === null ? null : Number(row.similarity) });
      bibsOf.set(row.photoId, list);
    }
    const facesOf = new Map(faceRows.map((row) => [row.photoId, row.faces]));
    const rules = this.reviewThresholds();
    return photos.map((photo) => {
      const bibs = (bibsOf.get(photo.id) ?? []).sort(
        (a, b) => SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] || (b.similarity ?? b.confidence) - (a.similarity ?? a.confidence) || a.number.localeCompare(b.number),
      );
      const reasons = reviewReasons(photo, bibs, facesOf.get(photo.id) ?? 0, rules);
      const dto: PhotoDto = {
        ...toPhotoDto(photo, (key, version) => this.mediaLinks.url(key, version)),
        bibs: bibs.map((bib) => toPhotoBibDto(bib, photo)),
        needsReview: needsReview(photo, reasons),
      };
      return { dto, reasons };
    });
  }
}

function toPhotoBibDto(bib: BibRow, photo: Photo): PhotoBibDto {
  return {
    number: bib.number,
    source: bib.source,
    confidence: bib.source === BibSource.OCR ? round(bib.confidence, 3) : null,
    similarity: bib.source === BibSource.FACE_LINK && bib.similarity !== null ? round(bib.similarity, 3) : null,
    box: bib.box ? normalise(bib.box, photo.width, photo.height) : null,
    linkedFromPhotoId: bib.source === BibSource.FACE_LINK ? bib.linkedFromPhotoId : null,
  };
}

/** Boxes are stored in pixels of the upright original, whose size is the photo's width and height. */
function normalise(box: BoundingBox, width: number | null, height: number | null): NormalisedBox | null {
  if (!width || !height) return null;
  const clamp = (value: number) => round(Math.min(1, Math.max(0, value)), 4);
  const x = clamp(box.x / width);
  const y = clamp(box.y / height);
  return { x, y, w: clamp(Math.min(box.w / width, 1 - x)), h: clamp(Math.min(box.h / height, 1 - y)) };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
