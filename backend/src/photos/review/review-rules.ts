import { BibSource, PhotoStatus, TriageReason } from '@focus-racer/api-types';
import type { BoundingBox } from '../entities/bounding-box';

/**
 * When a photo's bibs deserve a human look (the triage queue of the pro app), as pure rules. The same rules are
 * written as SQL in photo-conditions.ts for the filters, the facets and the queue itself; review-rules.spec.ts and
 * photo-triage.int-spec.ts keep the two in step.
 *
 * - low-confidence: an OCR bib kept (≥ BIB_MIN_CONFIDENCE) but read below REVIEW_BIB_CONFIDENCE;
 * - conflicting-bibs: two different OCR numbers read at the same place (their boxes overlap by at least half of
 *   the smaller one): one bib read two ways, one of them wrong. Several bibs side by side are several runners and
 *   not a conflict;
 * - face-link-below-margin: a bib carried by a face whose similarity is less than FACE_REVIEW_MARGIN above
 *   FACE_LINK_THRESHOLD;
 * - no-bib-no-face: processed, and neither a bib nor a face was found: nobody will ever find this photo.
 *
 * Only photos a runner could be shown are queued: processed, not hidden, neither blurry nor a near-duplicate
 * (those are not sold; reviewing them is wasted time), and not reviewed yet (accepted or corrected).
 */
export interface ReviewThresholds {
  reviewBibConfidence: number;
  faceLinkThreshold: number;
  faceReviewMargin: number;
}

/** Overlap, as a share of the smaller box, from which two readings are one bib read twice. */
export const SAME_PLACE_OVERLAP = 0.5;

export interface StoredBib {
  number: string;
  source: BibSource;
  confidence: number;
  similarity: number | null;
  box: BoundingBox | null;
}

export interface ReviewablePhoto {
  status: PhotoStatus;
  hidden: boolean;
  isBlurry: boolean;
  duplicateOfId: string | null;
  reviewedAt: Date | null;
}

export function reviewReasons(photo: Pick<ReviewablePhoto, 'status'>, bibs: readonly StoredBib[], faceCount: number, rules: ReviewThresholds): TriageReason[] {
  const reasons: TriageReason[] = [];
  const ocr = bibs.filter((bib) => bib.source === BibSource.OCR);
  for (const bib of ocr) {
    if (bib.confidence < rules.reviewBibConfidence) {
      reasons.push({ code: 'low-confidence', bib: bib.number, message: `Bib ${bib.number} read with only ${percent(bib.confidence)} confidence` });
    }
  }
  for (let i = 0; i < ocr.length; i++) {
    for (let j = i + 1; j < ocr.length; j++) {
      const [a, b] = [ocr[i], ocr[j]].sort((x, y) => (x.number < y.number ? -1 : 1));
      if (a.box && b.box && samePlace(a.box, b.box)) {
        reasons.push({ code: 'conflicting-bibs', bib: null, message: `Bibs ${a.number} and ${b.number} were read at the same place: at most one is right` });
      }
    }
  }
  const weakBelow = rules.faceLinkThreshold + rules.faceReviewMargin;
  for (const bib of bibs) {
    if (bib.source === BibSource.FACE_LINK && bib.similarity !== null && bib.similarity < weakBelow) {
      reasons.push({
        code: 'face-link-below-margin',
        bib: bib.number,
        message: `Bib ${bib.number} comes from a face only ${percent(bib.similarity)} alike on another photo (links start at ${percent(rules.faceLinkThreshold)})`,
      });
    }
  }
  if (photo.status === PhotoStatus.PROCESSED && bibs.length === 0 && faceCount === 0) {
    reasons.push({ code: 'no-bib-no-face', bib: null, message: 'No bib and no face found: runners cannot find this photo' });
  }
  return reasons;
}

/** Whether the photo is in the triage queue: could be shown to runners, not reviewed yet, and uncertain. */
export function needsReview(photo: ReviewablePhoto, reasons: readonly TriageReason[]): boolean {
  return (
    photo.status === PhotoStatus.PROCESSED &&
    !photo.hidden &&
    !photo.isBlurry &&
    photo.duplicateOfId === null &&
    photo.reviewedAt === null &&
    reasons.length > 0
  );
}

/** The two boxes overlap by at least SAME_PLACE_OVERLAP of the smaller one's area. */
export function samePlace(a: BoundingBox, b: BoundingBox): boolean {
  const width = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const height = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  return width * height >= SAME_PLACE_OVERLAP * Math.min(a.w * a.h, b.w * b.h) && width * height > 0;
}

function percent(value: number): string {
  return `${Math.round(value * 100)} %`;
}
