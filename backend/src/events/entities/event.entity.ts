import { EventPriceSettings, EventStatus, WatermarkPosition } from '@focus-racer/api-types';
import {
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

/**
 * The branding choices kept in events.branding (the watermark text has its own column). Missing fields take the
 * defaults of api-types (WATERMARK_OPACITY_DEFAULT, WATERMARK_POSITION_DEFAULT); the API shows them as EventBranding.
 */
export interface StoredEventBranding {
  watermarkOpacity?: number;
  watermarkPosition?: WatermarkPosition;
  /** Storage key of the uploaded logo (PNG or JPEG). */
  logoKey?: string;
}

/**
 * A race whose photos are sold. Named RaceEvent so it never clashes with the DOM `Event` type.
 * Owned by a pro; erasing the owner deletes their events and, through CASCADE, the photos in them
 * (orders keep their rows: Order.event is SET NULL).
 */
@Entity({ name: 'events' })
@Index('idx_events_status_date', ['status', 'date'])
export class RaceEvent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_events' })
  id!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_events_owner' })
  owner?: User;

  @Index('idx_events_owner')
  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @Column({ name: 'name', type: 'varchar', length: 200 })
  name!: string;

  /** Public URL key (frontend-public /events/:slug). */
  @Index('uq_events_slug', { unique: true })
  @Column({ name: 'slug', type: 'varchar', length: 220 })
  slug!: string;

  /** Calendar day of the race, no time zone: `pg` returns `date` as a 'YYYY-MM-DD' string. */
  @Column({ name: 'date', type: 'date' })
  date!: string;

  @Column({ name: 'location', type: 'varchar', length: 200 })
  location!: string;

  /** One of SPORTS from api-types; free text in the database so a new sport needs no migration. */
  @Column({ name: 'sport', type: 'varchar', length: 40 })
  sport!: string;

  @Column({ name: 'status', type: 'enum', enum: EventStatus, enumName: 'event_status', default: EventStatus.DRAFT })
  status!: EventStatus;

  /** Storage key of the cover image; the API turns it into a URL. */
  @Column({ name: 'cover_key', type: 'varchar', length: 512, nullable: true })
  coverKey!: string | null;

  @Column({ name: 'watermark_text', type: 'varchar', length: 120, nullable: true })
  watermarkText!: string | null;

  @Column({ name: 'branding', type: 'jsonb', default: {} })
  branding!: StoredEventBranding;

  @Column({ name: 'price_settings', type: 'jsonb', default: { currency: 'EUR' } })
  priceSettings!: EventPriceSettings;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
