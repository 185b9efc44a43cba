import { HttpClient, HttpContext } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { CreateEventRequest, EventDto, UpdateEventRequest } from '@focus-racer/api-types';
import { SILENT_ERRORS } from '@focus-racer/ui';
import { Observable } from 'rxjs';

/** The pro app's client for its own events (GET/POST /api/events, GET/PATCH/DELETE /api/events/:id). */
@Injectable({ providedIn: 'root' })
export class EventsApi {
  private readonly http = inject(HttpClient);

  /** `silent`: for a background check (the payments banner) whose failure the person need not read. */
  listMine(options: { silent?: boolean } = {}): Observable<EventDto[]> {
    return this.http.get<EventDto[]>('/api/events', options.silent ? silentContext() : {});
  }

  /** `silent`: for a background refresh of a page already showing the event. */
  get(id: string, options: { silent?: boolean } = {}): Observable<EventDto> {
    return this.http.get<EventDto>(`/api/events/${encodeURIComponent(id)}`, options.silent ? silentContext() : {});
  }

  /** Errors are shown by the form that creates the event, not by the global snack bar. */
  create(request: CreateEventRequest): Observable<EventDto> {
    return this.http.post<EventDto>('/api/events', request, silentContext());
  }

  /** `silent`: the edit form and the status buttons show the refusal (a 409 on a status change) themselves. */
  update(id: string, request: UpdateEventRequest, options: { silent?: boolean } = {}): Observable<EventDto> {
    return this.http.patch<EventDto>(`/api/events/${encodeURIComponent(id)}`, request, options.silent ? silentContext() : {});
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`/api/events/${encodeURIComponent(id)}`);
  }
}

function silentContext(): { context: HttpContext } {
  return { context: new HttpContext().set(SILENT_ERRORS, true) };
}
