import type { PhotoResolution } from '@focus-racer/api-types';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Photo } from '../../photos/entities/photo.entity';
import { Order } from './order.entity';
import { PricePack } from './price-pack.entity';

/**
 * One line of an order: a photo (or a pack) at the price it was sold for. The price is copied, not read from the
 * pack, so later price changes never rewrite history. Deleted with its order; photo and pack are SET NULL so
 * deleting an event keeps the sales lines.
 */
@Entity({ name: 'order_items' })
@Index('idx_order_items_order', ['orderId'])
@Index('idx_order_items_photo', ['photoId'])
@Check('chk_order_items_unit_price_cents', '"unit_price_cents" >= 0')
export class OrderItem {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_order_items' })
  id!: string;

  @ManyToOne(() => Order, (order) => order.items, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'fk_order_items_order' })
  order?: Order;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @ManyToOne(() => Photo, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'photo_id', foreignKeyConstraintName: 'fk_order_items_photo' })
  photo?: Photo | null;

  @Column({ name: 'photo_id', type: 'uuid', nullable: true })
  photoId!: string | null;

  @ManyToOne(() => PricePack, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'price_pack_id', foreignKeyConstraintName: 'fk_order_items_price_pack' })
  pricePack?: PricePack | null;

  @Column({ name: 'price_pack_id', type: 'uuid', nullable: true })
  pricePackId!: string | null;

  /** HD: the original file; web: the 1600 px copy. */
  @Column({ name: 'resolution', type: 'enum', enum: ['hd', 'web'], enumName: 'photo_resolution', default: 'hd' })
  resolution!: PhotoResolution;

  /** The bib of an all-my-photos purchase (its photos as they were when the order was placed). */
  @Column({ name: 'bib', type: 'varchar', length: 12, nullable: true })
  bib!: string | null;

  /** Line order within the order; also numbers the downloaded files (`<event-slug>-<position>.jpg`). */
  @Column({ name: 'position', type: 'integer', default: 0 })
  position!: number;

  /** This photo's share of its pack's price (shares of one pack add up to the pack's price exactly). */
  @Column({ name: 'unit_price_cents', type: 'integer' })
  unitPriceCents!: number;

  @Column({ name: 'currency', type: 'char', length: 3, default: 'EUR' })
  currency!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
