import { BadRequestException } from '@nestjs/common';
import { CursorPage } from '@focus-racer/api-types';
import { isUUID } from 'class-validator';
import { SelectQueryBuilder } from 'typeorm';
import { Photo } from './entities/photo.entity';


/**
 * One page of an event's photos in upload order (photographers upload a race in shooting order), keyset on
 * (created_at, id): pages stay stable while the pipeline adds photos. The cursor is the last photo's id and the
 * database compares with its exact created_at (microseconds, which a JS Date would lose). `query` selects
 * `photo` rows filtered on `photo.event_id = :eventId`; the pro list and the public gallery share this.
 */
export async function uploadOrderPage<T>(
  query: SelectQueryBuilder<Photo>,
  cursor: string | undefined,
  limit: number,
  toDto: (photo: Photo) => T,
): Promise<CursorPage<T>> {
  query.orderBy('photo.createdAt', 'ASC').addOrderBy('photo.id', 'ASC').limit(limit + 1);
  if (cursor !== undefined) {
    if (!isUUID(cursor)) throw new BadRequestException('cursor must be the nextCursor of a previous page');
    query.andWhere(
      '(photo.created_at, photo.id) > (SELECT after.created_at, after.id FROM photos after WHERE after.id = :cursor AND after.event_id = :eventId)',
      { cursor },
    );
  }
  const rows = await query.getMany();
  const items = rows.slice(0, limit);
  return { items: items.map(toDto), nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}
