import { PhotoStatus } from './enums';

/** Outcome of one file of a multipart upload (`POST /api/events/:id/photos`, field `files`). */
export interface PhotoUploadFileResult {
  /** The name the browser sent (for display only; the stored name comes from the content). */
  filename: string;
  status: 'accepted' | 'rejected';
  /** Set when accepted. */
  photoId?: string;
  /** Set when rejected: a sentence for the photographer. */
  reason?: string;
}

export interface PhotoUploadResult {
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
