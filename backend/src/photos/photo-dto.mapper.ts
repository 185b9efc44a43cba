import { PhotoDto } from '@focus-racer/api-types';
import { Photo } from './entities/photo.entity';

/** `/api/media/<key>` (served by MediaController, published events only); each segment URL-encoded. */
export function mediaUrlOf(key: string | null): string | null {
  return key ? `/api/media/${key.split('/').map(encodeURIComponent).join('/')}` : null;
}

/**
 * The photo's own columns; bibs and needsReview come from PhotoDtoAssembler, which every pro endpoint uses.
 * `mediaUrl` makes the image URLs: the pro endpoints pass signed ones (MediaLinkSigner), which also open the copies
 * of draft events and hidden photos.
 */
export function toPhotoDto(photo: Photo, mediaUrl: (key: string | null) => string | null = mediaUrlOf): PhotoDto {
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
    thumbUrl: mediaUrl(photo.thumbKey),
    webUrl: mediaUrl(photo.webKey),
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
