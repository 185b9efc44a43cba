import { EventDto, PublicEventDto } from '@focus-racer/api-types';
import { RaceEvent } from './entities/event.entity';

/**
 * Until the photos domain lands, covers are served by the media route it will add and the photo count is 0.
 * Both are computed here so the DTO shape does not change when they become real.
 */
export function coverUrlOf(event: RaceEvent): string | null {
  return event.coverKey ? `/api/media/${event.coverKey.split('/').map(encodeURIComponent).join('/')}` : null;
}

export function toPublicEventDto(event: RaceEvent, photoCount = 0): PublicEventDto {
  return {
    id: event.id,
    name: event.name,
    slug: event.slug,
    date: event.date,
    location: event.location,
    sport: event.sport,
    coverUrl: coverUrlOf(event),
    photoCount,
  };
}

export function toEventDto(event: RaceEvent, photoCount = 0): EventDto {
  return {
    ...toPublicEventDto(event, photoCount),
    ownerId: event.ownerId,
    status: event.status,
    watermarkText: event.watermarkText,
    branding: event.branding ?? {},
    priceSettings: event.priceSettings ?? { currency: 'EUR' },
    createdAt: new Date(event.createdAt).toISOString(),
    updatedAt: new Date(event.updatedAt).toISOString(),
  };
}
