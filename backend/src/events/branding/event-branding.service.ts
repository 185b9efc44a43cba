import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { BRANDING_LOGO_MAX_BYTES, UpdateEventBrandingResponse } from '@focus-racer/api-types';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import sharp from 'sharp';
import { Repository } from 'typeorm';
import { EventWatermarks } from '../../ai-pipeline/event-watermarks.service';
import { decodeWebPixels, watermarkedWebJpeg, WebPixels } from '../../ai-pipeline/imaging/derivatives';
import { decodeOptions } from '../../ai-pipeline/imaging/inspect-image';
import { readSingleImage } from '../../common/uploads/single-image-upload';
import { UploadConfig } from '../../config/upload.config';
import { OBJECT_STORAGE, ObjectStorage } from '../../storage/object-storage';
import { storageKeys } from '../../storage/storage-keys';
import { BrandingPreviewBody, UpdateBrandingBody } from '../dto/branding.dto';
import { RaceEvent, StoredEventBranding } from '../entities/event.entity';
import { EventMediaService } from '../event-media.service';
import { EventsService } from '../events.service';
import { neutralSamplePixels } from './branding-sample';

/** Logos are drawn at most about 150 px wide; 512 px keeps them sharp and the watermark SVG small. */
const LOGO_LONG_EDGE = 512;
/** Photos decoded for previews kept in memory (about 5 MB each): an organizer tries several settings in a row. */
const SAMPLE_CACHE_SIZE = 4;

/**
 * How an event's public copies are marked: watermark text, opacity, position and logo; a preview drawn by the very
 * code of the derivatives stage; and, once saved, the event's photos re-rendered (their derivatives only).
 */
@Injectable()
export class EventBrandingService {
  private readonly samples = new Map<string, Promise<WebPixels>>();

  constructor(
    @InjectRepository(RaceEvent) private readonly events: Repository<RaceEvent>,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly eventsService: EventsService,
    private readonly media: EventMediaService,
    private readonly watermarks: EventWatermarks,
    private readonly uploadConfig: UploadConfig,
  ) {}

  /** Saves the fields given; when the result differs from what the photos carry, re-renders them. */
  async update(event: RaceEvent, body: UpdateBrandingBody): Promise<UpdateEventBrandingResponse> {
    const changed = await this.events.manager.transaction(async (manager) => {
      const current = await manager.findOne(RaceEvent, { where: { id: event.id }, lock: { mode: 'pessimistic_write' } });
      if (!current) return false;
      const before = EventWatermarks.fingerprint(current);
      const watermarkText = body.watermarkText === undefined ? current.watermarkText : body.watermarkText || null;
      const branding: StoredEventBranding = {
        ...current.branding,
        ...(body.watermarkOpacity !== undefined ? { watermarkOpacity: body.watermarkOpacity } : {}),
        ...(body.watermarkPosition !== undefined ? { watermarkPosition: body.watermarkPosition } : {}),
      };
      await manager.update(RaceEvent, { id: event.id }, { watermarkText, branding });
      return EventWatermarks.fingerprint({ watermarkText, branding }) !== before;
    });
    return this.afterChange(event.id, changed);
  }

  /** A PNG or JPEG (no SVG: it could carry scripts and is drawn inside our own SVG), stored as a PNG of at most 512 px. */
  async replaceLogo(event: RaceEvent, request: IncomingMessage): Promise<UpdateEventBrandingResponse> {
    const upload = await readSingleImage(request, {
      maxBytes: BRANDING_LOGO_MAX_BYTES,
      maxMegapixels: this.uploadConfig.maxMegapixels,
      accept: ['png', 'jpeg'],
      acceptSentence: 'a PNG or JPEG image',
      what: 'The logo',
    });
    const logo = await sharp(upload.bytes, decodeOptions(this.uploadConfig))
      .autoOrient()
      .resize(LOGO_LONG_EDGE, LOGO_LONG_EDGE, { fit: 'inside', withoutEnlargement: true })
      .png()
      .toBuffer();
    const key = storageKeys.eventLogo(event.id, randomUUID());
    await this.storage.putBuffer(key, logo, 'image/png');
    await this.media.switchKey(key, () => this.setLogoKey(event.id, key));
    return this.afterChange(event.id, true);
  }

  async removeLogo(event: RaceEvent): Promise<UpdateEventBrandingResponse> {
    let had = false;
    await this.media.switchKey(null, async () => {
      const replaced = await this.setLogoKey(event.id, null);
      had = Boolean(replaced);
      return replaced;
    });
    return this.afterChange(event.id, had);
  }

  /**
   * The web JPEG the derivatives stage would make, with the branding tried: of the event's first processed photo,
   * or of a neutral scene while it has none. Same decoding, same watermark, same encoder (watermarkedWebJpeg).
   */
  async preview(event: RaceEvent, body: BrandingPreviewBody): Promise<Buffer> {
    const watermark = await this.watermarks.forEvent(event, body);
    return watermarkedWebJpeg(await this.samplePixels(event.id), watermark);
  }

  private async samplePixels(eventId: string): Promise<WebPixels> {
    const rows: Array<{ id: string; original_key: string }> = await this.events.query(
      `SELECT id, original_key FROM photos WHERE event_id = $1 AND status = 'processed' AND hidden = false
       ORDER BY created_at, id LIMIT 1`,
      [eventId],
    );
    const photo = rows[0];
    const cacheKey = photo ? photo.id : '';
    let sample = this.samples.get(cacheKey);
    if (sample) {
      this.samples.delete(cacheKey);
    } else {
      sample = photo
        ? this.storage.getBuffer(photo.original_key).then((original) => decodeWebPixels(original, { maxMegapixels: this.uploadConfig.maxMegapixels }))
        : neutralSamplePixels();
      sample.catch(() => this.samples.delete(cacheKey));
    }
    this.samples.set(cacheKey, sample);
    while (this.samples.size > SAMPLE_CACHE_SIZE) this.samples.delete(this.samples.keys().next().value as string);
    return sample;
  }

  private setLogoKey(eventId: string, key: string | null): Promise<string | null | undefined> {
    return this.events.manager.transaction(async (manager) => {
      const current = await manager.findOne(RaceEvent, { where: { id: eventId }, lock: { mode: 'pessimistic_write' } });
      if (!current) return undefined;
      const { logoKey: replaced, ...rest } = current.branding ?? {};
      await manager.update(RaceEvent, { id: eventId }, { branding: key ? { ...rest, logoKey: key } : rest });
      return replaced ?? null;
    });
  }

  private async afterChange(eventId: string, changed: boolean): Promise<UpdateEventBrandingResponse> {
    const derivativesQueued = changed ? await this.eventsService.rerenderPhotos(eventId) : 0;
    return { event: await this.eventsService.toDto(await this.events.findOneByOrFail({ id: eventId })), derivativesQueued };
  }
}
