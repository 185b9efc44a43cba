import { BreakpointObserver } from '@angular/cdk/layout';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTableModule } from '@angular/material/table';
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
import { eventsWording } from '../pro-space';
import { EVENT_STATUS_LABELS } from './event-status';

import { NewEventDialog, NewEventDialogData } from './new-event-dialog';

/** The events a pro owns (a photographer's "My events", an organizer's "Races I organize"), and creating one. */
@Component({
  selector: 'app-events-page',
  imports: [
    DatePipe,
    MatTableModule,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
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

  protected readonly wording = computed(() => eventsWording(this.auth.user()?.role ?? Role.PHOTOGRAPHER));
  protected readonly events = signal<EventDto[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly sportLabel = sportLabel;
  protected readonly fromIsoDate = fromIsoDate;

  private readonly isHandset = toSignal(
    inject(BreakpointObserver)
      .observe(HANDSET_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly columns = computed(() =>
    this.isHandset()
      ? ['name', 'date', 'status']
      : ['name', 'date', 'location', 'sport', 'status', 'photoCount'],
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
      next: (events) => this.events.set([...events].sort((a, b) => b.date.localeCompare(a.date))),
      error: (error: unknown) => this.loadError.set(apiErrorMessage(error)),
    });
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
        this.notifier.info(`"${created.name}" created as a draft.`);
      }
    });
  }
}
