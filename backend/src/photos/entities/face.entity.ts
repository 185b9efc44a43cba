import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RaceEvent } from '../../events/entities/event.entity';
import { Photo } from './photo.entity';
import { BoundingBox } from './bounding-box';

/**
 * A face detected on a photo, with its embedding for "find me by selfie" and bib propagation.
 * Biometric data: deleted with the photo (CASCADE) and therefore with the event.
 */
@Entity({ name: 'faces' })
@Index('idx_faces_event', ['eventId'])
@Index('idx_faces_photo', ['photoId'])
export class Face {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_faces' })
  id!: string;

  @ManyToOne(() => Photo, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'photo_id', foreignKeyConstraintName: 'fk_faces_photo' })
  photo?: Photo;

  @Column({ name: 'photo_id', type: 'uuid' })
  photoId!: string;

  /** Denormalised: face search is always within one event. */
  @ManyToOne(() => RaceEvent, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_faces_event' })
  event?: RaceEvent;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'box', type: 'jsonb' })
  box!: BoundingBox;

  /**
   * L2-normalised embedding. real[] keeps this migration free of extensions; a later migration may move it to
   * pgvector with an ANN index. NULL when faces are handled by Rekognition (externalFaceId instead).
   */
  @Column({ name: 'embedding', type: 'real', array: true, nullable: true })
  embedding!: number[] | null;

  @Column({ name: 'quality', type: 'real' })
  quality!: number;

  /** Rekognition FaceId when the cloud provider indexed this face. */
  @Column({ name: 'external_face_id', type: 'varchar', length: 64, nullable: true })
  externalFaceId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
