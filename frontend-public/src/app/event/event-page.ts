import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { HttpErrorResponse } from '@angular/common/http';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { PublicEventDto, sportLabel } from '@focus-racer/api-types';
import { apiErrorMessage, EmptyStateComponent, fromIsoDate, PageHeaderComponent } from '@focus-racer/ui';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { PublicEventsApi } from '../api/public-events-api';

type EventState =
  | { status: 'loading' }
  | { status: 'ready'; event: PublicEventDto }
  | { status: 'missing' }
  | { status: 'error'; message: string };

/** One published race. Searching its photos by bib comes with the photo pipeline. */
@Component({
  selector: 'app-event-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    PageHeaderComponent,
    EmptyStateComponent,
  ],
  template: `
    <a mat-button routerLink="/" class="app-back"><mat-icon>arrow_back</mat-icon> All races</a>
    @let s = state();
    @if (s.status === 'loading') {
      <div class="fr-loading" role="status" aria-label="Loading the race"><mat-spinner diameter="40" /></div>
    } @else if (s.status === 'missing') {
      <fr-page-header heading="Race not found" />
      <fr-empty-state
        testId="event-missing"
        icon="search_off"
        heading="This race is not on Focus Racer"
        description="It may not be published yet, or the link is wrong. Look for it in the list of races."
      />
    } @else if (s.status === 'error') {
      <div class="fr-alert fr-alert-error" role="alert">
        <mat-icon aria-hidden="true">error</mat-icon><span>{{ s.message }}</span>
      </div>
    } @else {
      <fr-page-header
        [heading]="s.event.name"
        [subtitle]="(date(s.event.date) | date: 'fullDate') + ' · ' + s.event.location + ' · ' + sport(s.event.sport)"
      />
      <fr-empty-state
        testId="bib-search-soon"
        icon="pin"
        heading="Search by bib number: coming soon"
        [description]="
          s.event.photoCount +
          ' photos are online for this race. Soon you will type your bib number (or take a selfie) to see only yours.'
        "
      />
    }
  `,
  styles: '.app-back { margin: 0 0 16px -8px; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EventPage {
  /** `:slug` (component input binding). */
  readonly slug = input.required<string>();

  private readonly api = inject(PublicEventsApi);
  private readonly title = inject(Title);
  protected readonly state = signal<EventState>({ status: 'loading' });
  protected readonly date = fromIsoDate;
  protected readonly sport = sportLabel;

  constructor() {
    toObservable(this.slug)
      .pipe(
        switchMap((slug) =>
          this.api.bySlug(slug).pipe(
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
        if (state.status === 'ready') {
          this.title.setTitle(`${state.event.name} · Focus Racer`);
        }
      });
  }
}
