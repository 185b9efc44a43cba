import type { BibReading } from './bib-reader';
import { createStartListSnapper, editDistance, snapToStartList } from './start-list-snapper';

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

describe('createStartListSnapper', () => {
  it('gives the same result as comparing every reading with every bib (the rules spelled out by edit distance)', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const number = () => String(random(10 ** (2 + random(3)))).padStart(random(2) === 0 ? 4 : 2, '0');
    const list = Array.from({ length: 400 }, number);
    const snap = createStartListSnapper(list);
    let corrected = 0;
    for (let photo = 0; photo < 1000; photo++) {
      const readings = Array.from({ length: 1 + random(4) }, () => reading(random(3) === 0 ? list[random(list.length)] : number(), (1 + random(100)) / 100));
      const snapped = snap(readings);
      expect(snapped).toEqual(bruteForceSnap(readings, list));
      corrected += snapped.filter((r) => !readings.some((read) => read.number === r.number)).length;
    }
    // The sample must exercise corrections, not only exact matches and drops.
    expect(corrected).toBeGreaterThan(30);
  });
});

/** The snapping rules written the slow, obvious way, as a reference for the indexed snapper. */
function bruteForceSnap(readings: BibReading[], list: string[]): BibReading[] {
  const registered = new Set(list);
  const support = new Map<string, number>();
  for (const r of readings) if (registered.has(r.number)) support.set(r.number, (support.get(r.number) ?? 0) + r.confidence);
  const out: BibReading[] = [];
  for (const r of readings) {
    if (registered.has(r.number)) {
      out.push(r);
      continue;
    }
    const near = [...registered].filter((bib) => editDistance(bib, r.number) === 1);
    const substitutions = near.filter((bib) => bib.length === r.number.length);
    const indels = near.filter((bib) => bib.length !== r.number.length);
    const tier = substitutions.length > 0 ? substitutions : indels;
    if (tier.length === 0) continue;
    const ranked = tier.map((bib) => ({ bib, weight: support.get(bib) ?? 0 })).sort((a, b) => b.weight - a.weight);
    if (ranked.length === 1 || ranked[0].weight > ranked[1].weight) out.push({ ...r, number: ranked[0].bib, confidence: r.confidence * 0.9 });
  }
  const best = new Map<string, BibReading>();
  for (const r of out) if (!best.has(r.number) || r.confidence > (best.get(r.number) as BibReading).confidence) best.set(r.number, r);
  return [...best.values()].sort((a, b) => b.confidence - a.confidence || a.number.localeCompare(b.number));
}

describe('editDistance', () => {
  it('counts substitutions, insertions and deletions', () => {
    expect(editDistance('3638', '3638')).toBe(0);
    expect(editDistance('3638', '3688')).toBe(1);
    expect(editDistance('3638', '13638')).toBe(1);
    expect(editDistance('3638', '83')).toBe(3);
  });
});
