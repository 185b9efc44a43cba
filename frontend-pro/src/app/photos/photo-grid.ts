import { PhotoDto } from '@focus-racer/api-types';

/** Tiles stay about this wide: big enough to read a bib chip, small enough to see a burst at a glance. */
const TARGET_TILE_PX = 190;
const MIN_COLUMNS = 2;
const MAX_COLUMNS = 8;

/** Columns of the photos grid for the width it has (2 on a phone, 3 on a tablet beside the navigation, up to 8). */
export function gridColumns(width: number): number {
  return Math.min(MAX_COLUMNS, Math.max(MIN_COLUMNS, Math.round(width / TARGET_TILE_PX)));
}

/** Ids from one photo to another, both included, in grid order (whichever comes first): a shift-click range. */
export function idsBetween(photos: readonly PhotoDto[], fromId: string, toId: string): string[] {
  const from = photos.findIndex((photo) => photo.id === fromId);
  const to = photos.findIndex((photo) => photo.id === toId);
  if (from < 0 || to < 0) return to < 0 ? [] : [toId];
  const [first, last] = from <= to ? [from, to] : [to, from];
  return photos.slice(first, last + 1).map((photo) => photo.id);
}

/**
 * Whether `photo` comes at or after `mark` in upload order (the API's keyset: created_at, then id). A refresh that
 * re-reads the list from some point stops once it has gone past the last photo it had loaded.
 */
export function atOrAfter(photo: PhotoDto, mark: PhotoDto): boolean {
  if (photo.createdAt !== mark.createdAt) return photo.createdAt > mark.createdAt;
  return photo.id >= mark.id;
}

/** Still in the pipeline: the tile shows a spinner instead of flags and bibs that are not known yet. */
export function isInPipeline(photo: PhotoDto): boolean {
  return photo.status === 'uploaded' || photo.status === 'processing';
}
