import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  Page,
  StartListColumnMapping,
  StartListConnectorBody,
  StartListConnectorDto,
  StartListCsvPreview,
  StartListDelimiter,
  StartListEncoding,
  StartListEntryDto,
  StartListImportOptions,
  StartListImportResult,
  StartListPreset,
} from '@focus-racer/api-types';
import { SILENT_ERRORS } from '@focus-racer/ui';
import { Observable } from 'rxjs';

/** How to read a CSV file; anything left out is detected by the API. */
export interface StartListCsvOptions {
  delimiter?: StartListDelimiter | 'auto';
  encoding?: StartListEncoding | 'auto';
  hasHeaderRow?: boolean;
  preset?: StartListPreset;
  mapping?: StartListColumnMapping;
}

const base = (eventId: string) => `/api/events/${encodeURIComponent(eventId)}/start-list`;
const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });

/** The multipart body of the preview and import: the file, and the options as text fields. */
export function startListForm(file: File, options: StartListCsvOptions & StartListImportOptions): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  if (options.delimiter) form.append('delimiter', options.delimiter === '\t' ? 'tab' : options.delimiter);
  if (options.encoding) form.append('encoding', options.encoding);
  if (options.hasHeaderRow !== undefined) form.append('hasHeaderRow', String(options.hasHeaderRow));
  if (options.preset) form.append('preset', options.preset);
  if (options.mapping) form.append('mapping', JSON.stringify(options.mapping));
  if (options.skipInvalidRows !== undefined) form.append('skipInvalidRows', String(options.skipInvalidRows));
  if (options.replaceExisting !== undefined) form.append('replaceExisting', String(options.replaceExisting));
  return form;
}

/**
 * An event's start list (`/api/events/:id/start-list`): CSV preview and import, the registration platform's
 * connector and its sync, the list itself. The screens show refusals (with the row report of a 422) themselves.
 */
@Injectable({ providedIn: 'root' })
export class StartListApi {
  private readonly http = inject(HttpClient);

  previewCsv(eventId: string, file: File, options: StartListCsvOptions): Observable<StartListCsvPreview> {
    return this.http.post<StartListCsvPreview>(`${base(eventId)}/csv/preview`, startListForm(file, options), silent());
  }

  importCsv(
    eventId: string,
    file: File,
    options: StartListCsvOptions & StartListImportOptions,
  ): Observable<StartListImportResult> {
    return this.http.post<StartListImportResult>(`${base(eventId)}/csv/import`, startListForm(file, options), silent());
  }

  /** 404 when no connector is set up: the caller reads that as "none", so it stays out of the snack bar. */
  getConnector(eventId: string): Observable<StartListConnectorDto> {
    return this.http.get<StartListConnectorDto>(`${base(eventId)}/connector`, silent());
  }

  saveConnector(eventId: string, body: StartListConnectorBody): Observable<StartListConnectorDto> {
    return this.http.put<StartListConnectorDto>(`${base(eventId)}/connector`, body, silent());
  }

  deleteConnector(eventId: string): Observable<void> {
    return this.http.delete<void>(`${base(eventId)}/connector`);
  }

  sync(eventId: string, options: StartListImportOptions): Observable<StartListImportResult> {
    return this.http.post<StartListImportResult>(`${base(eventId)}/connector/sync`, options, silent());
  }

  list(eventId: string, query: { q?: string; page?: number; pageSize?: number } = {}): Observable<Page<StartListEntryDto>> {
    let params = new HttpParams();
    if (query.q) params = params.set('q', query.q);
    if (query.page) params = params.set('page', query.page);
    if (query.pageSize) params = params.set('pageSize', query.pageSize);
    return this.http.get<Page<StartListEntryDto>>(base(eventId), { params });
  }

  clear(eventId: string): Observable<{ removed: number; resnappedPhotos: number }> {
    return this.http.delete<{ removed: number; resnappedPhotos: number }>(base(eventId));
  }
}
