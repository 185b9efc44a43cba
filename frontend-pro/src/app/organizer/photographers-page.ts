import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { EventDto } from '@focus-racer/api-types';
import { apiErrorMessage, EmptyStateComponent, fromIsoDate, PageHeaderComponent } from '@focus-racer/ui';
import { EventsApi } from '../api/events-api';
import { EVENT_STATUS_LABELS } from '../events/event-status';
import { PhotographersPanel } from './photographers-panel';

/**
 * The organizer's photographers, race by race (`/photographers`): each race opens on who covers it and the invite
 * form. Upcoming races first, as that is where photographers are still being found. Finding new photographers is
 * the marketplace's (a later page).
 */
@Component({
  selector: 'app-photographers-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatExpansionModule,
    MatIconModule,
    MatProgressSpinnerModule,
    PageHeaderComponent,
    EmptyStateComponent,
    PhotographersPanel,
  ],
  template: `
    <fr-page-header heading="Photographers" subtitle="Who covers each of your races, and inviting the photographers you work with." />
    @if (loadError(); as message) {
      <div class="fr-alert fr-alert-error" role="alert">
        <mat-icon aria-hidden="true">error</mat-icon>
        <span>{{ message }}</span>
        <button mat-button type="button" class="app-push" (click)="load()">Try again</button>
      </div>
    } @else if (races(); as list) {
      @if (list.length === 0) {
        <fr-empty-state
          testId="photographers-page-empty"
          icon="groups"
          heading="No race yet"
          description="Create your race first; then invite the photographers who will cover it."
        >
          <a mat-stroked-button routerLink="/events"><mat-icon>add</mat-icon>Go to my races</a>
        </fr-empty-state>
      } @else {
        <mat-accordion data-testid="photographers-races">
          @for (race of list; track race.id; let first = $first) {
            <mat-expansion-panel [expanded]="first" data-testid="photographers-race">
              <mat-expansion-panel-header class="app-race-header">
                <mat-panel-title>{{ race.name }}</mat-panel-title>
                <mat-panel-description>
                  {{ fromIsoDate(race.date) | date: 'mediumDate' }} · {{ statusLabels[race.status] }}
                </mat-panel-description>
              </mat-expansion-panel-header>
              <ng-template matExpansionPanelContent>
                <app-photographers-panel [eventId]="race.id" [eventName]="race.name" />
                <a mat-button class="app-open" [routerLink]="['/events', race.id]">Open the race <mat-icon iconPositionEnd>arrow_forward</mat-icon></a>
              </ng-template>
            </mat-expansion-panel>
          }
        </mat-accordion>
      }
    } @else {
      <div class="fr-loading" role="status" aria-label="Loading your races"><mat-spinner diameter="40" /></div>
    }
  `,
  styles: `
    /* Long race names wrap on a tablet: the header grows instead of clipping them. */
    .app-race-header {
      height: auto !important;
      min-height: 48px;
      padding-top: 12px;
      padding-bottom: 12px;
    }
    .app-open {
      margin-top: 8px;
    }
    .fr-alert .app-push {
      margin-left: auto;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PhotographersPage {
  private readonly api = inject(EventsApi);

  protected readonly events = signal<EventDto[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly fromIsoDate = fromIsoDate;
  protected readonly statusLabels = EVENT_STATUS_LABELS;
  /** The organizer's own races: upcoming first (soonest first), then past ones (latest first). */
  protected readonly races = computed(() => {
    const events = this.events();
    if (!events) return null;
    const today = new Date().toISOString().slice(0, 10);
    const own = events.filter((e) => e.access === 'owner');
    const upcoming = own.filter((e) => e.date >= today).sort((a, b) => a.date.localeCompare(b.date));
    const past = own.filter((e) => e.date < today).sort((a, b) => b.date.localeCompare(a.date));
    return [...upcoming, ...past];
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loadError.set(null);
    this.events.set(null);
    this.api.listMine().subscribe({
      next: (events) => this.events.set(events),
      error: (error: unknown) => this.loadError.set(apiErrorMessage(error)),
    });
  }
}
