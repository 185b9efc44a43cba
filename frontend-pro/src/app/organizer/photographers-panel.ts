import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { EVENT_INVITATION_TTL_DAYS, EventPhotographerDto } from '@focus-racer/api-types';
import { apiErrorMessage, EmptyStateComponent, ErrorNotifier } from '@focus-racer/ui';
import { filter, switchMap, tap } from 'rxjs';
import { EventPhotographersApi } from '../api/event-photographers-api';
import { confirmAction } from '../events/confirm-dialog';

/** Stricter than Validators.email: an address needs a dot in its domain to reach anyone. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The photographers working on one race (organizer space): who is on it (active) or invited and not registered
 * yet, inviting by email (an existing photographer is added at once, an unknown address gets an invitation) with the
 * server's refusal in place, and removing with a question first.
 */
@Component({
  selector: 'app-photographers-panel',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    EmptyStateComponent,
  ],
  templateUrl: './photographers-panel.html',
  styleUrl: './photographers-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PhotographersPanel {
  readonly eventId = input.required<string>();
  readonly eventName = input('');

  private readonly api = inject(EventPhotographersApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly ttlDays = EVENT_INVITATION_TTL_DAYS;
  protected readonly entries = signal<EventPhotographerDto[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly active = computed(() => (this.entries() ?? []).filter((e) => e.status === 'active').length);
  protected readonly invited = computed(() => (this.entries() ?? []).filter((e) => e.status === 'invited').length);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.maxLength(254), Validators.pattern(EMAIL)]],
  });
  protected readonly inviting = signal(false);
  protected readonly inviteError = signal<string | null>(null);
  protected readonly inviteDone = signal<string | null>(null);
  protected readonly removing = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.eventId();
      untracked(() => this.load(id));
    });
  }

  protected load(eventId = this.eventId()): void {
    this.loadError.set(null);
    this.api.list(eventId).subscribe({
      next: (entries) => this.entries.set(entries),
      error: (error: unknown) => this.loadError.set(apiErrorMessage(error)),
    });
  }

  protected invite(): void {
    if (this.inviting()) return;
    this.inviteDone.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const email = this.form.controls.email.value.trim().toLowerCase();
    this.inviting.set(true);
    this.inviteError.set(null);
    this.api.invite(this.eventId(), { email }).subscribe({
      next: (entry) => {
        this.inviting.set(false);
        this.entries.update((entries) => [...(entries ?? []).filter((e) => e.id !== entry.id), entry]);
        this.form.reset();
        this.inviteDone.set(
          entry.status === 'active'
            ? `${entry.name ?? entry.email} is on the race: they can upload their photos now, and were told by email.`
            : `Invitation sent to ${entry.email}. The link to create their account is valid ${EVENT_INVITATION_TTL_DAYS} days.`,
        );
      },
      error: (error: unknown) => {
        this.inviting.set(false);
        this.inviteError.set(apiErrorMessage(error));
      },
    });
  }

  protected remove(entry: EventPhotographerDto): void {
    if (this.removing()) return;
    const who = entry.name ?? entry.email;
    confirmAction(this.dialog, {
      title: entry.status === 'active' ? `Remove ${who} from the race?` : `Cancel the invitation of ${entry.email}?`,
      message:
        entry.status === 'active'
          ? 'They can no longer upload to this race. The photos they already uploaded stay on sale.'
          : 'The link in their email stops working.',
      confirm: entry.status === 'active' ? 'Remove' : 'Cancel the invitation',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        tap(() => this.removing.set(entry.id)),
        switchMap(() => this.api.remove(this.eventId(), entry.id)),
      )
      .subscribe({
        next: () => {
          this.removing.set(null);
          this.entries.update((entries) => (entries ?? []).filter((e) => e.id !== entry.id));
          this.notifier.info(entry.status === 'active' ? `${who} removed.` : 'Invitation cancelled.');
        },
        error: () => this.removing.set(null),
      });
  }
}
