import { getQueueToken } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import { PhotoStatus } from '@focus-racer/api-types';
import type { Job, Queue } from 'bull';
import { EntityManager, Repository } from 'typeorm';
import { PipelineConfig } from '../../config/pipeline.config';
import { Photo, PhotoStageTimestamps } from '../../photos/entities/photo.entity';
import { PhotoPipelineService } from '../photo-pipeline.service';
import { PhotoProgressPublisher } from '../photo-progress.publisher';
import { PhotoJobData, PhotoStage, photoStage, stageDependents, stagePrerequisites } from '../queues';

/** What a stage computed: the columns to write on the photo. */
export type PhotoChanges = Partial<Pick<Photo, Exclude<keyof Photo, 'id' | 'event' | 'uploader' | 'duplicateOf' | 'stageTimestamps' | 'status' | 'processingError'>>>;

/** A stage's work on one photo; null when it recorded the stage itself (see `record` and `advance`). */
export type PhotoStageWork = (photo: Photo) => Promise<PhotoChanges | null>;

export interface StageOptions {
  /** Jobs of this stage wait this long after being enqueued (a debounce). */
  delayMs?: number;
}

/** A photo right after a stage was recorded on it. */
export interface StageRecord {
  id: string;
  eventId: string;
  status: PhotoStatus;
  stageTimestamps: PhotoStageTimestamps;
  uploadBatchId: string | null;
}

/**
 * What every stage does around its own work: load the photo (a deleted photo ends the job quietly), write the
 * results with the stage's timestamp, enqueue the stages that were waiting for it (or mark the photo processed
 * after the last one), and on the last failed attempt record the error and status failed.
 *
 * The pipeline is the DAG of PHOTO_STAGES restricted to the stages a processor registered with `consume`: a
 * stage with no processor in this worker is skipped. Processors register from `onApplicationBootstrap`;
 * PipelineProcessorsModule calls `start` after them, so no job runs before the DAG is complete.
 */
@Injectable()
export class PhotoStageRunner {
  private readonly logger = new Logger(PhotoStageRunner.name);
  private readonly stages = new Map<PhotoStage, { work: PhotoStageWork; options: StageOptions }>();
  private started = false;

  constructor(
    @InjectRepository(Photo) private readonly photos: Repository<Photo>,
    private readonly pipeline: PhotoPipelineService,
    private readonly config: PipelineConfig,
    private readonly moduleRef: ModuleRef,
    private readonly progress: PhotoProgressPublisher,
  ) {}

  consume(stage: PhotoStage, work: PhotoStageWork, options: StageOptions = {}): void {
    if (this.started) throw new Error(`The ${stage} stage registered after the pipeline started: register it from onApplicationBootstrap`);
    if (this.stages.has(stage)) throw new Error(`Two processors registered the ${stage} stage`);
    this.stages.set(stage, { work, options });
  }

  /** Starts consuming every registered stage's queue with PIPELINE_CONCURRENCY jobs at once. */
  start(): void {
    this.started = true;
    for (const [stage, { work }] of this.stages) {
      const { queue: queueName, job: jobName } = photoStage(stage);
      const queue = this.moduleRef.get<Queue<PhotoJobData>>(getQueueToken(queueName), { strict: false });
      queue
        .process(jobName, this.config.concurrency, (job: Job<PhotoJobData>) => this.run(stage, job, work))
        .catch((error: unknown) => this.logger.error(`The ${stage} queue stopped: ${String(error)}`));
      // Bull fails a job whose worker died while holding it more than maxStalledCount times without calling
      // run(): record it on the photo so it shows as failed (and can be retried) instead of processing forever.
      queue.on('failed', (job: Job<PhotoJobData>, error: Error) => {
        if (!/stalled/i.test(error.message)) return;
        void this.photos
          .findOneBy({ id: job.data.photoId })
          .then((photo) => photo && this.fail(photo, stage, `${stage}: the worker stopped several times while processing this photo`))
          .catch((failure: unknown) => this.logger.error(`Could not record the stalled ${stage} job of photo ${job.data.photoId}: ${String(failure)}`));
      });
    }
  }

  /** The stages `stage` waits for in this worker's pipeline. */
  prerequisites(stage: PhotoStage): PhotoStage[] {
    return stagePrerequisites(stage, this.running());
  }

  async run(stage: PhotoStage, job: Job<PhotoJobData>, work: PhotoStageWork): Promise<void> {
    const photo = await this.photos.findOneBy({ id: job.data.photoId });
    if (!photo) return;
    try {
      const changes = await work(photo);
      if (changes) await this.advance(stage, await this.record(this.photos.manager, stage, [photo.id], changes));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.fail(photo, stage, `${stage}: ${message}`);
      this.logger.warn(`Photo ${photo.id}, stage ${stage}, attempt ${job.attemptsMade + 1}: ${message}`);
      throw error;
    }
  }

  /**
   * Writes `changes` and the stage's timestamp on the photos in one statement. The timestamp is merged into the
   * jsonb in SQL, under the row lock, so of sibling stages finishing at once exactly one sees all of them done.
   * A failed photo stays failed with its error (a sibling stage failed for good; reprocess starts it afresh).
   */
  async record(manager: EntityManager, stage: PhotoStage, photoIds: string[], changes: PhotoChanges = {}): Promise<StageRecord[]> {
    if (photoIds.length === 0) return [];
    const last = stageDependents(stage, this.running()).length === 0;
    const result = await manager
      .createQueryBuilder()
      .update(Photo)
      .set({
        ...changes,
        stageTimestamps: () => `stage_timestamps || jsonb_build_object(:stage::text, now())`,
        status: () =>
          last ? `CASE WHEN status = :failed THEN status ELSE :processed::photo_status END` : `CASE WHEN status = :uploaded THEN :processing::photo_status ELSE status END`,
      })
      .setParameters({ stage, failed: PhotoStatus.FAILED, processed: PhotoStatus.PROCESSED, uploaded: PhotoStatus.UPLOADED, processing: PhotoStatus.PROCESSING })
      .whereInIds(photoIds)
      .returning(['id', 'eventId', 'status', 'stageTimestamps', 'uploadBatchId'])
      .execute();
    const rows = result.raw as Array<{ id: string; event_id: string; status: PhotoStatus; stage_timestamps: PhotoStageTimestamps; upload_batch_id: string | null }>;
    return rows.map((row) => ({ id: row.id, eventId: row.event_id, status: row.status, stageTimestamps: row.stage_timestamps, uploadBatchId: row.upload_batch_id }));
  }

  /** After `record` (and its transaction's commit): tells the progress streams, and enqueues the stages now unblocked. */
  async advance(stage: PhotoStage, records: StageRecord[]): Promise<void> {
    const next = stageDependents(stage, this.running());
    for (const photo of records) {
      await this.progress.publish(photo.eventId, { photoId: photo.id, batchId: photo.uploadBatchId, stage, status: photo.status });
      for (const dependent of next) {
        if (this.prerequisites(dependent).every((before) => photo.stageTimestamps[before] !== undefined)) {
          await this.pipeline.enqueue(dependent, photo.id, this.stages.get(dependent)?.options.delayMs);
        }
      }
    }
  }

  /** Status failed with the error; a sibling stage that failed too adds its own line instead of replacing it. */
  private async fail(photo: Photo, stage: PhotoStage, error: string): Promise<void> {
    await this.photos
      .createQueryBuilder()
      .update(Photo)
      .set({
        status: PhotoStatus.FAILED,
        processingError: () => `left(CASE WHEN status = :failed AND processing_error IS NOT NULL THEN processing_error || E'\\n' ELSE '' END || :error, 2000)`,
      })
      .setParameters({ failed: PhotoStatus.FAILED, error })
      .whereInIds([photo.id])
      .execute();
    await this.progress.publish(photo.eventId, { photoId: photo.id, batchId: photo.uploadBatchId, stage, status: PhotoStatus.FAILED, error: error.slice(0, 2000) });
  }

  private running(): ReadonlySet<PhotoStage> {
    return new Set(this.stages.keys());
  }
}
