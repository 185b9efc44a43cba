import {
  BoundingBox as RekognitionBox,
  CreateCollectionCommand,
  DeleteFacesCommand,
  DetectFacesCommand,
  FaceMatch,
  IndexFacesCommand,
  InvalidParameterException,
  RekognitionClient,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  SearchFacesByImageCommand,
  SearchFacesCommand,
} from '@aws-sdk/client-rekognition';
import { cosineSimilarity, DetectedFace, FaceIndexer } from './face-indexer';
import { orientedImage } from './rekognition-bib-reader';

/**
 * Cloud face indexer: AWS Rekognition keeps the face vectors in one collection per event
 * (`focus-racer-<eventId>`, created on the first photo), so deleting an event's faces is deleting its collection.
 * Faces come back with Rekognition's FaceId (externalFaceId) and no embedding; comparisons go through SearchFaces
 * (linking) and SearchFacesByImage (selfies). Each indexed face carries the photo id as ExternalImageId.
 */
export interface RekognitionFaceIndexerOptions {
  client: RekognitionClient;
  /** Most faces indexed per photo (Rekognition keeps the largest). */
  maxFaces?: number;
  /** Collection name = prefix + event id. */
  collectionPrefix?: string;
}

/** SearchFaces and SearchFacesByImage return at most this many matches (Rekognition's own ceiling). */
const MAX_SEARCH_MATCHES = 4096;

export class RekognitionFaceIndexer implements FaceIndexer {
  readonly provider = 'rekognition';
  private readonly client: RekognitionClient;
  private readonly maxFaces: number;
  private readonly collectionPrefix: string;
  /** Collections known to exist, so CreateCollection is called once per event and process. */
  private readonly collections = new Set<string>();

  constructor(options: RekognitionFaceIndexerOptions) {
    this.client = options.client;
    this.maxFaces = options.maxFaces ?? 20;
    this.collectionPrefix = options.collectionPrefix ?? 'focus-racer-';
  }

  collectionId(eventId: string): string {
    return `${this.collectionPrefix}${eventId}`;
  }

  async index(image: Buffer, context: { eventId: string; photoId: string }): Promise<DetectedFace[]> {
    const collectionId = await this.ensureCollection(context.eventId);
    const { bytes, width, height } = await orientedImage(image);
    const response = await this.client.send(
      new IndexFacesCommand({
        CollectionId: collectionId,
        Image: { Bytes: bytes },
        ExternalImageId: context.photoId,
        MaxFaces: this.maxFaces,
        // Rekognition's own filter drops faces too small, blurred or dark to match reliably.
        QualityFilter: 'AUTO',
      }),
    );
    return (response.FaceRecords ?? []).flatMap((record) =>
      record.Face?.FaceId ? [toDetectedFace(record.Face.BoundingBox, record.Face.Confidence, width, height, record.Face.FaceId)] : [],
    );
  }

  async detect(image: Buffer): Promise<DetectedFace[]> {
    const { bytes, width, height } = await orientedImage(image);
    const response = await this.client.send(new DetectFacesCommand({ Image: { Bytes: bytes } }));
    return (response.FaceDetails ?? []).map((face) => toDetectedFace(face.BoundingBox, face.Confidence, width, height, null));
  }

  /** Rekognition faces have no vectors here; only embeddings indexed locally before a switch compare by cosine. */
  similarity(a: number[], b: number[]): number {
    return cosineSimilarity(a, b);
  }

  async searchIndexed(eventId: string, externalFaceId: string, minSimilarity: number): Promise<Array<{ externalFaceId: string; similarity: number }>> {
    try {
      const response = await this.client.send(
        new SearchFacesCommand({
          CollectionId: this.collectionId(eventId),
          FaceId: externalFaceId,
          FaceMatchThreshold: minSimilarity * 100,
          MaxFaces: MAX_SEARCH_MATCHES,
        }),
      );
      return matchesOf(response.FaceMatches);
    } catch (error) {
      // No collection yet (no photo indexed), or the face was removed meanwhile: nothing is like it.
      if (error instanceof ResourceNotFoundException) return [];
      throw error;
    }
  }

  async searchByImage(eventId: string, image: Buffer, minSimilarity: number): Promise<Array<{ externalFaceId: string; similarity: number }>> {
    const { bytes } = await orientedImage(image);
    try {
      // Rekognition searches with the largest face of the image, as selfie search wants.
      const response = await this.client.send(
        new SearchFacesByImageCommand({
          CollectionId: this.collectionId(eventId),
          Image: { Bytes: bytes },
          FaceMatchThreshold: minSimilarity * 100,
          MaxFaces: MAX_SEARCH_MATCHES,
        }),
      );
      return matchesOf(response.FaceMatches);
    } catch (error) {
      // No collection (nothing indexed for the event), or no face in the image.
      if (error instanceof ResourceNotFoundException || error instanceof InvalidParameterException) return [];
      throw error;
    }
  }

  async removeIndexed(eventId: string, externalFaceIds: string[]): Promise<void> {
    // DeleteFaces takes at most 4096 ids per call.
    for (let start = 0; start < externalFaceIds.length; start += MAX_SEARCH_MATCHES) {
      try {
        await this.client.send(
          new DeleteFacesCommand({ CollectionId: this.collectionId(eventId), FaceIds: externalFaceIds.slice(start, start + MAX_SEARCH_MATCHES) }),
        );
      } catch (error) {
        if (error instanceof ResourceNotFoundException) return;
        throw error;
      }
    }
  }

  private async ensureCollection(eventId: string): Promise<string> {
    const collectionId = this.collectionId(eventId);
    if (this.collections.has(collectionId)) return collectionId;
    try {
      await this.client.send(new CreateCollectionCommand({ CollectionId: collectionId }));
    } catch (error) {
      // Made by an earlier run or another worker: that is the collection we want.
      if (!(error instanceof ResourceAlreadyExistsException)) throw error;
    }
    this.collections.add(collectionId);
    return collectionId;
  }
}

/** Rekognition's fractional box to pixels of the upright image; quality = confidence × share of the box inside it. */
function toDetectedFace(box: RekognitionBox | undefined, confidence: number | undefined, width: number, height: number, faceId: string | null): DetectedFace {
  const left = (box?.Left ?? 0) * width;
  const top = (box?.Top ?? 0) * height;
  const right = left + (box?.Width ?? 0) * width;
  const bottom = top + (box?.Height ?? 0) * height;
  const x1 = Math.max(0, left);
  const y1 = Math.max(0, top);
  const x2 = Math.min(width, right);
  const y2 = Math.min(height, bottom);
  const fullArea = (right - left) * (bottom - top);
  const insideShare = fullArea > 0 ? (Math.max(0, x2 - x1) * Math.max(0, y2 - y1)) / fullArea : 0;
  return {
    box: { x: Math.round(x1), y: Math.round(y1), w: Math.round(x2 - x1), h: Math.round(y2 - y1) },
    quality: ((confidence ?? 0) / 100) * insideShare,
    embedding: null,
    externalFaceId: faceId,
  };
}

function matchesOf(matches: FaceMatch[] | undefined): Array<{ externalFaceId: string; similarity: number }> {
  return (matches ?? []).flatMap((match) =>
    match.Face?.FaceId ? [{ externalFaceId: match.Face.FaceId, similarity: (match.Similarity ?? 0) / 100 }] : [],
  );
}
