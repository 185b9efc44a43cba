import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  Injector,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { CartItemInput, PublicEventDto, sportLabel } from '@focus-racer/api-types';
import { apiErrorMessage, EmptyStateComponent, fromIsoDate, MoneyPipe, sportIcon } from '@focus-racer/ui';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { PublicApi } from '../api/public-api';
import { Cart } from '../cart/cart';
import { GalleryGrid } from '../gallery/gallery-grid';
import { parseRunnerSearch } from '../search/runner-search';
import { SearchResultCard } from '../search/search-result-card';
import { SelfieDialog } from '../search/selfie-dialog';
import { PageMeta } from '../seo/page-meta';
import { EventPhotos, SearchSubject } from './event-photos';

type EventState =
  | { status: 'loading' }
  | { status: 'ready'; event: PublicEventDto }
  | { status: 'missing' }
  | { status: 'error'; message: string };

/**
 * One published race: its gallery, and the three ways a runner finds their own photos (bib or name typed in one
 * box, or a selfie). The search lives in `?q=` so a search can be shared and the back button undoes it; the photo
 * viewer is a child route drawn over this page.
 */
@Component({
  selector: 'app-event-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    RouterOutlet,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
    EmptyStateComponent,
    GalleryGrid,
    SearchResultCard,
    MoneyPipe,
  ],
  templateUrl: './event-page.html',
  styleUrl: './event-page.scss',
  providers: [EventPhotos],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EventPage {
  /** `:slug` and `?q=` (component input binding). */
  readonly slug = input.required<string>();
  readonly q = input<string>();

  private readonly api = inject(PublicApi);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly pageMeta = inject(PageMeta);
  private readonly title = inject(Title);
  protected readonly photos = inject(EventPhotos);
  protected readonly cart = inject(Cart);

  protected readonly state = signal<EventState>({ status: 'loading' });
  protected readonly searchBox = new FormControl('', { nonNullable: true });
  /** Why the typed text is not a search (mixed digits and letters, too short), shown under the box. */
  protected readonly searchHint = signal<string | null>(null);
  protected readonly date = fromIsoDate;
  protected readonly sport = sportLabel;
  protected readonly icon = sportIcon;

  protected readonly searchHeading = computed(() => {
    const search = this.photos.search();
    return search.status === 'idle' ? '' : headingOf(search.subject);
  });

  /** "Buy all my photos (bib 1234) — €25": offered on a bib search with results when the owner sells that pack. */
  protected readonly allMineOffer = computed(() => {
    const offers = this.photos.buyable();
    const search = this.photos.search();
    if (!offers?.allMyPhotos || search.status !== 'ready' || search.subject.kind !== 'bib') return null;
    if (this.photos.results().length === 0) return null;
    return { bib: search.subject.bib, priceCents: offers.allMyPhotos.priceCents, currency: offers.currency };
  });

  constructor() {
    toObservable(this.slug)
      .pipe(
        switchMap((slug) =>
          this.api.event(slug).pipe(
            map((event): EventState => ({ status: 'ready', event })),
            catchError((error: unknown) =>
              of<EventState>(
                error instanceof HttpErrorResponse && error.status === 404
                  ? { status: 'missing' }
                  : { status: 'error', message: apiErrorMessage(error) },
              ),
            ),
            startWith<EventState>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.status === 'ready') this.describe(state.event);
      });

    // Photos load once the race is known to exist (a wrong link gets one clear "not found", not three errors).
    // Then the URL drives the search: typed, shared, or stepped back to.
    effect(() => {
      const state = this.state();
      const q = (this.q() ?? '').trim();
      if (state.status !== 'ready') return;
      untracked(() => {
        this.photos.open(state.event);
        this.applyQuery(q);
      });
    });
    inject(DestroyRef).onDestroy(() => this.pageMeta.reset());
  }

  protected allMine(eventId: string, bib: string): CartItemInput {
    return { kind: 'all-my-photos', eventId, bib };
  }

  protected submitSearch(): void {
    const text = this.searchBox.value;
    const parsed = parseRunnerSearch(text);
    if (parsed.kind === 'invalid') {
      this.searchHint.set(parsed.message);
      return;
    }
    this.searchHint.set(null);
    void this.router.navigate([], { queryParams: { q: parsed.kind === 'empty' ? null : text.trim() } });
  }

  protected showAll(): void {
    this.photos.clearSearch();
    if (this.q()) void this.router.navigate([], { queryParams: { q: null } });
  }

  protected openSelfie(): void {
    this.dialog
      .open<SelfieDialog, void, boolean>(SelfieDialog, { injector: this.injector, width: '520px', maxWidth: '94vw' })
      .afterClosed()
      .subscribe((found) => {
        // The selfie's results replace a typed search, which leaves the address so "back" does not bring it back.
        if (found && this.q()) void this.router.navigate([], { queryParams: { q: null }, replaceUrl: true });
      });
  }

  private applyQuery(q: string): void {
    if (this.searchBox.value.trim() !== q) this.searchBox.setValue(q);
    const parsed = parseRunnerSearch(q);
    if (parsed.kind === 'bib' || parsed.kind === 'name') {
      this.photos.find(parsed);
    } else if (this.photos.search().status !== 'idle' && !this.isSelfieSearch()) {
      this.photos.clearSearch();
    }
  }

  private isSelfieSearch(): boolean {
    const search = this.photos.search();
    return search.status !== 'idle' && search.subject.kind === 'selfie';
  }

  /** Title at once; then the API's description and OpenGraph tags, the same the server puts in the HTML. */
  private describe(event: PublicEventDto): void {
    this.title.setTitle(`${event.name} · Focus Racer`);
    this.api
      .eventMeta(event.slug)
      .pipe(catchError(() => of(null)))
      .subscribe((meta) => meta && this.pageMeta.set(meta));
  }
}

function headingOf(subject: SearchSubject): string {
  switch (subject.kind) {
    case 'bib':
      return `Photos of bib ${subject.bib}`;
    case 'name':
      return `Photos of “${subject.name}”`;
    case 'selfie':
      return 'Photos that look like your selfie';
  }
}
