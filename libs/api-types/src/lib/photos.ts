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
