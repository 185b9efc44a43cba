import { BadRequestException, Inject, Injectable, Optional, ServiceUnavailableException, UnprocessableEntityException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MatchReason, RunnerMatchDto, SearchResponse, SearchResultDto } from '@focus-racer/api-types';
import sharp from 'sharp';
import { DataSource, In, Repository } from 'typeorm';
import { DetectedFace, FACE_INDEXER, FaceIndexer } from '../../ai-pipeline/recognition/face-indexer';
import { SearchConfig } from '../../config/search.config';
import { StartListDirectory } from '../../connectors/start-list-directory';
import { EventSearchCounter } from '../../events/event-search-counter.service';
import { EventsService } from '../../events/events.service';
import { RaceEvent } from '../../events/entities/event.entity';
import { Photo } from '../entities/photo.entity';
import { EventFaceIndex, FaceHit } from './event-face-index';
import { BibEvidence, bibReason, bibStrength, combine, FeedbackTally, feedbackWeight, round3, selfieStrength } from './match-scoring';
import { toPublicPhotoDto, VISIBLE_PHOTO_SQL } from './public-photo';

export const NO_FACE_IN_SELFIE_MESSAGE =
  'We could not find a face in your selfie. Try again facing the camera, in good light, with your whole face in the picture.';
export const SELFIE_UNREADABLE_MESSAGE = 'The selfie could not be read as an image: send a JPEG, PNG or WebP photo.';
export const SELFIE_SEARCH_OFF_MESSAGE = 'Search by selfie is not available on this platform.';

/** Long edge a selfie is reduced to before face detection: plenty for one close face, cheap to process. */
const SELFIE_LONG_EDGE = 1024;
/**
 * A selfie that matches a bib-tagged photo this well is taken as that runner's: their other photos (found by the
 * bib) join the results, scored by both. Above the selfie threshold by a margin, so one look-alike does not.
 */
const SELFIE_BIB_MARGIN = 0.1;

interface BibRow {
  photo_id: string;
  number: string;
  source: 'ocr' | 'manual' | 'face-link';
  confidence: number;
  similarity: number | null;
  linked_from_photo_id: string | null;
}

/** Evidence gathered for one photo before scoring. */
interface Candidate {
  photoId: string;
  /** Each piece of evidence's strength and the bib it is about ('' for a selfie), which feedback is keyed by. */
  evidence: Array<{ strength: number; bib: string }>;
  reasons: MatchReason[];
}

/** Who is searching: an account, an anonymous device, or nobody known (no per-viewer hiding then). */
export interface Viewer {
  userId?: string;
  deviceId?: string;
}

export function viewerKey(viewer: Viewer): string | null {
  if (viewer.userId) return `user:${viewer.userId}`;
  if (viewer.deviceId) return `device:${viewer.deviceId}`;
  return null;
}

/**
 * The three ways a runner finds their photos in a published event (by bib, by name through the start list, by
 * selfie), each result carrying why it matched and one score (match-scoring.ts). Photos the viewer said "not
 * me" to are left out of their results; everyone's feedback weighs on the score.
 */
@Injectable()
export class PhotoSearchService {
  constructor(
    private readonly events: EventsService,
    private readonly dataSource: DataSource,
    @InjectRepository(Photo) private readonly photos: Repository<Photo>,
    private readonly faceIndex: EventFaceIndex,
    private readonly startList: StartListDirectory,
    private readonly config: SearchConfig,
    private readonly searchCounter: EventSearchCounter,
    @Optional() @Inject(FACE_INDEXER) private readonly faces?: FaceIndexer,
  ) {}

  async byBib(slug: string, rawBib: string, viewer: Viewer): Promise<SearchResponse> {
    const bib = rawBib.trim();
    if (!/^[A-Za-z0-9-]{1,12}$/.test(bib)) throw new BadRequestException('A bib number is 1 to 12 letters or digits');
    const event = await this.events.findPublishedBySlug(slug);
    // Counted once the search is valid, whatever it finds (organizers see demand, not success); not awaited.
    void this.searchCounter.count(event.id, 'bib');
    const runners = await this.startList.runnersByBib(event.id, [bib]);
    const candidates = new Map<string, Candidate>();
    await this.addBibEvidence(event.id, new Map([[bib, 1]]), candidates);
    return { mode: 'bib', runners, results: await this.rank(candidates, viewer) };
  }

  async byName(slug: string, rawName: string, viewer: Viewer): Promise<SearchResponse> {
    const name = rawName.trim().replace(/\s+/g, ' ');
    if (name.length < 2 || name.length > 100) throw new BadRequestException('Type 2 to 100 letters of the runner’s name');
    const event = await this.events.findPublishedBySlug(slug);
    void this.searchCounter.count(event.id, 'name');
    const runners = await this.startList.runnersByName(event.id, name);
    const candidates = new Map<string, Candidate>();
    const nameWeights = new Map(runners.map((runner) => [runner.bib, runner.similarity]));
    await this.addBibEvidence(event.id, nameWeights, candidates, runners);
    return { mode: 'name', runners, results: await this.rank(candidates, viewer) };
  }

  /**
   * The selfie is decoded, reduced and embedded in memory; nothing of it is stored or logged (the controller
   * keeps it out of the request log too). The largest face is the runner's.
   */
  async bySelfie(slug: string, selfie: Buffer, viewer: Viewer): Promise<SearchResponse> {
    if (!this.faces) throw new ServiceUnavailableException(SELFIE_SEARCH_OFF_MESSAGE);
    const event = await this.events.findPublishedBySlug(slug);
    void this.searchCounter.count(event.id, 'selfie');
    let image: Buffer;
    try {
      image = await sharp(selfie, { limitInputPixels: 100_000_000 })
        .autoOrient()
        .resize(SELFIE_LONG_EDGE, SELFIE_LONG_EDGE, { fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 90 })
        .toBuffer();
    } catch {
      throw new UnprocessableEntityException(SELFIE_UNREADABLE_MESSAGE);
    }
    const face = largest(await this.faces.detect(image, { largestOnly: true }));
    if (!face) throw new UnprocessableEntityException(NO_FACE_IN_SELFIE_MESSAGE);

    const hits = await this.faceHits(event, image, face);
    const threshold = this.config.selfieMinSimilarity;
    const candidates = new Map<string, Candidate>();
    for (const hit of hits) {
      add(candidates, hit.photoId, selfieStrength(hit.similarity, threshold), '', { kind: 'selfie', similarity: round3(hit.similarity) });
    }
    // The runner's bib, when the selfie strongly matches photos that show exactly one bib: brings their other
    // photos (where the face was not visible or not indexed) with a score weighted by the face evidence.
    const bibWeights = await this.bibsOfStrongHits(hits, threshold + SELFIE_BIB_MARGIN);
    if (bibWeights.size > 0) await this.addBibEvidence(event.id, bibWeights, candidates);
    const runners = await this.startList.runnersByBib(event.id, [...bibWeights.keys()]);
    return { mode: 'selfie', runners, results: await this.rank(candidates, viewer) };
  }

  private async faceHits(event: RaceEvent, image: Buffer, face: DetectedFace): Promise<FaceHit[]> {
    const limit = this.config.resultLimit;
    const threshold = this.config.selfieMinSimilarity;
    if (face.embedding) return (await this.faceIndex.forEvent(event.id)).search(face.embedding, threshold, limit);
    // Providers that keep the vectors (Rekognition) search their own per-event collection.
    if (!this.faces?.searchByImage) return [];
    const matches = await this.faces.searchByImage(event.id, image, threshold);
    if (matches.length === 0) return [];
    const rows: Array<{ id: string; photo_id: string; external_face_id: string }> = await this.dataSource.query(
      `SELECT id, photo_id, external_face_id FROM faces WHERE event_id = $1 AND external_face_id = ANY($2)`,
      [event.id, matches.map((match) => match.externalFaceId)],
    );
    const similarity = new Map(matches.map((match) => [match.externalFaceId, match.similarity]));
    const best = new Map<string, FaceHit>();
    for (const row of rows) {
      const hit = { faceId: row.id, photoId: row.photo_id, similarity: similarity.get(row.external_face_id) ?? 0 };
      if ((best.get(row.photo_id)?.similarity ?? -1) < hit.similarity) best.set(row.photo_id, hit);
    }
    return [...best.values()].sort((a, b) => b.similarity - a.similarity).slice(0, limit);
  }

  /** bib → weight (the best face similarity, as a strength) over strong hits on photos with exactly one read bib. */
  private async bibsOfStrongHits(hits: FaceHit[], minSimilarity: number): Promise<Map<string, number>> {
    const strong = hits.filter((hit) => hit.similarity >= minSimilarity);
    if (strong.length === 0) return new Map();
    const rows: Array<{ photo_id: string; number: string }> = await this.dataSource.query(
      `SELECT photo_id, min(number) AS number FROM bib_numbers
       WHERE photo_id = ANY($1) AND source IN ('ocr', 'manual') GROUP BY photo_id HAVING count(*) = 1`,
      [strong.map((hit) => hit.photoId)],
    );
    const bibOf = new Map(rows.map((row) => [row.photo_id, row.number]));
    const weights = new Map<string, number>();
    for (const hit of strong) {
      const bib = bibOf.get(hit.photoId);
      if (!bib) continue;
      weights.set(bib, Math.max(weights.get(bib) ?? 0, selfieStrength(hit.similarity, this.config.selfieMinSimilarity)));
    }
    return weights;
  }

  /**
   * Adds, for each bib, every visible photo showing it (read, typed, or linked by face), its evidence multiplied by
   * the bib's weight (1 for a typed bib, the name similarity for a name search, the face strength for a selfie).
   */
  private async addBibEvidence(
    eventId: string,
    bibWeights: Map<string, number>,
    candidates: Map<string, Candidate>,
    runners: RunnerMatchDto[] = [],
  ): Promise<void> {
    if (bibWeights.size === 0) return;
    const rows: BibRow[] = await this.dataSource.query(
      `SELECT b.photo_id, b.number, b.source, b.confidence, b.similarity, b.linked_from_photo_id
       FROM bib_numbers b JOIN photos photo ON photo.id = b.photo_id
       WHERE b.event_id = $1 AND b.number = ANY($2) AND ${VISIBLE_PHOTO_SQL('photo')}
       LIMIT ${this.config.resultLimit * 4}`,
      [eventId, [...bibWeights.keys()]],
    );
    const runnerOf = new Map(runners.map((runner) => [runner.bib, runner]));
    for (const row of rows) {
      const evidence: BibEvidence = {
        bib: row.number,
        source: row.source,
        confidence: row.confidence,
        similarity: row.similarity,
        linkedFromPhotoId: row.linked_from_photo_id,
      };
      const weight = bibWeights.get(row.number) ?? 0;
      add(candidates, row.photo_id, bibStrength(evidence) * weight, row.number, bibReason(evidence));
      const runner = runnerOf.get(row.number);
      if (runner) {
        const name = `${runner.firstName} ${runner.lastName}`.trim();
        addReason(candidates, row.photo_id, { kind: 'name', bib: runner.bib, name, similarity: runner.similarity });
      }
    }
  }

  /** Scores, drops what the viewer refuted, applies everyone's feedback, loads the photos, sorts. */
  private async rank(candidates: Map<string, Candidate>, viewer: Viewer): Promise<SearchResultDto[]> {
    if (candidates.size === 0) return [];
    const photoIds = [...candidates.keys()];
    const feedback: Array<{ photo_id: string; bib: string; me: number; not_me: number; refuted_by_viewer: boolean }> =
      await this.dataSource.query(
        `SELECT photo_id, bib,
                count(*) FILTER (WHERE verdict = 'me')::int AS me,
                count(*) FILTER (WHERE verdict = 'not-me')::int AS not_me,
                coalesce(bool_or(verdict = 'not-me' AND viewer_key = $2), false) AS refuted_by_viewer
         FROM photo_feedback WHERE photo_id = ANY($1) GROUP BY photo_id, bib`,
        [photoIds, viewerKey(viewer) ?? ''],
      );
    const refuted = new Set(feedback.filter((row) => row.refuted_by_viewer).map((row) => row.photo_id));
    const tallies = new Map<string, FeedbackTally>(feedback.map((row) => [`${row.photo_id}|${row.bib}`, { me: row.me, notMe: row.not_me }]));

    const scored = [...candidates.values()]
      .filter((candidate) => !refuted.has(candidate.photoId))
      .map((candidate) => {
        const weighted = candidate.evidence.map(({ strength, bib }) => strength * feedbackWeight(tallies.get(`${candidate.photoId}|${bib}`)));
        return { candidate, score: round3(combine(weighted)) };
      })
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, this.config.resultLimit);

    const photos = await this.photos.findBy({ id: In(scored.map((entry) => entry.candidate.photoId)) });
    const byId = new Map(photos.map((photo) => [photo.id, photo]));
    return scored.flatMap(({ candidate, score }) => {
      const photo = byId.get(candidate.photoId);
      return photo ? [{ photo: toPublicPhotoDto(photo), score, reasons: candidate.reasons }] : [];
    });
  }
}

function largest(faces: DetectedFace[]): DetectedFace | undefined {
  return [...faces].sort((a, b) => b.box.w * b.box.h - a.box.w * a.box.h)[0];
}

function add(candidates: Map<string, Candidate>, photoId: string, strength: number, bib: string, reason: MatchReason): void {
  const candidate = candidates.get(photoId) ?? { photoId, evidence: [], reasons: [] };
  candidate.evidence.push({ strength, bib });
  candidate.reasons.push(reason);
  candidates.set(photoId, candidate);
}

/** A reason that explains but adds no strength of its own (the start-list name behind a bib). */
function addReason(candidates: Map<string, Candidate>, photoId: string, reason: MatchReason & { kind: 'name' }): void {
  const candidate = candidates.get(photoId);
  if (candidate && !candidate.reasons.some((existing) => existing.kind === 'name' && existing.bib === reason.bib)) {
    candidate.reasons.push(reason);
  }
}
