import { EventStatus } from './enums';

export interface EventBranding {
  primaryColor?: string;
  logoKey?: string;
}

export interface EventPriceSettings {
  currency: string;
  /** Service fee the runner pays per order, in cents. */
  serviceFeeCents?: number;
}

export interface EventDto {
  id: string;
  ownerId: string;
  name: string;
  slug: string;
  /** ISO date (YYYY-MM-DD) of the race. */
  date: string;
  location: string;
  sport: string;
  status: EventStatus;
  coverUrl: string | null;
  watermarkText: string | null;
  branding: EventBranding;
  priceSettings: EventPriceSettings;
  photoCount: number;
  createdAt: string;
  updatedAt: string;
}

/** What anyone (no account) sees of a published event. */
export interface PublicEventDto {
  id: string;
  name: string;
  slug: string;
  date: string;
  location: string;
  sport: string;
  coverUrl: string | null;
  photoCount: number;
}

export interface CreateEventRequest {
  name: string;
  date: string;
  location: string;
  sport: string;
  watermarkText?: string;
}

export type UpdateEventRequest = Partial<CreateEventRequest> & { status?: EventStatus };

export const SPORTS = ['running', 'trail', 'triathlon', 'cycling', 'swimming', 'obstacle', 'other'] as const;
