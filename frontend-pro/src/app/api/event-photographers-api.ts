import { HttpClient, HttpContext } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { EventPhotographerDto, InvitePhotographerRequest } from '@focus-racer/api-types';
import { SILENT_ERRORS } from '@focus-racer/ui';
import { Observable } from 'rxjs';

const base = (eventId: string) => `/api/events/${encodeURIComponent(eventId)}/photographers`;

/** The photographers working on an organizer's event (`GET/POST /api/events/:id/photographers`, `DELETE .../:entryId`). */
@Injectable({ providedIn: 'root' })
export class EventPhotographersApi {
  private readonly http = inject(HttpClient);

  list(eventId: string): Observable<EventPhotographerDto[]> {
    return this.http.get<EventPhotographerDto[]>(base(eventId));
  }

  /** The invite form shows the refusal (an address already on the event, another role's account) itself. */
  invite(eventId: string, request: InvitePhotographerRequest): Observable<EventPhotographerDto> {
    return this.http.post<EventPhotographerDto>(base(eventId), request, {
      context: new HttpContext().set(SILENT_ERRORS, true),
    });
  }

  remove(eventId: string, entryId: string): Observable<void> {
    return this.http.delete<void>(`${base(eventId)}/${encodeURIComponent(entryId)}`);
  }
}
