import { HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { PublicEventDto, PublicPhotoDto, SearchResponse, SearchResultDto } from '@focus-racer/api-types';
import { apiErrorMessage, AuthService } from '@focus-racer/ui';
import { Observable, Subscription, tap } from 'rxjs';
import { PublicApi } from '../api/public-api';
import { EventOffers, eventOffers } from '../commerce/offers';
import { ViewerId } from '../device/viewer-id';
import { resultBib } from '../search/match-reasons';
import { RunnerSearch, toSearchQuery } from '../search/runner-search';

export interface GalleryState {
  photos: PublicPhotoDto[];
  nextCursor: string | null;
  /** The first page has answered (an empty gallery is then really empty). */
  loaded: boolean;
  loading: boolean;
  error: string | null;
}

/** What the runner searched for: a bib or a name typed in the box, or a selfie. */
export type SearchSubject = RunnerSearch | { kind: 'selfie' };

export type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; subject: SearchSubject }
  | { status: 'ready'; subject: SearchSubject; response: SearchResponse }
  | { status: 'error'; subject: SearchSubject; message: string };

/** What can be bought on the event; `unavailable` when its prices could not be had (nothing is offered then). */
export type OffersState = { status: 'loading' } | { status: 'ready'; offers: EventOffers } | { status: 'unavailable' };

const EMPTY_GALLERY: GalleryState = { photos: [], nextCursor: null, loaded: false, loading: false, error: null };

/**
 * The photos of the event page and its viewer: the gallery (cursor pages of 100, loaded as the runner scrolls), the
 * current search and what the runner said about its results. Provided by EventPage, so the viewer (its child route)
 * steps through exactly the photos the page shows.
 */
@Injectable()
export class EventPhotos {
  private readonly api = inject(PublicApi);
  private readonly auth = inject(AuthService);
  private readonly viewerId = inject(ViewerId);
  private readonly destroyRef = inject(DestroyRef);

  /** The event whose photos these are (set by `open`). */
  readonly event = signal<PublicEventDto | null>(null);
  private galleryRequest: Subscription | null = null;
  private searchRequest: Subscription | null = null;
  private pricingRequest: Subscription | null = null;

  readonly gallery = signal<GalleryState>(EMPTY_GALLERY);
  readonly search = signal<SearchState>({ status: 'idle' });
  /** Results the runner said "not me" to: hidden at once (the API leaves them out of their next searches). */
  private readonly dismissed = signal<ReadonlySet<string>>(new Set());
  /** Results the runner said "this is me" to. */
  readonly confirmed = signal<ReadonlySet<string>>(new Set());
  /** The owner's packs, for the cart buttons of the page and the viewer. */
  readonly offers = signal<OffersState>({ status: 'loading' });
  /** The offers when photos of this event can be bought now, else null (the cart buttons are hidden). */
  readonly buyable = computed(() => {
    const offers = this.offers();
    return offers.status === 'ready' && offers.offers.sellable ? offers.offers : null;
  });

  readonly results = computed<SearchResultDto[]>(() => {
    const search = this.search();
    if (search.status !== 'ready') return [];
    const dismissed = this.dismissed();
    return search.response.results.filter((result) => !dismissed.has(result.photo.id));
  });

  /** The photos the viewer steps through: the search results while a search is shown, else the gallery. */
  readonly sequence = computed<PublicPhotoDto[]>(() =>
    this.search().status === 'idle' ? this.gallery().photos : this.results().map((result) => result.photo),
  );

  readonly hasMore = computed(() => this.gallery().nextCursor !== null);

  /** Starts over for another event (the page component is reused when only the slug changes). */
  open(event: PublicEventDto): void {
    if (event.slug === this.event()?.slug) return;
    this.event.set(event);
    this.galleryRequest?.unsubscribe();
    this.searchRequest?.unsubscribe();
    this.gallery.set(EMPTY_GALLERY);
    this.search.set({ status: 'idle' });
    this.dismissed.set(new Set());
    this.confirmed.set(new Set());
    this.loadMore();
    this.loadOffers(event.slug);
  }

  /** The next gallery page; ignored while one is on its way or when there is none. */
  loadMore(): void {
    const current = this.gallery();
    if (current.loading || (current.loaded && current.nextCursor === null)) return;
    this.gallery.set({ ...current, loading: true, error: null });
    this.galleryRequest = this.api
      .gallery(this.slug(), current.nextCursor)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) =>
          this.gallery.update((state) => ({
            photos: [...state.photos, ...page.items],
            nextCursor: page.nextCursor,
            loaded: true,
            loading: false,
            error: null,
          })),
        error: (error: unknown) =>
          this.gallery.update((state) => ({ ...state, loading: false, error: apiErrorMessage(error) })),
      });
  }

  find(search: RunnerSearch): void {
    this.run(search, this.api.search(this.slug(), toSearchQuery(search, this.anonymousViewer())));
  }

  /** Runs the selfie search; the caller (the selfie dialog) explains a refusal such as "no face" itself. */
  findBySelfie(selfie: Blob): Observable<SearchResponse> {
    this.searchRequest?.unsubscribe();
    return this.api.searchBySelfie(this.slug(), selfie, this.anonymousViewer()).pipe(
      tap((response) => {
        this.dismissed.set(new Set());
        this.search.set({ status: 'ready', subject: { kind: 'selfie' }, response });
      }),
    );
  }

  clearSearch(): void {
    this.searchRequest?.unsubscribe();
    this.search.set({ status: 'idle' });
  }

  /** "This is me" / "Not me" on a result; the choice shows at once and is undone if the API refuses it. */
  giveFeedback(result: SearchResultDto, verdict: 'me' | 'not-me'): void {
    const photoId = result.photo.id;
    const mark = verdict === 'me' ? this.confirmed : this.dismissed;
    mark.update((ids) => new Set(ids).add(photoId));
    this.api
      .feedback(photoId, { verdict, bib: resultBib(result), viewer: this.viewerId.get() })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        error: () =>
          mark.update((ids) => {
            const next = new Set(ids);
            next.delete(photoId);
            return next;
          }),
      });
  }

  private loadOffers(slug: string): void {
    this.pricingRequest?.unsubscribe();
    this.offers.set({ status: 'loading' });
    this.pricingRequest = this.api
      .pricing(slug)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (pricing) => this.offers.set({ status: 'ready', offers: eventOffers(pricing) }),
        error: () => this.offers.set({ status: 'unavailable' }),
      });
  }

  private run(subject: SearchSubject, request: Observable<SearchResponse>): void {
    this.searchRequest?.unsubscribe();
    this.dismissed.set(new Set());
    this.search.set({ status: 'loading', subject });
    this.searchRequest = request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (response) => this.search.set({ status: 'ready', subject, response }),
      error: (error: unknown) => this.search.set({ status: 'error', subject, message: searchErrorMessage(error) }),
    });
  }

  private slug(): string {
    const event = this.event();
    if (!event) throw new Error('EventPhotos.open(event) must come first.');
    return event.slug;
  }

  /** Signed-in runners are known by their account; only visitors send the device's id. */
  private anonymousViewer(): string | null {
    return this.auth.isLoggedIn() ? null : this.viewerId.get();
  }
}

function searchErrorMessage(error: unknown): string {
  if (error instanceof HttpErrorResponse && error.status === 404) {
    return 'This race is not on Focus Racer any more.';
  }
  return apiErrorMessage(error);
}
