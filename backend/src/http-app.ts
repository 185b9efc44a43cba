import { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, raw, urlencoded } from 'express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { mkdir } from 'node:fs/promises';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { AppConfig } from './config/app.config';
import { CorsConfig } from './config/cors.config';
import { MailConfig } from './config/mail.config';
import { StorageConfig } from './config/storage.config';
import { STRIPE_WEBHOOK_PATH } from './payments/webhooks/stripe-webhook.controller';
import { APP_VERSION } from './version';

export const GLOBAL_PREFIX = 'api';

/**
 * Nest's own body parser is off: its errors would reach our filter already turned into a BadRequestException
 * carrying the parser's wording. configureHttpApp installs the parsers followed by an error handler instead.
 */
export const HTTP_APP_OPTIONS: NestApplicationOptions = { bodyParser: false, bufferLogs: true };

/**
 * HTTP-level setup shared by main.ts and the integration tests, so both serve the same app:
 * `/api` prefix, helmet, body parsers, CORS for the three web apps, Swagger at /api/docs, folders created.
 * Create the app with HTTP_APP_OPTIONS.
 */
export async function configureHttpApp(app: INestApplication): Promise<void> {
  (app as NestExpressApplication).set('trust proxy', app.get(AppConfig).trustProxy);
  app.setGlobalPrefix(GLOBAL_PREFIX);
  // No upgrade-insecure-requests: Swagger UI is also opened over plain http (localhost, LAN) and must load.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  // Stripe signs the webhook's exact bytes: that route gets them as a Buffer (json() then leaves the body alone).
  app.use(`/${GLOBAL_PREFIX}/${STRIPE_WEBHOOK_PATH}`, raw({ type: () => true, limit: '1mb' }));
  app.use(json({ limit: '1mb' }), urlencoded({ extended: false, limit: '1mb' }), bodyParserErrorHandler());
  app.enableCors({
    origin: app.get(CorsConfig).origins,
    credentials: true,
    methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Focus Racer API')
      .setDescription('Race photos sorted by bib number and face, sold to runners.')
      .setVersion(APP_VERSION)
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup(`${GLOBAL_PREFIX}/docs`, app, document);

  await Promise.all([
    mkdir(app.get(MailConfig).outboxDir, { recursive: true }),
    mkdir(app.get(StorageConfig).root, { recursive: true }),
  ]);
}

/** Answers body-parser failures (malformed JSON, body too large...) with the filter's ApiError shape. */
export function bodyParserErrorHandler(filter = new AllExceptionsFilter()) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const body = filter.toApiError(error);
    res.status(body.statusCode).json(body);
  };
}
