import { MarketplaceListingStatus } from '@focus-racer/api-types';
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
import { RaceEvent } from '../../events/entities/event.entity';
import { User } from '../../users/entities/user.entity';

/**
 * An organiser looking for photographers for a race. Deleted with its owner (CASCADE); if the linked event is
 * deleted the listing stays, as its text still describes the job (SET NULL).
 */
@Entity({ name: 'marketplace_listings' })
@Index('idx_marketplace_listings_status_date', ['status', 'date'])
@Check('chk_marketplace_listings_budget_cents', '"budget_cents" IS NULL OR "budget_cents" >= 0')
export class MarketplaceListing {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_marketplace_listings' })
  id!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_marketplace_listings_owner' })
  owner?: User;

  @Index('idx_marketplace_listings_owner')
  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => RaceEvent, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_marketplace_listings_event' })
  event?: RaceEvent | null;

  @Index('idx_marketplace_listings_event')
  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId!: string | null;

  @Column({ name: 'title', type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'description', type: 'text' })
  description!: string;

  @Column({ name: 'location', type: 'varchar', length: 200 })
  location!: string;

  /** Day of the race ('YYYY-MM-DD'). */
  @Column({ name: 'date', type: 'date' })
  date!: string;

  @Column({ name: 'budget_cents', type: 'integer', nullable: true })
  budgetCents!: number | null;

  @Column({ name: 'currency', type: 'char', length: 3, default: 'EUR' })
  currency!: string;

  @Column({
    name: 'status',
    type: 'enum',
    enum: MarketplaceListingStatus,
    enumName: 'marketplace_listing_status',
    default: MarketplaceListingStatus.OPEN,
  })
  status!: MarketplaceListingStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
