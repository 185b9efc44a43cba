import { AppConfig } from './app.config';
import { AuthConfig } from './auth.config';
import { ConfigError, Env } from './config-loader';
import { ConnectorsConfig } from './connectors.config';
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

export interface Configuration {
  app: AppConfig;
  auth: AuthConfig;
  connectors: ConnectorsConfig;
  cors: CorsConfig;
  database: DatabaseConfig;
  mail: MailConfig;
  payments: PaymentsConfig;
  pipeline: PipelineConfig;
  recognition: RecognitionConfig;
  redis: RedisConfig;
  search: SearchConfig;
  storage: StorageConfig;
  throttle: ThrottleConfig;
  upload: UploadConfig;
}

/** Reads and validates every concern, reporting the problems of all of them at once. */
export function loadConfiguration(env: Env = process.env): Configuration {
  const problems: string[] = [];
  const read = <T>(build: (env: Env) => T): T => {
    try {
      return build(env);
    } catch (error) {
      if (error instanceof ConfigError) {
        problems.push(...error.problems);
        return undefined as T;
      }
      throw error;
    }
  };
  const configuration: Configuration = {
    app: read(AppConfig.fromEnv),
    auth: read(AuthConfig.fromEnv),
    connectors: read(ConnectorsConfig.fromEnv),
    cors: read(CorsConfig.fromEnv),
    database: read(DatabaseConfig.fromEnv),
    mail: read(MailConfig.fromEnv),
    payments: read(PaymentsConfig.fromEnv),
    pipeline: read(PipelineConfig.fromEnv),
    recognition: read(RecognitionConfig.fromEnv),
    redis: read(RedisConfig.fromEnv),
    search: read(SearchConfig.fromEnv),
    storage: read(StorageConfig.fromEnv),
    throttle: read(ThrottleConfig.fromEnv),
    upload: read(UploadConfig.fromEnv),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return configuration;
}

/** For entry points: validate before Nest starts, and stop with a one-line message naming the bad variables. */
export function exitOnInvalidConfiguration(): void {
  try {
    loadConfiguration();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
