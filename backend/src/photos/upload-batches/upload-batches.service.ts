import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { PhotoStatus, Role, UploadBatchCounters, UploadBatchDetailDto, UploadBatchDto, UploadBatchStage } from '@focus-racer/api-types';
import { Repository } from 'typeorm';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { RaceEvent } from '../../events/entities/event.entity';
import { Photo } from '../entities/photo.entity';
import { UploadBatch } from '../entities/upload-batch.entity';
import { PhotoDtoAssembler } from '../photo-dto-assembler';
import { PhotosService } from '../photos.service';
import { conditionParameters, photoConditions } from '../review/photo-conditions';
import { CreateUploadBatchBody } from './dto/upload-batch.dto';

export const UPLOAD_BATCH_NOT_FOUND_MESSAGE = 'Upload batch not found';
/** The batch list is for the upload screen: the recent ones matter, older ones are in the photo grid anyway. */
export const UPLOAD_BATCH_LIST_LIMIT = 100;

const NO_PHOTOS: UploadBatchCounters = { received: 0, processed: 0, failed: 0, processing: 0, duplicates: 0, blurry: 0, withBibs: 0, needsReview: 0 };

/**
 * Upload batches: the pro app's resumable uploads (see CreateUploadBatchRequest in api-types for the wire format).
 * A batch is its uploader's: the uploader (and an ADMIN) adds files to it and reads it; the event's owner reads
 * every batch of the event. Its photos are counted from the photos themselves, so the counters never drift.
 */
@Injectable()
export class UploadBatchesService {
  constructor(
    @InjectRepository(UploadBatch) private readonly batches: Repository<UploadBatch>,
    @InjectRepository(Photo) private readonly photos: Repository<Photo>,
    private readonly photosService: PhotosService,
    private readonly assembler: PhotoDtoAssembler,
  ) {}

  async create(user: AuthUser, eventId: string, body: CreateUploadBatchBody): Promise<UploadBatchDto> {
    const event = await this.photosService.findUploadable(user, eventId);
    const batch = await this.batches.save(this.batches.create({ eventId: event.id, uploaderId: user.id, label: body.label || null, expectedFiles: body.expectedFiles }));
    return this.toDto(batch, NO_PHOTOS);
  }

  /** Newest first; a photographer assigned to the event sees their own batches, the owner all of them. */
  async list(user: AuthUser, eventId: string): Promise<UploadBatchDto[]> {
    const event = await this.photosService.findUploadable(user, eventId);
    const batches = await this.batches.find({
      where: seesAllBatches(user, event) ? { eventId } : { eventId, uploaderId: user.id },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: UPLOAD_BATCH_LIST_LIMIT,
    });
    const counters = await this.counters(batches.map((batch) => batch.id));
    return batches.map((batch) => this.toDto(batch, counters.get(batch.id) ?? NO_PHOTOS));
  }

  /** The batch with the keys already stored, so a reopened tab sends only what is missing. */
  async get(user: AuthUser, batchId: string): Promise<UploadBatchDetailDto> {
    const batch = await this.findReadable(user, batchId);
    const [counters, keys] = await Promise.all([
      this.counters([batch.id]),
      this.photos.find({ select: { clientFileKey: true }, where: { uploadBatchId: batch.id }, order: { createdAt: 'ASC', id: 'ASC' } }),
    ]);
    return {
      ...this.toDto(batch, counters.get(batch.id) ?? NO_PHOTOS),
      receivedKeys: keys.flatMap((photo) => (photo.clientFileKey === null ? [] : [photo.clientFileKey])),
    };
  }

  /** The client sent every file it could (some may have been refused): the batch moves on to processing. */
  async complete(user: AuthUser, batchId: string): Promise<UploadBatchDto> {
    const batch = await this.findOwnBatch(user, batchId);
    await this.batches.createQueryBuilder().update(UploadBatch).set({ completedAt: () => 'now()' }).where('id = :id AND completed_at IS NULL', { id: batch.id }).execute();
    const updated = await this.batches.findOneByOrFail({ id: batch.id });
    return this.toDto(updated, (await this.counters([batch.id])).get(batch.id) ?? NO_PHOTOS);
  }

  /** The batch an upload request names: of this event and the uploader's own (an ADMIN may use any); else 404. */
  async findForUpload(user: AuthUser, event: RaceEvent, batchId: string): Promise<UploadBatch> {
    const batch = await this.batches.findOneBy({ id: batchId, eventId: event.id });
    if (!batch || (user.role !== Role.ADMIN && batch.uploaderId !== user.id)) throw new NotFoundException(UPLOAD_BATCH_NOT_FOUND_MESSAGE);
    return batch;
  }

  private async findOwnBatch(user: AuthUser, batchId: string): Promise<UploadBatch> {
    const batch = await this.batches.findOneBy({ id: batchId });
    if (!batch) throw new NotFoundException(UPLOAD_BATCH_NOT_FOUND_MESSAGE);
    const event = await this.eventOf(user, batch);
    return this.findForUpload(user, event, batchId);
  }

  private async findReadable(user: AuthUser, batchId: string): Promise<UploadBatch> {
    const batch = await this.batches.findOneBy({ id: batchId });
    if (!batch) throw new NotFoundException(UPLOAD_BATCH_NOT_FOUND_MESSAGE);
    const event = await this.eventOf(user, batch);
    if (!seesAllBatches(user, event) && batch.uploaderId !== user.id) throw new NotFoundException(UPLOAD_BATCH_NOT_FOUND_MESSAGE);
    return batch;
  }

  /** The batch's event if the user works on it; the batch's own 404 otherwise (nothing said about the event). */
  private async eventOf(user: AuthUser, batch: UploadBatch): Promise<RaceEvent> {
    try {
      return await this.photosService.findUploadable(user, batch.eventId);
    } catch (error) {
      if (error instanceof NotFoundException) throw new NotFoundException(UPLOAD_BATCH_NOT_FOUND_MESSAGE);
      throw error;
    }
  }

  /** The counters of several batches in one query (the index on (upload_batch_id, client_file_key) serves it). */
  private async counters(batchIds: string[]): Promise<Map<string, UploadBatchCounters>> {
    if (batchIds.length === 0) return new Map();
    const { hasBib, needsReview } = photoConditions('photo');
    const rows = await this.photos
      .createQueryBuilder('photo')
      .select('photo.upload_batch_id', 'batchId')
      .addSelect('count(*)::int', 'received')
      .addSelect(`count(*) FILTER (WHERE photo.status = '${PhotoStatus.PROCESSED}')::int`, 'processed')
      .addSelect(`count(*) FILTER (WHERE photo.status = '${PhotoStatus.FAILED}')::int`, 'failed')
      .addSelect(`count(*) FILTER (WHERE photo.status IN ('${PhotoStatus.UPLOADED}', '${PhotoStatus.PROCESSING}'))::int`, 'processing')
      .addSelect('count(*) FILTER (WHERE photo.duplicate_of_id IS NOT NULL)::int', 'duplicates')
      .addSelect('count(*) FILTER (WHERE photo.is_blurry)::int', 'blurry')
      .addSelect(`count(*) FILTER (WHERE ${hasBib})::int`, 'withBibs')
      .addSelect(`count(*) FILTER (WHERE ${needsReview})::int`, 'needsReview')
      .where('photo.upload_batch_id IN (:...batchIds)', { batchIds })
      .setParameters(conditionParameters(this.assembler.reviewThresholds()))
      .groupBy('photo.upload_batch_id')
      .getRawMany<UploadBatchCounters & { batchId: string }>();
    return new Map(rows.map(({ batchId, ...counters }) => [batchId, counters]));
  }

  private toDto(batch: UploadBatch, counters: UploadBatchCounters): UploadBatchDto {
    return {
      id: batch.id,
      eventId: batch.eventId,
      uploaderId: batch.uploaderId,
      label: batch.label,
      expectedFiles: batch.expectedFiles,
      createdAt: batch.createdAt.toISOString(),
      completedAt: batch.completedAt?.toISOString() ?? null,
      stage: stageOf(batch, counters),
      counters,
    };
  }
}

function seesAllBatches(user: AuthUser, event: RaceEvent): boolean {
  return user.role === Role.ADMIN || event.ownerId === user.id;
}

function stageOf(batch: UploadBatch, counters: UploadBatchCounters): UploadBatchStage {
  if (!batch.completedAt) return 'uploading';
  return counters.processing > 0 ? 'processing' : 'done';
}
