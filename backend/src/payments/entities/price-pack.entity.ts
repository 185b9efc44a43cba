import { PricePackKind } from '@focus-racer/api-types';
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

/** One price offered on an event (single photo, pack of N, all my photos...). Deleted with the event. */
@Entity({ name: 'price_packs' })
@Index('idx_price_packs_event_sort', ['eventId', 'sortOrder'])
@Check('chk_price_packs_price_cents', '"price_cents" >= 0')
@Check('chk_price_packs_photo_count', '"photo_count" IS NULL OR "photo_count" > 0')
@Check('chk_price_packs_kind_photo_count', `("kind" = 'pack' AND "photo_count" >= 2) OR ("kind" <> 'pack' AND "photo_count" IS NULL)`)
// One active price per kind (single, web, all my photos) and one active pack per size, so pricing is never ambiguous.
@Index('uq_price_packs_event_kind_active', ['eventId', 'kind'], { unique: true, where: `"active" AND "kind" <> 'pack'` })
@Index('uq_price_packs_event_size_active', ['eventId', 'photoCount'], { unique: true, where: `"active" AND "kind" = 'pack'` })
export class PricePack {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_price_packs' })
  id!: string;

  @ManyToOne(() => RaceEvent, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_price_packs_event' })
  event?: RaceEvent;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'kind', type: 'enum', enum: PricePackKind, enumName: 'price_pack_kind' })
  kind!: PricePackKind;

  @Column({ name: 'name', type: 'varchar', length: 120 })
  name!: string;

  /** Number of photos for PACK; NULL for kinds where it does not apply (single, all my photos). */
  @Column({ name: 'photo_count', type: 'integer', nullable: true })
  photoCount!: number | null;

  @Column({ name: 'price_cents', type: 'integer' })
  priceCents!: number;

  @Column({ name: 'currency', type: 'char', length: 3, default: 'EUR' })
  currency!: string;

  /** Retired packs stay (old order items point at them) but are no longer offered. */
  @Column({ name: 'active', type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'sort_order', type: 'integer', default: 0 })
  sortOrder!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
