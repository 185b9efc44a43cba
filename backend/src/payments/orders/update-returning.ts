import { EntityManager } from 'typeorm';

/**
 * Rows of an `UPDATE … RETURNING`. TypeORM answers `[rows, rowCount]` for UPDATE and DELETE (and plain rows for
 * the rest), so `result.length` of an UPDATE is always 2: reading it as "rows changed" would make every caller a
 * winner.
 */
export async function updateReturning<T>(runner: Pick<EntityManager, 'query'>, sql: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await runner.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
