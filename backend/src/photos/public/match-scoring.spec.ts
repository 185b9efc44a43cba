import { bibStrength, combine, feedbackWeight, selfieStrength } from './match-scoring';

describe('match scoring', () => {
  it('rates bib evidence by its source', () => {
    const base = { bib: '12', similarity: null, linkedFromPhotoId: null };
    expect(bibStrength({ ...base, source: 'manual', confidence: 0.2 })).toBe(1);
    expect(bibStrength({ ...base, source: 'ocr', confidence: 0.8 })).toBe(0.8);
    expect(bibStrength({ ...base, source: 'face-link', confidence: 0.7, similarity: 0.7 })).toBeCloseTo(0.63);
  });

  it('combines independent evidence with a noisy-OR that never exceeds 1', () => {
    expect(combine([])).toBe(0);
    expect(combine([0.5])).toBe(0.5);
    expect(combine([0.5, 0.5])).toBe(0.75);
    expect(combine([1, 0.3])).toBe(1);
    expect(combine([1.4])).toBe(1);
  });

  it('halves the weight per "not me" and adds 10 % per "me", capped', () => {
    expect(feedbackWeight(undefined)).toBe(1);
    expect(feedbackWeight({ me: 0, notMe: 2 })).toBe(0.25);
    expect(feedbackWeight({ me: 1, notMe: 0 })).toBeCloseTo(1.1);
    expect(feedbackWeight({ me: 10, notMe: 0 })).toBeCloseTo(1.3);
  });

  it('maps the selfie threshold to 0.5 and a perfect match to 1', () => {
    expect(selfieStrength(0.5, 0.5)).toBe(0.5);
    expect(selfieStrength(1, 0.5)).toBe(1);
    expect(selfieStrength(0.75, 0.5)).toBe(0.75);
    expect(selfieStrength(0.25, 0.5)).toBe(0.25);
    expect(selfieStrength(-0.2, 0.5)).toBe(0);
  });
});
