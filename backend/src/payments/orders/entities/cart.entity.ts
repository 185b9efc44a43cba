import type { CartItemInput } from '@focus-racer/api-types';
import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../../../users/entities/user.entity';

/**
 * A signed-in runner's cart, so it follows them from phone to laptop. Items only, never prices: the cart is priced
 * again at every quote. One row per user, replaced whole by `PUT /api/me/cart`; goes with the account (CASCADE).
 */
@Entity({ name: 'carts' })
export class Cart {
  @PrimaryColumn('uuid', { name: 'user_id', primaryKeyConstraintName: 'pk_carts' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_carts_user' })
  user?: User;

  /** Validated CartItemInput values (see CartItemBody). */
  @Column({ name: 'items', type: 'jsonb', default: [] })
  items!: CartItemInput[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
