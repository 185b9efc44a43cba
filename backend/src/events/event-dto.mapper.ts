import {
  EventAccess,
  EventBranding,
  EventDto,
  eventPublicPath,
  PublicEventDto,
  WATERMARK_OPACITY_DEFAULT,
  WATERMARK_POSITION_DEFAULT,
} from '@focus-racer/api-types';
import { RaceEvent } from './entities/event.entity';

/** A storage key as a URL of the photos domain's media route (/api/media/<key>). */
export function mediaUrlOfKey(key: string | null | undefined): string | null {
  return key ? `/api/media/${key.split('/').map(encodeURIComponent).join('/')}` : null;
}

/** Covers are served by the photos domain's media route; without a cover of its own, an event shows its first photo. */
export function coverUrlOf(event: RaceEvent, fallbackKey: string | null = null): string | null {
  return mediaUrlOfKey(event.coverKey ?? fallbackKey);
}

/** What event lists show beside each event, computed in one query for the whole list (EventsService.photoStats). */
export interface EventPhotoStats {
  photoCount: number;
  /** The web version of the event's first photo, when it has no cover of its own. */
  firstWebKey: string | null;
}

/** What the pros' DTO needs besides the row: where the public site lives and what this pro may do. */
export interface EventDtoContext {
  publicWebUrl: string;
  access?: EventAccess;
}

export function toPublicEventDto(event: RaceEvent, stats?: EventPhotoStats): PublicEventDto {
  return {
    id: event.id,
    name: event.name,
    slug: event.slug,
    date: event.date,
    location: event.location,
    sport: event.sport,
    coverUrl: coverUrlOf(event, stats?.firstWebKey ?? null),
    photoCount: stats?.photoCount ?? 0,
  };
}

export function toEventBranding(event: RaceEvent): EventBranding {
  const stored = event.branding ?? {};
  return {
    watermarkText: event.watermarkText,
    watermarkOpacity: stored.watermarkOpacity ?? WATERMARK_OPACITY_DEFAULT,
    watermarkPosition: stored.watermarkPosition ?? WATERMARK_POSITION_DEFAULT,
    logoUrl: mediaUrlOfKey(stored.logoKey),
  };
}

export function toEventDto(event: RaceEvent, context: EventDtoContext, stats?: EventPhotoStats): EventDto {
  return {
    ...toPublicEventDto(event, stats),
    ownerId: event.ownerId,
    access: context.access ?? 'owner',
    status: event.status,
    publicUrl: `${context.publicWebUrl}${eventPublicPath(event.slug)}`,
    hasCover: event.coverKey !== null,
    watermarkText: event.watermarkText,
    branding: toEventBranding(event),
    priceSettings: event.priceSettings ?? { currency: 'EUR' },
    createdAt: new Date(event.createdAt).toISOString(),
    updatedAt: new Date(event.updatedAt).toISOString(),
  };
}
