import { Injectable } from '@nestjs/common';
import { RunnerMatchDto } from '@focus-racer/api-types';
import { DataSource } from 'typeorm';

/** A name search resolves to at most this many runners (homonyms, typos): beyond, the name is too vague. */
const MAX_RUNNERS = 20;
/** Trigram word similarity a start-list name needs to match a typed name (results are sorted by it anyway). */
const NAME_SIMILARITY_THRESHOLD = 0.45;

interface RunnerRow {
  bib: string;
  first_name: string;
  last_name: string;
  category: string | null;
  club: string | null;
}

/**
 * The public face of an event's start list, for runner search (photos/public): who wears a bib, and which runners a
 * typed name means. Only what runners may see: no email, no chip time.
 */
@Injectable()
export class StartListDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async runnersByBib(eventId: string, bibs: string[]): Promise<RunnerMatchDto[]> {
    if (bibs.length === 0) return [];
    const rows: RunnerRow[] = await this.dataSource.query(
      `SELECT bib, first_name, last_name, category, club FROM start_list_entries WHERE event_id = $1 AND bib = ANY($2)`,
      [eventId, bibs],
    );
    return rows.map((row) => toRunner(row, 1));
  }

  /**
   * Accent- and case-insensitive, typo-tolerant: trigram word similarity of the query against "first last" (the
   * GIN index of migration PublicSearch serves `<%` and LIKE on the same expression). "dupond" finds Dupont,
   * "Zoe" finds Zoé, and a first name alone finds every runner of that name.
   */
  async runnersByName(eventId: string, name: string): Promise<RunnerMatchDto[]> {
    const rows: Array<RunnerRow & { similarity: number }> = await this.dataSource.transaction(async (manager) => {
      // pg_trgm's default 0.6 misses one wrong letter in a short name ("lefebre" → Lefèvre scores 0.5).
      await manager.query(`SET LOCAL pg_trgm.word_similarity_threshold = ${NAME_SIMILARITY_THRESHOLD}`);
      return manager.query(
        `WITH q AS (SELECT lower(f_unaccent($2)) AS text)
         SELECT bib, first_name, last_name, category, club,
                word_similarity(q.text, start_list_search_name(first_name, last_name)) AS similarity
         FROM start_list_entries, q
         WHERE event_id = $1
           AND (q.text <% start_list_search_name(first_name, last_name)
                OR start_list_search_name(first_name, last_name) LIKE '%' || q.text || '%')
         ORDER BY similarity DESC, last_name, first_name
         LIMIT ${MAX_RUNNERS}`,
        [eventId, name.replace(/[\\%_]/g, ' ')],
      );
    });
    return rows.map((row) => toRunner(row, Math.round(Math.min(1, row.similarity) * 1000) / 1000));
  }
}

function toRunner(row: RunnerRow, similarity: number): RunnerMatchDto {
  return { bib: row.bib, firstName: row.first_name, lastName: row.last_name, category: row.category, club: row.club, similarity };
}
