import { A11yModule } from '@angular/cdk/a11y';
import { DOCUMENT, Location } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { PhotoResolution, PublicPhotoDto } from '@focus-racer/api-types';
import { ErrorNotifier, MoneyPipe } from '@focus-racer/ui';
import { PublicApi } from '../api/public-api';
import { Cart } from '../cart/cart';
import { EventPhotos } from '../event/event-photos';
import { Favorites } from '../favorites/favorites';
import { ZoomPan } from './zoom-pan';

/** Photos left before the end of the loaded gallery when the next page is asked for. */
const PREFETCH_AHEAD = 5;

type Lookup = { status: 'loading' } | { status: 'found'; photo: PublicPhotoDto } | { status: 'missing' };

/**
 * Full-screen photo viewer over the event page (`/events/:slug/photos/:photoId`, a link anyone can open).
 * ←/→ and swipes step through the photos the page shows (the search results, or the gallery, loading its next
 * page on the way); Esc closes. The web version can be zoomed (wheel, pinch, double-tap, +/−) and panned.
 */
@Component({
  selector: 'app-photo-viewer',
  imports: [
    A11yModule,
    RouterLink,
    MatButtonModule,
    MatDividerModule,
    MatIconModule,
    MatMenuModule,
    MatProgressSpinnerModule,
    MatTooltipModule,
    MoneyPipe,
  ],
  templateUrl: './photo-viewer.html',
  styleUrl: './photo-viewer.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)' },
})
export class PhotoViewer {
  /** `:photoId` (component input binding). */
  readonly photoId = input.required<string>();

  protected readonly photos = inject(EventPhotos);
  private readonly api = inject(PublicApi);
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly document = inject(DOCUMENT);
  private readonly notifier = inject(ErrorNotifier);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly favorites = inject(Favorites);
  protected readonly cart = inject(Cart);
  protected readonly zoom = new ZoomPan();
  /** The cart menu handles its own keys (arrows, Esc): the viewer's shortcuts wait until it is closed. */
  protected readonly menuOpen = signal(false);
  /** Said to screen readers after a cart change (the header's badge is under the viewer). */
  protected readonly cartAnnouncement = signal('');
  protected readonly notForSale = computed(() => {
    const offers = this.photos.offers();
    if (offers.status === 'loading') return 'Loading the prices…';
    if (offers.status === 'ready' && offers.offers.notSellableReason) return offers.offers.notSellableReason;
    return 'The photos of this race are not on sale.';
  });

  /** Opened by a click in the page (not from a shared link): closing goes back instead of stacking history. */
  private readonly openedInPage = this.router.currentNavigation()?.previousNavigation != null;
  private readonly stage = viewChild.required<ElementRef<HTMLElement>>('stage');
  /** A photo that is not among the page's (a shared link opened before the gallery has it, a face-link source). */
  private readonly lookup = signal<Lookup>({ status: 'loading' });

  protected readonly event = this.photos.event;
  private readonly sequence = this.photos.sequence;
  protected readonly index = computed(() => this.sequence().findIndex((photo) => photo.id === this.photoId()));
  protected readonly photo = computed<PublicPhotoDto | null>(() => {
    const index = this.index();
    if (index >= 0) return this.sequence()[index];
    const lookup = this.lookup();
    return lookup.status === 'found' ? lookup.photo : null;
  });
  protected readonly missing = computed(() => this.index() < 0 && this.lookup().status === 'missing');
  protected readonly previousId = computed(() => this.sequence()[this.index() - 1]?.id ?? null);
  protected readonly nextId = computed(() => {
    const index = this.index();
    return index >= 0 ? (this.sequence()[index + 1]?.id ?? null) : null;
  });
  protected readonly isFavorite = computed(() => this.favorites.ids().has(this.photoId()));
  protected readonly heading = computed(() => {
    const index = this.index();
    const name = this.event()?.name ?? '';
    if (index < 0) return `Photo of ${name}`;
    // The gallery's total is known only once its last page is loaded; until then no count rather than a wrong one.
    const galleryPending = this.photos.search().status === 'idle' && this.photos.hasMore();
    return galleryPending ? `Photo ${index + 1}, ${name}` : `Photo ${index + 1} of ${this.sequence().length}, ${name}`;
  });

  constructor() {
    effect(() => {
      const id = this.photoId();
      untracked(() => {
        this.zoom.reset();
        if (this.index() < 0) this.fetch(id);
        this.prefetch();
      });
    });

    // The page behind must not scroll under the fingers; its position is kept for when the viewer closes.
    const root = this.document.documentElement;
    const overflow = root.style.overflow;
    root.style.overflow = 'hidden';
    this.destroyRef.onDestroy(() => (root.style.overflow = overflow));

    afterNextRender(() => {
      const stage = this.stage().nativeElement;
      const measure = () => this.zoom.setStage(stage.clientWidth, stage.clientHeight);
      measure();
      const observer = new ResizeObserver(measure);
      observer.observe(stage);
      this.destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  protected onKey(event: KeyboardEvent): void {
    if (this.menuOpen() || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const actions: Record<string, () => void> = {
      ArrowLeft: () => this.go(this.previousId()),
      ArrowRight: () => this.go(this.nextId()),
      Escape: () => this.close(),
      '+': () => this.zoom.zoomBy(1.5),
      '=': () => this.zoom.zoomBy(1.5),
      '-': () => this.zoom.zoomBy(1 / 1.5),
      '0': () => this.zoom.reset(),
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  }

  protected go(photoId: string | null): void {
    const event = this.event();
    if (!photoId || !event) return;
    // Replacing the entry keeps "back" meaning "close the viewer", however many photos were seen.
    void this.router.navigate(['/events', event.slug, 'photos', photoId], {
      replaceUrl: true,
      queryParamsHandling: 'preserve',
    });
  }

  protected close(): void {
    const event = this.event();
    if (this.openedInPage) {
      this.location.back();
    } else if (event) {
      void this.router.navigate(['/events', event.slug], { queryParamsHandling: 'preserve', replaceUrl: true });
    }
  }

  protected async share(): Promise<void> {
    const event = this.event();
    if (!event) return;
    const url = `${this.document.location.origin}/events/${event.slug}/photos/${this.photoId()}`;
    const title = `${event.name} · Focus Racer`;
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, url });
        return;
      } catch (error) {
        // The person closed the share sheet: nothing to do.
        if (error instanceof DOMException && error.name === 'AbortError') return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      this.notifier.info('Link copied: paste it anywhere to share this photo.');
    } catch {
      this.notifier.info(`Share this link: ${url}`);
    }
  }

  protected addToCart(resolution: PhotoResolution): void {
    const already = this.cart.resolutionOf(this.photoId());
    this.cart.addPhoto(this.photoId(), resolution);
    const size = resolution === 'hd' ? 'full quality' : 'web size';
    this.announce(already ? `Changed to ${size}.` : `Added to your cart in ${size}.`);
  }

  protected removeFromCart(): void {
    this.cart.removePhoto(this.photoId());
    this.announce('Removed from your cart.');
  }

  private announce(change: string): void {
    const count = this.cart.count();
    this.cartAnnouncement.set(`${change} Your cart has ${count === 1 ? '1 item' : `${count} items`}.`);
  }

  // Pointer events: the coordinates the gestures need are relative to the stage's centre.
  protected pointerDown(event: PointerEvent): void {
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    this.zoom.down(event.pointerId, this.centred(event));
  }

  protected pointerMove(event: PointerEvent): void {
    this.zoom.move(event.pointerId, this.centred(event));
  }

  protected pointerUp(event: PointerEvent): void {
    const swipe = this.zoom.up(event.pointerId, this.centred(event));
    if (swipe) this.go(swipe === 'next' ? this.nextId() : this.previousId());
  }

  protected pointerCancel(event: PointerEvent): void {
    this.zoom.cancel(event.pointerId);
  }

  protected wheel(event: WheelEvent): void {
    event.preventDefault();
    this.zoom.zoomBy(Math.exp(-event.deltaY * 0.002), this.centred(event));
  }

  private centred(event: MouseEvent): { x: number; y: number } {
    const box = this.stage().nativeElement.getBoundingClientRect();
    return { x: event.clientX - box.left - box.width / 2, y: event.clientY - box.top - box.height / 2 };
  }

  private fetch(photoId: string): void {
    this.lookup.set({ status: 'loading' });
    this.api
      .photo(photoId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (photo) => this.lookup.set({ status: 'found', photo }),
        error: () => this.lookup.set({ status: 'missing' }),
      });
  }

  /** Near the end of the loaded gallery, the next page; and the next photo's image, so stepping feels instant. */
  private prefetch(): void {
    const index = this.index();
    if (index >= 0 && this.photos.search().status === 'idle' && index >= this.sequence().length - PREFETCH_AHEAD) {
      this.photos.loadMore();
    }
    const next = this.sequence()[index + 1];
    if (index >= 0 && next) new Image().src = next.webUrl;
  }
}
