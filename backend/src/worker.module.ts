import { Module } from '@nestjs/common';
import { CoreModule } from './core.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { QueuesModule } from './queues.module';
import { StorageModule } from './storage/storage.module';

/** The queue worker: the same core as the API (config, logs, database) plus the processors, and no HTTP. */
@Module({
  imports: [CoreModule.forRoot(), QueuesModule, StorageModule, MaintenanceModule],
})
export class WorkerModule {}
