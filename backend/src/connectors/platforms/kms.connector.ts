import { readCsvStartList } from '../csv/csv-start-list.connector';
import { PlatformConnectorRequest, StartListConnector, StartListReadout, StartListSourceError } from '../start-list-connector';
import { PlatformHttp } from './platform-http';

/**
 * KMS (kms.fr), online registration and timing for races in France, through the export of its registrations.
 *
 * KMS publishes no API documentation. ASSUMPTIONS, to confirm with KMS before going live (the URL is the one thing
 * likely to differ, and KMS_API_URL plus EXPORT_PATH below are the only places to change):
 * - `GET {KMS_API_URL}/api/v1/epreuves/{race id}/inscrits.csv` with `Authorization: Bearer <API key>` answers the
 *   same file as the back office's "export des inscrits": `;`-separated, Windows-1252, one runner per line under
 *   the titles "Dossard;Nom;Prénom;Sexe;Catégorie;Club" (plus "Email" and "Temps" in some exports);
 * - 401/403 for a wrong key, 404 for an unknown race.
 * The file then goes through the CSV path with the KMS preset, exactly as if the organiser had uploaded it, so a
 * KMS export sent by email and this connector give the same start list.
 */
export class KmsStartListConnector implements StartListConnector<PlatformConnectorRequest> {
  readonly source = 'kms' as const;
  static readonly EXPORT_PATH = (raceId: string) => `/api/v1/epreuves/${encodeURIComponent(raceId)}/inscrits.csv`;

  constructor(
    private readonly http: PlatformHttp,
    private readonly maxRows: number,
  ) {}

  async read({ externalEventId, apiKey }: PlatformConnectorRequest): Promise<StartListReadout> {
    const response = await this.http.request(KmsStartListConnector.EXPORT_PATH(externalEventId), {
      headers: { Authorization: `Bearer ${apiKey}`, Accept: 'text/csv' },
    });
    if (response.status !== 200) {
      throw this.http.failure(response, `KMS does not know the race "${externalEventId}": check the race identifier in the event's start-list connector`);
    }
    if (/html/i.test(response.contentType)) throw this.http.unexpected();
    let readout;
    try {
      readout = readCsvStartList({ bytes: response.body, preset: 'kms', maxRows: this.maxRows });
    } catch (error) {
      if (!(error instanceof StartListSourceError)) throw error;
      if (error.reason === 'empty') throw new StartListSourceError(422, `KMS has no registrations for the race "${externalEventId}" yet`, 'empty');
      if (error.reason === 'too-many-rows') throw new StartListSourceError(422, `The KMS race has more than the ${this.maxRows} registrations a start list may hold`, 'too-many-rows');
      // The file is KMS's, not the pro's: one we cannot read means KMS answered something unexpected.
      throw this.http.unexpected();
    }
    if (readout.mappingProblems.length > 0) throw this.http.unexpected();
    return { candidates: readout.candidates.map((candidate) => ({ ...candidate, ref: `KMS export ${candidate.ref}` })) };
  }
}
