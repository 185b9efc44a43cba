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
  const factor = options.editedConfidenceFactor ?? DEFAULT_EDITED_CONFIDENCE_FACTOR;
  const registered = new Set(startList);
  const byLength = groupByLength(registered);
  // Exact readings support their bib; used to break ties between correction candidates.
  const support = new Map<string, number>();
  for (const reading of readings) {
    if (registered.has(reading.number)) {
      support.set(reading.number, (support.get(reading.number) ?? 0) + reading.confidence);
    }
  }

  const snapped: BibReading[] = [];
  for (const reading of readings) {
    if (registered.has(reading.number)) {
      snapped.push(reading);
      continue;
    }
    const target = bestCandidate(reading.number, byLength, support);
    if (target) snapped.push({ ...reading, number: target, confidence: reading.confidence * factor });
  }
  return mergeReadings(snapped);
}

function bestCandidate(
  number: string,
  byLength: Map<number, string[]>,
  support: Map<string, number>,
): string | undefined {
  const substitutions = (byLength.get(number.length) ?? []).filter((bib) => isOneSubstitution(number, bib));
  const indels = [number.length - 1, number.length + 1].flatMap((length) =>
    (byLength.get(length) ?? []).filter((bib) => isOneInsertion(bib, number) || isOneInsertion(number, bib)),
  );
  for (const tier of [substitutions, indels]) {
    if (tier.length === 0) continue;
    if (tier.length === 1) return tier[0];
    const ranked = tier
      .map((bib) => ({ bib, weight: support.get(bib) ?? 0 }))
      .sort((a, b) => b.weight - a.weight);
    return ranked[0].weight > ranked[1].weight ? ranked[0].bib : undefined;
  }
  return undefined;
}

function groupByLength(bibs: Set<string>): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const bib of bibs) {
    const group = groups.get(bib.length) ?? [];
    group.push(bib);
    groups.set(bib.length, group);
  }
  return groups;
}

function isOneSubstitution(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let differences = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++differences > 1) return false;
  return differences === 1;
}

/** True when `longer` is `shorter` with exactly one character added somewhere. */
function isOneInsertion(shorter: string, longer: string): boolean {
  if (longer.length !== shorter.length + 1) return false;
  let i = 0;
  while (i < shorter.length && shorter[i] === longer[i]) i++;
  return shorter.slice(i) === longer.slice(i + 1);
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
