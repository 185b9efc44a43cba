import { Inject, Injectable, Logger } from '@nestjs/common';
import { WATERMARK_OPACITY_DEFAULT, WATERMARK_POSITION_DEFAULT, WatermarkPosition } from '@focus-racer/api-types';
import { PipelineConfig } from '../config/pipeline.config';
import { RaceEvent } from '../events/entities/event.entity';
import { OBJECT_STORAGE, ObjectNotFoundError, ObjectStorage } from '../storage/object-storage';
import { WatermarkOptions } from './imaging/watermark';

/** Branding fields to try instead of the saved ones (the branding preview); undefined keeps the saved value. */
export interface WatermarkOverrides {
  watermarkText?: string | null;
  watermarkOpacity?: number;
  watermarkPosition?: WatermarkPosition;
  /** false: without the saved logo. */
  withLogo?: boolean;
}

/** Logos kept in memory: a few events are processed at once, and a logo is a few kilobytes. */
const LOGO_CACHE_SIZE = 16;

/**
 * An event's branding as the watermark drawn on its public copies. The derivatives stage and the branding preview
 * both ask here, so the preview shows exactly what the stage will draw.
 */
@Injectable()
export class EventWatermarks {
  private readonly logger = new Logger(EventWatermarks.name);
  // Logo keys carry a fresh id at each upload (EventMediaService), so a cached logo never goes stale.
  private readonly logos = new Map<string, Promise<Buffer>>();

  constructor(
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly pipelineConfig: PipelineConfig,
  ) {}

  async forEvent(event: RaceEvent, overrides: WatermarkOverrides = {}): Promise<WatermarkOptions> {
    const branding = event.branding ?? {};
    const text = overrides.watermarkText !== undefined ? overrides.watermarkText : event.watermarkText;
    const logoKey = overrides.withLogo === false ? undefined : branding.logoKey;
    const logo = logoKey ? await this.logo(logoKey) : undefined;
    return {
      text: text?.trim() || this.pipelineConfig.defaultWatermarkText,
      opacity: overrides.watermarkOpacity ?? branding.watermarkOpacity ?? WATERMARK_OPACITY_DEFAULT,
      position: overrides.watermarkPosition ?? branding.watermarkPosition ?? WATERMARK_POSITION_DEFAULT,
      ...(logo ? { logo } : {}),
    };
  }

  /** What the public copies depend on: when it changes while a copy is drawn, the copy is drawn again. */
  static fingerprint(event: Pick<RaceEvent, 'watermarkText' | 'branding'>): string {
    const branding = event.branding ?? {};
    return JSON.stringify([event.watermarkText, branding.watermarkOpacity ?? null, branding.watermarkPosition ?? null, branding.logoKey ?? null]);
  }

  /** A logo missing from storage is drawn without (and logged): photos must not fail for want of a logo. */
  private async logo(key: string): Promise<Buffer | undefined> {
    try {
      return await this.cachedLogo(key);
    } catch (error) {
      if (!(error instanceof ObjectNotFoundError)) throw error;
      this.logger.warn(`Logo ${key} is missing from storage: watermark drawn without it`);
      return undefined;
    }
  }

  private cachedLogo(key: string): Promise<Buffer> {
    let logo = this.logos.get(key);
    if (logo) {
      this.logos.delete(key);
    } else {
      logo = this.storage.getBuffer(key);
      logo.catch(() => this.logos.delete(key));
    }
    this.logos.set(key, logo);
    while (this.logos.size > LOGO_CACHE_SIZE) this.logos.delete(this.logos.keys().next().value as string);
    return logo;
  }
}
