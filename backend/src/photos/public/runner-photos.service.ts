import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FavoritePhotoDto, PhotoFeedbackRequest } from '@focus-racer/api-types';
import { Repository } from 'typeorm';
import { Favorite } from '../entities/favorite.entity';
import { PhotoFeedback } from '../entities/photo-feedback.entity';
import { PublicGalleryService } from './public-gallery.service';
import { Viewer, viewerKey } from './photo-search.service';

/** A runner's own marks on photos: "this is me / not me" answers and favorites. */
@Injectable()
export class RunnerPhotosService {
  constructor(
    @InjectRepository(PhotoFeedback) private readonly feedback: Repository<PhotoFeedback>,
    @InjectRepository(Favorite) private readonly favorites: Repository<Favorite>,
    private readonly gallery: PublicGalleryService,
  ) {}

  /** Records (or replaces) the viewer's verdict on a public photo; an answer changes later searches' ranking. */
  async giveFeedback(photoId: string, body: PhotoFeedbackRequest, viewer: Viewer): Promise<void> {
    await this.gallery.photo(photoId); // 404 for a photo the public cannot see
    const key = viewerKey(viewer);
    if (!key) return; // nobody to remember it for: nothing to hide later, and anonymous votes without an id would be spam
    await this.feedback.upsert(
      { photoId, viewerKey: key, userId: viewer.userId ?? null, bib: body.bib ?? '', verdict: body.verdict },
      { conflictPaths: ['viewerKey', 'photoId', 'bib'] },
    );
  }

  /** The runner's favorites, newest first; photos since hidden or unpublished drop out of the list. */
  async listFavorites(userId: string): Promise<FavoritePhotoDto[]> {
    const rows = await this.favorites.find({ where: { userId }, order: { createdAt: 'DESC' }, take: 1000 });
    return this.gallery.lookup(rows.map((row) => row.photoId));
  }

  /** Adds photos (the device's anonymous favorites on login): a merge, never a replacement. */
  async addFavorites(userId: string, photoIds: string[]): Promise<FavoritePhotoDto[]> {
    const visible = await this.gallery.lookup(photoIds);
    if (visible.length > 0) {
      await this.favorites
        .createQueryBuilder()
        .insert()
        .values(visible.map((photo) => ({ userId, photoId: photo.id })))
        .orIgnore()
        .execute();
    }
    return this.listFavorites(userId);
  }

  async removeFavorite(userId: string, photoId: string): Promise<void> {
    await this.favorites.delete({ userId, photoId });
  }
}
