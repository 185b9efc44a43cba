/**
 * The face edge of the pipeline: one interface, implementations chosen by config
 * (`FACE_INDEXER=local` → in-process models shipped in npm packages; `FACE_INDEXER=rekognition` → AWS Rekognition
 * IndexFaces/SearchFaces in a per-event collection; `FACE_INDEXER=off` → no faces). Used by the faces stage
 * (index every face of a photo), by face linking (compare faces of one event) and by selfie search (embed the
 * largest face of a selfie, in memory, never stored).
 */
import type { BoundingBox } from '../../photos/entities/bounding-box';

export interface DetectedFace {
  /** Pixel box in the image that was passed in (the caller rescales to the original). */
  box: BoundingBox;
  /** 0..1: detector confidence, lowered for small or cut-off faces. */
  quality: number;
  /** L2-normalised embedding (local embedders); null when the provider keeps vectors itself (Rekognition). */
  embedding: number[] | null;
  /** The provider's own face id (Rekognition FaceId), null for local embedders. */
  externalFaceId: string | null;
}

export interface FaceIndexer {
  /** Short name stored beside results ("local-faceres", "rekognition"). */
  readonly provider: string;
  /** Faces of one encoded photo of the event, embedded (or indexed in the event's collection). */
  index(image: Buffer, context: { eventId: string; photoId: string }): Promise<DetectedFace[]>;
  /**
   * The faces of an image without indexing anything (selfie search): embeddings only, nothing kept. With
   * `largestOnly`, only the largest face is embedded and small-face search may be skipped (a selfie is one
   * close face, and its latency is the runner's wait).
   */
  detect(image: Buffer, options?: { largestOnly?: boolean }): Promise<DetectedFace[]>;
  /**
   * Similarity 0..1 of two faces of the same provider. Local: cosine of the embeddings mapped to 0..1
   * ((cos + 1) / 2 is NOT used: the raw cosine clipped at 0, so thresholds read as cosines).
   */
  similarity(a: number[], b: number[]): number;
  /**
   * Providers that keep the vectors themselves (Rekognition) answer "which indexed faces of this event look like
   * this one" here (SearchFaces); similarity 0..1. Local indexers leave it out and callers compare embeddings.
   */
  searchIndexed?(eventId: string, externalFaceId: string, minSimilarity: number): Promise<Array<{ externalFaceId: string; similarity: number }>>;
  /** Same for an image that is not indexed (a selfie): SearchFacesByImage on the event's collection. */
  searchByImage?(eventId: string, image: Buffer, minSimilarity: number): Promise<Array<{ externalFaceId: string; similarity: number }>>;
  /**
   * Providers that keep the vectors: drops faces indexed earlier (a photo indexed again replaces its faces, so the
   * collection does not keep the old copies). Local indexers keep nothing and leave it out.
   */
  removeIndexed?(eventId: string, externalFaceIds: string[]): Promise<void>;
  /** Frees models / sessions; called at shutdown. */
  close?(): Promise<void>;
}

/** Nest injection token for the configured FaceIndexer. */
export const FACE_INDEXER = Symbol('FACE_INDEXER');

/** Cosine similarity of two L2-normalised vectors, clipped to 0..1. */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`Embeddings of different sizes (${a.length} and ${b.length})`);
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return Math.max(0, Math.min(1, dot));
}
