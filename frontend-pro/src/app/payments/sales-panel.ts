import { BreakpointObserver } from '@angular/cdk/layout';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { EventDto, OrderStatus, SaleDto, SalesSummaryDto, TopPhotoDto } from '@focus-racer/api-types';
import { apiErrorMessage, EmptyStateComponent, MoneyPipe } from '@focus-racer/ui';
import { catchError, map, Observable, of, startWith, Subject, switchMap } from 'rxjs';
import { EventsApi } from '../api/events-api';
import { PaymentsApi } from '../api/payments-api';

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  [OrderStatus.PENDING]: 'Pending',
  [OrderStatus.PAID]: 'Paid',
  [OrderStatus.FAILED]: 'Failed',
  [OrderStatus.REFUNDED]: 'Refunded',
  [OrderStatus.DISPUTED]: 'Disputed',
  [OrderStatus.CANCELLED]: 'Cancelled',
};

const ORDER_STATUS_TONE: Record<OrderStatus, '' | 'ok' | 'warn' | 'bad'> = {
  [OrderStatus.PENDING]: '',
  [OrderStatus.PAID]: 'ok',
  [OrderStatus.FAILED]: 'bad',
  [OrderStatus.REFUNDED]: 'warn',
  [OrderStatus.DISPUTED]: 'bad',
  [OrderStatus.CANCELLED]: '',
};

const ALL_EVENTS = 'all';

/** Tables of the pro app sit beside a 248 px navigation: below this width the sales table folds its columns. */
const WIDE_TABLE_QUERY = '(min-width: 1100px)';

type Loaded<T> = { value: T; error: null } | { value: null; error: string };

function settle<T>(source: Observable<T>): Observable<Loaded<T> | 'loading'> {
  return source.pipe(
    map((value): Loaded<T> => ({ value, error: null })),
    catchError((error: unknown) => of<Loaded<T>>({ value: null, error: apiErrorMessage(error) })),
    startWith('loading' as const),
  );
}

/**
 * What runners bought from the pro: totals, every sale (newest first, a cursor page at a time) and the photos that
 * sell best, for all events or one.
 */
@Component({
  selector: 'app-sales-panel',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    MatTableModule,
    EmptyStateComponent,
    MoneyPipe,
  ],
  templateUrl: './sales-panel.html',
  styleUrl: './sales-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SalesPanel implements OnInit {
  /** Whether the pro can be paid yet (null while unknown): an empty list then says what to do first. */
  readonly onboarded = input<boolean | null>(null);

  private readonly api = inject(PaymentsApi);
  private readonly eventsApi = inject(EventsApi);

  /** `ALL_EVENTS` rather than null: a select shows no option for a null value, and "All my events" must show. */
  protected readonly allEvents = ALL_EVENTS;
  protected readonly eventFilter = new FormControl<string>(ALL_EVENTS, { nonNullable: true });
  protected readonly events = signal<EventDto[]>([]);

  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly summary = signal<SalesSummaryDto | null>(null);
  protected readonly sales = signal<SaleDto[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly moreError = signal<string | null>(null);
  protected readonly topPhotos = signal<TopPhotoDto[] | null>(null);
  protected readonly topError = signal<string | null>(null);
  protected readonly filtered = signal(false);
  protected readonly currency = computed(() => this.summary()?.currency ?? 'EUR');

  private readonly wide = toSignal(
    inject(BreakpointObserver)
      .observe(WIDE_TABLE_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: true },
  );
  protected readonly columns = computed(() =>
    this.wide() ? ['date', 'event', 'photos', 'total', 'fee', 'net', 'status'] : ['sale', 'amounts', 'status'],
  );

  /** Each emission (re)reads the first page for the filter's event; a newer one cancels an older one. */
  private readonly reload = new Subject<string | null>();

  constructor() {
    this.reload
      .pipe(
        switchMap((eventId) => settle(this.api.sales({ eventId }))),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        if (result === 'loading') {
          this.loading.set(true);
          this.error.set(null);
          this.moreError.set(null);
          return;
        }
        this.loading.set(false);
        if (result.error !== null) {
          this.error.set(result.error);
          return;
        }
        this.summary.set(result.value.summary);
        this.sales.set(result.value.items);
        this.nextCursor.set(result.value.nextCursor);
      });
    this.reload
      .pipe(
        switchMap((eventId) => settle(this.api.topPhotos(eventId))),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        if (result === 'loading') {
          this.topError.set(null);
          return;
        }
        this.topPhotos.set(result.value);
        this.topError.set(result.error);
      });
    this.eventFilter.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.filtered.set(this.eventId() !== null);
      this.reload.next(this.eventId());
    });
  }

  ngOnInit(): void {
    this.eventsApi.listMine().subscribe({
      next: (events) => this.events.set([...events].sort((a, b) => b.date.localeCompare(a.date))),
      error: () => undefined,
    });
    this.reload.next(null);
  }

  protected retry(): void {
    this.reload.next(this.eventId());
  }

  protected clearFilter(): void {
    this.eventFilter.setValue(ALL_EVENTS);
  }

  private eventId(): string | null {
    return this.eventFilter.value === ALL_EVENTS ? null : this.eventFilter.value;
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.moreError.set(null);
    this.api.sales({ eventId: this.eventId(), cursor }).subscribe({
      next: (page) => {
        this.loadingMore.set(false);
        this.sales.update((sales) => [...sales, ...page.items]);
        this.nextCursor.set(page.nextCursor);
      },
      error: (error: unknown) => {
        this.loadingMore.set(false);
        this.moreError.set(apiErrorMessage(error));
      },
    });
  }

  protected statusLabel(status: OrderStatus): string {
    return ORDER_STATUS_LABELS[status] ?? status;
  }

  protected statusTone(status: OrderStatus): string {
    return ORDER_STATUS_TONE[status] ?? '';
  }

  protected eventName(sale: SaleDto): string {
    return sale.event?.name ?? 'Deleted event';
  }
}
