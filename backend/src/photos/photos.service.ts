import { HttpException, HttpStatus, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CLIENT_FILE_KEY_MAX_LENGTH, CreditReason, CursorPage, PhotoDto, PhotoFacetsDto, PhotoFilter, PhotoStatus, PhotoUploadFileResult, PhotoUploadResult } from '@focus-racer/api-types';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { ImageRejectedError } from '../ai-pipeline/imaging/inspect-image';
import { PhotoPipelineService } from '../ai-pipeline/photo-pipeline.service';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { RaceEvent } from '../events/entities/event.entity';
import { EventsService } from '../events/events.service';
import { CreditLedger } from '../payments/credit-ledger.service';
import { OBJECT_STORAGE, ObjectStorage } from '../storage/object-storage';
import { storageKeys } from '../storage/storage-keys';
import { Photo } from './entities/photo.entity';
import { UploadBatch } from './entities/upload-batch.entity';
import { drain } from './ingest/multipart-files';
import { UploadFile, UploadValidator, ValidatedUpload } from './ingest/upload-validator';
import { PhotoDtoAssembler } from './photo-dto-assembler';
import { conditionParameters, photoConditions } from './review/photo-conditions';
import { uploadOrderPage } from './upload-order-page';

export const DUPLICATE_IN_EVENT_MESSAGE = 'Already uploaded to this event';
export const OUT_OF_CREDITS_MESSAGE = 'Not processed: you ran out of credits during this upload; buy more credits and upload it again';

const creditWord = (count: number) => (count === 1 ? 'credit' : 'credits');

export function missingCreditsMessage(needed: number, balance: number): string {
  const missing = needed - balance;
  return `This upload needs ${needed} ${creditWord(needed)} but you have ${balance}: buy at least ${missing} more ${creditWord(missing)}`;
}

export const MISSING_KEY_MESSAGE = 'Not stored: in a batch upload every file must come right after its "key" field';
export const BAD_KEY_MESSAGE = `Not stored: the key of a file must be 1 to ${CLIENT_FILE_KEY_MAX_LENGTH} characters`;

export const PHOTO_NOT_FOUND_MESSAGE = 'Photo not found';
export const PHOTO_PAGE_SIZE = 100;

class OutOfCreditsError extends Error {}

/**
 * Owns uploads into an event: who may upload (owner, assigned photographer, ADMIN), the per-file checks, the
 * processing credit (1 per accepted photo, taken in the transaction that inserts the photo) and the hand-over
 * to the pipeline.
 */
@Injectable()
export class PhotosService {
  private readonly logger = new Logger(PhotosService.name);

  constructor(
    @InjectRepository(Photo) private readonly photos: Repository<Photo>,
    private readonly eventsService: EventsService,
    private readonly dataSource: DataSource,
    private readonly validator: UploadValidator,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly pipeline: PhotoPipelineService,
    private readonly credits: CreditLedger,
    private readonly assembler: PhotoDtoAssembler,
  ) {}

  /**
   * Checks before any file is read: the event exists and the user may upload to it (404 otherwise, as for an
   * event that does not exist), and the balance covers the declared number of files (402).
   */
  async startUpload(user: AuthUser, eventId: string, declaredFiles?: number): Promise<RaceEvent> {
    const event = await this.findUploadable(user, eventId);
    const creditBalance = await this.credits.balance(user.id);
    const needed = Math.max(declaredFiles ?? 1, 1);
    if (creditBalance < needed) {
      throw new HttpException(missingCreditsMessage(needed, creditBalance), HttpStatus.PAYMENT_REQUIRED);
    }
    return event;
  }

  /**
   * Stores and charges the files one by one; a refused file is reported and the batch goes on. With a `batch`, each
   * file carries its client key: a key the batch already holds answers alreadyReceived without reading the file
   * (nothing stored or charged again), which is what makes an interrupted upload safe to send again.
   */
  async upload(user: AuthUser, event: RaceEvent, files: AsyncIterable<UploadFile>, batch: UploadBatch | null = null): Promise<PhotoUploadResult> {
    const results: PhotoUploadFileResult[] = [];
    const state = { outOfCredits: false };
    for await (const file of files) {
      const result = await this.ingestFile(user, event, file, batch, state);
      if (result.reason === OUT_OF_CREDITS_MESSAGE) state.outOfCredits = true;
      results.push(result);
    }
    if (batch) await this.completeBatchIfFull(batch.id);
    const creditBalance = await this.credits.balance(user.id);
    const accepted = results.filter((result) => result.status === 'accepted').length;
    return { batchId: batch?.id ?? null, files: results, accepted, rejected: results.length - accepted, creditBalance };
  }

  /**
   * One file into the event, whatever brought it (HTTP multipart, the import CLI): validated, refused if already in
   * the event, stored, charged 1 credit and queued. A refusal is the file's result, never an exception.
   */
  async ingestFile(
    user: AuthUser,
    event: RaceEvent,
    { filename, stream, clientKey }: UploadFile,
    batch: UploadBatch | null = null,
    state: { outOfCredits: boolean } = { outOfCredits: false },
  ): Promise<PhotoUploadFileResult> {
    let key: string | null = null;
    if (batch) {
      if (clientKey === undefined) return this.refuse(stream, { filename, status: 'rejected', reason: MISSING_KEY_MESSAGE });
      if (clientKey.length === 0 || clientKey.length > CLIENT_FILE_KEY_MAX_LENGTH) {
        return this.refuse(stream, { filename, status: 'rejected', reason: BAD_KEY_MESSAGE, clientKey: clientKey.slice(0, CLIENT_FILE_KEY_MAX_LENGTH) });
      }
      key = clientKey;
      const received = await this.receivedPhotoId(batch.id, key);
      if (received) return this.refuse(stream, { filename, status: 'accepted', photoId: received, clientKey: key, alreadyReceived: true });
    }
    const keyed = key === null ? {} : { clientKey: key };
    if (state.outOfCredits) return this.refuse(stream, { filename, status: 'rejected', reason: OUT_OF_CREDITS_MESSAGE, ...keyed });
    let upload: ValidatedUpload;
    try {
      upload = await this.validator.validateStream(stream);
    } catch (error) {
      if (!(error instanceof ImageRejectedError)) throw error;
      return { filename, status: 'rejected', reason: error.message, ...keyed };
    }
    return this.accept(user, event, filename, upload, batch && key !== null ? { batchId: batch.id, key } : null);
  }

  /** The answer for a file that will not be read: its bytes still have to be consumed to reach the next file. */
  private async refuse(stream: UploadFile['stream'], result: PhotoUploadFileResult): Promise<PhotoUploadFileResult> {
    await drain(stream);
    return result;
  }

  private async receivedPhotoId(batchId: string, key: string): Promise<string | null> {
    const photo = await this.photos.findOne({ select: { id: true }, where: { uploadBatchId: batchId, clientFileKey: key } });
    return photo?.id ?? null;
  }

  /** Every expected file is in: the batch is uploaded (the client may also say so itself, see UploadBatchesService). */
  private async completeBatchIfFull(batchId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE upload_batches SET completed_at = now()
        WHERE id = $1 AND completed_at IS NULL AND expected_files <= (SELECT count(*) FROM photos WHERE upload_batch_id = $1)`,
      [batchId],
    );
  }

  creditBalance(userId: string): Promise<number> {
    return this.credits.balance(userId);
  }

  private async accept(
    user: AuthUser,
    event: RaceEvent,
    filename: string,
    upload: ValidatedUpload,
    source: { batchId: string; key: string } | null,
  ): Promise<PhotoUploadFileResult> {
    const keyed = source ? { clientKey: source.key } : {};
    if (await this.photos.existsBy({ eventId: event.id, contentHash: upload.sha256 })) return this.alreadyThere(filename, event, upload, source);
    const photoId = randomUUID();
    const originalKey = storageKeys.original(event.id, photoId, upload.extension);
    // Stored before the row exists: a crash in between leaves an orphan file, never a charged photo without one.
    await this.storage.putBuffer(originalKey, upload.buffer, upload.mimeType);
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(Photo, {
          id: photoId,
          eventId: event.id,
          uploaderId: user.id,
          originalKey,
          originalFilename: filename.slice(0, 255),
          mimeType: upload.mimeType,
          sizeBytes: upload.sizeBytes,
          width: upload.width,
          height: upload.height,
          contentHash: upload.sha256,
          status: PhotoStatus.UPLOADED,
          creditCharged: true,
          uploadBatchId: source?.batchId ?? null,
          clientFileKey: source?.key ?? null,
        });
        // The ledger line points at the photo, so the photo row comes first; with no credit left the transaction
        // rolls back and nothing is written.
        const balanceAfter = await this.credits.debit(manager, {
          userId: user.id,
          amount: 1,
          reason: CreditReason.PHOTO_PROCESSED,
          photoId,
        });
        if (balanceAfter === null) throw new OutOfCreditsError();
      });
    } catch (error) {
      await this.storage.delete(originalKey).catch(() => undefined);
      if (error instanceof OutOfCreditsError) return { filename, status: 'rejected', reason: OUT_OF_CREDITS_MESSAGE, ...keyed };
      if (!isUniqueViolation(error)) throw error;
      // Sent twice at once (two parallel retries of a batch, or the same bytes twice): a unique index kept the
      // first, and this one was not charged.
      return this.alreadyThere(filename, event, upload, source);
    }
    try {
      await this.pipeline.start(photoId);
    } catch (error) {
      // The photo is stored and paid for; a reprocess (or the next upload's retry) can still start it.
      this.logger.error(`Photo ${photoId} stored but not queued: ${String(error)}`);
    }
    return { filename, status: 'accepted', photoId, ...keyed };
  }

  /**
   * The bytes (or, in a batch, the key) are in the event already. Which one depends on timing when parallel retries
   * of one file race, so the key is asked first: a retry of a stored file is alreadyReceived, not a duplicate.
   */
  private async alreadyThere(
    filename: string,
    event: RaceEvent,
    upload: ValidatedUpload,
    source: { batchId: string; key: string } | null,
  ): Promise<PhotoUploadFileResult> {
    const keyed = source ? { clientKey: source.key } : {};
    const received = source ? await this.receivedPhotoId(source.batchId, source.key) : null;
    if (received) return { filename, status: 'accepted', photoId: received, alreadyReceived: true, ...keyed };
    const same = await this.photos.findOne({ select: { id: true }, where: { eventId: event.id, contentHash: upload.sha256 } });
    return { filename, status: 'rejected', reason: DUPLICATE_IN_EVENT_MESSAGE, ...(same ? { existingPhotoId: same.id } : {}), ...keyed };
  }

  /**
   * The event's photos in upload order, PHOTO_PAGE_SIZE at a time (see uploadOrderPage), optionally only those of
   * one filter (review/photo-conditions.ts); each with its bibs and review state.
   */
  async list(user: AuthUser, eventId: string, cursor?: string, filter?: PhotoFilter): Promise<CursorPage<PhotoDto>> {
    await this.findUploadable(user, eventId);
    const query = this.photos.createQueryBuilder('photo').where('photo.event_id = :eventId', { eventId });
    if (filter) query.andWhere(photoConditions('photo').filters[filter], conditionParameters(this.assembler.reviewThresholds()));
    const page = await uploadOrderPage(query, cursor, PHOTO_PAGE_SIZE, (photo) => photo);
    return { items: await this.assembler.toDtos(page.items), nextCursor: page.nextCursor };
  }

  /** How many of the event's photos each filter of `list` shows (the same conditions, one query). */
  async facets(user: AuthUser, eventId: string): Promise<PhotoFacetsDto> {
    await this.findUploadable(user, eventId);
    const { filters } = photoConditions('photo');
    const count = (condition: string) => `count(*) FILTER (WHERE ${condition})::int`;
    const row = await this.photos
      .createQueryBuilder('photo')
      .select('count(*)::int', 'total')
      .addSelect(count(filters['no-bib']), 'noBib')
      .addSelect(count(filters['face-linked']), 'faceLinked')
      .addSelect(count(filters.duplicate), 'duplicate')
      .addSelect(count(filters.blurry), 'blurry')
      .addSelect(count(filters.failed), 'failed')
      .addSelect(count(filters['low-confidence']), 'lowConfidence')
      .addSelect(count(filters.hidden), 'hidden')
      .addSelect(count(filters['needs-review']), 'needsReview')
      .where('photo.event_id = :eventId', { eventId })
      .setParameters(conditionParameters(this.assembler.reviewThresholds()))
      .getRawOne<PhotoFacetsDto>();
    if (!row) throw new Error('A count query returned no row');
    return row;
  }

  /**
   * Runs the whole pipeline again (new watermark, better models); no credit is taken a second time. The stage
   * timestamps are cleared so the stages waiting for others (linking) wait for this run's results. The machine's
   * new results deserve a new look, so an accepted photo goes back to triage if still uncertain; bibs typed by the
   * photographer stay (bibs_corrected_at).
   */
  async reprocess(user: AuthUser, photoId: string): Promise<PhotoDto> {
    const photo = await this.photos.findOneBy({ id: photoId });
    if (!photo || !(await this.contributes(user, photo.eventId))) throw new NotFoundException(PHOTO_NOT_FOUND_MESSAGE);
    await this.restartPipeline([photo.id]);
    return this.assembler.toDto(await this.photos.findOneByOrFail({ id: photo.id }));
  }

  /** Back to the first stage, for photos of one event already checked by the caller. */
  async restartPipeline(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.photos
      .createQueryBuilder()
      .update(Photo)
      .set({
        status: PhotoStatus.UPLOADED,
        processingError: null,
        stageTimestamps: {},
        reviewedAt: () => 'CASE WHEN bibs_corrected_at IS NULL THEN NULL ELSE reviewed_at END',
        reviewSkippedAt: null,
      })
      .whereInIds(ids)
      .execute();
    for (const id of ids) await this.pipeline.start(id);
  }

  /**
   * Puts the event's failed photos (every photo with `all`) back on the pipeline from the first stage; no credit is
   * taken again. Returns how many were queued.
   */
  async reprocessEvent(user: AuthUser, eventId: string, all: boolean): Promise<number> {
    await this.findOwnedEvent(user, eventId);
    const ids = (
      await this.photos.find({ select: { id: true }, where: all ? { eventId } : { eventId, status: PhotoStatus.FAILED }, order: { createdAt: 'ASC' } })
    ).map((photo) => photo.id);
    await this.restartPipeline(ids);
    return ids.length;
  }

  private async findOwnedEvent(user: AuthUser, eventId: string): Promise<void> {
    await this.eventsService.findOwned(user, eventId);
  }

  /** The contributor rule (findUploadable) as a yes/no, for callers that answer with their own 404 (a photo's). */
  contributes(user: AuthUser, eventId: string): Promise<boolean> {
    return this.findUploadable(user, eventId).then(
      () => true,
      (error: unknown) => {
        if (error instanceof NotFoundException) return false;
        throw error;
      },
    );
  }

  /**
   * The event, if the user may upload to it, follow its progress and work on its photos (owner, assigned
   * photographer, ADMIN); else 404.
   */
  findUploadable(user: AuthUser, eventId: string): Promise<RaceEvent> {
    return this.eventsService.findForContributor(user, eventId);
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}
