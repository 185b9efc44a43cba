import { BibSource, PhotoBibDto } from '@focus-racer/api-types';

/**
 * OCR readings under this confidence are flagged on the chips. The API's REVIEW_BIB_CONFIDENCE defaults to the same
 * value (pro-photos.ts); the API alone decides what enters the triage queue, the app only colours the chip.
 */
export const LOW_CONFIDENCE = 0.9;

export const BIB_SOURCE_ICONS: Record<BibSource, string> = {
  [BibSource.OCR]: 'document_scanner',
  [BibSource.MANUAL]: 'edit',
  [BibSource.FACE_LINK]: 'face',
};

export const BIB_SOURCE_LABELS: Record<BibSource, string> = {
  [BibSource.OCR]: 'Read on the photo',
  [BibSource.MANUAL]: 'Typed by you',
  [BibSource.FACE_LINK]: 'Carried by a matching face',
};

/** "87 %": how the app writes a 0..1 score. */
export function percent(score: number): string {
  return `${Math.round(score * 100)} %`;
}

export function isLowConfidence(bib: PhotoBibDto): boolean {
  return bib.source === BibSource.OCR && bib.confidence !== null && bib.confidence < LOW_CONFIDENCE;
}

/** The score shown beside the number: OCR confidence, face similarity, nothing for a typed bib. */
export function bibScore(bib: PhotoBibDto): string | null {
  if (bib.source === BibSource.OCR && bib.confidence !== null) return percent(bib.confidence);
  if (bib.source === BibSource.FACE_LINK && bib.similarity !== null) return `≈${percent(bib.similarity)}`;
  return null;
}

/** A sentence for the chip's tooltip and screen readers: "Bib 387, read on the photo, 81 % confidence (low)". */
export function bibDescription(bib: PhotoBibDto): string {
  const parts = [`Bib ${bib.number}`, BIB_SOURCE_LABELS[bib.source].toLowerCase()];
  if (bib.source === BibSource.OCR && bib.confidence !== null) {
    parts.push(`${percent(bib.confidence)} confidence${isLowConfidence(bib) ? ' (low)' : ''}`);
  }
  if (bib.source === BibSource.FACE_LINK && bib.similarity !== null) parts.push(`face ${percent(bib.similarity)} similar`);
  return parts.join(', ');
}
