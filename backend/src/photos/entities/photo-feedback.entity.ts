import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { Photo } from './photo.entity';

export type PhotoFeedbackVerdict = 'me' | 'not-me';

/**
 * A runner's "this is me / not me" on a search result. Keyed by the account when logged in, otherwise by the
 * anonymous id the public site keeps on the device. A "not me" hides the photo from that viewer's results and
 * lowers the weight of the photo's bib links for everyone (see photo-search.service.ts).
 */
@Entity({ name: 'photo_feedback' })
// One verdict per viewer, photo and bib: answering again replaces it.
@Index('uq_photo_feedback_viewer_photo_bib', ['viewerKey', 'photoId', 'bib'], { unique: true })
@Index('idx_photo_feedback_photo', ['photoId'])
export class PhotoFeedback {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_photo_feedback' })
  id!: string;

  @ManyToOne(() => Photo, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'photo_id', foreignKeyConstraintName: 'fk_photo_feedback_photo' })
  photo?: Photo;

  @Column({ name: 'photo_id', type: 'uuid' })
  photoId!: string;

  /** `user:<uuid>` or `device:<anonymous id>`: one column so both kinds share the unique index. */
  @Column({ name: 'viewer_key', type: 'varchar', length: 80 })
  viewerKey!: string;

  /** Personal data of a runner: erased with the account. */
  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_photo_feedback_user' })
  user?: User | null;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  /** The bib the runner searched for; '' when the search was by selfie (unique indexes and NULL do not mix). */
  @Column({ name: 'bib', type: 'varchar', length: 12, default: '' })
  bib!: string;

  @Column({ name: 'verdict', type: 'varchar', length: 8 })
  verdict!: PhotoFeedbackVerdict;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
