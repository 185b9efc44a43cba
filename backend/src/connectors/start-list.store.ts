import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import { StartListEntry } from './entities/start-list-entry.entity';
import type { ValidStartListEntry } from './start-list-validation';

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * The start_list_entries table: set-based writes for imports (one statement per import, whatever its size) and the
 * pro's paginated, searchable list. Writes take the caller's transaction manager.
 */
@Injectable()
export class StartListStore {
  constructor(@InjectRepository(StartListEntry) private readonly entries: Repository<StartListEntry>) {}

  /**
   * Inserts new bibs and updates known ones in place (never a second row for a bib: the unique index on
   * (event_id, bib) is the conflict target). A runner whose data did not change is not touched, so `updated_at`
   * and the counts tell real changes apart from a re-import of the same file.
   */
  async upsert(manager: EntityManager, eventId: string, rows: readonly ValidStartListEntry[]): Promise<UpsertCounts> {
    if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0 };
    const columns = ['first_name', 'last_name', 'category', 'club', 'email', 'chip_time'];
    const result: Array<{ created: boolean }> = await manager.query(
      `INSERT INTO start_list_entries (event_id, bib, first_name, last_name, category, club, email, chip_time)
       SELECT $1, r.bib, r.first_name, r.last_name, r.category, r.club, r.email, r.chip_time
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS r(bib, first_name, last_name, category, club, email, chip_time)
       ON CONFLICT (event_id, bib) DO UPDATE SET
         ${columns.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}, updated_at = now()
       WHERE (${columns.map((column) => `start_list_entries.${column}`).join(', ')})
         IS DISTINCT FROM (${columns.map((column) => `EXCLUDED.${column}`).join(', ')})
       RETURNING (xmax = 0) AS created`,
      [
        eventId,
        rows.map((row) => row.bib),
        rows.map((row) => row.firstName),
        rows.map((row) => row.lastName),
        rows.map((row) => row.category),
        rows.map((row) => row.club),
        rows.map((row) => row.email),
        rows.map((row) => row.chipTime),
      ],
    );
    // xmax is 0 on a row this statement inserted and set on one it updated; untouched rows are not returned.
    const created = result.filter((row) => row.created).length;
    const updated = result.length - created;
    return { created, updated, unchanged: rows.length - result.length };
  }

  /** Deletes the event's runners whose bib is not in `keep`; returns how many. */
  async removeOthers(manager: EntityManager, eventId: string, keep: readonly string[]): Promise<number> {
    const [, count]: [unknown, number] = await manager.query(`DELETE FROM start_list_entries WHERE event_id = $1 AND bib <> ALL($2::text[])`, [eventId, keep]);
    return count;
  }

  async clear(manager: EntityManager, eventId: string): Promise<number> {
    const [, count]: [unknown, number] = await manager.query(`DELETE FROM start_list_entries WHERE event_id = $1`, [eventId]);
    return count;
  }

  /** How many of these bibs the event already has (a preview tells the pro how many runners an import would update). */
  async countExisting(eventId: string, bibs: readonly string[]): Promise<number> {
    if (bibs.length === 0) return 0;
    const [{ count }]: Array<{ count: string }> = await this.entries.query(
      `SELECT count(*) AS count FROM start_list_entries WHERE event_id = $1 AND bib = ANY($2::text[])`,
      [eventId, bibs],
    );
    return Number(count);
  }

  /**
   * A page of the start list in bib order (by length first, so 9 comes before 10). `q` matches the start of a bib or
   * any part of "first last", accents and case ignored, through the same expression as the public name index.
   */
  async page(eventId: string, { q, skip, take }: { q?: string; skip: number; take: number }): Promise<[StartListEntry[], number]> {
    const query = this.entries
      .createQueryBuilder('entry')
      .where('entry.event_id = :eventId', { eventId })
      .orderBy('length(entry.bib)', 'ASC')
      .addOrderBy('entry.bib', 'ASC')
      .skip(skip)
      .take(take);
    const search = q?.trim();
    if (search) {
      const escaped = search.replace(/[\\%_]/g, (char) => `\\${char}`);
      query.andWhere(
        new Brackets((where) =>
          where
            .where('entry.bib ILIKE :bibPrefix', { bibPrefix: `${escaped}%` })
            .orWhere(`start_list_search_name(entry.first_name, entry.last_name) LIKE '%' || lower(f_unaccent(:name)) || '%'`, { name: escaped }),
        ),
      );
    }
    return query.getManyAndCount();
  }
}
