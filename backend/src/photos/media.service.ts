import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EventStatus } from '@focus-racer/api-types';
import type { Readable } from 'node:stream';
import { Repository } from 'typeorm';
import { RaceEvent } from '../events/entities/event.entity';
import { OBJECT_STORAGE, ObjectNotFoundError, ObjectStorage } from '../storage/object-storage';
import { Photo } from './entities/photo.entity';
import { MediaLinkSigner } from './media-link-signer.service';
import type { MediaSignature } from './media-links';

export const MEDIA_NOT_FOUND_MESSAGE = 'No such image';

/** Only watermarked versions are ever public: `events/{eventId}/{web|thumbs}/{photoId}.{webp|jpg}`. */
const DERIVATIVE_KEY = /^events\/([0-9a-f-]{36})\/(?:web|thumbs)\/([0-9a-f-]{36})\.(?:webp|jpg)$/;

const CONTENT_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', png: 'image/png' };

export interface MediaObject {
  stream: Readable;
  contentType: string;
  size: number;
}

/**
 * Decides which stored objects anyone may download: the web versions and thumbnails of visible photos of
 * published events, events' covers and branding logos; with a pro app signature (MediaLinkSigner), the web versions
 * and thumbnails of any photo, so that a photographer sees a draft event's photos and the hidden ones. Originals
 * (the product sold) never; anything else is answered 404, like a key that does not exist.
 */
@Injectable()
export class MediaService {
  constructor(
    @InjectRepository(Photo) private readonly photos: Repository<Photo>,
    @InjectRepository(RaceEvent) private readonly events: Repository<RaceEvent>,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly mediaLinks: MediaLinkSigner,
  ) {}

  /** `signature`: the `exp` and `sig` of a pro media link, when the request has them. */
  async openPublic(key: string, signature: Partial<MediaSignature> = {}): Promise<MediaObject> {
    const signed = DERIVATIVE_KEY.test(key) && this.mediaLinks.verify(key, signature);
    if (!signed && !(await this.isPublic(key))) throw new NotFoundException(MEDIA_NOT_FOUND_MESSAGE);
    try {
      const info = await this.storage.stat(key);
      if (!info) throw new NotFoundException(MEDIA_NOT_FOUND_MESSAGE);
      const extension = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
      return { stream: await this.storage.getStream(key), contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream', size: info.size };
    } catch (error) {
      if (error instanceof ObjectNotFoundError) throw new NotFoundException(MEDIA_NOT_FOUND_MESSAGE);
      throw error;
    }
  }

  private async isPublic(key: string): Promise<boolean> {
    if (key.includes('/originals/')) return false;
    const derivative = DERIVATIVE_KEY.exec(key);
    if (derivative) {
      const [, eventId, photoId] = derivative;
      return this.photos
        .createQueryBuilder('photo')
        .innerJoin('photo.event', 'event')
        .where('photo.id = :photoId AND photo.event_id = :eventId AND photo.hidden = false AND event.status = :published', {
          photoId,
          eventId,
          published: EventStatus.PUBLISHED,
        })
        .getExists();
    }
    // Covers and logos are stored under a fresh random id at each upload (storageKeys.eventCover/eventLogo), so
    // their keys cannot be guessed: served whatever the event's status, the pro app shows a draft's cover too.
    if (/^events\/[0-9a-f-]{36}\/cover\/[0-9a-f-]{36}\.jpg$/.test(key)) return this.events.existsBy({ coverKey: key });
    if (/^events\/[0-9a-f-]{36}\/branding\/logo-[0-9a-f-]{36}\.png$/.test(key)) {
      return this.events.createQueryBuilder('event').where(`event.branding ->> 'logoKey' = :key`, { key }).getExists();
    }
    // Older covers (seeded demo data) keep the rule they were stored under: public once the event is.
    return this.events.existsBy({ coverKey: key, status: EventStatus.PUBLISHED });
  }
}
