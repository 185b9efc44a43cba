import type { BibBox, BibReading } from './bib-reader';

/**
 * Pure rules that turn raw OCR text lines into bib readings. Shared by every BibReader so the local and the cloud
 * reader keep and drop the same things.
 */

/** Bibs have 2 to 6 digits; no year filter, because real bibs include numbers such as 2001 or 1962. */
export const MIN_BIB_DIGITS = 2;
export const MAX_BIB_DIGITS = 6;

/**
 * Digit runs in one OCR text line that can be a bib: maximal runs of 2–6 digits. A longer run (a phone number, a
 * timing-chip code) is dropped whole rather than cut into a made-up bib. Single spaces inside a run are kept out:
 * "12 34" gives "12" and "34", because a wide gap is more often two things than one bib.
 */
export function bibNumbersInText(text: string): string[] {
  const runs = text.match(/\d+/g) ?? [];
  return runs.filter((run) => run.length >= MIN_BIB_DIGITS && run.length <= MAX_BIB_DIGITS);
}

/** Raw text line from any OCR engine, before bib rules. */
export interface TextLine {
  text: string;
  confidence: number;
  box: BibBox;
}

/** Every bib-like number in the lines, each with its line's confidence and box. */
export function bibReadingsFromLines(lines: readonly TextLine[]): BibReading[] {
  return lines.flatMap((line) =>
    bibNumbersInText(line.text).map((number) => ({ number, confidence: line.confidence, box: { ...line.box } })),
  );
}

/** Readings at or above the cut-off. */
export function keepConfident(readings: readonly BibReading[], minConfidence: number): BibReading[] {
  return readings.filter((reading) => reading.confidence >= minConfidence);
}

/**
 * One reading per number in a photo: the most confident one (a bib read twice, e.g. on the chest and on a bike
 * sticker, is still one runner). Sorted by confidence, highest first, then by number for a stable order.
 */
export function mergeReadings(readings: readonly BibReading[]): BibReading[] {
  const best = new Map<string, BibReading>();
  for (const reading of readings) {
    const current = best.get(reading.number);
    if (!current || reading.confidence > current.confidence) best.set(reading.number, reading);
  }
  return [...best.values()].sort((a, b) => b.confidence - a.confidence || a.number.localeCompare(b.number));
}

/** The whole chain every reader applies to its text lines. */
export function bibReadingsFromText(lines: readonly TextLine[], minConfidence: number): BibReading[] {
  return mergeReadings(keepConfident(bibReadingsFromLines(lines), minConfidence));
}
