import { BadRequestException, ConflictException, ForbiddenException, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { BulkPhotoActionRequest, BulkPhotoActionResult, OrderStatus, Role } from '@focus-racer/api-types';
import { DataSource, In, Repository } from 'typeorm';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { OBJECT_STORAGE, ObjectStorage } from '../storage/object-storage';
import { storageKeys } from '../storage/storage-keys';
import { Photo } from './entities/photo.entity';
import { PhotosService } from './photos.service';

/** Orders whose buyer may still download the photo: deleting it would break what they paid for. */
const HOLDING_ORDER_STATUSES = [OrderStatus.PAID, OrderStatus.DISPUTED];

/**
 * The photo grid's bulk actions (delete, reprocess, hide, unhide) on up to BULK_PHOTO_MAX photos of one event.
 * All or nothing: every id is checked first (in the event; for delete, also deletable), and a refusal lists the
 * ids and changes nothing.
 *
 * Delete is for good: rows (bibs, faces, feedback and favourites go with them by CASCADE) in one transaction,
 * then the stored files once it has committed (a failed file delete leaves an orphan file, never a photo without
 * its file). No credit is given back: the processing credit paid for work that was done, and refunding on delete
 * would make upload-process-delete a free way to run the recognition. The credit ledger keeps its lines (photo_id
 * becomes NULL). Photos bought in a paid order cannot be deleted (the buyer's downloads would break): hide them.
 */
@Injectable()
export class PhotoBulkActionsService {
  private readonly logger = new Logger(PhotoBulkActionsService.name);

  constructor(
    @InjectRepository(Photo) private readonly photos: Repository<Photo>,
    private readonly photosService: PhotosService,
    private readonly dataSource: DataSource,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async apply(user: AuthUser, eventId: string, { action, photoIds }: BulkPhotoActionRequest): Promise<BulkPhotoActionResult> {
    const event = await this.photosService.findUploadable(user, eventId);
    const ids = [...new Set(photoIds.map((id) => id.toLowerCase()))];
    const found = await this.photos.find({ select: { id: true, uploaderId: true }, where: { id: In(ids), eventId } });
    const foundIds = new Set(found.map((photo) => photo.id));
    const notInEvent = ids.filter((id) => !foundIds.has(id));
    if (notInEvent.length > 0) {
      throw new BadRequestException({
        message: `${notInEvent.length} of these photos ${notInEvent.length === 1 ? 'is' : 'are'} not in this event: nothing was changed`,
        details: { notInEvent },
      });
    }
    const result = (changed: number): BulkPhotoActionResult => ({ action, requested: ids.length, changed });
    switch (action) {
      case 'hide':
      case 'unhide': {
        const hidden = action === 'hide';
        const update = await this.photos
          .createQueryBuilder()
          .update(Photo)
          .set({ hidden })
          .where('id IN (:...ids) AND event_id = :eventId AND hidden <> :hidden', { ids, eventId, hidden })
          .execute();
        return result(update.affected ?? 0);
      }
      case 'reprocess':
        await this.photosService.restartPipeline(ids);
        return result(ids.length);
      case 'delete': {
        // An assigned photographer shoots for the owner: they may delete their own photos, not the others'.
        if (user.role !== Role.ADMIN && event.ownerId !== user.id) {
          const notYours = found.filter((photo) => photo.uploaderId !== user.id).map((photo) => photo.id);
          if (notYours.length > 0) {
            throw new ForbiddenException({ message: `You can only delete photos you uploaded (${notYours.length} are not yours): nothing was deleted`, details: { notYours } });
          }
        }
        return result(await this.delete(eventId, ids));
      }
    }
  }

  private async delete(eventId: string, ids: string[]): Promise<number> {
    const deleted = await this.dataSource.transaction(async (manager) => {
      const sold: Array<{ photo_id: string }> = await manager.query(
        `SELECT DISTINCT i.photo_id FROM order_items i JOIN orders o ON o.id = i.order_id
          WHERE i.photo_id = ANY($1::uuid[]) AND o.status = ANY($2::order_status[])`,
        [ids, HOLDING_ORDER_STATUSES],
      );
      if (sold.length > 0) {
        throw new ConflictException({
          message: `${sold.length} of these photos ${sold.length === 1 ? 'was' : 'were'} bought and must stay downloadable: hide ${sold.length === 1 ? 'it' : 'them'} instead. Nothing was deleted`,
          details: { sold: sold.map((row) => row.photo_id) },
        });
      }
      const removed = await manager
        .createQueryBuilder()
        .delete()
        .from(Photo)
        .where('id IN (:...ids) AND event_id = :eventId', { ids, eventId })
        .returning(['id', 'originalKey', 'webKey', 'thumbKey'])
        .execute();
      return removed.raw as Array<{ id: string; original_key: string; web_key: string | null; thumb_key: string | null }>;
    });
    for (const photo of deleted) {
      // The unwatermarked web JPEG (sold as "web size") has no column: its key follows from the ids.
      const keys = [photo.original_key, photo.web_key, photo.thumb_key, storageKeys.webJpeg(eventId, photo.id)].filter((key): key is string => key !== null);
      for (const key of keys) {
        await this.storage.delete(key).catch((error: unknown) => this.logger.warn(`Photo ${photo.id} deleted, its file ${key} not: ${String(error)}`));
      }
    }
    return deleted.length;
  }
}
