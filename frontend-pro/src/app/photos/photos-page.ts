import { CdkVirtualScrollViewport, ScrollingModule } from '@angular/cdk/scrolling';
import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatChipOption, MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import {
  BULK_PHOTO_MAX,
  BulkPhotoAction,
  BulkPhotoActionRejected,
  EventDto,
  PhotoDto,
  PhotoFacetsDto,
  PhotoFilter,
  PhotoStatus,
} from '@focus-racer/api-types';
import { apiErrorMessage, EmptyStateComponent, ErrorNotifier, PageHeaderComponent } from '@focus-racer/ui';
import { firstValueFrom } from 'rxjs';
import { EventProgressMessage, EventProgressStream, LIVE_REFRESH_MS } from '../api/event-progress';
import { EventsApi } from '../api/events-api';
import { PhotosApi } from '../api/photos-api';
import { DeletePhotosDialog, DeletePhotosDialogData } from './delete-photos-dialog';
import { atOrAfter, gridColumns, idsBetween } from './photo-grid';
import { filterView, parsePhotoFilter, PHOTO_FILTER_VIEWS } from './photo-filters';
import { PhotoTile } from './photo-tile';
import { PhotoUpdates } from './photo-updates';

const GAP = 12;
/** Under the 3:2 thumbnail: the margin and the one line of bib chips. */
const CAPTION_PX = 28;
/** Rows rendered beyond the screen, and how close to the last loaded row the next page is asked for. */
const BUFFER_ROWS = 3;
/** A live refresh re-reads at most this many pages (100 photos each) before it settles for what it has. */
const MAX_REFRESH_PAGES = 20;

interface GridRow {
  first: number;
  photos: PhotoDto[];
}

interface BulkProgress {
  action: BulkPhotoAction;
  done: number;
  total: number;
}

const BULK_WORDS: Record<BulkPhotoAction, { running: string; done: string }> = {
  hide: { running: 'Hiding', done: 'hidden from runners' },
  unhide: { running: 'Showing', done: 'shown to runners again' },
  reprocess: { running: 'Queuing', done: 'queued for processing again' },
  delete: { running: 'Deleting', done: 'deleted' },
};

const photosLabel = (count: number) => (count === 1 ? '1 photo' : `${count} photos`);

/**
 * An event's photos for its pro (`/events/:id/photos?filter=`): a virtual-scrolled grid of every photo or of one
 * filter (no bib, linked by face, duplicates…) with live counts, bib chips on each tile, selection (shift-click for
 * a range) and bulk actions. The pipeline's progress stream keeps tiles and counts current without a reload: the
 * page gathers the photos it hears about for a moment, then re-reads the list from the first of them.
 */
@Component({
  selector: 'app-photos-page',
  imports: [
    ScrollingModule,
    RouterLink,
    MatButtonModule,
    MatChipsModule,
    MatIconModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatTooltipModule,
    PageHeaderComponent,
    EmptyStateComponent,
    PhotoTile,
  ],
  templateUrl: './photos-page.html',
  styleUrl: './photos-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PhotosPage {
  /** The event id, from the route. */
  readonly id = input.required<string>();
  /** `?filter=`, from the address (unknown values show every photo). */
  readonly filter = input<string>();

  private readonly api = inject(PhotosApi);
  private readonly eventsApi = inject(EventsApi);
  private readonly progress = inject(EventProgressStream);
  private readonly updates = inject(PhotoUpdates);
  private readonly notifier = inject(ErrorNotifier);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly refreshDelay = inject(LIVE_REFRESH_MS);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly views = PHOTO_FILTER_VIEWS;
  protected readonly GAP = GAP;
  protected readonly activeFilter = computed(() => parsePhotoFilter(this.filter()));
  protected readonly activeView = computed(() => filterView(this.activeFilter()));

  protected readonly event = signal<EventDto | null>(null);
  /** null while the first page loads. */
  protected readonly photos = signal<PhotoDto[] | null>(null);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly facets = signal<PhotoFacetsDto | null>(null);
  /** The progress stream has spoken: the page is live. */
  protected readonly live = signal(false);

  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  private anchorId: string | null = null;
  protected readonly selectedCount = computed(() => this.selected().size);
  protected readonly selectedPhotos = computed(() => {
    const ids = this.selected();
    return (this.photos() ?? []).filter((photo) => ids.has(photo.id));
  });
  protected readonly canHide = computed(() => this.selectedPhotos().some((photo) => !photo.hidden));
  protected readonly canUnhide = computed(() => this.selectedPhotos().some((photo) => photo.hidden));
  protected readonly bulk = signal<BulkProgress | null>(null);
  protected readonly bulkError = signal<string | null>(null);
  protected readonly bulkWords = BULK_WORDS;

  // Grid geometry, from the viewport's width.
  private readonly viewport = viewChild(CdkVirtualScrollViewport);
  protected readonly width = signal(0);
  protected readonly columns = computed(() => gridColumns(this.width()));
  private readonly tileWidth = computed(() => Math.max(1, (this.width() - GAP * (this.columns() - 1)) / this.columns()));
  protected readonly rowHeight = computed(() => Math.round((this.tileWidth() * 2) / 3 + CAPTION_PX + GAP));
  protected readonly bufferPx = computed(() => this.rowHeight() * BUFFER_ROWS);
  protected readonly rows = computed<GridRow[]>(() => {
    const photos = this.photos() ?? [];
    const columns = this.columns();
    if (this.width() === 0) return [];
    const rows: GridRow[] = [];
    for (let first = 0; first < photos.length; first += columns) rows.push({ first, photos: photos.slice(first, first + columns) });
    return rows;
  });
  protected readonly trackRow = (_: number, row: GridRow) => row.photos.map((photo) => photo.id).join();

  /** Bumped by every fresh load: answers to an older one are dropped. */
  private generation = 0;
  /** A live refresh or a next page is on its way: the other waits. */
  private busy = false;
  private pendingIds = new Set<string>();
  private facetsDue = false;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.eventsApi.get(id).subscribe({ next: (event) => this.event.set(event), error: () => undefined }));
    });
    effect(() => {
      const id = this.id();
      const filter = this.activeFilter();
      untracked(() => void this.reload(id, filter));
    });
    // Live: the pipeline's frames for this event.
    effect((onCleanup) => {
      const id = this.id();
      const subscription = untracked(() => this.progress.watch(id).subscribe((message) => this.onProgress(message)));
      onCleanup(() => subscription.unsubscribe());
    });
    // Corrections made in triage (this tab or another).
    this.updates.changes.pipe(takeUntilDestroyed()).subscribe((photo) => {
      if (photo.eventId !== this.id()) return;
      this.photos.update((photos) => photos && photos.map((p) => (p.id === photo.id ? photo : p)));
      this.pendingIds.add(photo.id);
      this.facetsDue = true;
      this.scheduleRefresh();
    });
    // The viewport's width sets the columns; its rendered range asks for the next page.
    effect((onCleanup) => {
      const viewport = this.viewport();
      if (!viewport) return;
      const element = viewport.elementRef.nativeElement;
      untracked(() => this.width.set(element.clientWidth));
      const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.width.set(element.clientWidth));
      observer?.observe(element);
      const subscription = viewport.renderedRangeStream.subscribe((range) => {
        if (range.end >= untracked(this.rows).length - BUFFER_ROWS) void this.loadMore();
      });
      onCleanup(() => {
        observer?.disconnect();
        subscription.unsubscribe();
      });
    });
    this.destroyRef.onDestroy(() => {
      if (this.refreshTimer) clearTimeout(this.refreshTimer);
    });
  }

  protected facetCount(key: keyof PhotoFacetsDto): number | null {
    return this.facets()?.[key] ?? null;
  }

  /** A chip picked by click or keyboard; the shown filter cannot be unpicked (one filter is always shown). */
  protected onChipChange(filter: PhotoFilter | null, selected: boolean, chip: MatChipOption): void {
    if (selected) this.showFilter(filter);
    else if (filter === this.activeFilter()) chip.select();
  }

  protected showFilter(filter: PhotoFilter | null): void {
    if (filter === this.activeFilter()) return;
    void this.router.navigate([], { queryParams: { filter }, replaceUrl: true });
  }

  protected retry(): void {
    void this.reload(this.id(), this.activeFilter());
  }

  private async reload(eventId: string, filter: PhotoFilter | null): Promise<void> {
    const generation = ++this.generation;
    this.photos.set(null);
    this.nextCursor.set(null);
    this.loadError.set(null);
    this.clearSelection();
    this.loadFacets();
    try {
      const page = await firstValueFrom(this.api.list(eventId, filter));
      if (generation !== this.generation) return;
      this.photos.set(page.items);
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      if (generation === this.generation) this.loadError.set(apiErrorMessage(error));
    }
  }

  protected async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.busy || this.loadingMore()) return;
    const generation = this.generation;
    this.busy = true;
    this.loadingMore.set(true);
    try {
      const page = await firstValueFrom(this.api.list(this.id(), this.activeFilter(), cursor));
      if (generation !== this.generation) return;
      this.photos.update((photos) => {
        const known = new Set((photos ?? []).map((photo) => photo.id));
        return [...(photos ?? []), ...page.items.filter((photo) => !known.has(photo.id))];
      });
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      this.notifier.error(apiErrorMessage(error));
    } finally {
      this.busy = false;
      this.loadingMore.set(false);
    }
  }

  private loadFacets(): void {
    const id = this.id();
    this.api.facets(id).subscribe({
      next: (facets) => {
        if (id === this.id()) this.facets.set(facets);
      },
      // The chips keep their last counts; the next frame asks again.
      error: () => undefined,
    });
  }

  // ----- Live refresh -----------------------------------------------------------------------------------------

  private onProgress(message: EventProgressMessage): void {
    this.live.set(true);
    this.facetsDue = true;
    if (message.type === 'photo') {
      const frame = message.data;
      // The state is in the frame: the tile shows it now, the bibs and flags come with the refresh.
      this.photos.update(
        (photos) =>
          photos &&
          photos.map((photo) =>
            photo.id === frame.photoId && photo.status !== frame.status
              ? { ...photo, status: frame.status, processingError: frame.error ?? (frame.status === PhotoStatus.FAILED ? photo.processingError : null) }
              : photo,
          ),
      );
      this.pendingIds.add(frame.photoId);
    }
    this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refreshLive();
    }, this.refreshDelay);
  }

  /** Re-reads the list from the first loaded photo the pipeline touched (or its end, for new photos). */
  private async refreshLive(): Promise<void> {
    if (this.facetsDue) {
      this.facetsDue = false;
      this.loadFacets();
    }
    const photos = this.photos();
    if (!photos || this.pendingIds.size === 0) return;
    if (this.busy) {
      this.scheduleRefresh();
      return;
    }
    const pending = this.pendingIds;
    this.pendingIds = new Set();
    const index = new Map(photos.map((photo, i) => [photo.id, i]));
    let start = Number.POSITIVE_INFINITY;
    let unknown = false;
    for (const id of pending) {
      const at = index.get(id);
      if (at === undefined) unknown = true;
      else start = Math.min(start, at);
    }
    if (unknown) {
      // A photo not shown yet: in upload order a new one comes last, so every photo shows it once the list is
      // complete (a longer list gets it while scrolling). A filter may gain any photo, wherever it sits.
      if (this.activeFilter() !== null) start = 0;
      else if (this.nextCursor() === null) start = Math.min(start, photos.length);
    }
    if (start === Number.POSITIVE_INFINITY) return;
    await this.refreshFrom(start, photos);
  }

  private async refreshFrom(start: number, photos: PhotoDto[]): Promise<void> {
    const generation = this.generation;
    const eventId = this.id();
    const filter = this.activeFilter();
    const mark = photos[photos.length - 1];
    this.busy = true;
    try {
      const fetched: PhotoDto[] = [];
      let cursor = start > 0 ? photos[start - 1].id : null;
      let next: string | null = null;
      for (let pages = 0; pages < MAX_REFRESH_PAGES; pages++) {
        const page = await firstValueFrom(this.api.list(eventId, filter, cursor));
        fetched.push(...page.items);
        next = page.nextCursor;
        cursor = next;
        const last = fetched[fetched.length - 1];
        if (!next || (mark && last && atOrAfter(last, mark))) break;
      }
      if (generation !== this.generation) return;
      if (start > 0 && start < photos.length && fetched.length === 0) {
        // Everything after the cursor photo gone at once is more likely the cursor photo itself deleted elsewhere.
        this.busy = false;
        await this.refreshFrom(0, photos);
        return;
      }
      const current = this.photos() ?? photos;
      const updated = [...current.slice(0, start), ...fetched];
      this.photos.set(updated);
      this.nextCursor.set(next);
      const ids = new Set(updated.map((photo) => photo.id));
      this.selected.update((selected) => new Set([...selected].filter((id) => ids.has(id))));
    } catch {
      // Quiet: the list keeps what it showed, and the next frame tries again.
    } finally {
      this.busy = false;
    }
  }

  // ----- Selection --------------------------------------------------------------------------------------------

  protected isSelected(id: string): boolean {
    return this.selected().has(id);
  }

  /** A click on a tile: toggles it; with Shift, gives the whole range from the last clicked tile its new state. */
  protected toggle(photo: PhotoDto, event: MouseEvent): void {
    event.preventDefault();
    const selected = new Set(this.selected());
    const select = !selected.has(photo.id);
    const ids = event.shiftKey && this.anchorId ? idsBetween(this.photos() ?? [], this.anchorId, photo.id) : [photo.id];
    for (const id of ids) {
      if (select) selected.add(id);
      else selected.delete(id);
    }
    this.anchorId = photo.id;
    this.selected.set(selected);
    this.bulkError.set(null);
  }

  protected selectAllLoaded(): void {
    this.selected.set(new Set((this.photos() ?? []).map((photo) => photo.id)));
  }

  protected clearSelection(): void {
    this.selected.set(new Set());
    this.anchorId = null;
    this.bulkError.set(null);
  }

  // ----- Bulk actions -----------------------------------------------------------------------------------------

  protected async runBulk(action: BulkPhotoAction): Promise<void> {
    const ids = [...this.selected()];
    if (ids.length === 0 || this.bulk()) return;
    if (action === 'delete') {
      const confirmed = await firstValueFrom(
        this.dialog
          .open<DeletePhotosDialog, DeletePhotosDialogData, boolean>(DeletePhotosDialog, { data: { count: ids.length }, width: '440px', maxWidth: '100vw' })
          .afterClosed(),
      );
      if (!confirmed) return;
    }
    const eventId = this.id();
    this.bulkError.set(null);
    this.bulk.set({ action, done: 0, total: ids.length });
    let done = 0;
    let changed = 0;
    try {
      // One request holds BULK_PHOTO_MAX photos; a bigger selection goes in turns, each all or nothing.
      for (let first = 0; first < ids.length; first += BULK_PHOTO_MAX) {
        const chunk = ids.slice(first, first + BULK_PHOTO_MAX);
        const result = await firstValueFrom(this.api.bulk(eventId, { action, photoIds: chunk }));
        this.applyBulk(action, chunk);
        done += chunk.length;
        changed += result.changed;
        this.bulk.set({ action, done, total: ids.length });
      }
      this.clearSelection();
      const unchanged = done - changed;
      this.notifier.info(
        `${photosLabel(changed)} ${BULK_WORDS[action].done}.` + (unchanged > 0 && action !== 'delete' ? ` ${photosLabel(unchanged)} already were.` : ''),
      );
    } catch (error) {
      this.bulkError.set(this.bulkErrorMessage(error, done));
      // Photos the server no longer knows in this event cannot be acted on: they leave the selection and the grid.
      const gone = notInEvent(error);
      if (gone.length > 0) {
        const goneIds = new Set(gone);
        this.selected.update((selected) => new Set([...selected].filter((id) => !goneIds.has(id))));
        this.photos.update((photos) => photos && photos.filter((photo) => !goneIds.has(photo.id)));
      }
    } finally {
      this.bulk.set(null);
      this.loadFacets();
    }
  }

  private bulkErrorMessage(error: unknown, done: number): string {
    const gone = notInEvent(error);
    let message = apiErrorMessage(error);
    if (gone.length > 0) message += ` ${photosLabel(gone.length)} of your selection ${gone.length === 1 ? 'is' : 'are'} no longer in this event and left the selection.`;
    if (done > 0) message += ` The first ${photosLabel(done)} were done before the refusal.`;
    return message;
  }

  /** What the server did, shown at once; the progress stream brings what follows (reprocessed bibs). */
  private applyBulk(action: BulkPhotoAction, ids: string[]): void {
    const set = new Set(ids);
    const filter = this.activeFilter();
    this.photos.update((photos) => {
      if (!photos) return photos;
      if (action === 'delete' || (action === 'unhide' && filter === 'hidden')) return photos.filter((photo) => !set.has(photo.id));
      return photos.map((photo) => {
        if (!set.has(photo.id)) return photo;
        if (action === 'hide') return { ...photo, hidden: true };
        if (action === 'unhide') return { ...photo, hidden: false };
        return { ...photo, status: PhotoStatus.PROCESSING, processingError: null };
      });
    });
  }
}

function notInEvent(error: unknown): string[] {
  if (!(error instanceof HttpErrorResponse) || error.status !== 400) return [];
  const details = (error.error as { details?: Partial<BulkPhotoActionRejected> } | null)?.details;
  return Array.isArray(details?.notInEvent) ? details.notInEvent : [];
}
