import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTableModule } from '@angular/material/table';
import { EventStatsDto, PhotoStatus, SEARCH_KINDS, SearchKind } from '@focus-racer/api-types';
import { apiErrorMessage, EmptyStateComponent, formatMoney } from '@focus-racer/ui';
import { Subscription } from 'rxjs';
import { StatsApi } from '../api/stats-api';
import { EventDetailStore } from '../events/event-detail-store';
import { BarChart } from './charts/bar-chart';
import { ChartDatum, fillDays, percent, shortDay } from './charts/chart-data';
import { DonutChart } from './charts/donut-chart';
import { RateMeter } from './charts/rate-meter';
import { liveRefreshTicks } from './live-refresh';

export const PHOTO_STATUS_CHART: { status: PhotoStatus; label: string; color: string }[] = [
  { status: PhotoStatus.PROCESSED, label: 'Ready', color: '#1b7f3a' },
  { status: PhotoStatus.PROCESSING, label: 'Processing', color: '#3a6ea5' },
  { status: PhotoStatus.UPLOADED, label: 'Waiting', color: '#9aa3ad' },
  { status: PhotoStatus.FAILED, label: 'Failed', color: '#b3261e' },
];

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = { bib: 'By bib', name: 'By name', selfie: 'By selfie' };

/**
 * The figures of one event (`GET /api/events/:id/stats`) as charts: photos by status, the share matched to a
 * runner, where the bibs came from, runners' searches, sales and revenue, best sellers and, for the organizer, each
 * photographer's part. Refreshed while the page is open (photos keep arriving from the pipeline, runners buy).
 */
@Component({
  selector: 'app-event-stats',
  imports: [
    DatePipe,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    MatTableModule,
    EmptyStateComponent,
    BarChart,
    DonutChart,
    RateMeter,
  ],
  templateUrl: './event-stats.html',
  styleUrl: './event-stats.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EventStats {
  /** Given outside an event page; inside one, the page's event. */
  readonly eventIdInput = input<string | null>(null, { alias: 'eventId' });

  private readonly store = inject(EventDetailStore, { optional: true });
  private readonly api = inject(StatsApi);

  protected readonly eventId = computed(() => this.eventIdInput() ?? this.store?.event()?.id ?? null);
  protected readonly stats = signal<EventStatsDto | null>(null);
  protected readonly loadError = signal<string | null>(null);
  /** A background refresh failed: the figures shown are from `updatedAt`. */
  protected readonly stale = signal(false);
  protected readonly updatedAt = signal<Date | null>(null);

  protected readonly money = (cents: number) => formatMoney(cents, this.stats()?.sales.currency ?? 'EUR');
  protected readonly percent = percent;
  protected readonly mine = computed(() => this.stats()?.scope === 'photographer');

  protected readonly byStatus = computed<ChartDatum[]>(() => {
    const stats = this.stats();
    return stats ? PHOTO_STATUS_CHART.map(({ status, label, color }) => ({ label, color, value: stats.photosByStatus[status] ?? 0 })) : [];
  });
  protected readonly bibSources = computed<ChartDatum[]>(() => {
    const stats = this.stats();
    if (!stats) return [];
    return [
      { label: 'Read on the bib', value: stats.byBibSource.ocr, color: '#3a6ea5' },
      { label: 'Typed by hand', value: stats.byBibSource.manual, color: '#8a5a00' },
      { label: 'Same face', value: stats.byBibSource.faceLink, color: '#6b4fa3' },
    ];
  });
  protected readonly searchesByDay = computed<ChartDatum[]>(() => {
    const stats = this.stats();
    return stats ? fillDays(stats.searches.byDay, (d) => d.count, { minDays: 14 }).map((d) => ({ label: shortDay(d.date), value: d.value })) : [];
  });
  protected readonly searchesByKind = computed<ChartDatum[]>(() => {
    const stats = this.stats();
    return stats ? SEARCH_KINDS.map((kind) => ({ label: SEARCH_KIND_LABELS[kind], value: stats.searches.byKind[kind] ?? 0, color: '#3a6ea5' })) : [];
  });
  protected readonly revenueByDay = computed<ChartDatum[]>(() => {
    const stats = this.stats();
    return stats
      ? fillDays(stats.revenueByDay, (d) => d.netCents, { minDays: 14 }).map((d) => ({ label: shortDay(d.date), value: d.value, color: '#1b7f3a' }))
      : [];
  });
  protected readonly photographerColumns = ['name', 'photos', 'matched', 'rate'];

  private request: Subscription | null = null;

  constructor() {
    effect(() => {
      const id = this.eventId();
      if (id) untracked(() => this.load(id, false));
    });
    liveRefreshTicks()
      .pipe(takeUntilDestroyed())
      .subscribe(() => {
        const id = this.eventId();
        if (id && !this.loadError()) this.load(id, true);
      });
  }

  protected reload(): void {
    const id = this.eventId();
    if (id) this.load(id, false);
  }

  private load(eventId: string, background: boolean): void {
    if (!background) {
      this.stats.set(null);
      this.loadError.set(null);
    }
    this.request?.unsubscribe();
    this.request = this.api.event(eventId, { silent: background }).subscribe({
      next: (stats) => {
        this.stats.set(stats);
        this.stale.set(false);
        this.updatedAt.set(new Date());
      },
      error: (error: unknown) => (background ? this.stale.set(true) : this.loadError.set(apiErrorMessage(error))),
    });
  }
}
