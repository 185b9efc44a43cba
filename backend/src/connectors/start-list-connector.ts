import type { StartListSource } from '@focus-racer/api-types';
import type { StartListCandidate } from './start-list-validation';

/**
 * The one contract of every start-list source: read the runners from somewhere and hand them over as candidate
 * rows. What happens next (the rules of start-list-validation.ts, the report, the upsert by bib and the re-snap of
 * the photos) is the same for all sources and lives in StartListService.
 *
 * Implementations: CsvStartListConnector (an uploaded file), NjukoStartListConnector and KmsStartListConnector
 * (the registration platforms' APIs).
 */
export interface StartListConnector<TRequest, TReadout extends StartListReadout = StartListReadout> {
  readonly source: StartListSource;
  read(request: TRequest): Promise<TReadout>;
}

export interface StartListReadout {
  candidates: StartListCandidate[];
}

/** Credentials and ids a platform connector needs, decrypted just for the call. */
export interface PlatformConnectorRequest {
  externalEventId: string;
  apiKey: string;
}

/**
 * The source refused or could not be read as a whole (bad credentials, unreachable platform, a file that is not
 * CSV, too many rows). `status` is the HTTP status the API answers with; `message` is for the pro.
 */
export class StartListSourceError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** For callers that word the same failure differently (a platform's empty export is not the pro's empty file). */
    readonly reason: 'empty' | 'too-many-rows' | 'unreadable' | 'other' = 'other',
  ) {
    super(message);
    this.name = 'StartListSourceError';
  }
}
