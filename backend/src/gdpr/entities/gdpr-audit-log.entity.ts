import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { GdprRequest } from './gdpr-request.entity';

/**
 * Append-only trail of what was done for each GDPR request. It must survive the erasure it records, so it has no
 * foreign key to users at all (actorId is a plain uuid) and identifies the subject by the sha256 of their
 * lower-cased email: enough to answer "was this person's data erased, when?" without keeping the address.
 */
@Entity({ name: 'gdpr_audit_logs' })
@Index('idx_gdpr_audit_logs_subject', ['subjectEmailHash', 'createdAt'])
export class GdprAuditLog {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_gdpr_audit_logs' })
  id!: string;

  @ManyToOne(() => GdprRequest, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_gdpr_audit_logs_request' })
  request?: GdprRequest | null;

  @Index('idx_gdpr_audit_logs_request')
  @Column({ name: 'request_id', type: 'uuid', nullable: true })
  requestId!: string | null;

  /** Admin or system user who acted; NULL for automatic steps. Deliberately not a foreign key. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'subject_email_hash', type: 'char', length: 64 })
  subjectEmailHash!: string;

  /** e.g. 'request.received', 'export.sent', 'user.erased', 'photos.hidden'. */
  @Column({ name: 'action', type: 'varchar', length: 64 })
  action!: string;

  /** Counts and ids, never personal data. */
  @Column({ name: 'details', type: 'jsonb', default: {} })
  details!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
