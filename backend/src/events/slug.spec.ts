import { eventSlug, firstFreeSlug, slugify } from './slug';

describe('event slugs', () => {
  it('strips accents and punctuation and appends the date', () => {
    expect(eventSlug('Marathon de Paris', '2026-04-12')).toBe('marathon-de-paris-2026-04-12');
    expect(eventSlug('  Trail des Crêtes & Cîmes — Édition #3 ', '2026-06-01')).toBe(
      'trail-des-cretes-cimes-edition-3-2026-06-01',
    );
    expect(slugify('Straße Øresund Lœuvre')).toBe('strasse-oresund-loeuvre');
  });

  it('still gives a slug for a name with no latin letters', () => {
    expect(eventSlug('東京マラソン', '2026-03-01')).toBe('event-2026-03-01');
  });

  it('keeps within the length limit', () => {
    expect(eventSlug('a'.repeat(500), '2026-01-01').length).toBeLessThanOrEqual(200);
  });

  it('numbers a slug that is taken', () => {
    expect(firstFreeSlug('ultra-2026-01-01', new Set())).toBe('ultra-2026-01-01');
    expect(firstFreeSlug('ultra-2026-01-01', new Set(['ultra-2026-01-01', 'ultra-2026-01-01-2']))).toBe(
      'ultra-2026-01-01-3',
    );
  });
});
