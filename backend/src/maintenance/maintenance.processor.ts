import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import {
  JOBS,
  PURGE_EXPIRED_TOKENS_DEFAULT_DATA,
  PURGE_EXPIRED_TOKENS_SCHEDULE,
  PurgeExpiredTokensJobData,
  QUEUES,
  RETRY_UNSENT_RECEIPTS_SCHEDULE,
} from '../ai-pipeline/queues';
import { OrderReceiptMailer } from '../payments/orders/order-receipt.mailer';
import { PurgeResult, TokenPurgeService } from './token-purge.service';

/** Consumes the maintenance queue (worker only) and keeps its hourly schedule registered. */
@Processor(QUEUES.MAINTENANCE)
export class MaintenanceProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly tokenPurge: TokenPurgeService,
    private readonly receipts: OrderReceiptMailer,
    @InjectQueue(QUEUES.MAINTENANCE) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.add(JOBS.PURGE_EXPIRED_TOKENS, PURGE_EXPIRED_TOKENS_DEFAULT_DATA, PURGE_EXPIRED_TOKENS_SCHEDULE);
    await this.queue.add(JOBS.RETRY_UNSENT_RECEIPTS, {}, RETRY_UNSENT_RECEIPTS_SCHEDULE);
  }

  @Process(JOBS.RETRY_UNSENT_RECEIPTS)
  async retryUnsentReceipts(): Promise<number> {
    const tried = await this.receipts.retryUnsent();
    if (tried > 0) this.logger.log(`Retried ${tried} unsent receipt(s)`);
    return tried;
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
