import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { EventStatus } from '@focus-racer/api-types';
import { apiErrorMessage, ErrorNotifier } from '@focus-racer/ui';
import { filter, of, switchMap } from 'rxjs';
import { EventsApi } from '../api/events-api';
import { PricePacksApi } from '../api/price-packs-api';
import { liveRefreshTicks } from '../stats/live-refresh';
import { confirmAction } from './confirm-dialog';
import { EventDetailStore } from './event-detail-store';
import { STATUS_MEANING, StatusAction, statusActions } from './event-status-actions';
import { EVENT_STATUS_LABELS } from './event-status';
import { QrCode } from './qr-code';

/**
 * The overview tab of an event: its status and the allowed changes (the server's refusal shown in place), the
 * public page's link and QR code to share with runners, and what to do next. The photo count follows the
 * pipeline while the page is open.
 */
@Component({
  selector: 'app-event-overview',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule, MatTooltipModule, QrCode],
  templateUrl: './event-overview.html',
  styleUrl: './event-overview.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EventOverview {
  protected readonly store = inject(EventDetailStore);
  private readonly api = inject(EventsApi);
  private readonly dialog = inject(MatDialog);
  private readonly clipboard = inject(Clipboard);
  private readonly notifier = inject(ErrorNotifier);
  private readonly packsApi = inject(PricePacksApi);

  protected readonly event = this.store.event;
  protected readonly statusLabels = EVENT_STATUS_LABELS;
  protected readonly published = computed(() => this.event()?.status === EventStatus.PUBLISHED);
  protected readonly meaning = computed(() => {
    const event = this.event();
    return event ? STATUS_MEANING[event.status] : '';
  });
  protected readonly actions = computed(() => {
    const event = this.event();
    return event && this.store.isOwner() ? statusActions(event.status, event.name) : [];
  });
  protected readonly changing = signal<EventStatus | null>(null);
  protected readonly statusError = signal<string | null>(null);
  protected readonly copied = signal(false);
  /** Active prices of the event: null until read (or when they could not be). */
  private readonly activePacks = signal<number | null>(null);

  /** The steps still open for an owner, so a new event is never left half set up. */
  protected readonly nextSteps = computed(() => {
    const event = this.event();
    if (!event || !this.store.isOwner()) return [];
    const steps: { done: boolean; label: string; link: string[]; testId: string }[] = [
      { done: event.photoCount > 0, label: event.photoCount > 0 ? `${event.photoCount} photos uploaded` : 'Upload photos', link: ['/events', event.id, event.photoCount > 0 ? 'photos' : 'upload'], testId: 'step-photos' },
      { done: event.hasCover, label: event.hasCover ? 'Cover image set' : 'Add a cover image', link: ['/events', event.id, 'details'], testId: 'step-cover' },
      { done: !!event.branding.watermarkText || !!event.branding.logoUrl, label: event.branding.watermarkText || event.branding.logoUrl ? 'Watermark set' : 'Set your watermark', link: ['/events', event.id, 'branding'], testId: 'step-branding' },
      {
        done: (this.activePacks() ?? 0) > 0,
        label: (this.activePacks() ?? 0) > 0 ? `${this.activePacks()} prices on sale` : 'Set the prices runners pay',
        link: ['/events', event.id, 'prices'],
        testId: 'step-prices',
      },
      { done: event.status !== EventStatus.DRAFT, label: event.status === EventStatus.DRAFT ? 'Publish for runners' : 'Published', link: ['/events', event.id], testId: 'step-publish' },
    ];
    return steps;
  });

  constructor() {
    const event = this.event();
    if (event && this.store.isOwner()) {
      this.packsApi.list(event.id).subscribe({
        next: (packs) => this.activePacks.set(packs.filter((pack) => pack.active).length),
        error: () => this.activePacks.set(null),
      });
    }
    // New photos arrive from the pipeline while the page is open: keep the count (and fallback cover) current.
    liveRefreshTicks()
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => this.store.refresh());
  }

  protected change(action: StatusAction): void {
    const event = this.event();
    if (!event || this.changing()) return;
    const asked$ = action.confirm ? confirmAction(this.dialog, action.confirm) : of(true);
    asked$
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.changing.set(action.to);
          this.statusError.set(null);
          return this.api.update(event.id, { status: action.to }, { silent: true });
        }),
      )
      .subscribe({
        next: (updated) => {
          this.changing.set(null);
          this.store.set(updated);
          this.notifier.info(`"${updated.name}" is now ${this.statusLabels[updated.status].toLowerCase()}.`);
        },
        error: (error: unknown) => {
          this.changing.set(null);
          this.statusError.set(apiErrorMessage(error));
        },
      });
  }

  protected copyLink(): void {
    const event = this.event();
    if (!event) return;
    this.copied.set(this.clipboard.copy(event.publicUrl));
    if (this.copied()) {
      this.notifier.info('Link copied.');
    } else {
      this.notifier.error('The link could not be copied: select it and copy it by hand.');
    }
  }
}
