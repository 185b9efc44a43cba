import { PublicPhotoDto } from '@focus-racer/api-types';

/** Tiles stay about this wide: small enough for a gallery feel, big enough to recognise oneself. */
const TARGET_TILE_PX = 200;
const MIN_COLUMNS = 3;
const MAX_COLUMNS = 6;

/** 3 columns on a 360 px phone, 6 on a desktop; never fewer than 3 so a phone shows a useful screenful. */
export function gridColumns(width: number): number {
  return Math.min(MAX_COLUMNS, Math.max(MIN_COLUMNS, Math.round(width / TARGET_TILE_PX)));
}

/** Long edges of the API's watermarked versions (libs/api-types PublicPhotoDto). */
const THUMB_LONG_EDGE = 480;
const WEB_LONG_EDGE = 1600;

/**
 * `srcset` of a photo: the thumbnail, and the web version for big tiles on dense screens. Widths come from the
 * photo's aspect ratio when known (a portrait thumbnail is narrower than its 480 px long edge).
 */
export function photoSrcset(photo: PublicPhotoDto): string {
  const widthOf = (longEdge: number) =>
    photo.width && photo.height && photo.height > photo.width
      ? Math.round((longEdge * photo.width) / photo.height)
      : longEdge;
  return `${photo.thumbUrl} ${widthOf(THUMB_LONG_EDGE)}w, ${photo.webUrl} ${widthOf(WEB_LONG_EDGE)}w`;
}
