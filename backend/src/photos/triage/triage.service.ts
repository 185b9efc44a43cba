import { BadRequestException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { BibCorrectionResult, BibSource, PhotoDto, ReviewDecision, TriageItemDto, TriagePage, TriageRunnerDto } from '@focus-racer/api-types';
import { DataSource, Repository } from 'typeorm';
import { LinkingPassScheduler } from '../../ai-pipeline/linking-pass.scheduler';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { PipelineConfig } from '../../config/pipeline.config';
import { lockStartListForSnapping } from '../../connectors/start-list-lock';
import { StartListDirectory } from '../../connectors/start-list-directory';
import { BibNumber } from '../entities/bib-number.entity';
import { Photo } from '../entities/photo.entity';
import { PhotoDtoAssembler } from '../photo-dto-assembler';
import { PHOTO_NOT_FOUND_MESSAGE, PhotosService } from '../photos.service';
import { conditionParameters, photoConditions } from '../review/photo-conditions';
import { BibCorrectionBody } from './dto/triage.dto';

export const TRIAGE_PAGE_SIZE = 50;

/** Where a page of the queue ended: the sort key of its last photo, as PostgreSQL wrote it (exact microseconds). */
type TriageCursor = [skipKey: string, createdKey: string, id: string];

/**
 * The triage queue of the pro app (which photos: review/review-rules.ts) and what the photographer does with a
 * photo there: accept the machine's bibs, skip it for later, or type the right ones.
 *
 * Corrections replace every bib row of the photo by manual rows: search reads bib rows, so the wrong OCR number
 * stops matching and the typed one matches at the next search, with no other step. What OCR read stays in
 * photos.ocr_readings (the raw readings), which is the history worth keeping; a manual row keeps the box of the
 * OCR reading of the same number so triage can still zoom on it. Face links are recomputed for the whole event
 * by a debounced linking pass (LinkingPassScheduler): the corrected photo may be the one whose bib
 * named the runner on other photos.
 */
@Injectable()
export class TriageService {
  private readonly logger = new Logger(TriageService.name);

  constructor(
    @InjectRepository(Photo) private readonly photos: Repository<Photo>,
    private readonly dataSource: DataSource,
    private readonly photosService: PhotosService,
    private readonly assembler: PhotoDtoAssembler,
    private readonly directory: StartListDirectory,
    private readonly linking: LinkingPassScheduler,
    private readonly config: PipelineConfig,
  ) {}

  /** Unreviewed uncertain photos: never-skipped first in upload order, then the skipped ones by skip time. */
  async queue(user: AuthUser, eventId: string, cursor?: string): Promise<TriagePage> {
    await this.photosService.findUploadable(user, eventId);
    const { needsReview } = photoConditions('photo');
    const skipKey = `coalesce(photo.review_skipped_at, '-infinity'::timestamptz)`;
    const query = this.photos
      .createQueryBuilder('photo')
      .where('photo.event_id = :eventId', { eventId })
      .andWhere(needsReview, conditionParameters(this.assembler.reviewThresholds()));
    const total = await query.clone().getCount();
    if (cursor !== undefined) {
      const [afterSkip, afterCreated, afterId] = decodeCursor(cursor);
      query.andWhere(`(${skipKey}, photo.created_at, photo.id) > (:afterSkip::timestamptz, :afterCreated::timestamptz, :afterId::uuid)`, { afterSkip, afterCreated, afterId });
    }
    const { entities, raw } = await query
      .addSelect(`${skipKey}::text`, 'skip_key')
      .addSelect('photo.created_at::text', 'created_key')
      .orderBy(skipKey, 'ASC')
      .addOrderBy('photo.created_at', 'ASC')
      .addOrderBy('photo.id', 'ASC')
      .limit(TRIAGE_PAGE_SIZE + 1)
      .getRawAndEntities<{ photo_id: string; skip_key: string; created_key: string }>();
    const page = entities.slice(0, TRIAGE_PAGE_SIZE);
    const last = page.length > 0 && entities.length > TRIAGE_PAGE_SIZE ? raw.find((row) => row.photo_id === page[page.length - 1].id) : undefined;

    const views = await this.assembler.withReasons(page);
    const numbers = [...new Set(views.flatMap(({ dto }) => dto.bibs.map((bib) => bib.number)))];
    const [runners, hasStartList] = await Promise.all([this.directory.runnersByBib(eventId, numbers), this.hasStartList(eventId)]);
    const runnerOf = new Map<string, TriageRunnerDto>(
      runners.map(({ bib, firstName, lastName, category, club }) => [bib, { bib, firstName, lastName, category, club }]),
    );
    const items = views.map(({ dto, reasons }, index): TriageItemDto => ({
      photo: dto,
      reasons,
      runners: [...new Set(dto.bibs.map((bib) => bib.number))].flatMap((number) => runnerOf.get(number) ?? []),
      skippedAt: page[index].reviewSkippedAt?.toISOString() ?? null,
    }));
    return { items, nextCursor: last ? encodeCursor([last.skip_key, last.created_key, last.photo_id]) : null, total, hasStartList };
  }

  /** The photo's bibs become exactly `bibs` (manual), checked against the start list; the photo is reviewed. */
  async correctBibs(user: AuthUser, photoId: string, body: BibCorrectionBody): Promise<BibCorrectionResult> {
    const photo = await this.findWorkable(user, photoId);
    const bibs = [...new Set(body.bibs)];
    const unknownBibs = await this.unknownBibs(photo.eventId, bibs);
    if (unknownBibs.length > 0 && body.force !== true) {
      const list = unknownBibs.join(', ');
      throw new UnprocessableEntityException({
        message: `${unknownBibs.length === 1 ? `Bib ${list} is` : `Bibs ${list} are`} not in the start list: check the number, or send force: true to keep it`,
        details: { unknownBibs },
      });
    }
    await this.dataSource.transaction(async (manager) => {
      // Shared start-list lock and the photo's row lock: a start-list re-snap or a bibs stage finishing now either
      // ran before (and its rows are replaced here) or runs after and sees bibs_corrected_at (adds nothing).
      await lockStartListForSnapping(manager, photo.eventId);
      await manager.query('SELECT id FROM photos WHERE id = $1 FOR UPDATE', [photo.id]);
      const previous = await manager.find(BibNumber, { where: { photoId: photo.id } });
      await manager.delete(BibNumber, { photoId: photo.id });
      if (bibs.length > 0) {
        await manager.insert(
          BibNumber,
          bibs.map((number) => ({
            photoId: photo.id,
            eventId: photo.eventId,
            number,
            source: BibSource.MANUAL,
            confidence: 1,
            similarity: null,
            box: previous.find((row) => row.number === number && row.box !== null)?.box ?? null,
          })),
        );
      }
      await manager
        .createQueryBuilder()
        .update(Photo)
        .set({ reviewedAt: () => 'now()', bibsCorrectedAt: () => 'now()', reviewSkippedAt: null })
        .where('id = :id', { id: photo.id })
        .execute();
    });
    await this.relink(photo.eventId);
    return { photo: await this.assembler.toDto(await this.photos.findOneByOrFail({ id: photo.id })), unknownBibs };
  }

  /** accept: the machine's bibs are right, the photo leaves the queue. skip: to the back of the queue. */
  async review(user: AuthUser, photoId: string, decision: ReviewDecision): Promise<PhotoDto> {
    const photo = await this.findWorkable(user, photoId);
    await this.photos
      .createQueryBuilder()
      .update(Photo)
      .set(decision === 'accept' ? { reviewedAt: () => 'now()', reviewSkippedAt: null } : { reviewSkippedAt: () => 'now()' })
      .where('id = :id', { id: photo.id })
      .execute();
    return this.assembler.toDto(await this.photos.findOneByOrFail({ id: photo.id }));
  }

  private async findWorkable(user: AuthUser, photoId: string): Promise<Photo> {
    const photo = await this.photos.findOneBy({ id: photoId });
    if (!photo || !(await this.photosService.contributes(user, photo.eventId))) throw new NotFoundException(PHOTO_NOT_FOUND_MESSAGE);
    return photo;
  }

  /** Numbers the event's start list does not know; none when the event has no start list (nothing to check). */
  private async unknownBibs(eventId: string, bibs: string[]): Promise<string[]> {
    if (bibs.length === 0 || !(await this.hasStartList(eventId))) return [];
    const known = new Set((await this.directory.runnersByBib(eventId, bibs)).map((runner) => runner.bib));
    return bibs.filter((bib) => !known.has(bib));
  }

  private async hasStartList(eventId: string): Promise<boolean> {
    const [row] = (await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM start_list_entries WHERE event_id = $1) AS present`, [eventId])) as Array<{ present: boolean }>;
    return row.present;
  }

  /** Best effort: the correction is saved and searchable already; only face links of other photos wait for this. */
  private async relink(eventId: string): Promise<void> {
    try {
      await this.linking.relinkEvent(eventId, this.config.linkingDebounceMs);
    } catch (error) {
      this.logger.error(`Bibs of event ${eventId} corrected but no linking pass queued: ${String(error)}`);
    }
  }
}

function encodeCursor(cursor: TriageCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

const CURSOR_ERROR = 'cursor must be the nextCursor of a previous page';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What PostgreSQL writes for a timestamptz (or -infinity), and nothing else reaches the cast. */
const TIMESTAMP = /^(-infinity|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?)$/;

function decodeCursor(text: string): TriageCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new BadRequestException(CURSOR_ERROR);
  }
  if (
    !Array.isArray(value) ||
    value.length !== 3 ||
    !value.every((part) => typeof part === 'string') ||
    !TIMESTAMP.test(value[0] as string) ||
    !TIMESTAMP.test(value[1] as string) ||
    !UUID.test(value[2] as string)
  ) {
    throw new BadRequestException(CURSOR_ERROR);
  }
  return value as TriageCursor;
}
