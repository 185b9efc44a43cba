import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { RaceEvent } from './event.entity';

/**
 * A pro the event owner assigned to the event, who may then upload to it ("owner or assigned pro").
 * Gone when either the event or the photographer is deleted (CASCADE).
 */
@Entity({ name: 'event_photographers' })
@Index('uq_event_photographers_event_photographer', ['eventId', 'photographerId'], { unique: true })
export class EventPhotographer {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_event_photographers' })
  id!: string;

  @ManyToOne(() => RaceEvent, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_event_photographers_event' })
  event?: RaceEvent;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'photographer_id', foreignKeyConstraintName: 'fk_event_photographers_photographer' })
  photographer?: User;

  /** Indexed for "events I am assigned to". */
  @Index('idx_event_photographers_photographer')
  @Column({ name: 'photographer_id', type: 'uuid' })
  photographerId!: string;

  /** The address the invitation was sent to, when it differs from the account's. */
  @Column({ name: 'invited_email', type: 'varchar', length: 254, nullable: true })
  invitedEmail!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
