import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EVENT_COVER_MAX_BYTES } from '@focus-racer/api-types';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import sharp from 'sharp';
import { Repository } from 'typeorm';
import { decodeOptions } from '../ai-pipeline/imaging/inspect-image';
import { readSingleImage } from '../common/uploads/single-image-upload';
import { UploadConfig } from '../config/upload.config';
import { OBJECT_STORAGE, ObjectStorage } from '../storage/object-storage';
import { storageKeys } from '../storage/storage-keys';
import { RaceEvent } from './entities/event.entity';

/** Covers are shown at most this wide (event page header, social previews). */
const COVER_WIDTH = 1600;

/**
 * The event's own images: its cover (and, for EventBrandingService, its logo). Each upload is stored under a new
 * key, the row is switched to it in one statement that also returns the key it replaced, and only then is the old
 * object deleted: a failure at any step leaves the event with a whole image, old or new.
 */
@Injectable()
export class EventMediaService {
  private readonly logger = new Logger(EventMediaService.name);

  constructor(
    @InjectRepository(RaceEvent) private readonly events: Repository<RaceEvent>,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly uploadConfig: UploadConfig,
  ) {}

  /** Reads, checks and stores the cover: upright, 1600 px wide at most, JPEG (what social networks read best). */
  async replaceCover(event: RaceEvent, request: IncomingMessage): Promise<void> {
    const upload = await readSingleImage(request, {
      maxBytes: EVENT_COVER_MAX_BYTES,
      maxMegapixels: this.uploadConfig.maxMegapixels,
      accept: ['jpeg', 'png', 'webp'],
      acceptSentence: 'a JPEG, PNG or WebP image',
      what: 'The cover',
    });
    const cover = await sharp(upload.bytes, decodeOptions(this.uploadConfig))
      .autoOrient()
      .flatten({ background: '#ffffff' })
      .resize({ width: COVER_WIDTH, withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
    const key = storageKeys.eventCover(event.id, randomUUID());
    await this.storage.putBuffer(key, cover, 'image/jpeg');
    await this.switchKey(key, () => this.setCover(event.id, key));
  }

  async removeCover(event: RaceEvent): Promise<void> {
    await this.switchKey(null, () => this.setCover(event.id, null));
  }

  /**
   * Runs `update` (which returns the key it replaced, undefined when the event is gone) and deletes the object no
   * longer used: the replaced one on success, the new one when the event vanished or the update failed.
   */
  async switchKey(newKey: string | null, update: () => Promise<string | null | undefined>): Promise<void> {
    let replaced: string | null | undefined;
    try {
      replaced = await update();
    } catch (error) {
      if (newKey) await this.deleteQuietly(newKey);
      throw error;
    }
    if (replaced === undefined) {
      if (newKey) await this.deleteQuietly(newKey);
      return;
    }
    if (replaced && replaced !== newKey) await this.deleteQuietly(replaced);
  }

  private setCover(eventId: string, key: string | null): Promise<string | null | undefined> {
    return this.events.manager.transaction(async (manager) => {
      const event = await manager.findOne(RaceEvent, { where: { id: eventId }, lock: { mode: 'pessimistic_write' } });
      if (!event) return undefined;
      await manager.update(RaceEvent, { id: eventId }, { coverKey: key });
      return event.coverKey;
    });
  }

  /** An object left behind costs a little storage; failing the request after the change was saved would mislead. */
  private async deleteQuietly(key: string): Promise<void> {
    await this.storage.delete(key).catch((error: unknown) => this.logger.warn(`Could not delete ${key}: ${String(error)}`));
  }
}
