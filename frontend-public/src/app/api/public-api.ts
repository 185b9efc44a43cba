import { HttpClient, HttpContext } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  CartItemInput,
  CartQuoteDto,
  CheckoutRequest,
  CheckoutResponse,
  CursorPage,
  EventMetaDto,
  EventPricingDto,
  FavoritePhotoDto,
  FavoritesDto,
  OrderDto,
  OrderSummaryDto,
  PaymentsPublicConfigDto,
  PhotoFeedbackRequest,
  PublicEventDto,
  PublicPhotoDto,
  SearchQuery,
  SearchResponse,
  StoredCartDto,
} from '@focus-racer/api-types';
import { SILENT_ERRORS } from '@focus-racer/ui';
import { Observable } from 'rxjs';

/** The public race list's filters, as `GET /api/public/events` takes them. */
export interface PublicEventsFilter {
  q?: string;
  from?: string;
  to?: string;
}

/** One gallery page: the API's cursor pagination, 100 photos a page. */
export const GALLERY_PAGE_SIZE = 100;

const silent = () => new HttpContext().set(SILENT_ERRORS, true);
const slugPath = (slug: string) => `/api/public/events/${encodeURIComponent(slug)}`;

/**
 * The public site's one client of the API (libs/api-types search.ts, events.ts and commerce.ts list the endpoints).
 * Calls whose failure the page explains in place (search, selfie, feedback, cart quote, checkout, orders) are
 * silent, so the global snack bar stays quiet.
 */
@Injectable({ providedIn: 'root' })
export class PublicApi {
  private readonly http = inject(HttpClient);

  /** Published events, filtered by name or place (`q`) and by race date (`from`, `to`: YYYY-MM-DD, inclusive). */
  events(filter: PublicEventsFilter = {}): Observable<PublicEventDto[]> {
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(filter)) if (value?.trim()) params[key] = value.trim();
    return this.http.get<PublicEventDto[]>('/api/public/events', { params });
  }

  event(slug: string): Observable<PublicEventDto> {
    return this.http.get<PublicEventDto>(slugPath(slug), { context: silent() });
  }

  /** Title, description and OpenGraph image of the event page (the server puts the same in the HTML). */
  eventMeta(slug: string): Observable<EventMetaDto> {
    return this.http.get<EventMetaDto>(`${slugPath(slug)}/meta`, { context: silent() });
  }

  gallery(slug: string, cursor: string | null): Observable<CursorPage<PublicPhotoDto>> {
    const params: Record<string, string | number> = { limit: GALLERY_PAGE_SIZE };
    if (cursor) params['cursor'] = cursor;
    return this.http.get<CursorPage<PublicPhotoDto>>(`${slugPath(slug)}/photos`, { params });
  }

  search(slug: string, query: SearchQuery): Observable<SearchResponse> {
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(query)) if (value) params[key] = value;
    return this.http.get<SearchResponse>(`${slugPath(slug)}/search`, { params, context: silent() });
  }

  /** The selfie goes up as multipart with the runner's explicit consent; the API keeps it in memory only. */
  searchBySelfie(slug: string, selfie: Blob, viewer: string | null): Observable<SearchResponse> {
    const body = new FormData();
    body.append('consent', 'true');
    body.append('selfie', selfie, 'selfie.jpg');
    return this.http.post<SearchResponse>(`${slugPath(slug)}/search/selfie`, body, {
      params: viewer ? { viewer } : {},
      context: silent(),
    });
  }

  photo(id: string): Observable<FavoritePhotoDto> {
    return this.http.get<FavoritePhotoDto>(`/api/public/photos/${encodeURIComponent(id)}`, { context: silent() });
  }

  /** Photos of anonymous favorites; unknown or hidden ids are left out by the API. */
  lookup(photoIds: readonly string[]): Observable<FavoritePhotoDto[]> {
    return this.http.post<FavoritePhotoDto[]>('/api/public/photos/lookup', { photoIds });
  }

  feedback(photoId: string, request: PhotoFeedbackRequest): Observable<void> {
    return this.http.post<void>(`/api/public/photos/${encodeURIComponent(photoId)}/feedback`, request);
  }

  myFavorites(): Observable<FavoritePhotoDto[]> {
    return this.http.get<FavoritePhotoDto[]>('/api/me/favorites');
  }

  /** Adds to the account's favorites (the server merges) and answers the whole list. */
  addFavorites(photoIds: readonly string[]): Observable<FavoritePhotoDto[]> {
    return this.http.put<FavoritePhotoDto[]>('/api/me/favorites', { photoIds: [...photoIds] } satisfies FavoritesDto);
  }

  removeFavorite(photoId: string): Observable<void> {
    return this.http.delete<void>(`/api/me/favorites/${encodeURIComponent(photoId)}`);
  }

  // Commerce (libs/api-types commerce.ts)

  /** What can be bought on the event: its active packs, the service fee, and whether it is on sale at all. */
  pricing(slug: string): Observable<EventPricingDto> {
    return this.http.get<EventPricingDto>(`${slugPath(slug)}/pricing`, { context: silent() });
  }

  /** Test mode or Stripe, and the publishable key: the one thing the browser needs to know before paying. */
  paymentsConfig(): Observable<PaymentsPublicConfigDto> {
    return this.http.get<PaymentsPublicConfigDto>('/api/public/payments/config', { context: silent() });
  }

  /** The cart priced by the server, one group per event (the browser never adds prices up itself). */
  quote(items: readonly CartItemInput[]): Observable<CartQuoteDto> {
    return this.http.post<CartQuoteDto>('/api/public/cart/quote', { items: [...items] }, { context: silent() });
  }

  myCart(): Observable<StoredCartDto> {
    return this.http.get<StoredCartDto>('/api/me/cart', { context: silent() });
  }

  /** Replaces the account's cart. */
  saveCart(items: readonly CartItemInput[]): Observable<StoredCartDto> {
    return this.http.put<StoredCartDto>('/api/me/cart', { items: [...items] }, { context: silent() });
  }

  checkout(request: CheckoutRequest): Observable<CheckoutResponse> {
    return this.http.post<CheckoutResponse>('/api/public/checkout', request, { context: silent() });
  }

  /** An order by its link's token (`t`), or without one for the signed-in buyer. */
  order(id: string, token: string | null): Observable<OrderDto> {
    return this.http.get<OrderDto>(`/api/public/orders/${encodeURIComponent(id)}`, {
      params: token ? { t: token } : {},
      context: silent(),
    });
  }

  myOrders(): Observable<OrderSummaryDto[]> {
    return this.http.get<OrderSummaryDto[]>('/api/me/orders', { context: silent() });
  }
}
