import { Role } from '@focus-racer/api-types';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { lowerCaseTransformer } from '../../database/transformers';

/**
 * An account of any role. Erasing a user (GDPR) deletes this row: personal data hanging off it cascades away,
 * sales records keep their rows with the link set to NULL (see Order, CreditTransaction, GdprAuditLog).
 */
@Entity({ name: 'users' })
// Guards the unique index against writes that bypass the transformer (raw SQL, another client).
@Check('chk_users_email_lower_case', '"email" = lower("email")')
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_users' })
  id!: string;

  /** Stored lower-cased (transformer + CHECK), so the plain unique index is enough to refuse case variants. */
  @Index('uq_users_email', { unique: true })
  @Column({ name: 'email', type: 'varchar', length: 254, transformer: lowerCaseTransformer })
  email!: string;

  /** argon2id hash. Selectable on purpose: the users service strips it before anything leaves the API. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ name: 'role', type: 'enum', enum: Role, enumName: 'user_role', default: Role.RUNNER })
  role!: Role;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName!: string;

  /** Stripe Connect account of a pro who sells photos; NULL until they start onboarding. Unique: a payout never has two owners. */
  @Index('uq_users_stripe_account', { unique: true })
  @Column({ name: 'stripe_account_id', type: 'varchar', length: 64, nullable: true })
  stripeAccountId!: string | null;

  @Column({ name: 'stripe_onboarded', type: 'boolean', default: false })
  stripeOnboarded!: boolean;

  /** Stripe customer of a pro who bought credits, reused for their next purchases and subscription. */
  @Index('uq_users_stripe_customer', { unique: true })
  @Column({ name: 'stripe_customer_id', type: 'varchar', length: 64, nullable: true })
  stripeCustomerId!: string | null;

  /**
   * Cached sum of the user's CreditTransaction ledger, kept for cheap reads and row-locked updates;
   * the ledger is the source of truth.
   */
  @Column({ name: 'credit_balance', type: 'integer', default: 0 })
  creditBalance!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
