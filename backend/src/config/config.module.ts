import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app.config';
import { AuthConfig } from './auth.config';
import { Env } from './config-loader';
import { ConnectorsConfig } from './connectors.config';
import { Configuration, loadConfiguration } from './configuration';
import { CorsConfig } from './cors.config';
import { DatabaseConfig } from './database.config';
import { MailConfig } from './mail.config';
import { PaymentsConfig } from './payments.config';
import { PipelineConfig } from './pipeline.config';
import { RecognitionConfig } from './recognition.config';
import { RedisConfig } from './redis.config';
import { SearchConfig } from './search.config';
import { StorageConfig } from './storage.config';
import { ThrottleConfig } from './throttle.config';
import { UploadConfig } from './upload.config';

const CONFIGURATION = Symbol('Configuration');

/**
 * Owns the typed configuration. Each concern's class (AppConfig, AuthConfig, ...) is injectable as itself.
 * The environment is read when the module is instantiated, not when it is imported, so a test may set
 * process.env (or pass overrides) before compiling its module.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(overrides: Env = {}): DynamicModule {
    const pick = <K extends keyof Configuration>(key: K) => ({
      provide: CONFIG_TOKENS[key],
      useFactory: (configuration: Configuration) => configuration[key],
      inject: [CONFIGURATION],
    });
    const providers = [
      { provide: CONFIGURATION, useFactory: () => loadConfiguration({ ...process.env, ...overrides }) },
      ...(Object.keys(CONFIG_TOKENS) as (keyof Configuration)[]).map(pick),
    ];
    return {
      module: ConfigModule,
      providers,
      exports: Object.values(CONFIG_TOKENS),
    };
  }
}

const CONFIG_TOKENS: Record<keyof Configuration, abstract new () => unknown> = {
  app: AppConfig,
  auth: AuthConfig,
  connectors: ConnectorsConfig,
  cors: CorsConfig,
  database: DatabaseConfig,
  mail: MailConfig,
  payments: PaymentsConfig,
  pipeline: PipelineConfig,
  recognition: RecognitionConfig,
  redis: RedisConfig,
  search: SearchConfig,
  storage: StorageConfig,
  throttle: ThrottleConfig,
  upload: UploadConfig,
};
