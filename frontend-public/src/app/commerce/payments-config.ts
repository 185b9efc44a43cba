import { inject, Injectable, signal } from '@angular/core';
import { PaymentsPublicConfigDto } from '@focus-racer/api-types';
import { catchError, Observable, of, shareReplay, tap } from 'rxjs';
import { PublicApi } from '../api/public-api';

/**
 * How this platform takes payments (`GET /api/public/payments/config`), asked once per visit: Stripe with its
 * publishable key, or the local test mode that the cart and checkout label as such.
 */
@Injectable({ providedIn: 'root' })
export class PaymentsConfig {
  private readonly api = inject(PublicApi);
  private request: Observable<PaymentsPublicConfigDto | null> | null = null;
  private readonly current = signal<PaymentsPublicConfigDto | null>(null);
  /** Known once `load()` has answered; null before, or when the API could not say. */
  readonly config = this.current.asReadonly();

  /** The config, from the server the first time; null when it cannot be had (the checkout says so then). */
  load(): Observable<PaymentsPublicConfigDto | null> {
    this.request ??= this.api.paymentsConfig().pipe(
      tap((config) => this.current.set(config)),
      catchError(() => {
        // Ask again next time rather than remember a network hiccup for the whole visit.
        this.request = null;
        return of(null);
      }),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.request;
  }
}
