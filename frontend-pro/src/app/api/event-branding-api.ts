import { HttpClient, HttpContext } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  BrandingPreviewRequest,
  EventDto,
  UpdateEventBrandingRequest,
  UpdateEventBrandingResponse,
} from '@focus-racer/api-types';
import { SILENT_ERRORS } from '@focus-racer/ui';
import { Observable } from 'rxjs';

/** Multipart field of the cover and logo uploads. */
export const IMAGE_FIELD = 'file';

/** The forms show refusals under themselves; the snack bar stays quiet. */
const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });

const base = (eventId: string) => `/api/events/${encodeURIComponent(eventId)}`;

function imageForm(file: File): FormData {
  const form = new FormData();
  form.append(IMAGE_FIELD, file, file.name);
  return form;
}

/**
 * How an event looks: its cover (`PUT/DELETE /api/events/:id/cover`) and the branding drawn on the public copies
 * of its photos (`PUT /api/events/:id/branding`, logo `PUT/DELETE .../branding/logo`, a trial render with
 * `POST .../branding/preview`). Owner only.
 */
@Injectable({ providedIn: 'root' })
export class EventBrandingApi {
  private readonly http = inject(HttpClient);

  uploadCover(eventId: string, file: File): Observable<EventDto> {
    return this.http.put<EventDto>(`${base(eventId)}/cover`, imageForm(file), silent());
  }

  removeCover(eventId: string): Observable<EventDto> {
    return this.http.delete<EventDto>(`${base(eventId)}/cover`, silent());
  }

  update(eventId: string, request: UpdateEventBrandingRequest): Observable<UpdateEventBrandingResponse> {
    return this.http.put<UpdateEventBrandingResponse>(`${base(eventId)}/branding`, request, silent());
  }

  uploadLogo(eventId: string, file: File): Observable<UpdateEventBrandingResponse> {
    return this.http.put<UpdateEventBrandingResponse>(`${base(eventId)}/branding/logo`, imageForm(file), silent());
  }

  removeLogo(eventId: string): Observable<UpdateEventBrandingResponse> {
    return this.http.delete<UpdateEventBrandingResponse>(`${base(eventId)}/branding/logo`, silent());
  }

  /** A sample photo drawn with `request` (nothing saved), as a JPEG. */
  preview(eventId: string, request: BrandingPreviewRequest): Observable<Blob> {
    return this.http.post(`${base(eventId)}/branding/preview`, request, { ...silent(), responseType: 'blob' });
  }
}
