import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { PublicEventDto } from '@focus-racer/api-types';
import { Observable } from 'rxjs';

/** The public site's client for published events (no account needed). */
@Injectable({ providedIn: 'root' })
export class PublicEventsApi {
  private readonly http = inject(HttpClient);

  /** Published events, filtered by name or place when `q` is given. */
  search(q: string): Observable<PublicEventDto[]> {
    const query = q.trim();
    return this.http.get<PublicEventDto[]>('/api/public/events', { params: query ? { q: query } : {} });
  }

  bySlug(slug: string): Observable<PublicEventDto> {
    return this.http.get<PublicEventDto>(`/api/public/events/${encodeURIComponent(slug)}`);
  }
}
