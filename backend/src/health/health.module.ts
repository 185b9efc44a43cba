import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

/** `GET /api/health`: is the database and Redis reachable. Used by the start script and monitors. */
@Module({ controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
