import { HttpClient, HttpContext } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { PaymentSettingsDto, PaymentsPublicConfigDto } from '@focus-racer/api-types';
import { SILENT_ERRORS } from '@focus-racer/ui';
import { Observable } from 'rxjs';

/** The admin console's client for the platform's fees (GET|PUT /api/admin/payments/settings, ADMIN only). */
@Injectable({ providedIn: 'root' })
export class AdminPaymentsApi {
  private readonly http = inject(HttpClient);

  settings(): Observable<PaymentSettingsDto> {
    return this.http.get<PaymentSettingsDto>('/api/admin/payments/settings');
  }

  /** The form shows a refusal under itself, not in the snack bar. */
  updateSettings(settings: PaymentSettingsDto): Observable<PaymentSettingsDto> {
    return this.http.put<PaymentSettingsDto>('/api/admin/payments/settings', settings, {
      context: new HttpContext().set(SILENT_ERRORS, true),
    });
  }

  /** Stripe or the local test mode. */
  config(): Observable<PaymentsPublicConfigDto> {
    return this.http.get<PaymentsPublicConfigDto>('/api/public/payments/config');
  }
}
