import { CreditReason } from '@focus-racer/api-types';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Photo } from '../../photos/entities/photo.entity';
import { User } from '../../users/entities/user.entity';

/**
 * Append-only ledger of a pro's processing credits; User.creditBalance is its running total and every row records
 * the balance right after it, so a drift is easy to spot. Credits are not money (no invoice hangs off a row; credit
 * purchases are invoiced through Stripe), so the ledger goes with the user on erasure (CASCADE).
 */
@Entity({ name: 'credit_transactions' })
@Index('idx_credit_transactions_user_created', ['userId', 'createdAt'])
// A Stripe payment or invoice credits once, whatever the webhook deliveries: the database refuses a second line.
@Index('uq_credit_transactions_order_ref', ['orderRef'], { unique: true, where: `"reason" IN ('purchase', 'subscription')` })
export class CreditTransaction {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_credit_transactions' })
  id!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_credit_transactions_user' })
  user?: User;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** Positive for credits added, negative for credits spent. */
  @Column({ name: 'delta', type: 'integer' })
  delta!: number;

  @Column({ name: 'balance_after', type: 'integer' })
  balanceAfter!: number;

  @Column({ name: 'reason', type: 'enum', enum: CreditReason, enumName: 'credit_reason' })
  reason!: CreditReason;

  /** The photo whose processing spent the credit; SET NULL when the photo is deleted (the charge stays). */
  @ManyToOne(() => Photo, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'photo_id', foreignKeyConstraintName: 'fk_credit_transactions_photo' })
  photo?: Photo | null;

  @Index('idx_credit_transactions_photo')
  @Column({ name: 'photo_id', type: 'uuid', nullable: true })
  photoId!: string | null;

  /** Stripe payment / invoice id for purchases and subscriptions. */
  @Column({ name: 'order_ref', type: 'varchar', length: 255, nullable: true })
  orderRef!: string | null;

  @Column({ name: 'note', type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
