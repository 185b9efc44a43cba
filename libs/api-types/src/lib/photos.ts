import { PhotoStatus } from './enums';
import type { PhotoBibDto } from './pro-photos';

/**
 * Outcome of one file of a multipart upload (`POST /api/events/:id/photos`, field `files`). For the resumable wire
 * format of an upload batch (`?batchId=`, a `key` field before each file) see UploadBatchDto in pro-photos.ts.
 */
export interface PhotoUploadFileResult {
  /** The name the browser sent (for display only; the stored name comes from the content). */
  filename: string;
  status: 'accepted' | 'rejected';
  /** Set when accepted (also when alreadyReceived: the id of the photo stored the first time). */
  photoId?: string;
  /** Set when rejected: a sentence for the photographer. */
  reason?: string;
  /** In a batch upload: the `key` field sent before this file. */
  clientKey?: string;
  /**
   * In a batch upload: true when this (batch, key) was already stored by an earlier (interrupted or parallel)
   * request; nothing was stored or charged again. status is 'accepted'.
   */
  alreadyReceived?: boolean;
  /** Rejected because the same bytes are already in the event (under another key or without batch): that photo. */
  existingPhotoId?: string;
}

export interface PhotoUploadResult {
  /** The batch the files went into (`?batchId=`), null for an upload outside any batch. */
  batchId: string | null;
  files: PhotoUploadFileResult[];
  accepted: number;
  rejected: number;
  /** The uploader's processing credits after this upload (1 per accepted photo). */
  creditBalance: number;
}

/** A photo as its event's owner sees it in the pro app. */
export interface PhotoDto {
  id: string;
  eventId: string;
  originalFilename: string;
  mimeType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  /** ISO instant from EXIF, null when the camera did not record it. */
  takenAt: string | null;
  status: PhotoStatus;
  processingError: string | null;
  /** `/api/media/...` URLs of the watermarked versions; null until the derivatives stage has run. */
  thumbUrl: string | null;
  webUrl: string | null;
  isBlurry: boolean;
  blurScore: number | null;
  duplicateOfId: string | null;
  hidden: boolean;
  createdAt: string;
  /** Every bib on the photo, whatever its source (what the public search finds it by). */
  bibs: PhotoBibDto[];
  /** Uncertain and not yet reviewed: in the triage queue (see TriageReason). */
  needsReview: boolean;
  /** When the photographer accepted or corrected the bibs (triage); null if never. */
  reviewedAt: string | null;
  /** The upload batch the photo came in, null for uploads outside a batch (import CLI, older uploads). */
  uploadBatchId: string | null;
}

/**
 * Live progress of an event's photos: `GET /api/events/:id/progress` is a Server-Sent Events stream
 * (`text/event-stream`). Its first message is `event: counters`; then `event: photo` for each pipeline stage a
 * photo finishes (or fails), and `event: counters` again, at most every PROGRESS_COUNTERS_INTERVAL_MS.
 * A comment line (`: heartbeat`) comes every 15 s so proxies keep the connection open.
 */
export type EventProgressMessageType = 'counters' | 'photo';

/** `event: counters`: how many of the event's photos are in each state. */
export interface EventProgressCounters {
  uploaded: number;
  processed: number;
  /** Photos with at least one bib number (any source). */
  withBibs: number;
  /** Photos with a bib carried over from another photo through a matching face (0 until the faces stage runs). */
  linkedByFace: number;
  duplicates: number;
  blurry: number;
  failed: number;
  /** Uploaded or between stages: not yet processed nor failed. */
  processing: number;
}

/** `event: photo`: one photo finished (or failed) one pipeline stage. */
export interface PhotoStageProgress {
  photoId: string;
  /** The photo's upload batch (null outside batches), so a batch's timeline can keep only its own photos. */
  batchId: string | null;
  /** normalise, derivatives, then quality, bibs and faces in any order, then linking. */
  stage: string;
  /** The photo's status after this stage: processing, processed (after linking) or failed. */
  status: PhotoStatus;
  /** Set when status is failed: what went wrong. */
  error?: string;
}

/** `POST /api/events/:id/reprocess` answer. */
export interface ReprocessEventResult {
  /** Photos put back on the pipeline. */
  queued: number;
}
