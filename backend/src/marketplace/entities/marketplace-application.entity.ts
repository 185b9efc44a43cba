import { MarketplaceApplicationStatus } from '@focus-racer/api-types';
import {
  Check,
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
import { MarketplaceListing } from './marketplace-listing.entity';

/** A photographer applying to a listing, once per listing. Goes with the listing or the photographer (CASCADE). */
@Entity({ name: 'marketplace_applications' })
@Index('uq_marketplace_applications_listing_photographer', ['listingId', 'photographerId'], { unique: true })
@Check(
  'chk_marketplace_applications_fee_cents',
  '"proposed_fee_cents" IS NULL OR "proposed_fee_cents" >= 0',
)
export class MarketplaceApplication {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_marketplace_applications' })
  id!: string;

  @ManyToOne(() => MarketplaceListing, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'listing_id', foreignKeyConstraintName: 'fk_marketplace_applications_listing' })
  listing?: MarketplaceListing;

  @Column({ name: 'listing_id', type: 'uuid' })
  listingId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'photographer_id', foreignKeyConstraintName: 'fk_marketplace_applications_photographer' })
  photographer?: User;

  @Index('idx_marketplace_applications_photographer')
  @Column({ name: 'photographer_id', type: 'uuid' })
  photographerId!: string;

  @Column({ name: 'message', type: 'text' })
  message!: string;

  @Column({ name: 'proposed_fee_cents', type: 'integer', nullable: true })
  proposedFeeCents!: number | null;

  @Column({ name: 'currency', type: 'char', length: 3, default: 'EUR' })
  currency!: string;

  @Column({
    name: 'status',
    type: 'enum',
    enum: MarketplaceApplicationStatus,
    enumName: 'marketplace_application_status',
    default: MarketplaceApplicationStatus.PENDING,
  })
  status!: MarketplaceApplicationStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
