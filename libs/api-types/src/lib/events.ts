import { EventStatus } from './enums';

/** Where the watermark goes on the public copies: a turned pattern over the whole photo, or one mark. */
export type WatermarkPosition = 'tiled' | 'bottom-right' | 'center';
export const WATERMARK_POSITIONS: readonly WatermarkPosition[] = ['tiled', 'bottom-right', 'center'] as const;
export const WATERMARK_TEXT_MAX_LENGTH = 60;
export const WATERMARK_OPACITY_MIN = 0.1;
export const WATERMARK_OPACITY_MAX = 0.8;
/** Readable, yet the runner can still judge the photo. */
export const WATERMARK_OPACITY_DEFAULT = 0.45;
export const WATERMARK_POSITION_DEFAULT: WatermarkPosition = 'tiled';
/** Logo upload (`PUT /api/events/:id/branding/logo`): PNG or JPEG, at most this many bytes. */
export const BRANDING_LOGO_MAX_BYTES = 2 * 1024 * 1024;
/** Cover upload (`PUT /api/events/:id/cover`): JPEG, PNG or WebP, at most this many bytes; stored 1600 px wide. */
export const EVENT_COVER_MAX_BYTES = 15 * 1024 * 1024;

/** How the event's public copies are marked (`GET` in EventDto.branding, `PUT /api/events/:id/branding`). */
export interface EventBranding {
  /** null: the platform's default text is drawn. */
  watermarkText: string | null;
  /** WATERMARK_OPACITY_MIN–MAX. */
  watermarkOpacity: number;
  watermarkPosition: WatermarkPosition;
  /** The uploaded logo, drawn with the text; null when none. */
  logoUrl: string | null;
}

/** `PUT /api/events/:id/branding`: fields left out keep their saved value; watermarkText null or '' → the default text. */
export interface UpdateEventBrandingRequest {
  watermarkText?: string | null;
  watermarkOpacity?: number;
  watermarkPosition?: WatermarkPosition;
}

/**
 * `POST /api/events/:id/branding/preview` (answers image/jpeg): the branding to try, not saved; fields left out
 * take the saved value. withLogo false draws without the saved logo (default: with it, when there is one).
 */
export interface BrandingPreviewRequest extends UpdateEventBrandingRequest {
  withLogo?: boolean;
}

/** Answer of `PUT /api/events/:id/branding` (and of the logo PUT/DELETE): the event, and how many photos are re-rendered. */
export interface UpdateEventBrandingResponse {
  event: EventDto;
  /** Photos whose watermarked copies were queued for re-rendering with the new branding (bibs and faces are kept). */
  derivativesQueued: number;
}

export interface EventPriceSettings {
  currency: string;
  /** Service fee the runner pays per order, in cents. */
  serviceFeeCents?: number;
}

/** What the signed-in pro may do with an event: everything (owner, ADMIN), or upload and see their figures. */
export type EventAccess = 'owner' | 'photographer';

export interface EventDto {
  id: string;
  ownerId: string;
  /** 'photographer' for an event the pro was invited to (listed with their own events by `GET /api/events`). */
  access: EventAccess;
  name: string;
  slug: string;
  /** ISO date (YYYY-MM-DD) of the race. */
  date: string;
  location: string;
  sport: string;
  status: EventStatus;
  /** The event's page for runners (PUBLIC_WEB_URL/events/<slug>): the link and QR code organizers share. Live once published. */
  publicUrl: string;
  /** The uploaded cover, else the first photo's web copy, else null. */
  coverUrl: string | null;
  /** True when the event has a cover of its own (coverUrl is not a photo fallback). */
  hasCover: boolean;
  /** Same as branding.watermarkText (kept for existing clients). */
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

/**
 * `PATCH /api/events/:id`. A status change must follow EVENT_STATUS_TRANSITIONS (else 409 with the reason);
 * publishing needs a name, date and location; back to draft only while nothing was sold.
 */
export type UpdateEventRequest = Partial<CreateEventRequest> & { status?: EventStatus };

/**
 * The lifecycle: a draft is published (public page live), a published event is archived when the race is old
 * (page gone, sales stop, data kept) or brought back to draft while nothing was sold; an archived event can be
 * published again (never back to draft: it may have sold). A draft can be archived (put away unpublished).
 */
export const EVENT_STATUS_TRANSITIONS: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  [EventStatus.DRAFT]: [EventStatus.PUBLISHED, EventStatus.ARCHIVED],
  [EventStatus.PUBLISHED]: [EventStatus.ARCHIVED, EventStatus.DRAFT],
  [EventStatus.ARCHIVED]: [EventStatus.PUBLISHED],
};

export function canChangeEventStatus(from: EventStatus, to: EventStatus): boolean {
  return from === to || EVENT_STATUS_TRANSITIONS[from].includes(to);
}

/** The public page of an event, as built by the API (EventDto.publicUrl) and by the apps. */
export function eventPublicPath(slug: string): string {
  return `/events/${encodeURIComponent(slug)}`;
}

/** A photographer working on an event (organizer space, `GET/POST /api/events/:id/photographers`). */
export type EventPhotographerStatus = 'invited' | 'active';

export interface EventPhotographerDto {
  /** The entry's id (for `DELETE /api/events/:id/photographers/:entryId`). */
  id: string;
  /** null while the invitation waits for the person to register. */
  photographerId: string | null;
  name: string | null;
  email: string;
  /** 'invited': emailed a link to register; 'active': an account that may upload to the event. */
  status: EventPhotographerStatus;
  invitedAt: string;
}

/**
 * `POST /api/events/:id/photographers`. A photographer's account is added at once (and told by email); an unknown
 * address is sent an invitation to register (valid EVENT_INVITATION_TTL_DAYS). 409 for another role's account or an
 * address already on the event.
 */
export interface InvitePhotographerRequest {
  email: string;
}

export const EVENT_INVITATION_TTL_DAYS = 14;

export const SPORTS = ['running', 'trail', 'triathlon', 'cycling', 'swimming', 'obstacle', 'other'] as const;
