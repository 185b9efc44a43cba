import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/app.config';
import { exitOnInvalidConfiguration } from './config/configuration';
import { configureHttpApp, GLOBAL_PREFIX, HTTP_APP_OPTIONS } from './http-app';

/** The HTTP API. `node dist/backend/main.js` from the repository root; every variable has a local default. */
async function bootstrap(): Promise<void> {
  exitOnInvalidConfiguration();
  const app = await NestFactory.create(AppModule, HTTP_APP_OPTIONS);
  const logger = app.get(Logger);
  app.useLogger(logger);
  await configureHttpApp(app);
  const { port } = app.get(AppConfig);
  await app.listen(port);
  logger.log(`Focus Racer API listening on http://localhost:${port}/${GLOBAL_PREFIX} (docs: /${GLOBAL_PREFIX}/docs)`);
}

bootstrap().catch((error: unknown) => {
  console.error('The API failed to start:', error);
  process.exit(1);
});
