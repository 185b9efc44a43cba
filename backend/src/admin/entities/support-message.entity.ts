import { SupportMessageStatus } from '@focus-racer/api-types';
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
import { User } from '../../users/entities/user.entity';

/**
 * A message to the support team, answered from the admin console (hence it lives in admin/). Visitors without an
 * account can write too, so `user` is optional; on erasure the message loses its user link (SET NULL) and the
 * erasure job deletes messages matching the email.
 */
@Entity({ name: 'support_messages' })
@Index('idx_support_messages_status_created', ['status', 'createdAt'])
export class SupportMessage {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_support_messages' })
  id!: string;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_support_messages_user' })
  user?: User | null;

  @Index('idx_support_messages_user')
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ name: 'email', type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'subject', type: 'varchar', length: 200 })
  subject!: string;

  @Column({ name: 'body', type: 'text' })
  body!: string;

  @Column({
    name: 'status',
    type: 'enum',
    enum: SupportMessageStatus,
    enumName: 'support_message_status',
    default: SupportMessageStatus.OPEN,
  })
  status!: SupportMessageStatus;

  @Column({ name: 'admin_reply', type: 'text', nullable: true })
  adminReply!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
