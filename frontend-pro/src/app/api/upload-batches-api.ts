import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { CreateUploadBatchRequest, PhotoUploadResult, UploadBatchDetailDto, UploadBatchDto } from '@focus-racer/api-types';
import { SILENT_ERRORS } from '@focus-racer/ui';
import { Observable } from 'rxjs';

const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });
const event = (id: string) => `/api/events/${encodeURIComponent(id)}`;
const batch = (id: string) => `/api/upload-batches/${encodeURIComponent(id)}`;

/** One file of a batch upload: its client key and what is sent (the reduced JPEG or the original). */
export interface BatchFilePart {
  key: string;
  name: string;
  blob: Blob;
}

/**
 * The pro app's client for resumable upload batches (see CreateUploadBatchRequest in api-types for the wire format).
 * Every call is silent: the upload page shows refusals in the batch's timeline, and a retried upload must not
 * flash a snack bar per failed request.
 */
@Injectable({ providedIn: 'root' })
export class UploadBatchesApi {
  private readonly http = inject(HttpClient);

  create(eventId: string, request: CreateUploadBatchRequest): Observable<UploadBatchDto> {
    return this.http.post<UploadBatchDto>(`${event(eventId)}/upload-batches`, request, silent());
  }

  /** The event's newest batches with their counters (the owner sees every batch, a photographer their own). */
  list(eventId: string): Observable<UploadBatchDto[]> {
    return this.http.get<UploadBatchDto[]>(`${event(eventId)}/upload-batches`, silent());
  }

  /** The batch and the client keys the server already holds. */
  get(batchId: string): Observable<UploadBatchDetailDto> {
    return this.http.get<UploadBatchDetailDto>(batch(batchId), silent());
  }

  /** Every file the client could send has been sent: the batch moves on to processing. Idempotent. */
  complete(batchId: string): Observable<UploadBatchDto> {
    return this.http.post<UploadBatchDto>(`${batch(batchId)}/complete`, {}, silent());
  }

  /** Files of a batch, each part `files` right after its `key` field; 402 when credits do not cover them. */
  sendFiles(eventId: string, batchId: string, parts: readonly BatchFilePart[]): Observable<PhotoUploadResult> {
    const form = new FormData();
    for (const part of parts) {
      form.append('key', part.key);
      form.append('files', part.blob, part.name);
    }
    const params = new HttpParams().set('batchId', batchId).set('fileCount', parts.length);
    return this.http.post<PhotoUploadResult>(`${event(eventId)}/photos`, form, { params, ...silent() });
  }
}
