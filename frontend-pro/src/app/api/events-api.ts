import { HttpClient, HttpContext } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { CreateEventRequest, EventDto, UpdateEventRequest } from '@focus-racer/api-types';
import { SILENT_ERRORS } from '@focus-racer/ui';
import { Observable } from 'rxjs';

/** The pro app's client for its own events (GET/POST /api/events, GET/PATCH/DELETE /api/events/:id). */
@Injectable({ providedIn: 'root' })
export class EventsApi {
  private readonly http = inject(HttpClient);

  listMine(): Observable<EventDto[]> {
    return this.http.get<EventDto[]>('/api/events');
  }

  get(id: string): Observable<EventDto> {
    return this.http.get<EventDto>(`/api/events/${encodeURIComponent(id)}`);
  }

  /** Errors are shown by the form that creates the event, not by the global snack bar. */
  create(request: CreateEventRequest): Observable<EventDto> {
    return this.http.post<EventDto>('/api/events', request, { context: new HttpContext().set(SILENT_ERRORS, true) });
  }

  update(id: string, request: UpdateEventRequest): Observable<EventDto> {
    return this.http.patch<EventDto>(`/api/events/${encodeURIComponent(id)}`, request);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`/api/events/${encodeURIComponent(id)}`);
  }
}
