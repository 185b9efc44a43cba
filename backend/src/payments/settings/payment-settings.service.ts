import { Injectable } from '@nestjs/common';
import { PaymentSettingsDto } from '@focus-racer/api-types';
import { DataSource } from 'typeorm';
import { PaymentsConfig } from '../../config/payments.config';
import { PaymentSettings } from '../entities/payment-settings.entity';

/** The platform's fees in effect; commission in basis points so fee arithmetic stays in integers. */
export interface CurrentPaymentSettings {
  serviceFeeCents: number;
  commissionBps: number;
}

/** Kept this long in memory: every checkout reads the fees, an admin rarely changes them. */
const CACHE_MS = 10_000;

/**
 * The service fee and commission an admin sets (payment_settings, one row), seeded from DEFAULT_SERVICE_FEE_CENTS
 * and DEFAULT_COMMISSION_PERCENT the first time they are read. Another API instance sees a change within
 * CACHE_MS; a checkout priced just before a change keeps the fees it was quoted.
 */
@Injectable()
export class PaymentSettingsService {
  private cached: { value: CurrentPaymentSettings; until: number } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: PaymentsConfig,
  ) {}

  async current(): Promise<CurrentPaymentSettings> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.value;
    const repository = this.dataSource.getRepository(PaymentSettings);
    let row = await repository.findOneBy({ id: 1 });
    if (!row) {
      await repository
        .createQueryBuilder()
        .insert()
        .values({ id: 1, serviceFeeCents: this.config.defaultServiceFeeCents, commissionBps: this.config.defaultCommissionBps, updatedBy: null })
        .orIgnore()
        .execute();
      row = await repository.findOneByOrFail({ id: 1 });
    }
    const value = { serviceFeeCents: row.serviceFeeCents, commissionBps: row.commissionBps };
    this.cached = { value, until: Date.now() + CACHE_MS };
    return value;
  }

  async update(settings: PaymentSettingsDto, adminId: string): Promise<CurrentPaymentSettings> {
    const value = { serviceFeeCents: settings.serviceFeeCents, commissionBps: Math.round(settings.commissionPercent * 100) };
    await this.dataSource
      .getRepository(PaymentSettings)
      .upsert({ id: 1, ...value, updatedBy: adminId, updatedAt: new Date() }, { conflictPaths: ['id'] });
    this.cached = null;
    return this.current();
  }
}

export function toPaymentSettingsDto(settings: CurrentPaymentSettings): PaymentSettingsDto {
  return { serviceFeeCents: settings.serviceFeeCents, commissionPercent: settings.commissionBps / 100 };
}
