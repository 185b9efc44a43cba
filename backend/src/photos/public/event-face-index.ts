import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SearchConfig } from '../../config/search.config';

export interface FaceHit {
  faceId: string;
  photoId: string;
  similarity: number;
}

/** A block of faces loaded together: rows × dimensions floats, row-major. */
interface Segment {
  vectors: Float32Array;
  faceIds: string[];
  photoIds: string[];
}

/**
 * The L2-normalised face embeddings of one event, searched by brute-force dot products. Exact, and fast enough
 * for selfie search at race scale: 50 000 faces × 1024 dims is 51 M multiply-adds, tens of milliseconds in V8
 * (bench/search.ts measures it). An approximate index (HNSW, IVF) would only pay off well past that, and the
 * PostgreSQL here has no pgvector. Stored as segments so faces the pipeline adds later are appended without
 * copying the ones already loaded.
 */
export class FaceMatrix {
  private readonly segments: Segment[] = [];
  private rows = 0;

  constructor(readonly dimensions: number) {}

  get size(): number {
    return this.rows;
  }

  get bytes(): number {
    return this.rows * this.dimensions * 4;
  }

  append(segment: Segment): void {
    if (segment.faceIds.length === 0) return;
    this.segments.push(segment);
    this.rows += segment.faceIds.length;
  }

  /** Row `row`'s embedding (a view, not a copy). */
  vector(row: number): Float32Array {
    for (const segment of this.segments) {
      if (row < segment.faceIds.length) return segment.vectors.subarray(row * this.dimensions, (row + 1) * this.dimensions);
      row -= segment.faceIds.length;
    }
    throw new RangeError(`No face at row ${row}`);
  }

  /** The best face of each photo whose similarity with `query` reaches `minSimilarity`, best first. */
  search(query: ArrayLike<number>, minSimilarity: number, limit: number): FaceHit[] {
    if (query.length !== this.dimensions) {
      throw new Error(`The selfie embedding has ${query.length} dimensions, the event's faces ${this.dimensions}`);
    }
    const q = Float64Array.from(query);
    const d = this.dimensions;
    const unrolled = d - (d % 4);
    const best = new Map<string, FaceHit>();
    for (const { vectors, faceIds, photoIds } of this.segments) {
      for (let row = 0; row < faceIds.length; row++) {
        const offset = row * d;
        // Four running sums: independent additions pipeline better than one chain (~30 % faster in V8).
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let i = 0;
        for (; i < unrolled; i += 4) {
          s0 += q[i] * vectors[offset + i];
          s1 += q[i + 1] * vectors[offset + i + 1];
          s2 += q[i + 2] * vectors[offset + i + 2];
          s3 += q[i + 3] * vectors[offset + i + 3];
        }
        for (; i < d; i++) s0 += q[i] * vectors[offset + i];
        const dot = s0 + s1 + s2 + s3;
        if (dot < minSimilarity) continue;
        const current = best.get(photoIds[row]);
        if (!current || current.similarity < dot) {
          best.set(photoIds[row], { faceId: faceIds[row], photoId: photoIds[row], similarity: Math.min(1, dot) });
        }
      }
    }
    return [...best.values()].sort((a, b) => b.similarity - a.similarity).slice(0, limit);
  }
}

interface CachedMatrix {
  matrix: FaceMatrix;
  /** The event's face count and newest face (created_at as text, microseconds kept) when last synced. */
  count: number;
  newest: string;
  checkedAt: number;
}

interface FaceStamp {
  count: number;
  newest: string;
}

/** How long a cached matrix is trusted before its stamp is checked again (the pipeline adds faces meanwhile). */
const VERSION_CHECK_MS = 5_000;
const LOAD_BATCH = 5_000;
const EPOCH = '-infinity';

/**
 * Per-event FaceMatrix cache of the API process, least recently used first out when over FACE_INDEX_CACHE_MB.
 * A search checks (at most every 5 s) the event's face count and newest created_at: new faces only are read and
 * appended; any other change (a photo deleted, faces re-indexed) reloads the event.
 */
@Injectable()
export class EventFaceIndex {
  private readonly cache = new Map<string, CachedMatrix>();
  private readonly syncing = new Map<string, Promise<CachedMatrix>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: SearchConfig,
  ) {}

  async forEvent(eventId: string): Promise<FaceMatrix> {
    const cached = this.cache.get(eventId);
    if (cached && Date.now() - cached.checkedAt < VERSION_CHECK_MS) return this.touch(eventId, cached).matrix;
    // Concurrent searches of one event share one sync.
    let pending = this.syncing.get(eventId);
    if (!pending) {
      pending = this.sync(eventId, cached).finally(() => this.syncing.delete(eventId));
      this.syncing.set(eventId, pending);
    }
    const synced = await pending;
    this.touch(eventId, synced);
    this.evict();
    return synced.matrix;
  }

  /** Drops an event's cached faces (e.g. after erasure), so no deleted face can still be matched. */
  forget(eventId: string): void {
    this.cache.delete(eventId);
  }

  private async sync(eventId: string, cached: CachedMatrix | undefined): Promise<CachedMatrix> {
    const stamp = await this.stamp(eventId);
    if (cached && stamp.count === cached.count && stamp.newest === cached.newest) {
      cached.checkedAt = Date.now();
      return cached;
    }
    if (cached && stamp.count > cached.count && stamp.newest > cached.newest) {
      // Faces were added after the last sync: read those only. A concurrent transaction may commit faces older
      // than `newest`; then the count does not add up and the event is reloaded instead.
      const added = await this.read(eventId, cached.newest, cached.matrix.dimensions);
      if (cached.count + added.rows === stamp.count) {
        for (const segment of added.segments) cached.matrix.append(segment);
        return { matrix: cached.matrix, count: stamp.count, newest: added.newest ?? cached.newest, checkedAt: Date.now() };
      }
    }
    const loaded = await this.read(eventId, EPOCH, 0);
    const matrix = new FaceMatrix(loaded.dimensions);
    for (const segment of loaded.segments) matrix.append(segment);
    return { matrix, count: loaded.rows + loaded.skipped, newest: loaded.newest ?? EPOCH, checkedAt: Date.now() };
  }

  private async stamp(eventId: string): Promise<FaceStamp> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS count, coalesce(max(created_at)::text, '${EPOCH}') AS newest
       FROM faces WHERE event_id = $1 AND embedding IS NOT NULL`,
      [eventId],
    );
    return { count: row.count, newest: row.newest };
  }

  /** Faces created after `after`, in segments of LOAD_BATCH; `dimensions` 0 takes the first face's. */
  private async read(eventId: string, after: string, dimensions: number) {
    const segments: Segment[] = [];
    let rows = 0;
    let skipped = 0;
    let newest: string | null = null;
    // Strictly after `after`: the largest uuid skips every face created at that very instant (already loaded).
    let cursor = { createdAt: after, id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' };
    for (;;) {
      // The embedding as text, split here: the driver's generic array parser is several times slower.
      const batch: Array<{ id: string; photo_id: string; created_at: string; embedding: string }> = await this.dataSource.query(
        `SELECT id, photo_id, created_at::text AS created_at, embedding::text AS embedding FROM faces
         WHERE event_id = $1 AND embedding IS NOT NULL AND (created_at, id) > ($2::timestamptz, $3::uuid)
         ORDER BY created_at, id LIMIT ${LOAD_BATCH}`,
        [eventId, cursor.createdAt, cursor.id],
      );
      if (batch.length > 0 && dimensions === 0) dimensions = parseRealArray(batch[0].embedding).length;
      const segment: Segment = { vectors: new Float32Array(batch.length * dimensions), faceIds: [], photoIds: [] };
      for (const row of batch) {
        const embedding = parseRealArray(row.embedding);
        // A face embedded by another model (the config changed) cannot be compared: leave it out.
        if (embedding.length !== dimensions) {
          skipped++;
          continue;
        }
        segment.vectors.set(embedding, segment.faceIds.length * dimensions);
        segment.faceIds.push(row.id);
        segment.photoIds.push(row.photo_id);
      }
      segment.vectors = segment.vectors.subarray(0, segment.faceIds.length * dimensions);
      segments.push(segment);
      rows += segment.faceIds.length;
      if (batch.length > 0) {
        const last = batch[batch.length - 1];
        newest = last.created_at;
        cursor = { createdAt: last.created_at, id: last.id };
      }
      if (batch.length < LOAD_BATCH) break;
    }
    return { segments, rows, skipped, newest, dimensions };
  }

  private touch(eventId: string, entry: CachedMatrix): CachedMatrix {
    // Map iteration order is insertion order: re-inserting makes this the most recently used.
    this.cache.delete(eventId);
    this.cache.set(eventId, entry);
    return entry;
  }

  private evict(): void {
    let total = [...this.cache.values()].reduce((sum, entry) => sum + entry.matrix.bytes, 0);
    for (const [eventId, entry] of this.cache) {
      if (total <= this.config.faceIndexCacheBytes || this.cache.size === 1) break;
      this.cache.delete(eventId);
      total -= entry.matrix.bytes;
    }
  }
}

/** PostgreSQL's text form of a real[] ("{0.1,-0.2,…}": no quotes, no NULLs in an embedding). */
export function parseRealArray(text: string): Float32Array {
  const body = text.slice(1, -1);
  if (body.length === 0) return new Float32Array(0);
  const parts = body.split(',');
  const out = new Float32Array(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = +parts[i];
  return out;
}
