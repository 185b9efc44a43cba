import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ConnectStatusDto,
  CreditCheckoutRequest,
  CreditCheckoutResponse,
  CreditsOverviewDto,
  OnboardingLinkDto,
  PaymentsPublicConfigDto,
  SalesPageDto,
  TopPhotoDto,
} from '@focus-racer/api-types';
import { SILENT_ERRORS } from '@focus-racer/ui';
import { Observable } from 'rxjs';

/** The caller shows the refusal itself (next to the button that asked), so the snack bar stays quiet. */
const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });

/**
 * The pro app's client for getting paid and paying: the platform's payment settings, Stripe Connect onboarding,
 * sales of the pro's events, and processing credits.
 */
@Injectable({ providedIn: 'root' })
export class PaymentsApi {
  private readonly http = inject(HttpClient);

  /** Test mode or Stripe, and the fees every price is shown with. */
  config(): Observable<PaymentsPublicConfigDto> {
    return this.http.get<PaymentsPublicConfigDto>('/api/public/payments/config');
  }

  connectStatus(options: { silent?: boolean } = {}): Observable<ConnectStatusDto> {
    return this.http.get<ConnectStatusDto>('/api/payments/connect/status', options.silent ? silent() : {});
  }

  /** A single-use link to Stripe's hosted onboarding (or the local test page); the browser goes there. */
  onboardingLink(): Observable<OnboardingLinkDto> {
    return this.http.post<OnboardingLinkDto>('/api/payments/connect/onboarding-link', {}, silent());
  }

  sales(query: { eventId?: string | null; cursor?: string | null } = {}): Observable<SalesPageDto> {
    let params = new HttpParams();
    if (query.eventId) params = params.set('eventId', query.eventId);
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<SalesPageDto>('/api/payments/sales', { params });
  }

  topPhotos(eventId?: string | null): Observable<TopPhotoDto[]> {
    const params = eventId ? new HttpParams().set('eventId', eventId) : new HttpParams();
    return this.http.get<TopPhotoDto[]>('/api/payments/sales/top-photos', { params });
  }

  /** Balance, offers, subscription and the newest ledger entries (older ones with `before`). */
  credits(before?: string | null, options: { silent?: boolean } = {}): Observable<CreditsOverviewDto> {
    const params = before ? new HttpParams().set('before', before) : new HttpParams();
    return this.http.get<CreditsOverviewDto>('/api/payments/credits', { params, ...(options.silent ? silent() : {}) });
  }

  /** Stripe Checkout (or the local test page) for one credit offer; the browser goes to `url`. */
  creditCheckout(offerId: string): Observable<CreditCheckoutResponse> {
    const body: CreditCheckoutRequest = { offerId };
    return this.http.post<CreditCheckoutResponse>('/api/payments/credits/checkout', body, silent());
  }
}
