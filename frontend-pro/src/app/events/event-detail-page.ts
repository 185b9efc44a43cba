import { BreakpointObserver } from '@angular/cdk/layout';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTabsModule } from '@angular/material/tabs';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { sportLabel } from '@focus-racer/api-types';
import { fromIsoDate, PageHeaderComponent } from '@focus-racer/ui';
import { map } from 'rxjs';
import { EVENT_STATUS_LABELS } from './event-status';
import { EventDetailStore } from './event-detail-store';
import { eventTabs } from './event-tabs';

const NARROW_QUERY = '(max-width: 1099.98px)';

/**
 * One event (`/events/:id`): a header with its status and the ways into its photos, then tabs (overview, details,
 * branding, photographers, start list, stats) as child routes. The tabs share the event through EventDetailStore,
 * so what one saves shows in the header at once. The tabs offered depend on who reads: owner or invited
 * photographer, organizer or photographer space (see eventTabs).
 */
@Component({
  selector: 'app-event-detail-page',
  imports: [
    DatePipe,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    MatTabsModule,
    PageHeaderComponent,
  ],
  providers: [EventDetailStore],
  templateUrl: './event-detail-page.html',
  styleUrl: './event-detail-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EventDetailPage {
  /** The event id, from the route (`withComponentInputBinding`). */
  readonly id = input.required<string>();

  protected readonly store = inject(EventDetailStore);
  protected readonly event = this.store.event;
  protected readonly fromIsoDate = fromIsoDate;
  protected readonly sportLabel = sportLabel;
  protected readonly statusLabels = EVENT_STATUS_LABELS;

  /** Beside the navigation on a tablet (and on phones): too narrow for six tabs in a row. */
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe(NARROW_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly tabs = computed(() => {
    const event = this.event();
    return event ? eventTabs(this.store.space(), event.access) : [];
  });
  protected readonly backLabel = computed(() =>
    this.store.space() === 'organizer' ? 'Races I organize' : 'My events',
  );

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.load(id));
    });
  }
}
