import { AuthResponse, BibSource, EventDto, Page, PhotoStatus, Role, StartListConnectorDto, StartListCsvPreview, StartListEntryDto, StartListImportResult, StartListRejectedError } from '@focus-racer/api-types';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { PhotoBibsProcessor } from '../src/ai-pipeline/processors/bibs.processor';
import { BIB_READER, BibReader, BibReading } from '../src/ai-pipeline/recognition/bib-reader';
import { StartListConnectorSettings } from '../src/connectors/entities/start-list-connector.entity';
import { StartListEntry } from '../src/connectors/entities/start-list-entry.entity';
import { lockStartListForImport } from '../src/connectors/start-list-lock';
import { EventPhotographer } from '../src/events/entities/event-photographer.entity';
import { BibNumber } from '../src/photos/entities/bib-number.entity';
import { Photo } from '../src/photos/entities/photo.entity';
import { OBJECT_STORAGE, ObjectStorage } from '../src/storage/object-storage';
import { WorkerModule } from '../src/worker.module';
import { photoFixtures } from './photo-fixtures';
import { bearer, createTestApp, register, TestApp } from './test-app';

/**
 * Start lists end to end on the real API and PostgreSQL: CSV preview and import (encodings, delimiters, bad rows,
 * re-imports), the Njuko and KMS connectors against a local stub of their APIs, and the re-snap of the photos'
 * OCR bibs when the list changes (also from the bibs stage's side, under the start-list lock).
 */

const NJUKO_EDITION = 'ed-2026';
const NJUKO_KEY = 'njk-live-0123456789-3f9a';
const KMS_RACE = 'race-77';
const KMS_KEY = 'kms-secret-key-0002';
const MAX_BYTES = 64 * 1024;
const MAX_ROWS = 1000;

/** Windows-1252 bytes of a text made of Latin-1 letters, plus Œ and œ (0x8C, 0x9C) which Latin-1 lacks. */
function windows1252(text: string): Buffer {
  const extra: Record<string, number> = { Œ: 0x8c, œ: 0x9c };
  return Buffer.from([...text].map((char) => extra[char] ?? char.charCodeAt(0)));
}

interface NjukoRegistration {
  id: number;
  firstname: string;
  lastname: string;
  email: string;
  competition_id: number;
  isRegistered: boolean;
  bib: { code: string } | null;
  answers: Array<{ field_id: number; value: string }>;
}

/** What the stub platforms hold and were asked. */
const stub = {
  njukoRegistrations: [] as NjukoRegistration[],
  njukoPagesAsked: [] as number[],
  kmsCsv: Buffer.alloc(0) as Buffer,
};

function njukoRunners(count: number): NjukoRegistration[] {
  return Array.from({ length: count }, (_, i) => ({
    id: 5000 + i,
    firstname: i === 0 ? 'Éloïse' : `Prénom${i}`,
    lastname: i === 0 ? 'Lefèvre' : `Nom${i}`,
    email: `runner${i}@example.fr`,
    competition_id: i % 2 === 0 ? 11 : 12,
    isRegistered: true,
    bib: { code: String(100 + i) },
    answers: [
      { field_id: 5, value: i === 0 ? 'AC Évry' : 'ASPTT' },
      { field_id: 6, value: 'M' },
    ],
  }));
}

function startStub(): Promise<Server> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const url = request.url ?? '';
      if (url.startsWith('/api-registrations/')) {
        if (request.headers['authorization'] !== NJUKO_KEY) return json(401, { message: 'Unauthorized' });
        if (request.headers['edition'] !== NJUKO_EDITION) return json(404, { message: 'Edition not found' });
        if (url === '/api-registrations/competition') {
          return json(200, { id: 1, name: 'Foulées 2026', competitions: [{ id: 11, name: '10 km' }, { id: 12, name: 'Semi-marathon' }] });
        }
        if (url === '/api-registrations/fields') return json(200, { 5: { id: 5, reportName: 'Club' }, 6: { id: 6, reportName: 'Taille T-shirt' } });
        if (url === '/api-registrations/registrations' && request.method === 'POST') {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { from: number; itemsPerPage: number };
          stub.njukoPagesAsked.push(body.from);
          const results = stub.njukoRegistrations.slice(body.from, body.from + body.itemsPerPage);
          return json(200, { resultsSize: results.length, totalHits: stub.njukoRegistrations.length, results });
        }
        return json(404, { message: 'No route' });
      }
      if (url === `/api/v1/epreuves/${KMS_RACE}/inscrits.csv`) {
        if (request.headers['authorization'] !== `Bearer ${KMS_KEY}`) return json(403, { message: 'Forbidden' });
        response.writeHead(200, { 'Content-Type': 'text/csv; charset=windows-1252' });
        return response.end(stub.kmsCsv);
      }
      json(404, { message: 'Not found' });
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('start lists (API, PostgreSQL, stub Njuko and KMS)', () => {
  let t: TestApp;
  let stubServer: Server;
  let owner: AuthResponse;
  let photographer: AuthResponse;
  let stranger: AuthResponse;
  let event: EventDto;

  const base = () => `/api/events/${event.id}/start-list`;
  const entries = () => t.db.dataSource.getRepository(StartListEntry).find({ where: { eventId: event.id }, order: { bib: 'ASC' } });
  const preview = (file: Buffer, fields: Record<string, string> = {}, auth: AuthResponse = owner) => {
    const req = t.http().post(`${base()}/csv/preview`).set(...bearer(auth));
    for (const [name, value] of Object.entries(fields)) req.field(name, value);
    return req.attach('file', file, 'inscrits.csv');
  };
  const importCsv = (file: Buffer, fields: Record<string, string> = {}, auth: AuthResponse = owner) => {
    const req = t.http().post(`${base()}/csv/import`).set(...bearer(auth));
    for (const [name, value] of Object.entries(fields)) req.field(name, value);
    return req.attach('file', file, 'inscrits.csv');
  };

  beforeAll(async () => {
    stubServer = await startStub();
    const stubUrl = `http://127.0.0.1:${(stubServer.address() as AddressInfo).port}`;
    t = await createTestApp({
      NJUKO_API_URL: stubUrl,
      KMS_API_URL: stubUrl,
      START_LIST_MAX_BYTES: String(MAX_BYTES),
      START_LIST_MAX_ROWS: String(MAX_ROWS),
      CONNECTOR_TIMEOUT_SECONDS: '5',
    });
    owner = await register(t, Role.ORGANIZER);
    photographer = await register(t, Role.PHOTOGRAPHER);
    stranger = await register(t, Role.PHOTOGRAPHER);
    event = (
      await t.http().post('/api/events').set(...bearer(owner)).send({ name: 'Foulées de Lyon', date: '2026-05-01', location: 'Lyon', sport: 'running' }).expect(201)
    ).body as EventDto;
    await t.db.dataSource.getRepository(EventPhotographer).insert({ eventId: event.id, photographerId: photographer.user.id });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => stubServer?.close(resolve));
  });

  beforeEach(async () => {
    await t.db.dataSource.getRepository(StartListEntry).delete({ eventId: event.id });
  });

  describe('CSV preview', () => {
    it('detects UTF-8 and commas, guesses the columns, maps the first rows and writes nothing', async () => {
      const file = Buffer.from('N° dossard,Nom,Prénom,Catégorie,Club,Email\n12,Lefèvre,Hélène,SEF,"AC Lyon, section trail",helene@example.fr\n13,Dupré,François,M1H,,\n', 'utf8');
      const res = await preview(file).expect(200);
      const body = res.body as StartListCsvPreview;
      expect(body).toMatchObject({
        filename: 'inscrits.csv',
        encoding: 'utf-8',
        delimiter: ',',
        hasHeaderRow: true,
        headers: ['N° dossard', 'Nom', 'Prénom', 'Catégorie', 'Club', 'Email'],
        suggestedMapping: { bib: 0, lastName: 1, firstName: 2, category: 3, club: 4, email: 5 },
        mappingProblems: [],
        existingBibs: 0,
      });
      expect(body.rows[0]).toEqual({
        row: 2,
        bib: '12',
        firstName: 'Hélène',
        lastName: 'Lefèvre',
        category: 'SEF',
        club: 'AC Lyon, section trail',
        email: 'helene@example.fr',
        chipTime: null,
        valid: true,
      });
      expect(body.report).toMatchObject({ totalRows: 2, validRows: 2, invalidRows: 0, errors: [] });
      expect(await entries()).toEqual([]);
    });

    it('says what is missing when no column looks like a bib, and takes the pro\'s mapping', async () => {
      const file = Buffer.from('Numéro;Coureur\n7;Léa Roux\n', 'utf8');
      const guessed = (await preview(file, { delimiter: ';' }).expect(200)).body as StartListCsvPreview;
      // "Numéro" is a bib synonym: the guess works; a custom title does not.
      expect(guessed.mapping).toEqual({ bib: 0 });
      const custom = (await preview(Buffer.from('Puce;Coureur\nA1;Léa Roux\n', 'utf8')).expect(200)).body as StartListCsvPreview;
      expect(custom).toMatchObject({ mappingProblems: ['Choose the column that holds the bib numbers'], rows: [], report: null });
      const mapped = (await preview(Buffer.from('Puce;Coureur\nA1;Léa Roux\n', 'utf8'), { mapping: JSON.stringify({ bib: 0, lastName: 1 }) }).expect(200))
        .body as StartListCsvPreview;
      expect(mapped.rows[0]).toMatchObject({ bib: 'A1', lastName: 'Léa Roux', valid: true });
    });

    it('refuses malformed form fields with the usual validation messages', async () => {
      const file = Buffer.from('Dossard;Nom\n1;Roux\n', 'utf8');
      expect((await preview(file, { mapping: '{bib:0' }).expect(400)).body.message).toEqual(['mapping must be JSON such as {"bib":0,"lastName":1,"firstName":2}']);
      expect((await preview(file, { mapping: JSON.stringify({ bib: -1 }) }).expect(400)).body.message).toEqual(['mapping.bib must be a column number (0 for the first column)']);
      expect((await preview(file, { mapping: JSON.stringify({ bib: 0, name: 1 }) }).expect(400)).body.message).toEqual([
        'mapping has an unknown field "name" (fields: bib, firstName, lastName, category, club, email, chipTime)',
      ]);
      expect((await preview(file, { encoding: 'latin9' }).expect(400)).body.message).toEqual(['encoding must be auto, utf-8, windows-1252 or utf-16le']);
      expect((await preview(file, { skipInvalidRows: 'true' }).expect(400)).body.message).toEqual(['Unknown field "skipInvalidRows".']);
    });
  });

  describe('CSV import', () => {
    it('imports a Windows-1252 semicolon file (a KMS export) with its accents', async () => {
      const file = windows1252('Dossard;Nom;Prénom;Sexe;Catégorie;Club\r\n101;Œuvray;Gaëlle;F;SEF;Entente Sèvres\r\n102;Müller;Jérôme;M;M0H;\r\n');
      const res = await importCsv(file, { preset: 'kms' }).expect(200);
      expect(res.body).toMatchObject({ source: 'csv', created: 2, updated: 0, unchanged: 0, skipped: 0, removed: 0, resnappedPhotos: 0 });
      expect((await entries()).map((entry) => [entry.bib, entry.firstName, entry.lastName, entry.category, entry.club])).toEqual([
        ['101', 'Gaëlle', 'Œuvray', 'SEF', 'Entente Sèvres'],
        ['102', 'Jérôme', 'Müller', 'M0H', null],
      ]);
      const detected = (await preview(file).expect(200)).body as StartListCsvPreview;
      expect(detected).toMatchObject({ encoding: 'windows-1252', delimiter: ';', existingBibs: 2 });
    });

    it('imports a tab-separated file', async () => {
      const file = Buffer.from('Bib\tLast name\tFirst name\tChip time\n7\tO\'Brien\tSeán\t1:02:03\n8\tRoux\tLéa\t\n', 'utf8');
      await importCsv(file).expect(200);
      expect((await entries()).map((entry) => [entry.bib, entry.lastName, entry.firstName, entry.chipTime])).toEqual([
        ['7', "O'Brien", 'Seán', '1:02:03'],
        ['8', 'Roux', 'Léa', null],
      ]);
    });

    it('refuses a file with bad rows as a whole, listing each row and why, and keeps the list it had', async () => {
      await importCsv(Buffer.from('Dossard;Nom\n1;Ancien\n', 'utf8')).expect(200);
      const file = Buffer.from(
        ['Dossard;Nom;Prénom', '10;Martin;Paul', ';Sans;Dossard', '11;Durand;Jean', '11;Petit;Luc', '12;Roux;Léa;en trop', '13;"Morel;Eva'].join('\n'),
        'utf8',
      );
      const res = await importCsv(file, { replaceExisting: 'true' }).expect(422);
      const body = res.body as StartListRejectedError;
      expect(body.message).toMatch(/^5 rows cannot be imported: Line 3: no bib number; Line 4: bib 11 is also given to line 5 \(Luc Petit\); .* Nothing was imported/);
      expect(body.details.report.errors.map((error) => [error.row, error.code])).toEqual([
        [3, 'missing-bib'],
        [4, 'duplicate-bib'],
        [5, 'duplicate-bib'],
        [6, 'unreadable-line'],
        [7, 'unreadable-line'],
      ]);
      expect(body.details.report.errors[3].message).toBe('Line 6: 4 columns where the file has 3: a value probably contains the semicolon without quotes');
      expect(body.details.report.errors[4].message).toBe('Line 7: a quote opened on this line is never closed');
      expect((await entries()).map((entry) => entry.bib)).toEqual(['1']);

      const skipped = await importCsv(file, { skipInvalidRows: 'true' }).expect(200);
      expect(skipped.body).toMatchObject({ created: 1, skipped: 5 });
      expect((await entries()).map((entry) => entry.bib)).toEqual(['1', '10']);

      // Replacing with skipped rows: a runner whose row was refused is still in the file, so they stay.
      const replacing = Buffer.from('Dossard;Nom\n10;Martin\n1;Ancien\n1;Autre\n', 'utf8');
      const replaced = await importCsv(replacing, { skipInvalidRows: 'true', replaceExisting: 'true' }).expect(200);
      expect(replaced.body).toMatchObject({ skipped: 2, removed: 0 });
      expect((await entries()).map((entry) => entry.bib)).toEqual(['1', '10']);
    });

    it('updates runners by bib on a re-import instead of adding rows, and counts what changed', async () => {
      const first = Buffer.from('Dossard;Nom;Prénom\n1;Martin;Paul\n2;Roux;Léa\n3;Petit;Luc\n', 'utf8');
      await importCsv(first).expect(200);
      const again = await importCsv(first).expect(200);
      expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
      const corrected = Buffer.from('Dossard;Nom;Prénom\n1;Martin;Paul\n2;Roux-Faure;Léa\n4;Morel;Eva\n', 'utf8');
      const res = await importCsv(corrected).expect(200);
      expect(res.body).toMatchObject({ created: 1, updated: 1, unchanged: 1, removed: 0 });
      expect((await entries()).map((entry) => [entry.bib, entry.lastName])).toEqual([
        ['1', 'Martin'],
        ['2', 'Roux-Faure'],
        ['3', 'Petit'],
        ['4', 'Morel'],
      ]);
      const replaced = await importCsv(corrected, { replaceExisting: 'true' }).expect(200);
      expect(replaced.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, removed: 1 });
      expect((await entries()).map((entry) => entry.bib)).toEqual(['1', '2', '4']);
    });

    it('refuses files that are too big, have too many rows, or are not CSV, with a sentence', async () => {
      const big = Buffer.alloc(MAX_BYTES + 10, 'a');
      expect((await importCsv(big).expect(413)).body.message).toBe('The file is larger than 64 KB: split the start list into several files');
      const rows = ['Dossard;Nom', ...Array.from({ length: MAX_ROWS + 1 }, (_, i) => `${i + 1};N${i}`)].join('\n');
      expect((await importCsv(Buffer.from(rows)).expect(422)).body.message).toBe('The file has more than 1,000 rows: split it into several files');
      expect((await importCsv(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0])).expect(422)).body.message).toMatch(/^This is an Excel or LibreOffice workbook/);
      expect((await importCsv(Buffer.from('Dossard;Nom\n')).expect(422)).body.message).toBe('The file has column titles but no runners');
      expect((await t.http().post(`${base()}/csv/import`).set(...bearer(owner)).send({ file: 'x' }).expect(400)).body.message).toMatch(/multipart\/form-data/);
      expect(await entries()).toEqual([]);
    });
  });

  describe('who may do what', () => {
    it('lets an assigned photographer import and read the list without emails; strangers get 404, runners 403', async () => {
      const file = Buffer.from('Dossard;Nom;Email\n1;Martin;paul@example.fr\n', 'utf8');
      await importCsv(file, {}, stranger).expect(404);
      await importCsv(file, {}, photographer).expect(200);
      expect((await importCsv(file, { replaceExisting: 'true' }, photographer).expect(403)).body.message).toMatch(/^Only the event's owner may replace/);
      const asPhotographer = (await t.http().get(base()).set(...bearer(photographer)).expect(200)).body as Page<StartListEntryDto>;
      expect(asPhotographer.items[0]).toMatchObject({ bib: '1', email: null });
      const asOwner = (await t.http().get(base()).set(...bearer(owner)).expect(200)).body as Page<StartListEntryDto>;
      expect(asOwner.items[0]).toMatchObject({ bib: '1', email: 'paul@example.fr' });
      await t.http().get(base()).set(...bearer(stranger)).expect(404);
      const runner = await register(t, Role.RUNNER);
      await t.http().get(base()).set(...bearer(runner)).expect(403);
      await t.http().put(`${base()}/connector`).set(...bearer(photographer)).send({ provider: 'kms', externalEventId: KMS_RACE, apiKey: KMS_KEY }).expect(404);
      await t.http().delete(base()).set(...bearer(photographer)).expect(404);
    });

    it('pages and searches the list by bib start or by name, accents and case ignored', async () => {
      const rows = ['Dossard;Nom;Prénom', '9;Lefèvre;Hélène', '10;Durand;Jean', '100;Martin;Paul', '1001;Lefebvre;Marc'];
      await importCsv(Buffer.from(rows.join('\n'), 'utf8')).expect(200);
      const page = (await t.http().get(`${base()}?pageSize=2`).set(...bearer(owner)).expect(200)).body as Page<StartListEntryDto>;
      expect(page).toMatchObject({ total: 4, page: 1, pageSize: 2 });
      expect(page.items.map((item) => item.bib)).toEqual(['9', '10']);
      const byBib = (await t.http().get(`${base()}?q=100`).set(...bearer(owner)).expect(200)).body as Page<StartListEntryDto>;
      expect(byBib.items.map((item) => item.bib)).toEqual(['100', '1001']);
      const byName = (await t.http().get(`${base()}?q=HELENE`).set(...bearer(owner)).expect(200)).body as Page<StartListEntryDto>;
      expect(byName.items.map((item) => item.bib)).toEqual(['9']);
    });
  });

  describe('Njuko and KMS connectors', () => {
    afterEach(async () => {
      await t.db.dataSource.getRepository(StartListConnectorSettings).delete({ eventId: event.id });
    });

    it('stores the API key encrypted, never returns it, and keeps it when only the edition changes', async () => {
      await t.http().put(`${base()}/connector`).set(...bearer(owner)).send({ provider: 'njuko', externalEventId: NJUKO_EDITION }).expect(422);
      const saved = await t.http().put(`${base()}/connector`).set(...bearer(owner)).send({ provider: 'njuko', externalEventId: NJUKO_EDITION, apiKey: NJUKO_KEY }).expect(200);
      expect(saved.body).toMatchObject({ provider: 'njuko', externalEventId: NJUKO_EDITION, apiKeyHint: '••••••••3f9a', lastSyncAt: null });
      const read = await t.http().get(`${base()}/connector`).set(...bearer(owner)).expect(200);
      expect(JSON.stringify(read.body)).not.toContain(NJUKO_KEY);
      const [row]: Array<Record<string, unknown>> = await t.db.dataSource.query(`SELECT * FROM start_list_connectors WHERE event_id = $1`, [event.id]);
      expect(JSON.stringify(row)).not.toContain(NJUKO_KEY);
      await t.http().put(`${base()}/connector`).set(...bearer(owner)).send({ provider: 'njuko', externalEventId: 'other-edition' }).expect(200);
      expect((await t.http().get(`${base()}/connector`).set(...bearer(owner)).expect(200)).body).toMatchObject({ externalEventId: 'other-edition', apiKeyHint: '••••••••3f9a' });
      await t.http().delete(`${base()}/connector`).set(...bearer(owner)).expect(204);
      expect((await t.http().get(`${base()}/connector`).set(...bearer(owner)).expect(404)).body.message).toMatch(/^No registration platform is set up/);
      await t.http().post(`${base()}/connector/sync`).set(...bearer(owner)).send({}).expect(409);
    });

    it('pulls a Njuko edition page by page, maps bib, names, race and club, and reports registrations without a bib', async () => {
      stub.njukoRegistrations = [
        ...njukoRunners(620),
        { ...njukoRunners(1)[0], id: 9001, isRegistered: false, bib: { code: '999' } },
        { ...njukoRunners(1)[0], id: 9002, firstname: 'Sans', lastname: 'Dossard', bib: null },
      ];
      stub.njukoPagesAsked = [];
      await t.http().put(`${base()}/connector`).set(...bearer(owner)).send({ provider: 'njuko', externalEventId: NJUKO_EDITION, apiKey: NJUKO_KEY }).expect(200);

      const refused = (await t.http().post(`${base()}/connector/sync`).set(...bearer(owner)).send({}).expect(422)).body as StartListRejectedError;
      expect(refused.details.report.errors).toEqual([
        { row: 622, ref: 'Njuko registration 9002', bib: null, code: 'missing-bib', message: 'Njuko registration 9002: no bib number' },
      ]);
      expect(await entries()).toEqual([]);

      const res = await t.http().post(`${base()}/connector/sync`).set(...bearer(owner)).send({ skipInvalidRows: true }).expect(200);
      expect(res.body).toMatchObject({ source: 'njuko', created: 620, skipped: 1 });
      expect(stub.njukoPagesAsked).toEqual([0, 500, 0, 500]);
      const first = await t.db.dataSource.getRepository(StartListEntry).findOneByOrFail({ eventId: event.id, bib: '100' });
      expect(first).toMatchObject({ firstName: 'Éloïse', lastName: 'Lefèvre', category: '10 km', club: 'AC Évry', email: 'runner0@example.fr' });
      expect(await t.db.dataSource.getRepository(StartListEntry).countBy({ eventId: event.id, bib: '999' })).toBe(0);
      const connector = (await t.http().get(`${base()}/connector`).set(...bearer(owner)).expect(200)).body as StartListConnectorDto;
      expect(connector.lastSyncAt).not.toBeNull();
      expect(connector.lastSyncResult).toMatchObject({ source: 'njuko', created: 620, skipped: 1 });
    });

    it('says so when Njuko refuses the key or does not know the edition', async () => {
      await t.http().put(`${base()}/connector`).set(...bearer(owner)).send({ provider: 'njuko', externalEventId: NJUKO_EDITION, apiKey: 'wrong-key' }).expect(200);
      expect((await t.http().post(`${base()}/connector/sync`).set(...bearer(owner)).send({}).expect(422)).body.message).toBe(
        "Njuko refused the API key: check the identifier and the API key in the event's start-list connector",
      );
      await t.http().put(`${base()}/connector`).set(...bearer(owner)).send({ provider: 'njuko', externalEventId: 'nope', apiKey: NJUKO_KEY }).expect(200);
      expect((await t.http().post(`${base()}/connector/sync`).set(...bearer(owner)).send({}).expect(422)).body.message).toMatch(/^Njuko does not know the edition "nope"/);
    });

    it('pulls the KMS export (Windows-1252, semicolons) through the CSV path with the KMS preset', async () => {
      stub.kmsCsv = windows1252('Dossard;Nom;Prénom;Sexe;Catégorie;Club;Temps\r\n201;Bézier;Noël;M;M2H;Cœur de Lyon;0:45:12\r\n202;Çelik;Zoé;F;ESF;;\r\n');
      await t.http().put(`${base()}/connector`).set(...bearer(owner)).send({ provider: 'kms', externalEventId: KMS_RACE, apiKey: KMS_KEY }).expect(200);
      const res = await t.http().post(`${base()}/connector/sync`).set(...bearer(owner)).send({}).expect(200);
      expect(res.body).toMatchObject({ source: 'kms', created: 2 });
      expect((await entries()).map((entry) => [entry.bib, entry.firstName, entry.lastName, entry.category, entry.club, entry.chipTime])).toEqual([
        ['201', 'Noël', 'Bézier', 'M2H', 'Cœur de Lyon', '0:45:12'],
        ['202', 'Zoé', 'Çelik', 'ESF', null, null],
      ]);
      await t.http().put(`${base()}/connector`).set(...bearer(owner)).send({ provider: 'kms', externalEventId: KMS_RACE, apiKey: 'bad-key' }).expect(200);
      expect((await t.http().post(`${base()}/connector/sync`).set(...bearer(owner)).send({}).expect(422)).body.message).toMatch(/^KMS refused the API key/);
    });
  });

  describe('re-snapping the photos to the list', () => {
    const box = { x: 250, y: 200, w: 300, h: 160 };
    const reading = (number: string, confidence: number): BibReading => ({ number, confidence, box });

    async function photoWithReadings(readings: BibReading[], name: string): Promise<Photo> {
      const photos = t.db.dataSource.getRepository(Photo);
      const photo = await photos.save(
        photos.create({
          eventId: event.id,
          uploaderId: owner.user.id,
          originalKey: `events/${event.id}/originals/${name}.jpg`,
          originalFilename: `${name}.jpg`,
          mimeType: 'image/jpeg',
          sizeBytes: 1000,
          width: 800,
          height: 600,
          contentHash: name.padEnd(64, '0').slice(0, 64),
          status: PhotoStatus.PROCESSED,
          ocrReadings: readings,
        }),
      );
      // As the bibs stage left them without a start list: the readings as read.
      if (readings.length > 0) {
        await t.db.dataSource.getRepository(BibNumber).insert(
          readings.map((r) => ({ photoId: photo.id, eventId: event.id, number: r.number, confidence: r.confidence, box: r.box, source: BibSource.OCR })),
        );
      }
      return photo;
    }

    const bibsOf = async (photoId: string) =>
      (await t.db.dataSource.getRepository(BibNumber).find({ where: { photoId }, order: { number: 'ASC' } })).map((row) => [row.number, row.source, Math.round(row.confidence * 1000) / 1000]);

    it('snaps the event\'s photos to an imported list without OCR, keeps manual bibs, and restores the readings when the list is cleared', async () => {
      const misread = await photoWithReadings([reading('4828', 0.8), reading('2026', 0.9)], 'misread');
      const exact = await photoWithReadings([reading('4821', 0.95)], 'exact');
      await t.db.dataSource.getRepository(BibNumber).insert({ photoId: exact.id, eventId: event.id, number: '1234', confidence: 1, source: BibSource.MANUAL });

      const res = await importCsv(Buffer.from('Dossard;Nom\n4821;Lopez\n1234;Martin\n', 'utf8')).expect(200);
      expect((res.body as StartListImportResult).resnappedPhotos).toBe(1);
      // 4828 is one digit from 4821 (corrected, confidence × 0.9); 2026 (the year on a banner) belongs to nobody.
      expect(await bibsOf(misread.id)).toEqual([['4821', BibSource.OCR, 0.72]]);
      expect(await bibsOf(exact.id)).toEqual([
        ['1234', BibSource.MANUAL, 1],
        ['4821', BibSource.OCR, 0.95],
      ]);
      expect((await importCsv(Buffer.from('Dossard;Nom\n4821;Lopez\n1234;Martin\n', 'utf8')).expect(200)).body.resnappedPhotos).toBe(0);

      expect((await t.http().delete(base()).set(...bearer(owner)).expect(200)).body).toEqual({ removed: 2, resnappedPhotos: 1 });
      expect(await bibsOf(misread.id)).toEqual([
        ['2026', BibSource.OCR, 0.9],
        ['4828', BibSource.OCR, 0.8],
      ]);
      await t.db.dataSource.getRepository(Photo).delete([misread.id, exact.id]);
    });

    describe('from the bibs stage', () => {
      let worker: INestApplicationContext;
      const reader: BibReader & { next: BibReading[] } = {
        provider: 'fake',
        next: [],
        read: async () => reader.next,
      };

      beforeAll(async () => {
        // Compiled, not started: no queue is consumed, the stage is called directly.
        worker = await Test.createTestingModule({ imports: [WorkerModule] }).overrideProvider(BIB_READER).useValue(reader).compile();
      });

      afterAll(async () => {
        await worker?.close();
      });

      it('keeps the raw readings on the photo, and waits for an import in progress so it snaps to the new list', async () => {
        const photo = await photoWithReadings([], 'stage');
        await t.app.get<ObjectStorage>(OBJECT_STORAGE).putBuffer(photo.originalKey, await photoFixtures.jpeg(7, 800, 600), 'image/jpeg');
        // The reader works on a 960 px copy at most: an 800 px original is read at its own size (scale 1).
        reader.next = [reading('5560', 0.9)];

        const importer = t.db.dataSource.createQueryRunner();
        await importer.connect();
        await importer.startTransaction();
        await lockStartListForImport(importer.manager, event.id);
        const stage = worker.get(PhotoBibsProcessor).readBibs(photo);
        // The stage is now blocked on the start-list lock, before it reads the list.
        for (let tries = 0; ; tries++) {
          const [{ waiting }]: Array<{ waiting: string }> = await t.db.dataSource.query(`SELECT count(*) AS waiting FROM pg_locks l JOIN pg_database d ON d.oid = l.database
           WHERE d.datname = current_database() AND l.locktype = 'advisory' AND NOT l.granted`);
          if (Number(waiting) > 0) break;
          if (tries > 200) throw new Error('the bibs stage never waited for the start-list lock');
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        await importer.manager.insert(StartListEntry, { eventId: event.id, bib: '5566', firstName: 'Ana', lastName: 'Lopez' });
        await importer.commitTransaction();
        await importer.release();
        await stage;

        expect(await bibsOf(photo.id)).toEqual([['5566', BibSource.OCR, 0.81]]);
        expect((await t.db.dataSource.getRepository(Photo).findOneByOrFail({ id: photo.id })).ocrReadings).toEqual([reading('5560', 0.9)]);
        await t.db.dataSource.getRepository(Photo).delete(photo.id);
      });
    });
  });
});
