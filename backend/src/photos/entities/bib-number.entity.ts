import { BibSource } from '@focus-racer/api-types';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RaceEvent } from '../../events/entities/event.entity';
import { Photo } from './photo.entity';
import { BoundingBox } from './bounding-box';

/**
 * A bib number seen on a photo (read by OCR, propagated from another photo through a matching face, or typed by
 * the photographer). Lives beside Photo because it is what a runner searches photos by; the pipeline writes it.
 */
@Entity({ name: 'bib_numbers' })
// The runner's search: "photos of bib 1234 in this event". event_id is denormalised so this needs no join.
@Index('idx_bib_numbers_event_number', ['eventId', 'number'])
// One row per (photo, number): a re-run stage upserts instead of duplicating.
@Index('uq_bib_numbers_photo_number', ['photoId', 'number'], { unique: true })
export class BibNumber {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_bib_numbers' })
  id!: string;

  @ManyToOne(() => Photo, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'photo_id', foreignKeyConstraintName: 'fk_bib_numbers_photo' })
  photo?: Photo;

  @Column({ name: 'photo_id', type: 'uuid' })
  photoId!: string;

  @ManyToOne(() => RaceEvent, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_bib_numbers_event' })
  event?: RaceEvent;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** Text: bibs may have leading zeros or letters ("A012"). */
  @Column({ name: 'number', type: 'varchar', length: 12 })
  number!: string;

  /** 0..1. */
  @Column({ name: 'confidence', type: 'real' })
  confidence!: number;

  @Column({ name: 'box', type: 'jsonb', nullable: true })
  box!: BoundingBox | null;

  @Column({ name: 'source', type: 'enum', enum: BibSource, enumName: 'bib_source' })
  source!: BibSource;

  /** Face similarity (0..1) for FACE_LINK rows. */
  @Column({ name: 'similarity', type: 'real', nullable: true })
  similarity!: number | null;

  /** For FACE_LINK rows: the photo whose OCR'd bib was carried over. SET NULL if that photo goes. */
  @ManyToOne(() => Photo, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'linked_from_photo_id', foreignKeyConstraintName: 'fk_bib_numbers_linked_from_photo' })
  linkedFromPhoto?: Photo | null;

  @Column({ name: 'linked_from_photo_id', type: 'uuid', nullable: true })
  linkedFromPhotoId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
