import { BibSource, PhotoStatus } from '@focus-racer/api-types';
import { needsReview, reviewReasons, ReviewablePhoto, samePlace, StoredBib } from './review-rules';

const rules = { reviewBibConfidence: 0.9, faceLinkThreshold: 0.6, faceReviewMargin: 0.05 };
const processed = { status: PhotoStatus.PROCESSED };
const ocr = (number: string, confidence: number, box: StoredBib['box'] = null): StoredBib => ({ number, source: BibSource.OCR, confidence, similarity: null, box });
const link = (number: string, similarity: number): StoredBib => ({ number, source: BibSource.FACE_LINK, confidence: similarity, similarity, box: null });
const photo = (changes: Partial<ReviewablePhoto> = {}): ReviewablePhoto => ({
  status: PhotoStatus.PROCESSED,
  hidden: false,
  isBlurry: false,
  duplicateOfId: null,
  reviewedAt: null,
  ...changes,
});

describe('review rules (the triage queue)', () => {
  it('flags OCR bibs read below REVIEW_BIB_CONFIDENCE, in words', () => {
    expect(reviewReasons(processed, [ocr('1234', 0.81), ocr('77', 0.95)], 1, rules)).toEqual([
      { code: 'low-confidence', bib: '1234', message: 'Bib 1234 read with only 81 % confidence' },
    ]);
    expect(reviewReasons(processed, [ocr('1234', 0.9)], 1, rules)).toEqual([]);
  });

  it('flags two numbers read at the same place, not two bibs side by side', () => {
    const sameBib = [ocr('1234', 0.95, { x: 100, y: 100, w: 200, h: 100 }), ocr('1284', 0.93, { x: 110, y: 105, w: 190, h: 95 })];
    expect(reviewReasons(processed, sameBib, 1, rules).map((reason) => reason.code)).toEqual(['conflicting-bibs']);
    expect(reviewReasons(processed, sameBib, 1, rules)[0].message).toBe('Bibs 1234 and 1284 were read at the same place: at most one is right');
    const twoRunners = [ocr('1234', 0.95, { x: 100, y: 100, w: 200, h: 100 }), ocr('56', 0.95, { x: 600, y: 120, w: 200, h: 100 })];
    expect(reviewReasons(processed, twoRunners, 2, rules)).toEqual([]);
  });

  it('flags face links less than FACE_REVIEW_MARGIN above the linking threshold', () => {
    expect(reviewReasons(processed, [link('42', 0.62)], 1, rules)).toEqual([
      { code: 'face-link-below-margin', bib: '42', message: 'Bib 42 comes from a face only 62 % alike on another photo (links start at 60 %)' },
    ]);
    expect(reviewReasons(processed, [link('42', 0.65)], 1, rules)).toEqual([]);
  });

  it('flags a processed photo with neither bib nor face, but not one still in the pipeline', () => {
    expect(reviewReasons(processed, [], 0, rules).map((reason) => reason.code)).toEqual(['no-bib-no-face']);
    expect(reviewReasons(processed, [], 1, rules)).toEqual([]);
    expect(reviewReasons({ status: PhotoStatus.PROCESSING }, [], 0, rules)).toEqual([]);
  });

  it('queues only photos a runner could be shown, and not once reviewed', () => {
    const reasons = reviewReasons(processed, [ocr('1', 0.8)], 1, rules);
    expect(needsReview(photo(), reasons)).toBe(true);
    expect(needsReview(photo(), [])).toBe(false);
    for (const changes of [{ hidden: true }, { isBlurry: true }, { duplicateOfId: 'x' }, { reviewedAt: new Date() }, { status: PhotoStatus.FAILED }]) {
      expect(needsReview(photo(changes), reasons)).toBe(false);
    }
  });

  it('counts boxes as the same place from half of the smaller one', () => {
    expect(samePlace({ x: 0, y: 0, w: 100, h: 100 }, { x: 50, y: 0, w: 100, h: 100 })).toBe(true);
    expect(samePlace({ x: 0, y: 0, w: 100, h: 100 }, { x: 51, y: 0, w: 100, h: 100 })).toBe(false);
    expect(samePlace({ x: 0, y: 0, w: 100, h: 100 }, { x: 100, y: 0, w: 100, h: 100 })).toBe(false);
  });
});
