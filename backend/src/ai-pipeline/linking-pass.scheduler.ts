import { getQueueToken } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import { EventJobData, JOBS, QUEUES } from './queues';

/**
 * Asks for one linking pass over a whole event (PhotoLinkingProcessor.relinkEvent), e.g. after a photographer
 * corrected bibs: the corrected photo may be the one whose bib names a runner on other photos. Corrections in a
 * row share one pass: while a pass waits, asking again does nothing; while one runs (it may have read the bibs
 * before the last correction), one more is queued behind it.
 */
@Injectable()
export class LinkingPassScheduler {
  constructor(private readonly moduleRef: ModuleRef) {}

  async relinkEvent(eventId: string, delayMs = 0): Promise<void> {
    const queue = this.moduleRef.get<Queue<EventJobData>>(getQueueToken(QUEUES.LINKING), { strict: false });
    for (const jobId of [relinkJobId(eventId), `${relinkJobId(eventId)}-again`]) {
      const existing = await queue.getJob(jobId);
      if (existing) {
        const state = await existing.getState();
        if (state === 'waiting' || state === 'delayed' || state === 'paused') return;
        if (state === 'active') continue;
        await existing.remove();
      }
      await queue.add(JOBS.RELINK_EVENT, { eventId }, { jobId, delay: delayMs });
      return;
    }
  }
}

export function relinkJobId(eventId: string): string {
  return `relink-${eventId}`;
}
