import { HttpException, HttpStatus, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CreditReason, CursorPage, PhotoDto, PhotoStatus, PhotoUploadFileResult, PhotoUploadResult } from '@focus-racer/api-types';
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
import { drain } from './ingest/multipart-files';
import { UploadFile, UploadValidator, ValidatedUpload } from './ingest/upload-validator';
import { toPhotoDto } from './photo-dto.mapper';
import { uploadOrderPage } from './upload-order-page';

export const DUPLICATE_IN_EVENT_MESSAGE = 'Already uploaded to this event';
export const OUT_OF_CREDITS_MESSAGE = 'Not processed: you ran out of credits during this upload; buy more credits and upload it again';

const creditWord = (count: number) => (count === 1 ? 'credit' : 'credits');

export function missingCreditsMessage(needed: number, balance: number): string {
  const missing = needed - balance;
  return `This upload needs ${needed} ${creditWord(needed)} but you have ${balance}: buy at least ${missing} more ${creditWord(missing)}`;
}

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

  /** Stores and charges the files one by one; a refused file is reported and the batch goes on. */
  async upload(user: AuthUser, event: RaceEvent, files: AsyncIterable<UploadFile>): Promise<PhotoUploadResult> {
    const results: PhotoUploadFileResult[] = [];
    let outOfCredits = false;
    for await (const file of files) {
      if (outOfCredits) {
        await drain(file.stream);
        results.push({ filename: file.filename, status: 'rejected', reason: OUT_OF_CREDITS_MESSAGE });
        continue;
      }
      const result = await this.ingestFile(user, event, file);
      if (result.reason === OUT_OF_CREDITS_MESSAGE) outOfCredits = true;
      results.push(result);
    }
    const creditBalance = await this.credits.balance(user.id);
    const accepted = results.filter((result) => result.status === 'accepted').length;
    return { files: results, accepted, rejected: results.length - accepted, creditBalance };
  }

  /**
   * One file into the event, whatever brought it (HTTP multipart, the import CLI): validated, refused if already in
   * the event, stored, charged 1 credit and queued. A refusal is the file's result, never an exception.
   */
  async ingestFile(user: AuthUser, event: RaceEvent, { filename, stream }: UploadFile): Promise<PhotoUploadFileResult> {
    let upload: ValidatedUpload;
    try {
      upload = await this.validator.validateStream(stream);
    } catch (error) {
      if (!(error instanceof ImageRejectedError)) throw error;
      return { filename, status: 'rejected', reason: error.message };
    }
    return this.accept(user, event, filename, upload);
  }

  creditBalance(userId: string): Promise<number> {
    return this.credits.balance(userId);
  }

  private async accept(user: AuthUser, event: RaceEvent, filename: string, upload: ValidatedUpload): Promise<PhotoUploadFileResult> {
    if (await this.photos.existsBy({ eventId: event.id, contentHash: upload.sha256 })) {
      return { filename, status: 'rejected', reason: DUPLICATE_IN_EVENT_MESSAGE };
    }
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
      if (error instanceof OutOfCreditsError) return { filename, status: 'rejected', reason: OUT_OF_CREDITS_MESSAGE };
      // The same file sent twice at once: the unique index on (event_id, content_hash) keeps one.
      if (isUniqueViolation(error)) return { filename, status: 'rejected', reason: DUPLICATE_IN_EVENT_MESSAGE };
      throw error;
    }
    try {
      await this.pipeline.start(photoId);
    } catch (error) {
      // The photo is stored and paid for; a reprocess (or the next upload's retry) can still start it.
      this.logger.error(`Photo ${photoId} stored but not queued: ${String(error)}`);
    }
    return { filename, status: 'accepted', photoId };
  }

  /** The event's photos in upload order, PHOTO_PAGE_SIZE at a time (see uploadOrderPage). */
  async list(user: AuthUser, eventId: string, cursor?: string): Promise<CursorPage<PhotoDto>> {
    await this.findOwnedEvent(user, eventId);
    const query = this.photos.createQueryBuilder('photo').where('photo.event_id = :eventId', { eventId });
    return uploadOrderPage(query, cursor, PHOTO_PAGE_SIZE, toPhotoDto);
  }

  /**
   * Runs the whole pipeline again (new watermark, better models); no credit is taken a second time. The stage
   * timestamps are cleared so the stages waiting for others (linking) wait for this run's results.
   */
  async reprocess(user: AuthUser, photoId: string): Promise<PhotoDto> {
    const photo = await this.photos.findOneBy({ id: photoId });
    if (!photo || !(await this.ownsEvent(user, photo.eventId))) throw new NotFoundException(PHOTO_NOT_FOUND_MESSAGE);
    await this.photos.update(photo.id, { status: PhotoStatus.UPLOADED, processingError: null, stageTimestamps: {} });
    await this.pipeline.start(photo.id);
    return toPhotoDto(await this.photos.findOneByOrFail({ id: photo.id }));
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
    if (ids.length === 0) return 0;
    await this.photos.update(ids, { status: PhotoStatus.UPLOADED, processingError: null, stageTimestamps: {} });
    for (const id of ids) await this.pipeline.start(id);
    return ids.length;
  }

  private async findOwnedEvent(user: AuthUser, eventId: string): Promise<void> {
    await this.eventsService.findOwned(user, eventId);
  }

  /** The same ownership rule as a yes/no, for callers that answer with their own 404 (a photo's). */
  private ownsEvent(user: AuthUser, eventId: string): Promise<boolean> {
    return this.eventsService.findOwned(user, eventId).then(
      () => true,
      (error: unknown) => {
        if (error instanceof NotFoundException) return false;
        throw error;
      },
    );
  }

  /** The event, if the user may upload to it or follow its progress (owner, assigned photographer, ADMIN); else 404. */
  findUploadable(user: AuthUser, eventId: string): Promise<RaceEvent> {
    return this.eventsService.findForContributor(user, eventId);
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}
