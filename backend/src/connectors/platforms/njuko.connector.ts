import { normaliseHeader } from '../csv/column-mapping';
import { PlatformConnectorRequest, StartListConnector, StartListReadout, StartListSourceError } from '../start-list-connector';
import type { StartListCandidate } from '../start-list-validation';
import { PlatformHttp } from './platform-http';

/**
 * Njuko (njuko.com), the registration platform of many French road races and trails, through its organiser API.
 *
 * Njuko publishes no public documentation; this client follows what the open-source Runr app (github.com/fxpio/runr,
 * MIT) does against it, and makes the same calls. ASSUMPTIONS, to check against a real edition before going live:
 * - base URL `https://api.njuko.net` (Runr's default; NJUKO_API_URL overrides it);
 * - every call carries the headers `Edition: <edition id>` and `Authorization: <API key>`, both given to the
 *   organiser in Njuko's back office;
 * - `GET /api-registrations/competition` → `{ id, name, competitions: [{ id, name }] }` (the races of the edition);
 * - `GET /api-registrations/fields` → `{ [fieldId]: { id, reportName, ... } }` (the registration form's questions;
 *   the club is one of them, found by its name);
 * - `POST /api-registrations/registrations` with `{ from, itemsPerPage, answers: true, orderBy, order }` →
 *   `{ resultsSize, totalHits, results: [registration] }`, a registration holding `id`, `firstname`, `lastname`,
 *   `email`, `competition_id`, `isRegistered`, `bib: { code } | null` and `answers: [{ field_id, value }]`.
 * Mapping: bib ← bib.code, category ← the competition's name (the race entered), club ← the answer to the "Club"
 * question; registrations not (or no longer) registered are not runners and are left out; registered runners
 * without a bib yet are reported as "no bib number" like a CSV row would be.
 */
export class NjukoStartListConnector implements StartListConnector<PlatformConnectorRequest> {
  readonly source = 'njuko' as const;
  static readonly PAGE_SIZE = 500;

  constructor(
    private readonly http: PlatformHttp,
    private readonly maxRows: number,
  ) {}

  async read({ externalEventId, apiKey }: PlatformConnectorRequest): Promise<StartListReadout> {
    const headers = { Edition: externalEventId, Authorization: apiKey, Accept: 'application/json' };
    const notFound = `Njuko does not know the edition "${externalEventId}": check the edition identifier in the event's start-list connector`;
    const competitions = await this.competitions(headers, notFound);
    const clubFields = await this.clubFields(headers, notFound);

    const candidates: StartListCandidate[] = [];
    let position = 0;
    for (let from = 0; ; from += NjukoStartListConnector.PAGE_SIZE) {
      const response = await this.http.request('/api-registrations/registrations', {
        method: 'POST',
        headers,
        json: { from, itemsPerPage: NjukoStartListConnector.PAGE_SIZE, answers: true, orderBy: 'id', order: 'asc' },
      });
      if (response.status !== 200) throw this.http.failure(response, notFound);
      const page = this.http.json(response);
      if (!isRecord(page) || !Array.isArray(page['results'])) throw this.http.unexpected();
      const totalHits = typeof page['totalHits'] === 'number' ? page['totalHits'] : null;
      if (totalHits !== null && totalHits > this.maxRows) {
        throw new StartListSourceError(422, `The Njuko edition has ${totalHits} registrations, more than the ${this.maxRows} a start list may hold`);
      }
      for (const registration of page['results']) {
        position++;
        if (!isRecord(registration)) throw this.http.unexpected();
        if (registration['isRegistered'] === false) continue;
        candidates.push(toCandidate(registration, position, competitions, clubFields));
      }
      const results = page['results'].length;
      if (results < NjukoStartListConnector.PAGE_SIZE || (totalHits !== null && from + results >= totalHits)) break;
      if (position >= this.maxRows) {
        throw new StartListSourceError(422, `The Njuko edition has more than the ${this.maxRows} registrations a start list may hold`);
      }
    }
    return { candidates };
  }

  /** Competition id → name; an edition without the endpoint gives no category rather than no start list. */
  private async competitions(headers: Record<string, string>, notFound: string): Promise<Map<string, string>> {
    const response = await this.http.request('/api-registrations/competition', { headers });
    if (response.status === 404) return new Map();
    if (response.status !== 200) throw this.http.failure(response, notFound);
    const body = this.http.json(response);
    const list = isRecord(body) && Array.isArray(body['competitions']) ? body['competitions'] : [];
    return new Map(
      list.filter(isRecord).flatMap((competition) =>
        competition['id'] !== undefined && typeof competition['name'] === 'string' ? [[String(competition['id']), competition['name']] as const] : [],
      ),
    );
  }

  /** Ids of the form questions that ask for the club. */
  private async clubFields(headers: Record<string, string>, notFound: string): Promise<Set<string>> {
    const response = await this.http.request('/api-registrations/fields', { headers });
    if (response.status === 404) return new Set();
    if (response.status !== 200) throw this.http.failure(response, notFound);
    const body = this.http.json(response);
    const fields = isRecord(body) ? Object.values(body) : Array.isArray(body) ? body : [];
    return new Set(
      fields
        .filter(isRecord)
        .filter((field) => typeof field['reportName'] === 'string' && CLUB_QUESTIONS.has(normaliseHeader(field['reportName'])))
        .map((field) => String(field['id'])),
    );
  }
}

const CLUB_QUESTIONS = new Set(['club', 'nom du club', 'club association', 'association', 'equipe', 'team', 'club ou association']);

function toCandidate(registration: Record<string, unknown>, position: number, competitions: Map<string, string>, clubFields: Set<string>): StartListCandidate {
  const bib = isRecord(registration['bib']) ? text(registration['bib']['code']) : '';
  const answers = Array.isArray(registration['answers']) ? registration['answers'].filter(isRecord) : [];
  const club = answers.find((answer) => clubFields.has(String(answer['field_id'])));
  const id = text(registration['id']);
  return {
    row: position,
    ref: `Njuko registration ${id || `#${position}`}`,
    values: {
      bib,
      firstName: text(registration['firstname']),
      lastName: text(registration['lastname']),
      email: text(registration['email']),
      category: competitions.get(text(registration['competition_id'])) ?? null,
      club: club ? (Array.isArray(club['value']) ? club['value'].map(text).join(', ') : text(club['value'])) : null,
    },
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
