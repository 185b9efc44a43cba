import { OrderStatus, PaymentMode } from '@focus-racer/api-types';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { RaceEvent } from '../../events/entities/event.entity';
import { User } from '../../users/entities/user.entity';
import { OrderItem } from './order-item.entity';

/**
 * A runner's purchase. Accounting must keep every order for years, so neither erasing the buyer nor deleting the
 * event removes it: `buyer` and `event` are SET NULL (RESTRICT on event would block the GDPR erasure of an
 * organiser, whose events cascade from their account). The erasure job also blanks `buyerEmail`; amounts,
 * status and Stripe ids stay, which is what the accounts need and is not personal data on its own.
 */
@Entity({ name: 'orders' })
@Index('idx_orders_buyer_created', ['buyerId', 'createdAt'])
@Index('idx_orders_event', ['eventId'])
// Sales of an event, newest first.
@Index('idx_orders_event_created', ['eventId', 'createdAt'])
// One open order per cart: a double submit of the same checkout finds the first order instead of making a second.
@Index('uq_orders_open_checkout_key', ['checkoutKey'], { unique: true, where: `"status" IN ('pending', 'failed')` })
@Check(
  'chk_orders_amounts',
  '"subtotal_cents" >= 0 AND "service_fee_cents" >= 0 AND "platform_fee_cents" >= 0 AND "total_cents" >= 0',
)
// The split always adds up, whatever code writes the row.
@Check(
  'chk_orders_split',
  '"total_cents" = "subtotal_cents" + "service_fee_cents" AND "platform_fee_cents" <= "total_cents" AND "amount_refunded_cents" >= 0 AND "amount_refunded_cents" <= "total_cents"',
)
@Check('chk_orders_payment_mode', `"payment_mode" IN ('stripe', 'local-test')`)
export class Order {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_orders' })
  id!: string;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'buyer_id', foreignKeyConstraintName: 'fk_orders_buyer' })
  buyer?: User | null;

  /** NULL for guest checkouts and after the buyer's erasure. */
  @Column({ name: 'buyer_id', type: 'uuid', nullable: true })
  buyerId!: string | null;

  /** Where the download link is sent (guests have no account). Erased on GDPR erasure. */
  @Column({ name: 'buyer_email', type: 'varchar', length: 254, nullable: true })
  buyerEmail!: string | null;

  @ManyToOne(() => RaceEvent, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_orders_event' })
  event?: RaceEvent | null;

  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId!: string | null;

  @Column({ name: 'status', type: 'enum', enum: OrderStatus, enumName: 'order_status', default: OrderStatus.PENDING })
  status!: OrderStatus;

  /** Sum of the items. */
  @Column({ name: 'subtotal_cents', type: 'integer' })
  subtotalCents!: number;

  /** Paid by the runner on top of the subtotal. */
  @Column({ name: 'service_fee_cents', type: 'integer', default: 0 })
  serviceFeeCents!: number;

  /** Kept by the platform out of the total (Stripe application fee); the rest goes to the seller. */
  @Column({ name: 'platform_fee_cents', type: 'integer', default: 0 })
  platformFeeCents!: number;

  @Column({ name: 'total_cents', type: 'integer' })
  totalCents!: number;

  @Column({ name: 'currency', type: 'char', length: 3, default: 'EUR' })
  currency!: string;

  /** Unique: the webhook finds the order by it, and one payment never pays two orders. */
  @Index('uq_orders_stripe_payment_intent', { unique: true })
  @Column({ name: 'stripe_payment_intent_id', type: 'varchar', length: 255, nullable: true })
  stripePaymentIntentId!: string | null;

  @Index('uq_orders_stripe_checkout_session', { unique: true })
  @Column({ name: 'stripe_checkout_session_id', type: 'varchar', length: 255, nullable: true })
  stripeCheckoutSessionId!: string | null;

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt!: Date | null;

  @Column({ name: 'refunded_at', type: 'timestamptz', nullable: true })
  refundedAt!: Date | null;

  /** Stripe, or the local test mode where no money moves (such orders are never real sales). */
  @Column({ name: 'payment_mode', type: 'varchar', length: 16, default: 'stripe' })
  paymentMode!: PaymentMode;

  /** sha256 of buyer + event + items (see checkout-key.ts); unique among pending and failed orders. */
  @Column({ name: 'checkout_key', type: 'char', length: 64, nullable: true })
  checkoutKey!: string | null;

  /** Why the last payment attempt failed, as Stripe words it for the runner. */
  @Column({ name: 'failure_message', type: 'varchar', length: 500, nullable: true })
  failureMessage!: string | null;

  /**
   * Set when a payment reached us that does not match the order (amount or currency): the order is left as it is
   * for a person to look at, never paid automatically.
   */
  @Column({ name: 'review_reason', type: 'varchar', length: 500, nullable: true })
  reviewReason!: string | null;

  /** Refunded so far (partial refunds keep the order paid; a full one makes it refunded). */
  @Column({ name: 'amount_refunded_cents', type: 'integer', default: 0 })
  amountRefundedCents!: number;

  /** Claimed with a conditional UPDATE before the receipt is sent, so replays and races send one email. */
  @Column({ name: 'receipt_sent_at', type: 'timestamptz', nullable: true })
  receiptSentAt!: Date | null;

  /** Signed download links carry this number; bumping it (refund, leak) invalidates every link already sent. */
  @Column({ name: 'download_token_version', type: 'integer', default: 1 })
  downloadTokenVersion!: number;

  @OneToMany(() => OrderItem, (item) => item.order)
  items?: OrderItem[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
