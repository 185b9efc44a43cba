/**
 * The bib-number reading edge of the pipeline: one interface, two implementations chosen by config
 * (`BIB_READER=local` → LocalPaddleBibReader, offline ONNX; `BIB_READER=rekognition` → RekognitionBibReader).
 * Everything after reading (filtering, snapping to a start list) is pure code in bib-filters.ts and
 * start-list-snapper.ts, so both readers feed the same rules.
 */

/** Axis-aligned box in the pixel space of the image that was passed to `read()`. */
export interface BibBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface BibReading {
  /** Digits only, as printed (leading zeros kept: "0891" ≠ "891"). */
  number: string;
  /** 0..1, the reader's own confidence in the text. */
  confidence: number;
  box: BibBox;
}

export interface BibReader {
  /** Short name stored beside results so a reading can be traced to what produced it ("local-paddle", "rekognition"). */
  readonly provider: string;
  /** Reads every bib-like number in one encoded image (JPEG, PNG, WebP…). Readings are filtered and de-duplicated. */
  read(image: Buffer): Promise<BibReading[]>;
}

/** Nest injection token for the configured BibReader. */
export const BIB_READER = Symbol('BIB_READER');
