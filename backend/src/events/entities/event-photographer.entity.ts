import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { RaceEvent } from './event.entity';

/**
 * A photographer the event owner brought onto the event, who may then upload to it ("owner or assigned pro"):
 * an account at once ('active'), or an address invited to register ('invited': no photographer yet, a token
 * emailed to it). Gone when either the event or the photographer is deleted (CASCADE).
 */
@Entity({ name: 'event_photographers' })
@Index('uq_event_photographers_event_photographer', ['eventId', 'photographerId'], { unique: true })
// One pending invitation per address and event (addresses are stored lower-cased).
@Index('uq_event_photographers_event_invited_email', ['eventId', 'invitedEmail'], { unique: true, where: `"photographer_id" IS NULL` })
@Check('chk_event_photographers_who', `"photographer_id" IS NOT NULL OR "invited_email" IS NOT NULL`)
export class EventPhotographer {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_event_photographers' })
  id!: string;

  @ManyToOne(() => RaceEvent, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_event_photographers_event' })
  event?: RaceEvent;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'photographer_id', foreignKeyConstraintName: 'fk_event_photographers_photographer' })
  photographer?: User | null;

  /** Indexed for "events I am assigned to". Null while the invitation waits for the person to register. */
  @Index('idx_event_photographers_photographer')
  @Column({ name: 'photographer_id', type: 'uuid', nullable: true })
  photographerId!: string | null;

  /** The address the invitation was sent to (lower-cased); it may differ from the account's that accepted it. */
  @Column({ name: 'invited_email', type: 'varchar', length: 254, nullable: true })
  invitedEmail!: string | null;

  /** SHA-256 of the emailed invitation token, while the invitation is pending; never the token itself. */
  @Index('uq_event_photographers_invite_token', { unique: true, where: `"invite_token_hash" IS NOT NULL` })
  @Column({ name: 'invite_token_hash', type: 'char', length: 64, nullable: true })
  inviteTokenHash!: string | null;

  @Column({ name: 'invite_expires_at', type: 'timestamptz', nullable: true })
  inviteExpiresAt!: Date | null;

  /** When the owner added or invited them. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
