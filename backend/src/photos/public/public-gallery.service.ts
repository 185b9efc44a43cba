import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CursorPage, EventStatus, FavoritePhotoDto, PublicPhotoDto } from '@focus-racer/api-types';
import { isUUID } from 'class-validator';
import { In, Repository } from 'typeorm';
import { EventsService } from '../../events/events.service';
import { Photo } from '../entities/photo.entity';
import { PHOTO_NOT_FOUND_MESSAGE } from '../photos.service';
import { uploadOrderPage } from '../upload-order-page';
import { toFavoritePhotoDto, toPublicPhotoDto, whereVisible } from './public-photo';

export const GALLERY_PAGE_SIZE = 100;

/** The public gallery of a published event and single public photos (viewer share links, favorites). */
@Injectable()
export class PublicGalleryService {
  constructor(
    @InjectRepository(Photo) private readonly photos: Repository<Photo>,
    private readonly events: EventsService,
  ) {}

  /** Visible photos in upload order, GALLERY_PAGE_SIZE at a time (see uploadOrderPage). */
  async gallery(slug: string, cursor?: string, limit = GALLERY_PAGE_SIZE): Promise<CursorPage<PublicPhotoDto>> {
    const event = await this.events.findPublishedBySlug(slug);
    const query = whereVisible(this.photos.createQueryBuilder('photo').where('photo.event_id = :eventId', { eventId: event.id }));
    return uploadOrderPage(query, cursor, limit, toPublicPhotoDto);
  }

  async photo(photoId: string): Promise<FavoritePhotoDto> {
    const [photo] = await this.lookup([photoId]);
    if (!photo) throw new NotFoundException(PHOTO_NOT_FOUND_MESSAGE);
    return photo;
  }

  /** Public photos by id, in the order asked; ids that are unknown, hidden or of an unpublished event are left out. */
  async lookup(photoIds: readonly string[]): Promise<FavoritePhotoDto[]> {
    const ids = [...new Set(photoIds.filter((id) => isUUID(id)))];
    if (ids.length === 0) return [];
    const rows = await whereVisible(
      this.photos
        .createQueryBuilder('photo')
        .innerJoinAndSelect('photo.event', 'event')
        .where({ id: In(ids) })
        .andWhere('event.status = :published', { published: EventStatus.PUBLISHED }),
    ).getMany();
    const byId = new Map(rows.map((row) => [row.id, toFavoritePhotoDto(row as Photo & { event: { slug: string; name: string } })]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
}
