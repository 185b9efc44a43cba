import type { EntityManager } from 'typeorm';

/**
 * Keeps a start-list change and the bibs stage from crossing each other. An import replaces the list and then
 * re-snaps the photos that have readings; a photo whose bibs stage read the old list but had not written its rows
 * yet would miss that re-snap and stay snapped to the old list. So both run in transactions that take this lock
 * first: an import exclusively, the bibs stage shared (stages never wait for each other, only for an import).
 * Transaction-scoped advisory locks: released at COMMIT or ROLLBACK, even if the process dies.
 */
const START_LIST_LOCK_SPACE = 0x53_4c; // "SL": advisory locks are two int4 keys; this one names the kind of lock.

export async function lockStartListForImport(manager: EntityManager, eventId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [START_LIST_LOCK_SPACE, eventId]);
}

export async function lockStartListForSnapping(manager: EntityManager, eventId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [START_LIST_LOCK_SPACE, eventId]);
}
