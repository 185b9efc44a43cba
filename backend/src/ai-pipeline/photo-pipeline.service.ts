import { getQueueToken } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import { JOBS, PHOTO_STAGES, PhotoJobData, photoJobId, PhotoStage, photoStage, QUEUES } from './queues';

/**
 * Puts a photo on a pipeline stage's queue. Used by the API (upload, reprocess) and by each stage to hand over to
 * the next. The job id is the photo and the stage: while a job for them waits or runs, enqueuing again does
 * nothing; once it has finished (kept a while by removeOnComplete/removeOnFail) it is replaced, so a reprocess
 * really runs again.
 */
@Injectable()
export class PhotoPipelineService {
  constructor(private readonly moduleRef: ModuleRef) {}

  start(photoId: string): Promise<void> {
    return this.enqueue(PHOTO_STAGES[0].stage, photoId);
  }

  /** `delayMs`: the job waits that long before it can run (a waiting or delayed job is left as it is). */
  async enqueue(stage: PhotoStage, photoId: string, delayMs = 0): Promise<void> {
    const { queue: queueName, job: jobName } = photoStage(stage);
    await this.addOnce(queueName, jobName, photoJobId(photoId, stage), photoId, delayMs);
  }

  /**
   * Redraws the photo's public copies with its event's current branding (PhotoDerivativesProcessor.rerender):
   * the derivatives alone, bibs and faces are kept. A re-render already waiting will read the newest branding.
   */
  async rerenderDerivatives(photoId: string): Promise<void> {
    await this.addOnce(QUEUES.DERIVATIVES, JOBS.RERENDER_DERIVATIVES, `${photoId}-rerender`, photoId, 0);
  }

  private async addOnce(queueName: string, jobName: string, jobId: string, photoId: string, delayMs: number): Promise<void> {
    const queue = this.moduleRef.get<Queue<PhotoJobData>>(getQueueToken(queueName), { strict: false });
    const existing = await queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed') return;
      await existing.remove();
    }
    await queue.add(jobName, { photoId }, { jobId, delay: delayMs });
  }
}
