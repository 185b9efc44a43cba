import { PhotoStatus } from '@focus-racer/api-types';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { PhotoStage } from '../../ai-pipeline/queues';
import type { BibReading } from '../../ai-pipeline/recognition/bib-reader';
import { bigintToNumberTransformer } from '../../database/transformers';
import { RaceEvent } from '../../events/entities/event.entity';
import { User } from '../../users/entities/user.entity';
import { UploadBatch } from './upload-batch.entity';

/** When each pipeline stage finished (ISO strings), for the admin's "stuck photo" view and the benchmarks. */
export type PhotoStageTimestamps = Partial<Record<PhotoStage, string>>;

/**
 * One uploaded race photo and the results of the pipeline stages on it. Deleted with its event (CASCADE).
 * If the uploader is erased the photo stays in the event (the organiser still sells it), with uploader NULL.
 */
@Entity({ name: 'photos' })
// Cursor pagination in an event's gallery orders by (created_at, id).
@Index('idx_photos_event_created_id', ['eventId', 'createdAt', 'id'])
// The same file uploaded twice to one event is one photo: uploads are idempotent on the content hash.
@Index('uq_photos_event_content_hash', ['eventId', 'contentHash'], { unique: true })
// A source file is stored once per upload batch, however often it is sent (resumed uploads, parallel retries).
@Index('uq_photos_upload_batch_client_file_key', ['uploadBatchId', 'clientFileKey'], { unique: true })
export class Photo {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_photos' })
  id!: string;

  @ManyToOne(() => RaceEvent, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_photos_event' })
  event?: RaceEvent;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'uploader_id', foreignKeyConstraintName: 'fk_photos_uploader' })
  uploader?: User | null;

  @Index('idx_photos_uploader')
  @Column({ name: 'uploader_id', type: 'uuid', nullable: true })
  uploaderId!: string | null;

  /** Storage key of the untouched original (never served publicly). */
  @Column({ name: 'original_key', type: 'varchar', length: 512 })
  originalKey!: string;

  /** Watermarked web-size derivative; NULL until the derivatives stage has run. */
  @Column({ name: 'web_key', type: 'varchar', length: 512, nullable: true })
  webKey!: string | null;

  @Column({ name: 'thumb_key', type: 'varchar', length: 512, nullable: true })
  thumbKey!: string | null;

  @Column({ name: 'original_filename', type: 'varchar', length: 255 })
  originalFilename!: string;

  @Column({ name: 'mime_type', type: 'varchar', length: 100 })
  mimeType!: string;

  /** bigint because RAW files can pass 2 GiB; read back as a number (see transformer). */
  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintToNumberTransformer })
  sizeBytes!: number;

  /** NULL until the image has been decoded. */
  @Column({ name: 'width', type: 'integer', nullable: true })
  width!: number | null;

  @Column({ name: 'height', type: 'integer', nullable: true })
  height!: number | null;

  /** From EXIF; NULL when the camera did not record it. */
  @Column({ name: 'taken_at', type: 'timestamptz', nullable: true })
  takenAt!: Date | null;

  /** "Canon EOS R6", from EXIF Make and Model. */
  @Column({ name: 'camera', type: 'varchar', length: 120, nullable: true })
  camera!: string | null;

  /** EXIF orientation (1-8) of the original; width and height above are already upright. */
  @Column({ name: 'exif_orientation', type: 'smallint', nullable: true })
  exifOrientation!: number | null;

  /** sha256 hex of the original bytes. */
  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash!: string;

  /**
   * 64-bit perceptual hash as 16 hex chars. Text rather than bigint: a signed bigint would make half of the hashes
   * negative and the Hamming distance code would have to undo that.
   */
  @Column({ name: 'perceptual_hash', type: 'varchar', length: 16, nullable: true })
  perceptualHash!: string | null;

  @Column({ name: 'blur_score', type: 'real', nullable: true })
  blurScore!: number | null;

  @Column({ name: 'quality_score', type: 'real', nullable: true })
  qualityScore!: number | null;

  @Column({ name: 'is_blurry', type: 'boolean', default: false })
  isBlurry!: boolean;

  /** Near-duplicate (same burst) of another photo; SET NULL so deleting the original keeps this one. */
  @ManyToOne(() => Photo, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'duplicate_of_id', foreignKeyConstraintName: 'fk_photos_duplicate_of' })
  duplicateOf?: Photo | null;

  @Column({ name: 'duplicate_of_id', type: 'uuid', nullable: true })
  duplicateOfId!: string | null;

  /** Hidden by the owner (or automatically when blurry / duplicate): not shown to runners. */
  @Column({ name: 'hidden', type: 'boolean', default: false })
  hidden!: boolean;

  @Column({ name: 'status', type: 'enum', enum: PhotoStatus, enumName: 'photo_status', default: PhotoStatus.UPLOADED })
  status!: PhotoStatus;

  @Column({ name: 'processing_error', type: 'text', nullable: true })
  processingError!: string | null;

  @Column({ name: 'stage_timestamps', type: 'jsonb', default: {} })
  stageTimestamps!: PhotoStageTimestamps;

  /** Set once the processing credit has been taken, so a re-run job never charges twice. */
  @Column({ name: 'credit_charged', type: 'boolean', default: false })
  creditCharged!: boolean;

  /** Which bib reader produced the bibs ('local', 'rekognition'), for quality comparisons. */
  @Column({ name: 'ocr_provider', type: 'varchar', length: 32, nullable: true })
  ocrProvider!: string | null;

  /**
   * What the bib reader saw, before snapping to the start list (boxes in pixels of the upright original). A
   * start-list import snaps the photo again from these without running OCR again. NULL until the bibs stage ran.
   */
  @Column({ name: 'ocr_readings', type: 'jsonb', nullable: true })
  ocrReadings!: BibReading[] | null;

  /** The upload batch the photo came in; NULL for uploads outside a batch (import CLI, older uploads). */
  @ManyToOne(() => UploadBatch, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'upload_batch_id', foreignKeyConstraintName: 'fk_photos_upload_batch' })
  uploadBatch?: UploadBatch | null;

  @Column({ name: 'upload_batch_id', type: 'uuid', nullable: true })
  uploadBatchId!: string | null;

  /** The client's stable id of the source file (e.g. relative path, size, last modified), unique in its batch. */
  @Column({ name: 'client_file_key', type: 'varchar', length: 512, nullable: true })
  clientFileKey!: string | null;

  /** When the photographer accepted or corrected the bibs in triage: the photo leaves the queue. */
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  /** Skipped in triage: still in the queue, behind the photos never skipped. */
  @Column({ name: 'review_skipped_at', type: 'timestamptz', nullable: true })
  reviewSkippedAt!: Date | null;

  /**
   * When the photographer last set the bibs by hand. From then on the bib rows are theirs: OCR runs (reprocess, a
   * start-list re-snap) still refresh ocr_readings but add no bib to the photo.
   */
  @Column({ name: 'bibs_corrected_at', type: 'timestamptz', nullable: true })
  bibsCorrectedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
