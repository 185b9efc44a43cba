import { ConflictException, ForbiddenException, HttpException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  Page,
  Role,
  StartListConnectorDto,
  StartListCsvPreview,
  StartListEntryDto,
  StartListImportOptions,
  StartListImportResult,
  StartListPreviewRow,
  StartListReport,
  StartListSource,
} from '@focus-racer/api-types';
import { DataSource, EntityManager, QueryFailedError, Repository } from 'typeorm';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { ConnectorsConfig } from '../config/connectors.config';
import { RaceEvent } from '../events/entities/event.entity';
import { EventsService } from '../events/events.service';
import { CredentialsCipher, maskApiKey } from './credentials-cipher';
import { CsvStartListReadout, readCsvStartList } from './csv/csv-start-list.connector';
import { StartListConnectorRequest, StartListCsvFields, StartListCsvImportFields, StartListQuery } from './dto/start-list.dto';
import { StartListConnectorSettings } from './entities/start-list-connector.entity';
import { StartListEntry } from './entities/start-list-entry.entity';
import { StartListPlatforms } from './platforms/start-list-platforms';
import { EventBibResnapper } from './resnap/event-bib-resnapper';
import { StartListSourceError } from './start-list-connector';
import { lockStartListForImport } from './start-list-lock';
import { StartListStore } from './start-list.store';
import type { StartListUpload } from './start-list-upload';
import { describeRefusal, ValidatedStartList, validateStartList } from './start-list-validation';

const PREVIEW_ROWS = 20;
export const OWNER_ONLY_REPLACE_MESSAGE = "Only the event's owner may replace the whole start list: import without replaceExisting to add and update runners";
export const NO_CONNECTOR_MESSAGE = 'No registration platform is set up for this event: set one up with PUT /api/events/:id/start-list/connector';

/** 422 with the row report in `details`, so the pro sees every refused row and why. */
export class StartListRejectedException extends UnprocessableEntityException {
  constructor(report: StartListReport) {
    super({ message: describeRefusal(report), details: { report } });
  }
}

/**
 * Owns an event's start list: previews and imports of CSV files, the registration-platform connector (Njuko, KMS)
 * and its syncs, the list itself. Every source goes through the same rules (start-list-validation.ts) and the same
 * import: one transaction that upserts the runners by bib and re-snaps the event's photos to the new list.
 *
 * Who: the owner, an ADMIN, or a photographer assigned to the event may read the list (emails are shown to the
 * owner and ADMINs only) and import a CSV that adds and updates runners; the platform connector (the organiser's
 * API key), replacing imports and clearing the list are the owner's (or an ADMIN's).
 */
@Injectable()
export class StartListService {
  constructor(
    private readonly events: EventsService,
    private readonly dataSource: DataSource,
    private readonly store: StartListStore,
    private readonly resnapper: EventBibResnapper,
    private readonly platforms: StartListPlatforms,
    private readonly cipher: CredentialsCipher,
    private readonly config: ConnectorsConfig,
    @InjectRepository(StartListConnectorSettings) private readonly connectors: Repository<StartListConnectorSettings>,
  ) {}

  /** Checked before the upload is read, so a stranger's file is never parsed. */
  async findEventForImport(user: AuthUser, eventId: string): Promise<RaceEvent> {
    return this.events.findForContributor(user, eventId);
  }

  async preview(event: RaceEvent, upload: StartListUpload, fields: StartListCsvFields): Promise<StartListCsvPreview> {
    const readout = this.readCsv(upload, fields);
    const validated = readout.mappingProblems.length === 0 ? validateStartList(readout.candidates) : null;
    return {
      filename: upload.filename,
      encoding: readout.encoding,
      delimiter: readout.delimiter,
      hasHeaderRow: readout.hasHeaderRow,
      headers: readout.headers,
      suggestedMapping: readout.suggestedMapping,
      mapping: readout.mapping,
      mappingProblems: readout.mappingProblems,
      rows: validated ? previewRows(readout, validated) : [],
      report: validated?.report ?? null,
      existingBibs: validated ? await this.store.countExisting(event.id, validated.entries.map((entry) => entry.bib)) : 0,
    };
  }

  async importCsv(user: AuthUser, event: RaceEvent, upload: StartListUpload, fields: StartListCsvImportFields): Promise<StartListImportResult> {
    // Adding and correcting runners is shared with the photographers; removing them, as clearing, is the owner's.
    if (fields.replaceExisting && !ownsEvent(user, event)) throw new ForbiddenException(OWNER_ONLY_REPLACE_MESSAGE);
    const readout = this.readCsv(upload, fields);
    if (readout.mappingProblems.length > 0) throw new UnprocessableEntityException(readout.mappingProblems);
    return this.importValidated(event.id, 'csv', validateStartList(readout.candidates), fields);
  }

  async getConnector(user: AuthUser, eventId: string): Promise<StartListConnectorDto> {
    await this.events.findOwned(user, eventId);
    const settings = await this.connectors.findOneBy({ eventId });
    if (!settings) throw new NotFoundException(NO_CONNECTOR_MESSAGE);
    return toConnectorDto(settings);
  }

  /** Creates or changes the connector. The API key may be left out to keep the stored one, unless the platform changes. */
  async saveConnector(user: AuthUser, eventId: string, body: StartListConnectorRequest): Promise<StartListConnectorDto> {
    await this.events.findOwned(user, eventId);
    const current = await this.connectors.findOneBy({ eventId });
    if (body.apiKey === undefined && (!current || current.provider !== body.provider)) {
      throw new UnprocessableEntityException(`apiKey is required to connect the event to ${body.provider === 'njuko' ? 'Njuko' : 'KMS'}`);
    }
    const changedTarget = !current || current.provider !== body.provider || current.externalEventId !== body.externalEventId;
    await this.connectors.save({
      eventId,
      provider: body.provider,
      externalEventId: body.externalEventId,
      ...(body.apiKey !== undefined ? { apiKeyEncrypted: this.cipher.encrypt(body.apiKey), apiKeyHint: maskApiKey(body.apiKey) } : {}),
      // The last sync describes another race once the target changes.
      ...(changedTarget ? { lastSyncAt: null, lastSyncResult: null } : {}),
    });
    return toConnectorDto(await this.connectors.findOneByOrFail({ eventId }));
  }

  async deleteConnector(user: AuthUser, eventId: string): Promise<void> {
    await this.events.findOwned(user, eventId);
    await this.connectors.delete({ eventId });
  }

  /** Pulls the list from the platform (in the request: a few calls of up to 500 runners each), then imports it. */
  async sync(user: AuthUser, eventId: string, options: StartListImportOptions): Promise<StartListImportResult> {
    await this.events.findOwned(user, eventId);
    const settings = await this.connectors.findOneBy({ eventId });
    if (!settings) throw new ConflictException(NO_CONNECTOR_MESSAGE);
    const apiKey = this.cipher.decrypt(settings.apiKeyEncrypted);
    if (apiKey === null) {
      // The encryption secret changed since the key was saved: nothing else can recover it.
      throw new ConflictException('The stored API key can no longer be read: enter it again in the start-list connector');
    }
    const readout = await asHttpError(() => this.platforms.connector(settings.provider).read({ externalEventId: settings.externalEventId, apiKey }));
    return this.importValidated(eventId, settings.provider, validateStartList(readout.candidates), options);
  }

  async list(user: AuthUser, eventId: string, query: StartListQuery): Promise<Page<StartListEntryDto>> {
    const event = await this.events.findForContributor(user, eventId);
    const showEmails = ownsEvent(user, event);
    const [entries, total] = await this.store.page(eventId, { q: query.q, skip: query.skip, take: query.pageSize });
    return { items: entries.map((entry) => toEntryDto(entry, showEmails)), total, page: query.page, pageSize: query.pageSize };
  }

  /** Empties the list; the photos' OCR bibs go back to the readings as read, in the same transaction. */
  async clear(user: AuthUser, eventId: string): Promise<{ removed: number; resnappedPhotos: number }> {
    await this.events.findOwned(user, eventId);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        await lockStartListForImport(manager, eventId);
        const removed = await this.store.clear(manager, eventId);
        return { removed, resnappedPhotos: removed > 0 ? await this.resnapper.resnapEvent(manager, eventId) : 0 };
      }),
    );
  }

  private readCsv(upload: StartListUpload, fields: StartListCsvFields): CsvStartListReadout {
    try {
      return readCsvStartList({
        bytes: upload.bytes,
        delimiter: fields.delimiter,
        encoding: fields.encoding,
        hasHeaderRow: fields.hasHeaderRow,
        preset: fields.preset,
        mapping: fields.mapping,
        maxRows: this.config.maxRows,
      });
    } catch (error) {
      if (error instanceof StartListSourceError) throw new HttpException(error.message, error.status);
      throw error;
    }
  }

  /**
   * The import every source ends in. Refused as a whole (422 with the report, nothing written) while rows are
   * invalid, unless the pro chose to skip them; otherwise one transaction: upsert by bib, optionally remove the
   * runners not in the new list, re-snap the photos, record the sync. Any failure rolls all of it back.
   */
  private async importValidated(eventId: string, source: StartListSource, validated: ValidatedStartList, options: StartListImportOptions): Promise<StartListImportResult> {
    const { entries, report } = validated;
    if (report.invalidRows > 0 && !options.skipInvalidRows) throw new StartListRejectedException(report);
    if (entries.length === 0) {
      throw new UnprocessableEntityException(
        report.totalRows === 0 ? 'The list has no runners: nothing was imported' : `None of the ${report.totalRows} rows can be imported: nothing was changed`,
      );
    }
    return retryOnDeadlock(() => this.dataSource.transaction((manager) => this.writeImport(manager, eventId, source, validated, options)));
  }

  private async writeImport(
    manager: EntityManager,
    eventId: string,
    source: StartListSource,
    { entries, report, refusedBibs }: ValidatedStartList,
    options: StartListImportOptions,
  ): Promise<StartListImportResult> {
    await lockStartListForImport(manager, eventId);
    const counts = await this.store.upsert(manager, eventId, entries);
    // A runner whose row was refused and skipped is still in the pro's file: replacing keeps them.
    const removed = options.replaceExisting ? await this.store.removeOthers(manager, eventId, [...entries.map((entry) => entry.bib), ...refusedBibs]) : 0;
    // Snapping depends only on which bibs are registered: an import that only corrects names or clubs leaves every
    // photo as it is, and skips the pass over the event's readings.
    const bibsChanged = counts.created > 0 || removed > 0;
    const resnappedPhotos = bibsChanged ? await this.resnapper.resnapEvent(manager, eventId) : 0;
    const summary = { source, ...counts, skipped: report.invalidRows, removed, resnappedPhotos };
    if (source !== 'csv') await manager.update(StartListConnectorSettings, { eventId }, { lastSyncAt: new Date(), lastSyncResult: summary });
    return { ...summary, report };
  }
}

/**
 * The import rewrites OCR rows of many photos while the worker's linking pass may write face-link rows of the same
 * photos: PostgreSQL can then abort one of the two as a deadlock. The import rolled back entirely, so it is simply
 * run again, once.
 */
async function retryOnDeadlock<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof QueryFailedError) || (error.driverError as { code?: string } | undefined)?.code !== '40P01') throw error;
    return work();
  }
}

function ownsEvent(user: AuthUser, event: RaceEvent): boolean {
  return user.role === Role.ADMIN || event.ownerId === user.id;
}

async function asHttpError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StartListSourceError) throw new HttpException(error.message, error.status);
    throw error;
  }
}

function previewRows(readout: CsvStartListReadout, validated: ValidatedStartList): StartListPreviewRow[] {
  return readout.candidates.slice(0, PREVIEW_ROWS).map((candidate) => {
    const value = (field: keyof typeof candidate.values) => candidate.values[field]?.trim() || null;
    return {
      row: candidate.row,
      bib: value('bib'),
      firstName: value('firstName') ?? '',
      lastName: value('lastName') ?? '',
      category: value('category'),
      club: value('club'),
      email: value('email'),
      chipTime: value('chipTime'),
      valid: !validated.invalidRows.has(candidate.row),
    };
  });
}

function toEntryDto(entry: StartListEntry, showEmail: boolean): StartListEntryDto {
  return {
    bib: entry.bib,
    firstName: entry.firstName,
    lastName: entry.lastName,
    category: entry.category,
    club: entry.club,
    email: showEmail ? entry.email : null,
    chipTime: entry.chipTime,
    updatedAt: entry.updatedAt.toISOString(),
  };
}

function toConnectorDto(settings: StartListConnectorSettings): StartListConnectorDto {
  return {
    provider: settings.provider,
    externalEventId: settings.externalEventId,
    apiKeyHint: settings.apiKeyHint,
    lastSyncAt: settings.lastSyncAt?.toISOString() ?? null,
    lastSyncResult: settings.lastSyncResult,
    updatedAt: settings.updatedAt.toISOString(),
  };
}
