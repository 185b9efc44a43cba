import { BreakpointObserver } from '@angular/cdk/layout';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { EventDto, EventStatus, Role, sportLabel } from '@focus-racer/api-types';
import {
  apiErrorMessage,
  AuthService,
  EmptyStateComponent,
  ErrorNotifier,
  fromIsoDate,
  HANDSET_QUERY,
  PageHeaderComponent,
} from '@focus-racer/ui';
import { map } from 'rxjs';
import { EventsApi } from '../api/events-api';
import { PaymentsStatus } from '../payments/payments-status';
import { eventsWording } from '../pro-space';
import { EVENT_STATUS_LABELS } from './event-status';

import { NewEventDialog, NewEventDialogData } from './new-event-dialog';

/** Below this width the table sits beside the navigation with too little room for seven columns. */
const NARROW_TABLE_QUERY = '(max-width: 1099.98px)';

/** The events a pro owns (a photographer's "My events", an organizer's "Races I organize"), and creating one. */
@Component({
  selector: 'app-events-page',
  imports: [
    DatePipe,
    MatTableModule,
    MatTooltipModule,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    RouterLink,
    PageHeaderComponent,
    EmptyStateComponent,
  ],
  templateUrl: './events-page.html',
  styleUrl: './events-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EventsPage implements OnInit {
  private readonly api = inject(EventsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(ErrorNotifier);
  private readonly auth = inject(AuthService);
  private readonly paymentsStatus = inject(PaymentsStatus);
  private readonly router = inject(Router);

  protected readonly wording = computed(() => eventsWording(this.auth.user()?.role ?? Role.PHOTOGRAPHER));
  protected readonly events = signal<EventDto[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly sportLabel = sportLabel;
  protected readonly fromIsoDate = fromIsoDate;

  /** Phones, and tablets beside the navigation: the name cell also says when, where and which sport. */
  protected readonly isNarrow = toSignal(
    inject(BreakpointObserver)
      .observe([HANDSET_QUERY, NARROW_TABLE_QUERY])
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly columns = computed(() =>
    this.isNarrow()
      ? ['name', 'status', 'actions']
      : ['name', 'date', 'location', 'sport', 'status', 'photoCount', 'actions'],
  );

  protected statusLabel(status: string): string {
    return EVENT_STATUS_LABELS[status as EventStatus] ?? status;
  }

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.loadError.set(null);
    this.events.set(null);
    this.api.listMine().subscribe({
      next: (events) => {
        this.events.set([...events].sort((a, b) => b.date.localeCompare(a.date)));
        this.paymentsStatus.ownsEvents.set(events.length > 0);
      },
      error: (error: unknown) => this.loadError.set(apiErrorMessage(error)),
    });
  }

  /** A click anywhere on a row opens the event (keyboard and screen readers use the name's link). */
  protected open(event: EventDto, click: MouseEvent): void {
    if ((click.target as HTMLElement | null)?.closest('a, button')) return;
    void this.router.navigate(['/events', event.id]);
  }

  protected openNewEvent(): void {
    const ref = this.dialog.open<NewEventDialog, NewEventDialogData, EventDto>(NewEventDialog, {
      data: { title: this.wording().newEvent },
      width: '520px',
      maxWidth: '100vw',
      autoFocus: 'first-tabbable',
    });
    ref.afterClosed().subscribe((created) => {
      if (created) {
        this.events.update((events) => [created, ...(events ?? [])]);
        // A first event makes the payments banner relevant.
        this.paymentsStatus.ownsEvents.set(true);
        this.notifier.info(`"${created.name}" created as a draft. Open it to add a cover, your watermark and prices.`);
      }
    });
  }
}
