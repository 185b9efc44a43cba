import { PHOTO_FILTERS, PhotoFacetsDto, PhotoFilter } from '@focus-racer/api-types';

/** One chip of the photos page's filter row: what it shows, how many, and what to say when it shows nothing. */
export interface PhotoFilterView {
  /** null: every photo. */
  filter: PhotoFilter | null;
  label: string;
  icon: string;
  facet: keyof PhotoFacetsDto;
  emptyHeading: string;
  emptyText: string;
}

export const PHOTO_FILTER_VIEWS: readonly PhotoFilterView[] = [
  {
    filter: null,
    label: 'All',
    icon: 'photo_library',
    facet: 'total',
    emptyHeading: 'No photos yet',
    emptyText: 'Upload photos to get started: bibs and faces are recognised as soon as they arrive.',
  },
  {
    filter: 'needs-review',
    label: 'Needs review',
    icon: 'rate_review',
    facet: 'needsReview',
    emptyHeading: 'Nothing to review',
    emptyText: 'Every uncertain reading has been checked. New uncertain photos land here as the pipeline finds them.',
  },
  {
    filter: 'no-bib',
    label: 'No bib',
    icon: 'hide_source',
    facet: 'noBib',
    emptyHeading: 'No photo without a bib — nice!',
    emptyText: 'Every photo has at least one bib number, so runners can find it by searching theirs.',
  },
  {
    filter: 'low-confidence',
    label: 'Low confidence',
    icon: 'warning',
    facet: 'lowConfidence',
    emptyHeading: 'No uncertain reading',
    emptyText: 'Every bib read on the photos was read with high confidence.',
  },
  {
    filter: 'face-linked',
    label: 'Linked by face',
    icon: 'face',
    facet: 'faceLinked',
    emptyHeading: 'No bib carried by a face',
    emptyText: 'When a runner’s face matches a photo where their bib was read, the bib is carried over and the photo shows here.',
  },
  {
    filter: 'duplicate',
    label: 'Duplicate',
    icon: 'burst_mode',
    facet: 'duplicate',
    emptyHeading: 'No duplicates',
    emptyText: 'Near-identical shots of the same burst show here, so you can hide or delete the extra ones.',
  },
  {
    filter: 'blurry',
    label: 'Blurry',
    icon: 'blur_on',
    facet: 'blurry',
    emptyHeading: 'No blurry photo',
    emptyText: 'Photos the pipeline finds out of focus show here, so you can hide them before runners see them.',
  },
  {
    filter: 'failed',
    label: 'Failed',
    icon: 'error',
    facet: 'failed',
    emptyHeading: 'No failed photo',
    emptyText: 'Every photo went through the pipeline. A photo that fails shows here with the reason, ready to reprocess.',
  },
  {
    filter: 'hidden',
    label: 'Hidden',
    icon: 'visibility_off',
    facet: 'hidden',
    emptyHeading: 'No hidden photo',
    emptyText: 'Runners see every processed photo. Select photos and choose Hide to keep them out of the public gallery.',
  },
];

/** The filter named in the address (`?filter=`), or null for every photo when it names none we know. */
export function parsePhotoFilter(value: string | null | undefined): PhotoFilter | null {
  return value && (PHOTO_FILTERS as readonly string[]).includes(value) ? (value as PhotoFilter) : null;
}

export function filterView(filter: PhotoFilter | null): PhotoFilterView {
  return PHOTO_FILTER_VIEWS.find((view) => view.filter === filter) ?? PHOTO_FILTER_VIEWS[0];
}
