import { signal } from '@angular/core';
import { EventDto, EventStatus, Role, UserDto } from '@focus-racer/api-types';
import { AuthService } from '@focus-racer/ui';

/** Test doubles for the event pages' specs (not used by the app). */
export const EVENT_ID = '0b9f3f5e-0000-4000-8000-0000000000e1';

export function eventDto(overrides: Partial<EventDto> = {}): EventDto {
  return {
    id: EVENT_ID,
    ownerId: 'me',
    access: 'owner',
    name: 'Semi-marathon de Bordeaux',
    slug: 'semi-marathon-de-bordeaux-2026',
    date: '2026-03-22',
    location: 'Bordeaux',
    sport: 'running',
    status: EventStatus.DRAFT,
    publicUrl: 'http://localhost:4300/events/semi-marathon-de-bordeaux-2026',
    coverUrl: null,
    hasCover: false,
    watermarkText: null,
    branding: { watermarkText: null, watermarkOpacity: 0.45, watermarkPosition: 'tiled', logoUrl: null },
    priceSettings: { currency: 'EUR' },
    photoCount: 12,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** An AuthService that only says who is signed in. */
export function authAs(role: Role) {
  const user: UserDto = {
    id: 'me',
    email: `${role.toLowerCase()}@demo.focusracer.local`,
    displayName: 'Léa',
    role,
    stripeOnboarded: false,
    creditBalance: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  return { provide: AuthService, useValue: { user: signal(user) } };
}

/** Text of an element, spaces folded. */
export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
