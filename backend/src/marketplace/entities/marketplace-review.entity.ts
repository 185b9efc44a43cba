import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { MarketplaceListing } from './marketplace-listing.entity';

/**
 * A rating one side of a marketplace job gives the other. Personal opinion about a person: deleted when either
 * the reviewer or the reviewee is erased (CASCADE). The listing link is context only (SET NULL).
 */
@Entity({ name: 'marketplace_reviews' })
@Index('idx_marketplace_reviews_reviewee_created', ['revieweeId', 'createdAt'])
// One review per job and direction. (With no listing, PostgreSQL treats NULLs as distinct: not enforced there.)
@Index('uq_marketplace_reviews_listing_reviewer_reviewee', ['listingId', 'reviewerId', 'revieweeId'], { unique: true })
@Check('chk_marketplace_reviews_rating', '"rating" BETWEEN 1 AND 5')
@Check('chk_marketplace_reviews_not_self', '"reviewer_id" <> "reviewee_id"')
export class MarketplaceReview {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_marketplace_reviews' })
  id!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'reviewer_id', foreignKeyConstraintName: 'fk_marketplace_reviews_reviewer' })
  reviewer?: User;

  @Index('idx_marketplace_reviews_reviewer')
  @Column({ name: 'reviewer_id', type: 'uuid' })
  reviewerId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'reviewee_id', foreignKeyConstraintName: 'fk_marketplace_reviews_reviewee' })
  reviewee?: User;

  @Column({ name: 'reviewee_id', type: 'uuid' })
  revieweeId!: string;

  @ManyToOne(() => MarketplaceListing, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'listing_id', foreignKeyConstraintName: 'fk_marketplace_reviews_listing' })
  listing?: MarketplaceListing | null;

  @Column({ name: 'listing_id', type: 'uuid', nullable: true })
  listingId!: string | null;

  @Column({ name: 'rating', type: 'smallint' })
  rating!: number;

  @Column({ name: 'comment', type: 'text', nullable: true })
  comment!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
