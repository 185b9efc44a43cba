import { BibSource } from './enums';
import type { CursorPage } from './common';
import type { PhotoDto } from './photos';

/**
 * The photographer's photo workflows in the pro app: resumable upload batches, the filtered photo grid with bulk
 * actions, and the triage queue where uncertain bibs are accepted or corrected.
 */

// ---------------------------------------------------------------------------------------------------------------
// Bibs on a photo
// ---------------------------------------------------------------------------------------------------------------

/** A region of the photo as fractions (0..1) of the upright photo's width and height, origin top left. */
export interface NormalisedBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One bib number on a photo, as the pro app shows it (chips on the grid, boxes in triage). */
export interface PhotoBibDto {
  number: string;
  /** ocr: read on the photo; face-link: carried from another photo by a matching face; manual: typed by a pro. */
  source: BibSource;
  /** OCR confidence 0..1; null for face-link and manual bibs. */
  confidence: number | null;
  /** Face similarity 0..1 for face-link bibs; null otherwise. */
  similarity: number | null;
  /** Where the bib is on the photo (OCR only); null for face-link and manual bibs or before the size is known. */
  box: NormalisedBox | null;
  /** For face-link bibs: the photo whose bib was carried over. */
  linkedFromPhotoId: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Upload batches (resumable, exactly once)
// ---------------------------------------------------------------------------------------------------------------

/** Longest client file key accepted (characters). */
export const CLIENT_FILE_KEY_MAX_LENGTH = 512;

/**
 * `POST /api/events/:id/upload-batches`: opens a batch before its files are sent.
 *
 * Wire format of the batch's uploads: `POST /api/events/:id/photos?batchId=<batch id>&fileCount=<files in this
 * request>`, `multipart/form-data`, where EVERY file part (field `files`) is immediately preceded by a text field
 * `key` holding that file's client key: the client's stable id of the source file, e.g.
 * `relativePath|size|lastModified` (1..CLIENT_FILE_KEY_MAX_LENGTH characters). With FormData:
 * `form.append('key', key); form.append('files', blob, name);` per file, in that order. A file sent with a key the
 * batch already holds answers `accepted` + `alreadyReceived: true` with the stored photo's id, and is neither stored
 * nor charged again; so after a network drop or a closed tab the client may simply send every file not yet
 * answered (or use `receivedKeys` of GET /api/upload-batches/:id to skip those already there). A file part without
 * a `key` before it is rejected in a batch upload. Parallel requests of one batch are fine.
 */
export interface CreateUploadBatchRequest {
  /** Shown in the batch list, e.g. the folder's name. At most 200 characters. */
  label?: string;
  /** How many files the client means to send in this batch (1..100000). */
  expectedFiles: number;
}

/**
 * What the pro app's timeline shows: `uploading` until every expected file is received or the client said it is
 * done (POST /api/upload-batches/:id/complete), then `processing` while the pipeline runs, then `done`.
 * (Compression happens in the browser before upload and has no server-side stage.)
 */
export type UploadBatchStage = 'uploading' | 'processing' | 'done';

export interface UploadBatchCounters {
  /** Photos stored in the batch (each charged once). */
  received: number;
  /** Through the whole pipeline. */
  processed: number;
  failed: number;
  /** Received, not yet processed nor failed. */
  processing: number;
  /** Near-duplicates found by the pipeline (same burst); byte-identical files are refused at upload and not here. */
  duplicates: number;
  blurry: number;
  /** Photos with at least one bib (any source). */
  withBibs: number;
  /** Photos in the triage queue. */
  needsReview: number;
}

export interface UploadBatchDto {
  id: string;
  eventId: string;
  uploaderId: string | null;
  label: string | null;
  expectedFiles: number;
  createdAt: string;
  /** When every expected file had been received, or the client declared the batch finished; null before. */
  completedAt: string | null;
  stage: UploadBatchStage;
  counters: UploadBatchCounters;
}

/** `GET /api/upload-batches/:id`: the batch, plus the keys already stored (so a reopened tab sends only the rest). */
export interface UploadBatchDetailDto extends UploadBatchDto {
  receivedKeys: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Photos grid: filters, facets, bulk actions
// ---------------------------------------------------------------------------------------------------------------

/**
 * `GET /api/events/:id/photos?filter=&cursor=` (no filter: every photo). Upload order, 100 a page, keyset cursor.
 * - no-bib: processed, and no bib of any source (a photo still in the pipeline has none yet).
 * - face-linked: at least one bib carried by a face.
 * - duplicate: near-duplicate of another photo.
 * - blurry, failed, hidden: as flagged.
 * - low-confidence: an OCR bib below REVIEW_BIB_CONFIDENCE (default 0.9) (bibs below BIB_MIN_CONFIDENCE are not kept).
 * - needs-review: in the triage queue (uncertain, not yet reviewed).
 */
export type PhotoFilter = 'no-bib' | 'face-linked' | 'duplicate' | 'blurry' | 'failed' | 'low-confidence' | 'hidden' | 'needs-review';

export const PHOTO_FILTERS: readonly PhotoFilter[] = [
  'no-bib',
  'face-linked',
  'duplicate',
  'blurry',
  'failed',
  'low-confidence',
  'hidden',
  'needs-review',
] as const;

/** `GET /api/events/:id/photos/facets`: how many of the event's photos each filter shows. */
export interface PhotoFacetsDto {
  total: number;
  noBib: number;
  faceLinked: number;
  duplicate: number;
  blurry: number;
  failed: number;
  lowConfidence: number;
  hidden: number;
  needsReview: number;
}

export type BulkPhotoAction = 'delete' | 'reprocess' | 'hide' | 'unhide';

export const BULK_PHOTO_ACTIONS: readonly BulkPhotoAction[] = ['delete', 'reprocess', 'hide', 'unhide'] as const;

/** Most photos one bulk request may name. */
export const BULK_PHOTO_MAX = 1000;

/**
 * `POST /api/events/:id/photos/bulk`. All or nothing: if one id is not a photo of this event, the answer is 400
 * listing those ids and nothing changes. delete removes the photos, their bibs, faces and files for good and gives
 * no credit back (processing was done and paid); reprocess runs the pipeline again without charging.
 */
export interface BulkPhotoActionRequest {
  action: BulkPhotoAction;
  /** 1..BULK_PHOTO_MAX photo ids; repeats count once. */
  photoIds: string[];
}

export interface BulkPhotoActionResult {
  action: BulkPhotoAction;
  /** Distinct photos named. */
  requested: number;
  /** Photos whose state changed (hide of an already hidden photo does not count; reprocess: queued). */
  changed: number;
}

/** The 400 body's `details` when some ids are not photos of the event. */
export interface BulkPhotoActionRejected {
  notInEvent: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Triage (review queue)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Why a photo is uncertain:
 * - low-confidence: an OCR bib read below REVIEW_BIB_CONFIDENCE;
 * - conflicting-bibs: several OCR bibs on a photo with at most one face (one runner, several readings);
 * - face-link-below-margin: a face-link bib whose similarity is less than FACE_REVIEW_MARGIN (default 0.05) above
 *   the linking threshold;
 * - no-bib-no-face: processed, and neither a bib nor a face was found.
 */
export type TriageReasonCode = 'low-confidence' | 'conflicting-bibs' | 'face-link-below-margin' | 'no-bib-no-face';

export interface TriageReason {
  code: TriageReasonCode;
  /** The reason in words, for the photographer ("Bib 1234 read with 81 % confidence"). */
  message: string;
  /** The bib the reason is about, when there is one. */
  bib: string | null;
}

/** A runner of the start list, as triage shows it beside a bib (no email, no chip time). */
export interface TriageRunnerDto {
  bib: string;
  firstName: string;
  lastName: string;
  category: string | null;
  club: string | null;
}

export interface TriageItemDto {
  /** photo.bibs carry the boxes to zoom on; photo.webUrl the image. */
  photo: PhotoDto;
  reasons: TriageReason[];
  /** The start-list runners of the photo's bibs (bibs not in the list have none). */
  runners: TriageRunnerDto[];
  /** Set when skipped earlier: the photo is back at the end of the queue. */
  skippedAt: string | null;
}

/**
 * `GET /api/events/:id/triage?cursor=`: unreviewed uncertain photos, never-skipped ones first in upload order,
 * then the skipped ones by skip time; 50 a page.
 */
export interface TriagePage extends CursorPage<TriageItemDto> {
  /** Photos in the queue, all pages together. */
  total: number;
  /** Whether the event has a start list (numbers are checked against it). */
  hasStartList: boolean;
}

/**
 * `PUT /api/photos/:id/bibs`: the photo's bibs become exactly these (source manual); the OCR and face-link bibs of
 * the photo are removed (what OCR read stays in the photo's raw readings) and later OCR runs no longer add bibs to
 * it. The public search shows the change at once. Each number: 1..12 letters, digits or dashes; at most 20; an
 * empty list means "no bib on this photo".
 *
 * Numbers not in the event's start list are refused (422, details: BibCorrectionRejected) unless `force` is true:
 * a typo would otherwise sell this photo to nobody or to the wrong runner, while a late registration is real and
 * one key press away. Events without a start list are not checked.
 */
export interface BibCorrectionRequest {
  bibs: string[];
  force?: boolean;
}

export interface BibCorrectionResult {
  photo: PhotoDto;
  /** Numbers accepted with `force` that the start list does not know (empty when all are known or no list). */
  unknownBibs: string[];
}

/** The 422 body's `details` when numbers are not in the start list and `force` was not set. */
export interface BibCorrectionRejected {
  unknownBibs: string[];
}

/**
 * `POST /api/photos/:id/review`: accept = the machine's bibs are right, the photo leaves the queue; skip = decide
 * later, the photo goes to the back of the queue.
 */
export type ReviewDecision = 'accept' | 'skip';

export interface ReviewDecisionRequest {
  decision: ReviewDecision;
}
