import { computed, inject, Injectable, signal } from '@angular/core';
import { ConnectStatusDto } from '@focus-racer/api-types';
import { EventsApi } from '../api/events-api';
import { PaymentsApi } from '../api/payments-api';

/**
 * Whether the signed-in pro can be paid: their Stripe Connect status and whether they own events at all. Read
 * once by the shell (for the banner) and kept fresh by the pages that learn more (payments page, events list).
 * Failures stay silent here: the banner is a reminder, the payments page says what went wrong.
 */
@Injectable({ providedIn: 'root' })
export class PaymentsStatus {
  private readonly payments = inject(PaymentsApi);
  private readonly events = inject(EventsApi);

  readonly connect = signal<ConnectStatusDto | null>(null);
  readonly ownsEvents = signal<boolean | null>(null);
  /** Runners cannot buy this pro's photos yet although there are events to sell. */
  readonly needsOnboarding = computed(() => this.ownsEvents() === true && this.connect()?.onboarded === false);

  load(): void {
    // Another pro may have signed in since the last read.
    this.connect.set(null);
    this.ownsEvents.set(null);
    this.payments.connectStatus({ silent: true }).subscribe({
      next: (status) => this.connect.set(status),
      error: () => undefined,
    });
    this.events.listMine({ silent: true }).subscribe({
      next: (events) => this.ownsEvents.set(events.length > 0),
      error: () => undefined,
    });
  }
}
