import { BreakpointObserver } from '@angular/cdk/layout';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { EventStatus, Role, StatsOverviewDto } from '@focus-racer/api-types';
import {
  apiErrorMessage,
  AuthService,
  EmptyStateComponent,
  formatMoney,
  fromIsoDate,
  MoneyPipe,
  PageHeaderComponent,
} from '@focus-racer/ui';
import { map } from 'rxjs';
import { StatsApi } from '../api/stats-api';
import { EVENT_STATUS_LABELS } from '../events/event-status';
import { proSpaceOf } from '../pro-space';
import { BarChart } from './charts/bar-chart';
import { ChartDatum, percent } from './charts/chart-data';
import { RateMeter } from './charts/rate-meter';
import { liveRefreshTicks } from './live-refresh';

/** Beside the navigation, a tablet has room for the name, photos, match rate and revenue only. */
const NARROW_QUERY = '(max-width: 1099.98px)';

/**
 * The pro's figures across their events (`GET /api/stats/overview`): totals, the match rate and revenue of each
 * event as bars, and a table leading to each event's own statistics. Refreshed while open.
 */
@Component({
  selector: 'app-stats-dashboard-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    MatTableModule,
    PageHeaderComponent,
    EmptyStateComponent,
    MoneyPipe,
    BarChart,
    RateMeter,
  ],
  templateUrl: './stats-dashboard-page.html',
  styleUrl: './stats-dashboard-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatsDashboardPage {
  private readonly api = inject(StatsApi);
  private readonly auth = inject(AuthService);

  protected readonly organizer = computed(() => proSpaceOf(this.auth.user()?.role ?? Role.PHOTOGRAPHER) === 'organizer');
  protected readonly overview = signal<StatsOverviewDto | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly stale = signal(false);
  protected readonly updatedAt = signal<Date | null>(null);
  protected readonly fromIsoDate = fromIsoDate;
  protected readonly percent = percent;
  protected readonly money = (cents: number) => formatMoney(cents, this.overview()?.totals.currency ?? 'EUR');

  private readonly narrow = toSignal(inject(BreakpointObserver).observe(NARROW_QUERY).pipe(map((s) => s.matches)), {
    initialValue: false,
  });
  protected readonly columns = computed(() =>
    this.narrow()
      ? ['name', 'total', 'matchRate', 'netCents']
      : ['name', 'status', 'total', 'matchRate', 'searches', 'paidOrders', 'photosSold', 'netCents'],
  );

  /** Events by date, newest first (the API's order is not promised). */
  protected readonly rows = computed(() => [...(this.overview()?.events ?? [])].sort((a, b) => b.date.localeCompare(a.date)));
  protected readonly matchBars = computed<ChartDatum[]>(() =>
    this.rows()
      .filter((row) => row.total > 0)
      .map((row) => ({ label: row.name, value: Math.round(row.matchRate * 100), color: '#1b7f3a' })),
  );
  protected readonly revenueBars = computed<ChartDatum[]>(() => {
    const currency = this.overview()?.totals.currency;
    return this.rows()
      .filter((row) => row.netCents > 0 && row.currency === currency)
      .map((row) => ({ label: row.name, value: row.netCents, color: '#3a6ea5' }));
  });
  protected readonly percentFormat = (value: number) => `${value}%`;

  constructor() {
    this.load(false);
    liveRefreshTicks()
      .pipe(takeUntilDestroyed())
      .subscribe(() => {
        if (!this.loadError()) this.load(true);
      });
  }

  protected statusLabel(status: string): string {
    return EVENT_STATUS_LABELS[status as EventStatus] ?? status;
  }

  protected load(background: boolean): void {
    if (!background) {
      this.loadError.set(null);
      this.overview.set(null);
    }
    this.api.overview({ silent: background }).subscribe({
      next: (overview) => {
        this.overview.set(overview);
        this.stale.set(false);
        this.updatedAt.set(new Date());
      },
      error: (error: unknown) => (background ? this.stale.set(true) : this.loadError.set(apiErrorMessage(error))),
    });
  }
}
