import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type LocalPaymentObjectKind = 'payment_intent' | 'account' | 'checkout_session' | 'customer' | 'subscription';

/**
 * What Stripe would hold, for the local test mode (LocalTestGateway): PaymentIntents, Connect accounts, Checkout
 * Sessions, customers and subscriptions, with Stripe-like ids (`pi_local_…`). In PostgreSQL rather than in memory
 * so that an API restart or a second instance keeps them, and so that the unique `idempotency_key` gives the same
 * "same key → same object" guarantee as Stripe, also between concurrent requests. Never holds real money.
 */
@Entity({ name: 'local_payment_objects' })
@Index('idx_local_payment_objects_kind_created', ['kind', 'createdAt'])
export class LocalPaymentObject {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_local_payment_objects' })
  id!: string;

  @Column({ name: 'kind', type: 'varchar', length: 32 })
  kind!: LocalPaymentObjectKind;

  /** Stripe's status word for the kind (requires_payment_method, succeeded, open, complete, active...). */
  @Column({ name: 'status', type: 'varchar', length: 32 })
  status!: string;

  /** The object's fields, shaped like Stripe's (amount, metadata, charges_enabled...). */
  @Column({ name: 'data', type: 'jsonb' })
  data!: Record<string, unknown>;

  @Index('uq_local_payment_objects_idempotency_key', { unique: true })
  @Column({ name: 'idempotency_key', type: 'varchar', length: 255, nullable: true })
  idempotencyKey!: string | null;

  /** Hash of the creating request's parameters: reusing a key with other parameters is refused, as Stripe does. */
  @Column({ name: 'request_fingerprint', type: 'varchar', length: 64, nullable: true })
  requestFingerprint!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
