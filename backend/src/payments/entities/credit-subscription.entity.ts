import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';

/**
 * A pro's monthly credit subscription, as Stripe last told us (checkout.session.completed, invoice.paid,
 * customer.subscription.updated/deleted). Credits themselves are added per paid invoice in the ledger; this row
 * only says what the pro is subscribed to, for their credits page. Goes with the user on erasure.
 */
@Entity({ name: 'credit_subscriptions' })
@Index('idx_credit_subscriptions_user_updated', ['userId', 'updatedAt'])
export class CreditSubscription {
  /** Stripe's subscription id (`sub_…`). */
  @PrimaryColumn({ name: 'stripe_subscription_id', type: 'varchar', length: 255, primaryKeyConstraintName: 'pk_credit_subscriptions' })
  stripeSubscriptionId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_credit_subscriptions_user' })
  user?: User;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'offer_id', type: 'varchar', length: 40 })
  offerId!: string;

  /** Stripe's status: active, past_due, canceled, incomplete... */
  @Column({ name: 'status', type: 'varchar', length: 32 })
  status!: string;

  @Column({ name: 'current_period_end', type: 'timestamptz', nullable: true })
  currentPeriodEnd!: Date | null;

  @Column({ name: 'cancel_at_period_end', type: 'boolean', default: false })
  cancelAtPeriodEnd!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
