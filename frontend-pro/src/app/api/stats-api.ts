import { HttpClient, HttpContext } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { EventStatsDto, StatsOverviewDto } from '@focus-racer/api-types';
import { SILENT_ERRORS } from '@focus-racer/ui';
import { Observable } from 'rxjs';

/**
 * Figures of the pro's events: one event (`GET /api/events/:id/stats`) and the dashboard across them
 * (`GET /api/stats/overview`). `silent` for the periodic refresh: a failed refresh keeps the figures on screen and
 * says so on the page, without a snack bar every few seconds.
 */
@Injectable({ providedIn: 'root' })
export class StatsApi {
  private readonly http = inject(HttpClient);

  event(eventId: string, options: { silent?: boolean } = {}): Observable<EventStatsDto> {
    return this.http.get<EventStatsDto>(`/api/events/${encodeURIComponent(eventId)}/stats`, contextOf(options));
  }

  overview(options: { silent?: boolean } = {}): Observable<StatsOverviewDto> {
    return this.http.get<StatsOverviewDto>('/api/stats/overview', contextOf(options));
  }
}

function contextOf(options: { silent?: boolean }): { context?: HttpContext } {
  return options.silent ? { context: new HttpContext().set(SILENT_ERRORS, true) } : {};
}
