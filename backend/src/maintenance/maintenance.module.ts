import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PasswordResetToken } from '../auth/entities/password-reset-token.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { OrderReceiptsModule } from '../payments/orders/order-receipts.module';
import { QueuesModule } from '../queues.module';
import { MaintenanceProcessor } from './maintenance.processor';
import { TokenPurgeService } from './token-purge.service';

/** Housekeeping jobs run by the worker (the `maintenance` queue). */
@Module({
  imports: [QueuesModule, OrderReceiptsModule, TypeOrmModule.forFeature([RefreshToken, PasswordResetToken])],
  providers: [MaintenanceProcessor, TokenPurgeService],
  exports: [TokenPurgeService],
})
export class MaintenanceModule {}
