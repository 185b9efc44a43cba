import { computed, inject, Injectable, signal } from '@angular/core';
import { EventDto, Role } from '@focus-racer/api-types';
import { apiErrorMessage, AuthService } from '@focus-racer/ui';
import { EventsApi } from '../api/events-api';
import { proSpaceOf } from '../pro-space';

/**
 * The event an event page and its tabs work on (provided by EventDetailPage): loaded once, replaced by whatever a
 * tab saves (edit, status, cover, branding) so the header and the other tabs follow without a reload.
 */
@Injectable()
export class EventDetailStore {
  private readonly api = inject(EventsApi);
  private readonly auth = inject(AuthService);

  readonly event = signal<EventDto | null>(null);
  readonly loadError = signal<string | null>(null);
  /** Owner (or ADMIN): may edit, publish, brand, invite. A photographer invited to the event uploads and reads. */
  readonly isOwner = computed(() => this.event()?.access === 'owner');
  readonly space = computed(() => proSpaceOf(this.auth.user()?.role ?? Role.PHOTOGRAPHER));

  private id: string | null = null;

  load(id: string): void {
    this.id = id;
    this.loadError.set(null);
    this.event.set(null);
    this.api.get(id).subscribe({
      next: (event) => this.event.set(event),
      error: (error: unknown) => this.loadError.set(apiErrorMessage(error)),
    });
  }

  /** Reads the event again without blanking the page (photo count, fallback cover); failures keep what is shown. */
  refresh(): void {
    if (!this.id) return;
    this.api.get(this.id, { silent: true }).subscribe({ next: (event) => this.event.set(event), error: () => undefined });
  }

  set(event: EventDto): void {
    this.event.set(event);
  }
}
