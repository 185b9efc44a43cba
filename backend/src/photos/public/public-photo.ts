import { FavoritePhotoDto, PhotoStatus, PublicPhotoDto } from '@focus-racer/api-types';
import { SelectQueryBuilder } from 'typeorm';
import { Photo } from '../entities/photo.entity';
import { derivativesVersion, mediaUrlOf } from '../photo-dto.mapper';

/** Long edge of the web version (derivatives stage): the public DTO gives the web version's size, not the original's. */
const WEB_LONG_EDGE = 1600;

/**
 * What the public may see of an event's photos: processed, not hidden by the pro, and neither a flagged duplicate
 * nor a blurry shot (those stay reviewable in the pro app). The event itself must be published: callers resolve
 * it through EventsService.findPublishedBySlug or join on it.
 */
export function whereVisible<T extends object>(builder: SelectQueryBuilder<T>, alias = 'photo'): SelectQueryBuilder<T> {
  return builder.andWhere(VISIBLE_PHOTO_SQL(alias));
}

/** The same rule as SQL over a `photos` alias, for raw queries. */
export const VISIBLE_PHOTO_SQL = (alias: string) =>
  `${alias}.status = '${PhotoStatus.PROCESSED}' AND ${alias}.hidden = false AND ${alias}.is_blurry = false
   AND ${alias}.duplicate_of_id IS NULL AND ${alias}.web_key IS NOT NULL`;

export function toPublicPhotoDto(photo: Photo): PublicPhotoDto {
  const { width, height } = webSize(photo.width, photo.height);
  const version = derivativesVersion(photo);
  return {
    id: photo.id,
    thumbUrl: mediaUrlOf(photo.thumbKey, version) ?? '',
    webUrl: mediaUrlOf(photo.webKey, version) ?? '',
    width,
    height,
    takenAt: photo.takenAt?.toISOString() ?? null,
  };
}

export function toFavoritePhotoDto(photo: Photo & { event?: { slug: string; name: string } }): FavoritePhotoDto {
  return { ...toPublicPhotoDto(photo), eventSlug: photo.event?.slug ?? '', eventName: photo.event?.name ?? '' };
}

function webSize(width: number | null, height: number | null): { width: number | null; height: number | null } {
  if (!width || !height) return { width, height };
  const scale = Math.min(1, WEB_LONG_EDGE / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}
