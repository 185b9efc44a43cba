import { getQueueToken } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { BibSource, PhotoStatus } from '@focus-racer/api-types';
import type { Job, Queue } from 'bull';
import { DataSource, EntityManager, In } from 'typeorm';
import { PipelineConfig } from '../../config/pipeline.config';
import { BibNumber } from '../../photos/entities/bib-number.entity';
import { Face } from '../../photos/entities/face.entity';
import { Photo } from '../../photos/entities/photo.entity';
import { attributeBibs, BibLink, bestRunner, LinkRule, mergeLinks, RunnerFace, RunnerMatch } from '../recognition/bib-propagation';
import { EventJobData, JOBS, QUEUES } from '../queues';
import { FACE_INDEXER, FaceIndexer } from '../recognition/face-indexer';
import { PhotoStageRunner, StageRecord } from './photo-stage.runner';

/** Photos whose faces are compared per round trip; their faces and links stay in memory one batch at a time. */
export const LINKING_BATCH_PHOTOS = 200;
const TAGGED = [BibSource.OCR, BibSource.MANUAL];

/**
 * Stage 6: photos with faces but no bib get the bib of the runner whose face was seen on a bib-tagged photo of
 * the same event (rules in recognition/bib-propagation.ts), as BibNumber rows of source face-link.
 *
 * A new bib-tagged photo can name the runner of older photos, so linking is done for the whole event in one pass.
 * Each photo still has its own linking job (no photo can be lost between runs), delayed by LINKING_DEBOUNCE_MS:
 * the first job of a burst to run does one pass for every photo ready by then and marks them processed; the
 * others find their photo done and stop. Passes of one event are serialised by a PostgreSQL advisory lock, and a
 * photo ready after a pass took its list is done by its own job's pass.
 *
 * A pass is also run on its own (RELINK_EVENT, see LinkingPassScheduler) after a photographer corrected bibs.
 * Photos whose bibs were set by hand get no face link, even with no bib: "no bib" was the photographer's answer.
 */
@Injectable()
export class PhotoLinkingProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(PhotoLinkingProcessor.name);

  constructor(
    private readonly runner: PhotoStageRunner,
    private readonly dataSource: DataSource,
    private readonly config: PipelineConfig,
    private readonly moduleRef: ModuleRef,
    // Absent from a worker without a face engine: linking then leaves the event's links as they are.
    @Optional() @Inject(FACE_INDEXER) private readonly indexer?: FaceIndexer,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.consume('linking', (photo) => this.linkWhenReady(photo), { delayMs: this.config.linkingDebounceMs });
    const queue = this.moduleRef.get<Queue<EventJobData>>(getQueueToken(QUEUES.LINKING), { strict: false });
    queue
      .process(JOBS.RELINK_EVENT, 1, (job: Job<EventJobData>) => this.relinkEvent(job.data.eventId))
      .catch((error: unknown) => this.logger.error(`The relink consumer stopped: ${String(error)}`));
  }

  /** One pass over the event, serialised with the stage's passes by the same lock. Returns how many photos got a bib. */
  relinkEvent(eventId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`photo-linking:${eventId}`]);
      return this.linkEvent(manager, eventId);
    });
  }

  async linkWhenReady(photo: Photo): Promise<null> {
    // Done by the pass of another photo's job already.
    if (photo.stageTimestamps.linking) return null;
    const done = await this.dataSource.transaction(async (manager): Promise<StageRecord[]> => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`photo-linking:${photo.eventId}`]);
      const ready = await this.readyPhotoIds(manager, photo.eventId);
      if (!ready.includes(photo.id)) return [];
      await this.linkEvent(manager, photo.eventId);
      return this.runner.record(manager, 'linking', ready);
    });
    await this.runner.advance('linking', done);
    return null;
  }

  /** Photos of the event through every stage before linking and not linked since. */
  private async readyPhotoIds(manager: EntityManager, eventId: string): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT id FROM photos WHERE event_id = $1 AND status = $2 AND stage_timestamps ?& $3::text[] AND NOT stage_timestamps ? 'linking'`,
      [eventId, PhotoStatus.PROCESSING, this.runner.prerequisites('linking')],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** Replaces the event's face-link rows by what the faces say now. Returns how many photos got a bib. */
  async linkEvent(manager: EntityManager, eventId: string): Promise<number> {
    const indexer = this.indexer;
    if (!indexer) return 0;
    const started = Date.now();
    const faces = manager.getRepository(Face);
    const referenceFaces = await faces
      .createQueryBuilder('face')
      .where('face.event_id = :eventId', { eventId })
      .andWhere('EXISTS (SELECT 1 FROM bib_numbers b WHERE b.photo_id = face.photo_id AND b.source IN (:...tagged))', { tagged: TAGGED })
      .getMany();
    const referenceBibs = await manager.getRepository(BibNumber).find({ select: { photoId: true, number: true, box: true }, where: { eventId, source: In(TAGGED) } });
    const runners = attributeBibs(referenceFaces, referenceBibs);
    const faceById = new Map(referenceFaces.map((face) => [face.id, face]));
    const rule: LinkRule = { threshold: this.config.faceLinkThreshold, margin: this.config.faceLinkMargin };

    await manager.delete(BibNumber, { eventId, source: BibSource.FACE_LINK });
    let linkedPhotos = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      // Keyset over the photos with faces and no bib of their own, in photo id order.
      const batch = (await manager.query(
        `SELECT DISTINCT f.photo_id AS "photoId" FROM faces f
          WHERE f.event_id = $1 AND f.photo_id > $2
            AND NOT EXISTS (SELECT 1 FROM bib_numbers b WHERE b.photo_id = f.photo_id AND b.source = ANY($3::bib_source[]))
            AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.id = f.photo_id AND p.bibs_corrected_at IS NOT NULL)
          ORDER BY f.photo_id LIMIT $4`,
        [eventId, after, TAGGED, LINKING_BATCH_PHOTOS],
      )) as Array<{ photoId: string }>;
      if (batch.length === 0) break;
      after = batch[batch.length - 1].photoId;

      const links: BibLink[] = [];
      for (const face of await faces.findBy({ eventId, photoId: In(batch.map((row) => row.photoId)) })) {
        const best = bestRunner(await this.matches(indexer, eventId, face, runners, faceById, rule), rule);
        if (best) links.push({ photoId: face.photoId, number: best.runner.number, similarity: best.similarity, linkedFromPhotoId: best.runner.photoId });
      }
      const rows = mergeLinks(links);
      if (rows.length > 0) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(BibNumber)
          .values(rows.map((link) => ({ ...link, eventId, confidence: link.similarity, box: null, source: BibSource.FACE_LINK })))
          // A number typed on the photo meanwhile stays as it is.
          .orIgnore()
          .execute();
      }
      linkedPhotos += new Set(rows.map((row) => row.photoId)).size;
    }
    this.logger.log(`Event ${eventId}: ${linkedPhotos} photos linked from ${runners.length} runner faces in ${Date.now() - started} ms`);
    return linkedPhotos;
  }

  /** How `face` compares with each runner's face: embeddings compared here, or the provider's own search. */
  private async matches(
    indexer: FaceIndexer,
    eventId: string,
    face: Face,
    runners: RunnerFace[],
    faceById: Map<string, Face>,
    rule: LinkRule,
  ): Promise<RunnerMatch[]> {
    const embedding = face.embedding;
    if (embedding) {
      return runners.flatMap((runner) => {
        const other = faceById.get(runner.faceId)?.embedding;
        return other ? [{ runner, similarity: indexer.similarity(embedding, other) }] : [];
      });
    }
    if (!face.externalFaceId || !indexer.searchIndexed) return [];
    // Below the threshold too, by the margin: the second-best runner decides whether the best one is a close call.
    const found = await indexer.searchIndexed(eventId, face.externalFaceId, Math.max(0, rule.threshold - rule.margin));
    const similarityOf = new Map(found.map((match) => [match.externalFaceId, match.similarity]));
    return runners.flatMap((runner) => {
      const similarity = similarityOf.get(faceById.get(runner.faceId)?.externalFaceId ?? '');
      return similarity === undefined ? [] : [{ runner, similarity }];
    });
  }
}
