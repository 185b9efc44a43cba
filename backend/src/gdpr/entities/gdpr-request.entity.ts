import { GdprRequestStatus, GdprRequestType } from '@focus-racer/api-types';
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
 * A data-subject request (access, erasure, rectification). Also accepted from people without an account
 * (a runner who only appears on photos), hence `user` is optional. The request outlives an erasure of its user
 * (SET NULL) because the controller must be able to show it was handled; the erasure job then blanks `email`,
 * and the audit log keeps only its hash.
 */
@Entity({ name: 'gdpr_requests' })
@Index('idx_gdpr_requests_status_created', ['status', 'createdAt'])
export class GdprRequest {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_gdpr_requests' })
  id!: string;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_gdpr_requests_user' })
  user?: User | null;

  @Index('idx_gdpr_requests_user')
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  /** NULL once an erasure has completed. */
  @Column({ name: 'email', type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ name: 'type', type: 'enum', enum: GdprRequestType, enumName: 'gdpr_request_type' })
  type!: GdprRequestType;

  @Column({
    name: 'status',
    type: 'enum',
    enum: GdprRequestStatus,
    enumName: 'gdpr_request_status',
    default: GdprRequestStatus.RECEIVED,
  })
  status!: GdprRequestStatus;

  /** What the person asked, in their words (rectification details, bib number, photo links). */
  @Column({ name: 'details', type: 'text', nullable: true })
  details!: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
