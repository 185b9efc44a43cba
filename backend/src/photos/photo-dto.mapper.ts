import { PhotoDto } from '@focus-racer/api-types';
import { Photo } from './entities/photo.entity';

/**
 * `/api/media/<key>` (served by MediaController, published events only); each segment URL-encoded. `version` (see
 * derivativesVersion) goes into the URL so that redrawn copies (a new watermark) get a new address: browsers keep
 * media for a day.
 */
export function mediaUrlOf(key: string | null, version?: string): string | null {
  if (!key) return null;
  const url = `/api/media/${key.split('/').map(encodeURIComponent).join('/')}`;
  return version ? `${url}?v=${version}` : url;
}

/** When the photo's web copy and thumbnail were last drawn, short (base-36 seconds); undefined when unknown. */
export function derivativesVersion(photo: Pick<Photo, 'stageTimestamps'>): string | undefined {
  const drawn = photo.stageTimestamps?.derivatives;
  const ms = drawn ? Date.parse(drawn) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000).toString(36) : undefined;
}

/**
 * The photo's own columns; bibs and needsReview come from PhotoDtoAssembler, which every pro endpoint uses.
 * `mediaUrl` makes the image URLs: the pro endpoints pass signed ones (MediaLinkSigner), which also open the copies
 * of draft events and hidden photos.
 */
export function toPhotoDto(photo: Photo, mediaUrl: (key: string | null, version?: string) => string | null = mediaUrlOf): PhotoDto {
  const version = derivativesVersion(photo);
  return {
    id: photo.id,
    eventId: photo.eventId,
    originalFilename: photo.originalFilename,
    mimeType: photo.mimeType,
    sizeBytes: photo.sizeBytes,
    width: photo.width,
    height: photo.height,
    takenAt: photo.takenAt?.toISOString() ?? null,
    status: photo.status,
    processingError: photo.processingError,
    thumbUrl: mediaUrl(photo.thumbKey, version),
    webUrl: mediaUrl(photo.webKey, version),
    isBlurry: photo.isBlurry,
    blurScore: photo.blurScore,
    duplicateOfId: photo.duplicateOfId,
    hidden: photo.hidden,
    createdAt: photo.createdAt.toISOString(),
    bibs: [],
    needsReview: false,
    reviewedAt: photo.reviewedAt?.toISOString() ?? null,
    uploadBatchId: photo.uploadBatchId,
  };
}
