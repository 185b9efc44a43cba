import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { exitOnInvalidConfiguration } from './config/configuration';
import { WorkerModule } from './worker.module';

/** The queue worker. `node dist/backend/worker.js` from the repository root; stops cleanly on SIGTERM. */
async function bootstrap(): Promise<void> {
  exitOnInvalidConfiguration();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.enableShutdownHooks();
  await app.init();
  logger.log('Focus Racer worker started; consuming queues');
}

bootstrap().catch((error: unknown) => {
  console.error('The worker failed to start:', error);
  process.exit(1);
});
