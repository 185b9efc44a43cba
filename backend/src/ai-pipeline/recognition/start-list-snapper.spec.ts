import type { BibReading } from './bib-reader';
import { editDistance, snapToStartList } from './start-list-snapper';

const box = { x: 0, y: 0, w: 10, h: 10 };
const reading = (number: string, confidence = 0.9): BibReading => ({ number, confidence, box });
const numbers = (readings: BibReading[]) => readings.map((r) => r.number);

describe('snapToStartList', () => {
  it('keeps a registered bib as read', () => {
    expect(snapToStartList([reading('3638', 0.97)], ['3638', '3637'])).toEqual([reading('3638', 0.97)]);
  });

  it('corrects one wrong digit to the registered bib, with a lower confidence', () => {
    const [snapped] = snapToStartList([reading('3688', 1)], ['3638', '1200']);
    expect(snapped.number).toBe('3638');
    expect(snapped.confidence).toBeLessThan(1);
  });

  it('corrects one added or dropped digit (the bib edge read as a leading "1")', () => {
    expect(numbers(snapToStartList([reading('13638')], ['3638']))).toEqual(['3638']);
    expect(numbers(snapToStartList([reading('638')], ['3638']))).toEqual(['3638']);
  });

  it('drops numbers that match nobody', () => {
    expect(snapToStartList([reading('2011'), reading('77')], ['3638', '3637'])).toEqual([]);
  });

  it('keeps leading zeros significant', () => {
    expect(numbers(snapToStartList([reading('0891')], ['0891', '891']))).toEqual(['0891']);
  });

  it('prefers a one-digit substitution over an added or dropped digit', () => {
    expect(numbers(snapToStartList([reading('3639')], ['3638', '363']))).toEqual(['3638']);
  });

  it('breaks a tie with the bibs other readings of the photo support', () => {
    const snapped = snapToStartList([reading('3639', 0.9), reading('3637', 0.95)], ['3638', '3637']);
    expect(numbers(snapped)).toEqual(['3637']);
  });

  it('drops a reading tied between runners it cannot tell apart', () => {
    expect(snapToStartList([reading('3639')], ['3638', '3630'])).toEqual([]);
  });

  it('merges readings that land on the same bib, keeping the most confident', () => {
    const snapped = snapToStartList([reading('3688', 0.6), reading('3638', 0.8)], ['3638']);
    expect(snapped).toEqual([reading('3638', 0.8)]);
  });
});

describe('editDistance', () => {
  it('counts substitutions, insertions and deletions', () => {
    expect(editDistance('3638', '3638')).toBe(0);
    expect(editDistance('3638', '3688')).toBe(1);
    expect(editDistance('3638', '13638')).toBe(1);
    expect(editDistance('3638', '83')).toBe(3);
  });
});
