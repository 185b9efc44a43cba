import { BibSource, PhotoFilter, PhotoStatus } from '@focus-racer/api-types';
import { SAME_PLACE_OVERLAP, ReviewThresholds } from './review-rules';

/**
 * The pro app's photo filters and the triage rule (review-rules.ts) as SQL conditions over a `photos` alias, for
 * TypeORM query builders: the list, the facets, the triage queue and the batch counters all use these, so a count
 * always matches the list it announces. Numbers come as the named parameters of conditionParameters();
 * constants (statuses, sources) are inlined like VISIBLE_PHOTO_SQL does.
 */
export function conditionParameters(rules: ReviewThresholds): Record<string, number> {
  return { reviewBibConfidence: rules.reviewBibConfidence, weakFaceLinkBelow: rules.faceLinkThreshold + rules.faceReviewMargin };
}

export function photoConditions(alias = 'photo') {
  const bibExists = (condition = 'true') => `EXISTS (SELECT 1 FROM bib_numbers b WHERE b.photo_id = ${alias}.id AND ${condition})`;
  const coordinate = (bib: string, field: 'x' | 'y' | 'w' | 'h') => `(${bib}.box->>'${field}')::real`;
  const overlap = (axis: 'x' | 'y', size: 'w' | 'h') =>
    `greatest(0, least(${coordinate('b1', axis)} + ${coordinate('b1', size)}, ${coordinate('b2', axis)} + ${coordinate('b2', size)}) - greatest(${coordinate('b1', axis)}, ${coordinate('b2', axis)}))`;
  const area = (bib: string) => `${coordinate(bib, 'w')} * ${coordinate(bib, 'h')}`;

  const processed = `${alias}.status = '${PhotoStatus.PROCESSED}'`;
  const hasBib = bibExists();
  const faceLinked = bibExists(`b.source = '${BibSource.FACE_LINK}'`);
  const lowConfidence = bibExists(`b.source = '${BibSource.OCR}' AND b.confidence < :reviewBibConfidence`);
  const weakFaceLink = bibExists(`b.source = '${BibSource.FACE_LINK}' AND b.similarity < :weakFaceLinkBelow`);
  const conflictingBibs = `EXISTS (
      SELECT 1 FROM bib_numbers b1 JOIN bib_numbers b2 ON b2.photo_id = b1.photo_id AND b2.number > b1.number
      WHERE b1.photo_id = ${alias}.id AND b1.source = '${BibSource.OCR}' AND b2.source = '${BibSource.OCR}'
        AND b1.box IS NOT NULL AND b2.box IS NOT NULL
        AND ${overlap('x', 'w')} * ${overlap('y', 'h')} > 0
        AND ${overlap('x', 'w')} * ${overlap('y', 'h')} >= ${SAME_PLACE_OVERLAP} * least(${area('b1')}, ${area('b2')}))`;
  const noBibNoFace = `${processed} AND NOT ${hasBib} AND NOT EXISTS (SELECT 1 FROM faces f WHERE f.photo_id = ${alias}.id)`;
  const needsReview = `(${processed} AND ${alias}.hidden = false AND ${alias}.is_blurry = false AND ${alias}.duplicate_of_id IS NULL
    AND ${alias}.reviewed_at IS NULL AND (${lowConfidence} OR ${conflictingBibs} OR ${weakFaceLink} OR (${noBibNoFace})))`;

  const filters: Record<PhotoFilter, string> = {
    // Photos still in the pipeline have no bib yet: only processed ones count as "no bib".
    'no-bib': `(${processed} AND NOT ${hasBib})`,
    'face-linked': faceLinked,
    duplicate: `${alias}.duplicate_of_id IS NOT NULL`,
    blurry: `${alias}.is_blurry = true`,
    failed: `${alias}.status = '${PhotoStatus.FAILED}'`,
    'low-confidence': lowConfidence,
    hidden: `${alias}.hidden = true`,
    'needs-review': needsReview,
  };
  return { hasBib, needsReview, filters };
}
