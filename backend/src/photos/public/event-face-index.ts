import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SearchConfig } from '../../config/search.config';

export interface FaceHit {
  faceId: string;
  photoId: string;
  similarity: number;
}

/**
 * The L2-normalised face embeddings of one event in one contiguous Float32Array, searched by brute-force dot
 * products. Exact, and fast enough for selfie search at race scale: 50 000 faces × 1024 dims is 51 M
 * multiply-adds, ~40–60 ms in V8 on one core (bench/search.ts measures it). An approximate index (HNSW, IVF)
 * would only pay off well past that, and PostgreSQL here has no pgvector.
 */
export class FaceMatrix {
  constructor(
    readonly dimensions: number,
    readonly vectors: Float32Array,
    readonly faceIds: readonly string[],
    readonly photoIds: readonly string[],
  ) {}

  get size(): number {
    return this.faceIds.length;
  }

  /** The best face of each photo whose similarity with `query` reaches `minSimilarity`, best first. */
  search(query: ArrayLike<number>, minSimilarity: number, limit: number): FaceHit[] {
    if (query.length !== this.dimensions) {
      throw new Error(`The selfie embedding has ${query.length} dimensions, the event's faces ${this.dimensions}`);
    }
    const q = Float32Array.from(query);
    const best = new Map<string, FaceHit>();
    const d = this.dimensions;
    for (let row = 0; row < this.size; row++) {
      let dot = 0;
      const offset = row * d;
      for (let i = 0; i < d; i++) dot += q[i] * this.vectors[offset + i];
      if (dot < minSimilarity) continue;
      const photoId = this.photoIds[row];
      const current = best.get(photoId);
      if (!current || current.similarity < dot) best.set(photoId, { faceId: this.faceIds[row], photoId, similarity: Math.min(1, dot) });
    }
    return [...best.values()].sort((a, b) => b.similarity - a.similarity).slice(0, limit);
  }
}

interface CachedMatrix {
  matrix: FaceMatrix;
  /** count + newest created_at of the event's faces when loaded: a new or deleted face changes it. */
  version: string;
  checkedAt: number;
  bytes: number;
}

/** How long a cached matrix is trusted before its version is checked again (the pipeline adds faces meanwhile). */
const VERSION_CHECK_MS = 5_000;
const LOAD_BATCH = 5_000;

/**
 * Per-event FaceMatrix cache of the API process, least recently used first out when over FACE_INDEX_CACHE_MB.
 * Loading reads the embeddings once from PostgreSQL (real[]); later searches only check a cheap version stamp.
 */
@Injectable()
export class EventFaceIndex {
  private readonly cache = new Map<string, CachedMatrix>();
  private readonly loading = new Map<string, Promise<CachedMatrix>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: SearchConfig,
  ) {}

  async forEvent(eventId: string): Promise<FaceMatrix> {
    const cached = this.cache.get(eventId);
    if (cached && Date.now() - cached.checkedAt < VERSION_CHECK_MS) return this.touch(eventId, cached).matrix;
    const version = await this.version(eventId);
    if (cached && cached.version === version) {
      cached.checkedAt = Date.now();
      return this.touch(eventId, cached).matrix;
    }
    // Concurrent first searches of one event share one load.
    let pending = this.loading.get(eventId);
    if (!pending) {
      pending = this.load(eventId, version).finally(() => this.loading.delete(eventId));
      this.loading.set(eventId, pending);
    }
    const loaded = await pending;
    this.cache.set(eventId, loaded);
    this.evict();
    return loaded.matrix;
  }

  /** Drops an event's cached faces (e.g. after erasure), so no deleted face can still be matched. */
  forget(eventId: string): void {
    this.cache.delete(eventId);
  }

  private async version(eventId: string): Promise<string> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n, coalesce(max(created_at), 'epoch')::text AS newest
       FROM faces WHERE event_id = $1 AND embedding IS NOT NULL`,
      [eventId],
    );
    return `${row.n}@${row.newest}`;
  }

  private async load(eventId: string, version: string): Promise<CachedMatrix> {
    const faceIds: string[] = [];
    const photoIds: string[] = [];
    const chunks: number[][] = [];
    let dimensions = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Array<{ id: string; photo_id: string; embedding: number[] }> = await this.dataSource.query(
        `SELECT id, photo_id, embedding FROM faces
         WHERE event_id = $1 AND embedding IS NOT NULL AND id > $2 ORDER BY id LIMIT ${LOAD_BATCH}`,
        [eventId, after],
      );
      for (const row of rows) {
        if (dimensions === 0) dimensions = row.embedding.length;
        // A face embedded by another model (the config changed) cannot be compared: leave it out.
        if (row.embedding.length !== dimensions) continue;
        faceIds.push(row.id);
        photoIds.push(row.photo_id);
        chunks.push(row.embedding);
      }
      if (rows.length < LOAD_BATCH) break;
      after = rows[rows.length - 1].id;
    }
    const vectors = new Float32Array(chunks.length * dimensions);
    chunks.forEach((embedding, row) => vectors.set(embedding, row * dimensions));
    return {
      matrix: new FaceMatrix(dimensions, vectors, faceIds, photoIds),
      version,
      checkedAt: Date.now(),
      bytes: vectors.byteLength,
    };
  }

  private touch(eventId: string, entry: CachedMatrix): CachedMatrix {
    // Map iteration order is insertion order: re-inserting makes this the most recently used.
    this.cache.delete(eventId);
    this.cache.set(eventId, entry);
    return entry;
  }

  private evict(): void {
    let total = [...this.cache.values()].reduce((sum, entry) => sum + entry.bytes, 0);
    for (const [eventId, entry] of this.cache) {
      if (total <= this.config.faceIndexCacheBytes || this.cache.size === 1) break;
      this.cache.delete(eventId);
      total -= entry.bytes;
    }
  }
}
