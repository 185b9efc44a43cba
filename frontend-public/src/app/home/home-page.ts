import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router } from '@angular/router';
import { PublicEventDto } from '@focus-racer/api-types';
import { apiErrorMessage, EmptyStateComponent } from '@focus-racer/ui';
import { catchError, debounceTime, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { PublicEventsApi } from '../api/public-events-api';
import { EventCard } from './event-card';

type EventsState =
  | { status: 'loading' }
  | { status: 'ready'; events: PublicEventDto[] }
  | { status: 'error'; message: string };

/** The races with photos on Focus Racer, searchable by name or place; the search lives in `?q=` to be shared. */
@Component({
  selector: 'app-home-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
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
  /** `?q=` (component input binding). */
  readonly q = input<string>();

  private readonly api = inject(PublicEventsApi);
  private readonly router = inject(Router);
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly state = signal<EventsState>({ status: 'loading' });
  private readonly retry = signal(0);
  private readonly query = computed(() => ({ q: (this.q() ?? '').trim(), attempt: this.retry() }));

  constructor() {
    // The URL is the source of truth: typing updates ?q=, and ?q= (typed, shared or navigated back to) loads.
    effect(() => {
      const q = this.q() ?? '';
      if (this.search.value !== q) {
        this.search.setValue(q, { emitEvent: false });
      }
    });
    this.search.valueChanges
      .pipe(debounceTime(300), map((value) => value.trim()), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => {
        void this.router.navigate([], { queryParams: { q: q || null }, queryParamsHandling: 'merge', replaceUrl: true });
      });
    toObservable(this.query)
      .pipe(
        switchMap(({ q }) =>
          this.api.search(q).pipe(
            map((events): EventsState => ({ status: 'ready', events })),
            catchError((error: unknown) => of<EventsState>({ status: 'error', message: apiErrorMessage(error) })),
            startWith<EventsState>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.state.set(state));
  }

  protected clear(): void {
    this.search.setValue('');
  }

  protected reload(): void {
    this.retry.update((n) => n + 1);
  }
}
