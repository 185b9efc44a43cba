import { MatchReason } from '@focus-racer/api-types';

/**
 * One score for every way a photo can match a runner, so bib, name, face-link and selfie results rank together.
 *
 * Each piece of evidence gets a probability-like strength in 0..1:
 * - a bib read by OCR: the reader's confidence; typed by the photographer: 1;
 * - a bib carried over by face: the face similarity, discounted (FACE_LINK_DISCOUNT) because it is evidence once
 *   removed: the face matched a photo where the bib was read;
 * - a name search multiplies the bib evidence by how well the name matched the start list;
 * - a selfie: the face similarity, calibrated so the link threshold sits at 0.5.
 * Runners' feedback on a (photo, bib) pair: every "not me" halves the strength, every "me" adds 10 % (capped).
 * Several pieces of evidence on one photo combine as independent signals (noisy-OR): 1 − Π(1 − sᵢ); two weak
 * hints beat one, and nothing exceeds 1.
 */

export const FACE_LINK_DISCOUNT = 0.9;

export interface BibEvidence {
  bib: string;
  source: 'ocr' | 'manual' | 'face-link';
  /** OCR confidence (ocr), 1 (manual) or face similarity (face-link). */
  confidence: number;
  similarity: number | null;
  linkedFromPhotoId: string | null;
}

export interface FeedbackTally {
  me: number;
  notMe: number;
}

export function feedbackWeight(tally: FeedbackTally | undefined): number {
  if (!tally) return 1;
  return Math.min(1.3, 1 + 0.1 * tally.me) * 0.5 ** tally.notMe;
}

export function bibStrength(evidence: BibEvidence): number {
  switch (evidence.source) {
    case 'manual':
      return 1;
    case 'ocr':
      return clamp01(evidence.confidence);
    case 'face-link':
      return clamp01((evidence.similarity ?? evidence.confidence) * FACE_LINK_DISCOUNT);
  }
}

export function bibReason(evidence: BibEvidence): MatchReason {
  if (evidence.source === 'face-link') {
    return {
      kind: 'face-link',
      bib: evidence.bib,
      similarity: round3(evidence.similarity ?? evidence.confidence),
      fromPhotoId: evidence.linkedFromPhotoId,
    };
  }
  return { kind: 'bib', bib: evidence.bib, source: evidence.source, confidence: round3(evidence.confidence) };
}

/**
 * Maps a face cosine similarity to a strength: the threshold used for linking maps to 0.5 and a perfect match to
 * 1, linearly, so a selfie result just above the threshold ranks like a middling OCR read.
 */
export function selfieStrength(similarity: number, threshold: number): number {
  if (similarity <= threshold) return clamp01(0.5 * (similarity / threshold));
  return clamp01(0.5 + (0.5 * (similarity - threshold)) / (1 - threshold));
}

/** Noisy-OR of independent strengths. */
export function combine(strengths: readonly number[]): number {
  return 1 - strengths.reduce((miss, strength) => miss * (1 - clamp01(strength)), 1);
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function clamp01(value: number): number {
  return Math.max(0, Math.min(1, value));
}
