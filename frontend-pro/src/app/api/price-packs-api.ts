import { HttpClient, HttpContext } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { PricePackDto, PricePacksUpdate } from '@focus-racer/api-types';
import { SILENT_ERRORS } from '@focus-racer/ui';
import { Observable } from 'rxjs';

/** The prices of one of the pro's events (GET/PUT /api/events/:id/price-packs, owner only). */
@Injectable({ providedIn: 'root' })
export class PricePacksApi {
  private readonly http = inject(HttpClient);

  list(eventId: string): Observable<PricePackDto[]> {
    return this.http.get<PricePackDto[]>(`/api/events/${encodeURIComponent(eventId)}/price-packs`);
  }

  /** Replaces the offer. The editor shows a refusal under its form, not in the snack bar. */
  replace(eventId: string, update: PricePacksUpdate): Observable<PricePackDto[]> {
    return this.http.put<PricePackDto[]>(`/api/events/${encodeURIComponent(eventId)}/price-packs`, update, {
      context: new HttpContext().set(SILENT_ERRORS, true),
    });
  }
}
