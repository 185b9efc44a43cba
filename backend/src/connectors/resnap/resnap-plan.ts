import { BibSource } from '@focus-racer/api-types';
import type { BibBox, BibReading } from '../../ai-pipeline/recognition/bib-reader';

/**
 * Which photos of an event change when their raw OCR readings are snapped to a new start list, and into what.
 * Mirrors what the bibs stage writes for one photo: its OCR rows are the snapped readings, except numbers the
 * photographer typed (manual rows win), and a number carried over by a face that OCR now reads is dropped (the
 * reading replaces the guess). Photos whose rows would stay the same are left alone, so a re-import of the same
 * list writes nothing and `resnappedPhotos` counts real changes.
 */

export interface PhotoReadings {
  photoId: string;
  /** photos.ocr_readings. */
  readings: BibReading[];
}

export interface StoredBibRow {
  photoId: string;
  number: string;
  confidence: number;
  box: BibBox | null;
  source: BibSource;
}

export interface PhotoResnap {
  photoId: string;
  /** The OCR rows to write (after deleting the photo's OCR rows). */
  rows: BibReading[];
  /** FACE_LINK numbers of the photo that OCR now reads, to delete. */
  supersededFaceLinks: string[];
}

/** real (float4) in the database against float8 in memory. */
const CONFIDENCE_TOLERANCE = 1e-5;

export function planResnap(
  photos: readonly PhotoReadings[],
  stored: readonly StoredBibRow[],
  snap: (readings: readonly BibReading[]) => BibReading[],
): PhotoResnap[] {
  const rowsByPhoto = new Map<string, StoredBibRow[]>();
  for (const row of stored) {
    const list = rowsByPhoto.get(row.photoId);
    if (list) list.push(row);
    else rowsByPhoto.set(row.photoId, [row]);
  }
  const changes: PhotoResnap[] = [];
  for (const photo of photos) {
    const rows = rowsByPhoto.get(photo.photoId) ?? [];
    const manual = new Set(rows.filter((row) => row.source === BibSource.MANUAL).map((row) => row.number));
    const snapped = snap(photo.readings);
    const wanted = snapped.filter((reading) => !manual.has(reading.number));
    const current = rows.filter((row) => row.source === BibSource.OCR);
    const readNumbers = new Set(snapped.map((reading) => reading.number));
    const supersededFaceLinks = rows.filter((row) => row.source === BibSource.FACE_LINK && readNumbers.has(row.number)).map((row) => row.number);
    if (supersededFaceLinks.length === 0 && sameRows(current, wanted)) continue;
    changes.push({ photoId: photo.photoId, rows: wanted, supersededFaceLinks });
  }
  return changes;
}

function sameRows(current: readonly StoredBibRow[], wanted: readonly BibReading[]): boolean {
  if (current.length !== wanted.length) return false;
  const byNumber = new Map(current.map((row) => [row.number, row]));
  return wanted.every((reading) => {
    const row = byNumber.get(reading.number);
    return row !== undefined && Math.abs(row.confidence - reading.confidence) <= CONFIDENCE_TOLERANCE && sameBox(row.box, reading.box ?? null);
  });
}

function sameBox(a: BibBox | null, b: BibBox | null): boolean {
  if (a === null || b === null) return a === b;
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}
