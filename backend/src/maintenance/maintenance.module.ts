import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PasswordResetToken } from '../auth/entities/password-reset-token.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { QueuesModule } from '../queues.module';
import { MaintenanceProcessor } from './maintenance.processor';
import { TokenPurgeService } from './token-purge.service';

/** Housekeeping jobs run by the worker (the `maintenance` queue). */
@Module({
  imports: [QueuesModule, TypeOrmModule.forFeature([RefreshToken, PasswordResetToken])],
  providers: [MaintenanceProcessor, TokenPurgeService],
  exports: [TokenPurgeService],
})
export class MaintenanceModule {}
