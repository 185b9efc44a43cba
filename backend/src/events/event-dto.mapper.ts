import { EventDto, PublicEventDto } from '@focus-racer/api-types';
import { RaceEvent } from './entities/event.entity';

/** Covers are served by the photos domain's media route; without a cover of its own, an event shows its first photo. */
export function coverUrlOf(event: RaceEvent, fallbackKey: string | null = null): string | null {
  const key = event.coverKey ?? fallbackKey;
  return key ? `/api/media/${key.split('/').map(encodeURIComponent).join('/')}` : null;
}

/** What event lists show beside each event, computed in one query for the whole list (EventsService.photoStats). */
export interface EventPhotoStats {
  photoCount: number;
  /** The web version of the event's first photo, when it has no cover of its own. */
  firstWebKey: string | null;
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

export function toEventDto(event: RaceEvent, stats?: EventPhotoStats): EventDto {
  return {
    ...toPublicEventDto(event, stats),
    ownerId: event.ownerId,
    status: event.status,
    watermarkText: event.watermarkText,
    branding: event.branding ?? {},
    priceSettings: event.priceSettings ?? { currency: 'EUR' },
    createdAt: new Date(event.createdAt).toISOString(),
    updatedAt: new Date(event.updatedAt).toISOString(),
  };
}
