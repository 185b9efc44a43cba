import { Module } from '@nestjs/common';
import { PipelineProcessorsModule } from './ai-pipeline/processors/pipeline-processors.module';
import { CoreModule } from './core.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { QueuesModule } from './queues.module';
import { StorageModule } from './storage/storage.module';

/** The queue worker: the same core as the API (config, logs, database) plus the processors (maintenance, photo pipeline), and no HTTP. */
@Module({
  imports: [CoreModule.forRoot(), QueuesModule, StorageModule, MaintenanceModule, PipelineProcessorsModule],
})
export class WorkerModule {}
