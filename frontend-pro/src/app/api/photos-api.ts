import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  BibCorrectionRequest,
  BibCorrectionResult,
  BulkPhotoActionRequest,
  BulkPhotoActionResult,
  CursorPage,
  Page,
  PhotoDto,
  PhotoFacetsDto,
  PhotoFilter,
  ReviewDecision,
  StartListEntryDto,
  TriagePage,
} from '@focus-racer/api-types';
import { SILENT_ERRORS } from '@focus-racer/ui';
import { Observable } from 'rxjs';

const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });
const event = (id: string) => `/api/events/${encodeURIComponent(id)}`;
const photo = (id: string) => `/api/photos/${encodeURIComponent(id)}`;

/**
 * The pro app's client for an event's photos once uploaded: the filtered grid and its bulk actions, the triage
 * queue, bib corrections and review decisions. The pages print every refusal where it happened, so none of these
 * requests uses the global snack bar.
 */
@Injectable({ providedIn: 'root' })
export class PhotosApi {
  private readonly http = inject(HttpClient);

  /** 100 photos a page in upload order; `cursor` is the previous page's nextCursor (or a loaded photo's id). */
  list(eventId: string, filter: PhotoFilter | null, cursor: string | null = null): Observable<CursorPage<PhotoDto>> {
    let params = new HttpParams();
    if (filter) params = params.set('filter', filter);
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<CursorPage<PhotoDto>>(`${event(eventId)}/photos`, { params, ...silent() });
  }

  /** Counts beside the filters; asked again in the background as the pipeline goes, so never in the snack bar. */
  facets(eventId: string): Observable<PhotoFacetsDto> {
    return this.http.get<PhotoFacetsDto>(`${event(eventId)}/photos/facets`, silent());
  }

  bulk(eventId: string, request: BulkPhotoActionRequest): Observable<BulkPhotoActionResult> {
    return this.http.post<BulkPhotoActionResult>(`${event(eventId)}/photos/bulk`, request, silent());
  }

  triage(eventId: string, cursor: string | null = null): Observable<TriagePage> {
    const params = cursor ? new HttpParams().set('cursor', cursor) : undefined;
    return this.http.get<TriagePage>(`${event(eventId)}/triage`, { params, ...silent() });
  }

  /** Replaces the photo's bibs (source manual). A 422 lists numbers the start list does not know (see `force`). */
  correctBibs(photoId: string, request: BibCorrectionRequest): Observable<BibCorrectionResult> {
    return this.http.put<BibCorrectionResult>(`${photo(photoId)}/bibs`, request, silent());
  }

  /** Answers the photo after the decision (the API sends it; null from an API that answers nothing). */
  review(photoId: string, decision: ReviewDecision): Observable<PhotoDto | null> {
    return this.http.post<PhotoDto | null>(`${photo(photoId)}/review`, { decision }, silent());
  }

  /** Runners whose bib starts with `bib` (or whose name holds it), for the live check while a number is typed. */
  findRunners(eventId: string, bib: string): Observable<Page<StartListEntryDto>> {
    const params = new HttpParams().set('q', bib).set('pageSize', 5);
    return this.http.get<Page<StartListEntryDto>>(`${event(eventId)}/start-list`, { params, ...silent() });
  }
}
