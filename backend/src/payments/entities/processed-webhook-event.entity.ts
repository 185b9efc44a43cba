import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Stripe delivers webhooks at least once. The handler inserts the event id here in the same transaction as its
 * effect; the unique index makes a second delivery a no-op.
 */
@Entity({ name: 'processed_webhook_events' })
export class ProcessedWebhookEvent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_processed_webhook_events' })
  id!: string;

  @Index('uq_processed_webhook_events_stripe_event', { unique: true })
  @Column({ name: 'stripe_event_id', type: 'varchar', length: 255 })
  stripeEventId!: string;

  @Column({ name: 'type', type: 'varchar', length: 100 })
  type!: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt!: Date;
}
