import { SearchResultDto } from '@focus-racer/api-types';
import { percent, reasonChip, resultBib } from './match-reasons';

describe('match reasons', () => {
  it('says how each kind of evidence matched, in words a runner understands', () => {
    expect(reasonChip({ kind: 'bib', bib: '1234', source: 'ocr', confidence: 0.923 }).label).toBe('Bib 1234 read at 92\u00a0%');
    expect(reasonChip({ kind: 'bib', bib: '1234', source: 'manual', confidence: 1 }).label).toBe(
      'Bib 1234 tagged by the photographer',
    );
    expect(reasonChip({ kind: 'name', bib: '1234', name: 'Marie Dupont', similarity: 1 }).label).toBe(
      'Start list: Marie Dupont (bib 1234)',
    );
    expect(reasonChip({ kind: 'selfie', similarity: 0.871 }).label).toBe('Face 87\u00a0% similar');
  });

  it('links a face match to the photo where the bib was read', () => {
    const chip = reasonChip({ kind: 'face-link', bib: '1234', similarity: 0.9, fromPhotoId: 'p-7' });
    expect(chip.label).toBe('Same face as bib 1234 (90\u00a0%)');
    expect(chip.fromPhotoId).toBe('p-7');
  });

  it('keeps percentages between 0 and 100', () => {
    expect(percent(1.2)).toBe('100\u00a0%');
    expect(percent(-0.1)).toBe('0\u00a0%');
  });

  it('takes the bib a "this is me" confirms from the first reason that has one', () => {
    const result = (reasons: SearchResultDto['reasons']): SearchResultDto => ({
      photo: { id: 'p', thumbUrl: '', webUrl: '', width: null, height: null, takenAt: null },
      score: 0.9,
      reasons,
    });
    expect(resultBib(result([{ kind: 'selfie', similarity: 0.8 }, { kind: 'face-link', bib: '77', similarity: 0.8, fromPhotoId: null }]))).toBe('77');
    expect(resultBib(result([{ kind: 'selfie', similarity: 0.8 }]))).toBeUndefined();
  });
});
