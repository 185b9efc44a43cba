import { getQueueToken } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import { PhotoStatus } from '@focus-racer/api-types';
import type { Job, Queue } from 'bull';
import { Repository } from 'typeorm';
import { PipelineConfig } from '../../config/pipeline.config';
import { Photo } from '../../photos/entities/photo.entity';
import { PhotoPipelineService } from '../photo-pipeline.service';
import { PhotoProgressPublisher } from '../photo-progress.publisher';
import { PhotoJobData, PhotoStage, photoStage } from '../queues';

/** The last stage the worker runs today; it marks the photo processed instead of enqueuing the next one. */
export const LAST_IMPLEMENTED_STAGE: PhotoStage = 'bibs';

/** What a stage computed: the columns to write on the photo. */
export type PhotoChanges = Partial<Pick<Photo, Exclude<keyof Photo, 'id' | 'event' | 'uploader' | 'duplicateOf' | 'stageTimestamps'>>>;

export type PhotoStageWork = (photo: Photo) => Promise<PhotoChanges>;

/**
 * What every stage does around its own work: load the photo (a deleted photo ends the job quietly), write the
 * results with the stage's timestamp, hand over to the next stage (or mark the photo processed after the last
 * one), and on the last failed attempt record the error and status failed. Stages only compute and write
 * their own columns, so a stage that runs twice writes the same values twice.
 */
@Injectable()
export class PhotoStageRunner {
  private readonly logger = new Logger(PhotoStageRunner.name);

  constructor(
    @InjectRepository(Photo) private readonly photos: Repository<Photo>,
    private readonly pipeline: PhotoPipelineService,
    private readonly config: PipelineConfig,
    private readonly moduleRef: ModuleRef,
    private readonly progress: PhotoProgressPublisher,
  ) {}

  /** Starts consuming the stage's queue with PIPELINE_CONCURRENCY jobs at once (call once, at bootstrap). */
  consume(stage: PhotoStage, work: PhotoStageWork): void {
    const { queue: queueName, job: jobName } = photoStage(stage);
    const queue = this.moduleRef.get<Queue<PhotoJobData>>(getQueueToken(queueName), { strict: false });
    queue
      .process(jobName, this.config.concurrency, (job: Job<PhotoJobData>) => this.run(stage, job, work))
      .catch((error: unknown) => this.logger.error(`The ${stage} queue stopped: ${String(error)}`));
  }

  async run(stage: PhotoStage, job: Job<PhotoJobData>, work: PhotoStageWork): Promise<void> {
    const photo = await this.photos.findOneBy({ id: job.data.photoId });
    if (!photo) return;
    const last = stage === LAST_IMPLEMENTED_STAGE;
    const status = last ? PhotoStatus.PROCESSED : PhotoStatus.PROCESSING;
    try {
      const changes = await work(photo);
      await this.photos.update(photo.id, {
        ...changes,
        status,
        processingError: null,
        stageTimestamps: { ...photo.stageTimestamps, [stage]: new Date().toISOString() },
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        const processingError = `${stage}: ${message}`.slice(0, 2000);
        await this.photos.update(photo.id, { status: PhotoStatus.FAILED, processingError });
        await this.progress.publish(photo.eventId, { photoId: photo.id, stage, status: PhotoStatus.FAILED, error: processingError });
      }
      this.logger.warn(`Photo ${photo.id}, stage ${stage}, attempt ${job.attemptsMade + 1}: ${message}`);
      throw error;
    }
    await this.progress.publish(photo.eventId, { photoId: photo.id, stage, status });
    const next = last ? null : this.pipeline.nextStage(stage);
    if (next) await this.pipeline.enqueue(next, photo.id);
  }
}
