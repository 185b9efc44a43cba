import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';

/**
 * The platform's fees, as an admin set them (one row, id 1). Absent until first read: PaymentSettingsService seeds
 * it from the configured defaults. The CHECKs repeat the API's limits so no other writer can store a fee the
 * checkout would refuse.
 */
@Entity({ name: 'payment_settings' })
@Check('chk_payment_settings_single_row', '"id" = 1')
@Check('chk_payment_settings_service_fee_cents', '"service_fee_cents" >= 0 AND "service_fee_cents" <= 10000')
@Check('chk_payment_settings_commission_bps', '"commission_bps" >= 0 AND "commission_bps" <= 5000')
export class PaymentSettings {
  @PrimaryColumn({ name: 'id', type: 'smallint', primaryKeyConstraintName: 'pk_payment_settings' })
  id!: number;

  @Column({ name: 'service_fee_cents', type: 'integer' })
  serviceFeeCents!: number;

  /** Basis points of the photos' subtotal (1 % = 100). */
  @Column({ name: 'commission_bps', type: 'integer' })
  commissionBps!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** The admin who last changed them; NULL for the seeded defaults and after that admin's erasure. */
  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'fk_payment_settings_updated_by' })
  updater?: User | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;
}
