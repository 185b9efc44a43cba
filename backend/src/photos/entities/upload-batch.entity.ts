import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RaceEvent } from '../../events/entities/event.entity';
import { User } from '../../users/entities/user.entity';

/**
 * One upload session of the pro app (a folder, a card): what makes uploads resumable. Each photo of the batch keeps
 * the client's key of its source file, unique within the batch, so a file sent again after a network drop or a
 * closed tab is recognised and neither stored nor charged twice. Deleted with its event; kept (uploader NULL) when
 * the uploader's account goes, like the photos.
 */
@Entity({ name: 'upload_batches' })
// The pro app lists an event's batches newest first.
@Index('idx_upload_batches_event_created', ['eventId', 'createdAt'])
@Check('chk_upload_batches_expected_files', '"expected_files" > 0')
export class UploadBatch {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_upload_batches' })
  id!: string;

  @ManyToOne(() => RaceEvent, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_upload_batches_event' })
  event?: RaceEvent;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'uploader_id', foreignKeyConstraintName: 'fk_upload_batches_uploader' })
  uploader?: User | null;

  @Column({ name: 'uploader_id', type: 'uuid', nullable: true })
  uploaderId!: string | null;

  @Column({ name: 'label', type: 'varchar', length: 200, nullable: true })
  label!: string | null;

  /** What the client announced; the batch counts as uploaded once this many photos are in it. */
  @Column({ name: 'expected_files', type: 'integer' })
  expectedFiles!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Every expected file received, or the client said it sent all it could (some files may have been refused). */
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
