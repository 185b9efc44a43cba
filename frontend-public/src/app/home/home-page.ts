import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router } from '@angular/router';
import { PublicEventDto } from '@focus-racer/api-types';
import { apiErrorMessage, EmptyStateComponent, fromIsoDate, toIsoDate } from '@focus-racer/ui';
import { catchError, debounceTime, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { PublicApi } from '../api/public-api';
import { EventCard } from './event-card';

type EventsState =
  | { status: 'loading' }
  // refreshing: a new filter's answer is on its way; the cards of the last one stay (no flash of a spinner per keystroke).
  | { status: 'ready'; events: PublicEventDto[]; refreshing?: boolean }
  | { status: 'error'; message: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (value: string | undefined) => (value && ISO_DATE.test(value) ? value : '');

/**
 * The races with photos on Focus Racer, searchable by name or place and by race dates. The filters live in the
 * URL (`?q=&from=&to=`) so a search can be shared and the back button undoes it.
 */
@Component({
  selector: 'app-home-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatDatepickerModule,
    MatIconModule,
    MatButtonModule,
    MatProgressSpinnerModule,
    EmptyStateComponent,
    EventCard,
  ],
  templateUrl: './home-page.html',
  styleUrl: './home-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePage {
  /** `?q=`, `?from=`, `?to=` (component input binding). */
  readonly q = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();

  private readonly api = inject(PublicApi);
  private readonly router = inject(Router);
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly dates = new FormGroup({
    from: new FormControl<Date | null>(null),
    to: new FormControl<Date | null>(null),
  });
  protected readonly state = signal<EventsState>({ status: 'loading' });
  private readonly retry = signal(0);
  protected readonly filter = computed(() => ({
    q: (this.q() ?? '').trim(),
    from: validDate(this.from()),
    to: validDate(this.to()),
  }));
  protected readonly filtered = computed(() => {
    const { q, from, to } = this.filter();
    return Boolean(q || from || to);
  });
  private readonly query = computed(() => ({ ...this.filter(), attempt: this.retry() }));

  constructor() {
    // The URL is the source of truth: the fields follow it (typed, shared or navigated back to), and edits go to it.
    effect(() => {
      const { q, from, to } = this.filter();
      if (this.search.value !== q) this.search.setValue(q, { emitEvent: false });
      this.dates.setValue({ from: from ? fromIsoDate(from) : null, to: to ? fromIsoDate(to) : null }, { emitEvent: false });
    });
    this.search.valueChanges
      .pipe(debounceTime(300), map((value) => value.trim()), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => this.navigate({ q: q || null }));
    // A start alone already filters ("from this day on"); picking the end then narrows it.
    this.dates.valueChanges.pipe(takeUntilDestroyed()).subscribe(({ from, to }) => {
      this.navigate({ from: from ? toIsoDate(from) : null, to: to ? toIsoDate(to) : null });
    });
    toObservable(this.query)
      .pipe(
        switchMap(({ q, from, to }) => {
          const previous = this.state();
          const pending: EventsState = previous.status === 'ready' ? { ...previous, refreshing: true } : { status: 'loading' };
          return this.api.events({ q, from, to }).pipe(
            map((events): EventsState => ({ status: 'ready', events })),
            catchError((error: unknown) => of<EventsState>({ status: 'error', message: apiErrorMessage(error) })),
            startWith(pending),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.state.set(state));
  }

  protected clear(): void {
    this.search.setValue('', { emitEvent: false });
    this.navigate({ q: null, from: null, to: null });
  }

  protected clearDates(): void {
    this.navigate({ from: null, to: null });
  }

  protected reload(): void {
    this.retry.update((n) => n + 1);
  }

  private navigate(queryParams: Record<string, string | null>): void {
    // A filter typed just before a race card was tapped would otherwise cancel the way to the race (the debounce
    // fires while the event page loads): a navigation under way wins.
    if (this.router.currentNavigation()) return;
    void this.router.navigate([], { queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
