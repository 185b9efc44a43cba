import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { Photo } from './photo.entity';

/** A photo a runner keeps for later (merged from the device on login). Goes with the account or the photo. */
@Entity({ name: 'favorites' })
export class Favorite {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_favorites' })
  userId!: string;

  @PrimaryColumn({ name: 'photo_id', type: 'uuid', primaryKeyConstraintName: 'pk_favorites' })
  photoId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_favorites_user' })
  user?: User;

  @ManyToOne(() => Photo, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'photo_id', foreignKeyConstraintName: 'fk_favorites_photo' })
  photo?: Photo;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
