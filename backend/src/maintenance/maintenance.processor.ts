import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import {
  JOBS,
  PURGE_EXPIRED_TOKENS_DEFAULT_DATA,
  PURGE_EXPIRED_TOKENS_SCHEDULE,
  PurgeExpiredTokensJobData,
  QUEUES,
} from '../ai-pipeline/queues';
import { PurgeResult, TokenPurgeService } from './token-purge.service';

/** Consumes the maintenance queue (worker only) and keeps its hourly schedule registered. */
@Processor(QUEUES.MAINTENANCE)
export class MaintenanceProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly tokenPurge: TokenPurgeService,
    @InjectQueue(QUEUES.MAINTENANCE) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.add(JOBS.PURGE_EXPIRED_TOKENS, PURGE_EXPIRED_TOKENS_DEFAULT_DATA, PURGE_EXPIRED_TOKENS_SCHEDULE);
  }

  @Process(JOBS.PURGE_EXPIRED_TOKENS)
  async purgeExpiredTokens(job: Job<PurgeExpiredTokensJobData>): Promise<PurgeResult> {
    const result = await this.tokenPurge.purge(job.data.olderThanDays);
    this.logger.log(
      `Purged ${result.refreshTokens} refresh and ${result.passwordResetTokens} password-reset tokens`,
    );
    return result;
  }
}
