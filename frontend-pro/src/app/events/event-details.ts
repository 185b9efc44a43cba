import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { EVENT_COVER_MAX_BYTES, EventDto, SPORT_LABELS, SPORTS } from '@focus-racer/api-types';
import { apiErrorMessage, ErrorNotifier, fromIsoDate, toIsoDate } from '@focus-racer/ui';
import { filter, switchMap, tap } from 'rxjs';
import { EventBrandingApi } from '../api/event-branding-api';
import { EventsApi } from '../api/events-api';
import { confirmAction } from './confirm-dialog';
import { EventDetailStore } from './event-detail-store';
import { imageFileProblem } from './image-file';

const COVER_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * The details tab (owner): name, date, place and sport, checked before sending, with the server's refusal in place;
 * and the cover runners see on the event's card and page, previewed before it is uploaded.
 */
@Component({
  selector: 'app-event-details',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
  ],
  templateUrl: './event-details.html',
  styleUrl: './event-details.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EventDetails {
  protected readonly store = inject(EventDetailStore);
  private readonly api = inject(EventsApi);
  private readonly brandingApi = inject(EventBrandingApi);
  private readonly notifier = inject(ErrorNotifier);
  private readonly dialog = inject(MatDialog);

  protected readonly sports = SPORTS;
  protected readonly sportLabels = SPORT_LABELS;
  protected readonly coverMaxMb = EVENT_COVER_MAX_BYTES / 1024 / 1024;
  protected readonly event = this.store.event;

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(120)]],
    date: [null as Date | null, [Validators.required]],
    location: ['', [Validators.required, Validators.maxLength(120)]],
    sport: ['running', [Validators.required]],
  });
  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);

  /** The picked file, shown before it is sent. */
  protected readonly coverFile = signal<File | null>(null);
  protected readonly coverPreview = signal<string | null>(null);
  protected readonly coverBusy = signal(false);
  protected readonly coverError = signal<string | null>(null);
  protected readonly coverShown = computed(() => this.coverPreview() ?? this.event()?.coverUrl ?? null);

  constructor() {
    // Fill the form from the event when it (re)loads, not on every save of another tab.
    let filledFor: string | null = null;
    effect(() => {
      const event = this.event();
      if (event && event.id !== filledFor) {
        filledFor = event.id;
        untracked(() => this.fill(event));
      }
    });
    inject(DestroyRef).onDestroy(() => this.revokePreview());
  }

  private fill(event: EventDto): void {
    this.form.reset({ name: event.name, date: fromIsoDate(event.date), location: event.location, sport: event.sport });
  }

  protected save(): void {
    const event = this.event();
    if (!event || this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, date, location, sport } = this.form.getRawValue();
    if (!date) return;
    this.saving.set(true);
    this.saveError.set(null);
    this.api
      .update(event.id, { name: name.trim(), date: toIsoDate(date), location: location.trim(), sport }, { silent: true })
      .subscribe({
        next: (updated) => {
          this.saving.set(false);
          this.store.set(updated);
          this.fill(updated);
          this.notifier.info('Details saved.');
        },
        error: (error: unknown) => {
          this.saving.set(false);
          this.saveError.set(apiErrorMessage(error));
        },
      });
  }

  protected reset(): void {
    const event = this.event();
    if (event) this.fill(event);
    this.saveError.set(null);
  }

  protected pickCover(input: HTMLInputElement): void {
    const file = input.files?.[0] ?? null;
    input.value = '';
    if (!file) return;
    const problem = imageFileProblem(file, COVER_TYPES, EVENT_COVER_MAX_BYTES, 'JPEG, PNG or WebP');
    this.coverError.set(problem);
    if (problem) return;
    this.revokePreview();
    this.coverFile.set(file);
    this.coverPreview.set(URL.createObjectURL(file));
  }

  protected cancelCover(): void {
    this.revokePreview();
    this.coverFile.set(null);
    this.coverError.set(null);
  }

  protected uploadCover(): void {
    const event = this.event();
    const file = this.coverFile();
    if (!event || !file || this.coverBusy()) return;
    this.coverBusy.set(true);
    this.coverError.set(null);
    this.brandingApi.uploadCover(event.id, file).subscribe({
      next: (updated) => {
        this.coverBusy.set(false);
        this.store.set(updated);
        this.cancelCover();
        this.notifier.info('Cover saved.');
      },
      error: (error: unknown) => {
        this.coverBusy.set(false);
        this.coverError.set(apiErrorMessage(error));
      },
    });
  }

  protected removeCover(): void {
    const event = this.event();
    if (!event || this.coverBusy()) return;
    confirmAction(this.dialog, {
      title: 'Remove the cover?',
      message: 'The event shows its first photo instead (or a plain card while it has none).',
      confirm: 'Remove',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        tap(() => {
          this.coverBusy.set(true);
          this.coverError.set(null);
        }),
        switchMap(() => this.brandingApi.removeCover(event.id)),
      )
      .subscribe({
        next: (updated) => {
          this.coverBusy.set(false);
          this.store.set(updated);
          this.notifier.info('Cover removed.');
        },
        error: (error: unknown) => {
          this.coverBusy.set(false);
          this.coverError.set(apiErrorMessage(error));
        },
      });
  }

  private revokePreview(): void {
    const url = this.coverPreview();
    if (url) URL.revokeObjectURL(url);
    this.coverPreview.set(null);
  }
}
