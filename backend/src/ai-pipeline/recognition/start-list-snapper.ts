import type { BibReading } from './bib-reader';
import { mergeReadings } from './bib-filters';

/**
 * Snaps readings to an event's start list (the registered bib numbers). OCR often gets one digit wrong; a start
 * list turns most of those into the right runner and drops numbers that belong to nobody (ad text, dates, a
 * misread that matches no one).
 *
 * Rules:
 * - a reading that is a registered bib stays as it is;
 * - otherwise it goes to the registered bib(s) at edit distance 1 (one digit substituted, added or dropped);
 *   its confidence is multiplied by `editedConfidenceFactor`, since it is a correction, not a reading;
 * - several candidates at distance 1: a substitution (same length) beats an added/dropped digit; if still tied,
 *   the candidate that other readings of the same photo already support wins (sum of their confidences); if still
 *   tied, the reading is dropped — guessing between two runners sells a photo to the wrong one;
 * - readings matching nobody are dropped; several readings landing on one bib are merged (most confident wins).
 */
export interface SnapOptions {
  /** Multiplier applied to the confidence of a corrected (distance-1) reading. */
  editedConfidenceFactor?: number;
}

const DEFAULT_EDITED_CONFIDENCE_FACTOR = 0.9;

export function snapToStartList(
  readings: readonly BibReading[],
  startList: Iterable<string>,
  options: SnapOptions = {},
): BibReading[] {
  return createStartListSnapper(startList, options)(readings);
}

/**
 * The same rules with the start list indexed once, for callers that snap many photos against one list (re-snapping
 * a whole event after a start-list import). Candidates at distance 1 are found by key lookups, O(length of the
 * reading), instead of comparing the reading with every registered bib.
 */
export function createStartListSnapper(
  startList: Iterable<string>,
  options: SnapOptions = {},
): (readings: readonly BibReading[]) => BibReading[] {
  const factor = options.editedConfidenceFactor ?? DEFAULT_EDITED_CONFIDENCE_FACTOR;
  const index = new StartListIndex(startList);

  return (readings) => {
    // Exact readings support their bib; used to break ties between correction candidates.
    const support = new Map<string, number>();
    for (const reading of readings) {
      if (index.has(reading.number)) {
        support.set(reading.number, (support.get(reading.number) ?? 0) + reading.confidence);
      }
    }
    const snapped: BibReading[] = [];
    for (const reading of readings) {
      if (index.has(reading.number)) {
        snapped.push(reading);
        continue;
      }
      const target = bestCandidate(index, reading.number, support);
      if (target) snapped.push({ ...reading, number: target, confidence: reading.confidence * factor });
    }
    return mergeReadings(snapped);
  };
}

function bestCandidate(index: StartListIndex, number: string, support: Map<string, number>): string | undefined {
  for (const tier of [index.substitutionsOf(number), index.insertionsAndDeletionsOf(number)]) {
    if (tier.length === 0) continue;
    if (tier.length === 1) return tier[0];
    const ranked = tier
      .map((bib) => ({ bib, weight: support.get(bib) ?? 0 }))
      .sort((a, b) => b.weight - a.weight);
    return ranked[0].weight > ranked[1].weight ? ranked[0].bib : undefined;
  }
  return undefined;
}

/**
 * Registered bibs keyed by what they become with one character taken out. Two strings of the same length are one
 * substitution apart exactly when, for one position, they are equal with that position masked; a bib is a number
 * with one character added exactly when taking one character out of the bib gives the number.
 */
class StartListIndex {
  private readonly bibs: Set<string>;
  /** `${position}:${bib without that position}` → bibs. */
  private readonly masked = new Map<string, string[]>();
  /** bib without one character → bibs (each bib once per key). */
  private readonly shortened = new Map<string, string[]>();

  constructor(startList: Iterable<string>) {
    this.bibs = new Set(startList);
    for (const bib of this.bibs) {
      for (let i = 0; i < bib.length; i++) {
        const rest = bib.slice(0, i) + bib.slice(i + 1);
        push(this.masked, `${i}:${rest}`, bib);
        const list = this.shortened.get(rest);
        if (!list?.includes(bib)) push(this.shortened, rest, bib);
      }
    }
  }

  has(number: string): boolean {
    return this.bibs.has(number);
  }

  /** Registered bibs of the same length with exactly one character different (`number` is not registered). */
  substitutionsOf(number: string): string[] {
    const found: string[] = [];
    for (let i = 0; i < number.length; i++) {
      for (const bib of this.masked.get(`${i}:${number.slice(0, i) + number.slice(i + 1)}`) ?? []) {
        if (bib.length === number.length && bib !== number) found.push(bib);
      }
    }
    return found;
  }

  /** Registered bibs with one character more (a digit dropped by the reader) or one less (a digit added). */
  insertionsAndDeletionsOf(number: string): string[] {
    const found = new Set<string>(this.shortened.get(number) ?? []);
    for (let i = 0; i < number.length; i++) {
      const shorter = number.slice(0, i) + number.slice(i + 1);
      if (this.bibs.has(shorter)) found.add(shorter);
    }
    return [...found];
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Levenshtein distance; exported for tests and for callers that want to explain a snap. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
