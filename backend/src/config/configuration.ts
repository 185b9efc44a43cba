import { AppConfig } from './app.config';
import { AuthConfig } from './auth.config';
import { ConfigError, Env } from './config-loader';
import { CorsConfig } from './cors.config';
import { DatabaseConfig } from './database.config';
import { MailConfig } from './mail.config';
import { RedisConfig } from './redis.config';
import { StorageConfig } from './storage.config';
import { ThrottleConfig } from './throttle.config';

export interface Configuration {
  app: AppConfig;
  auth: AuthConfig;
  cors: CorsConfig;
  database: DatabaseConfig;
  mail: MailConfig;
  redis: RedisConfig;
  storage: StorageConfig;
  throttle: ThrottleConfig;
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
    cors: read(CorsConfig.fromEnv),
    database: read(DatabaseConfig.fromEnv),
    mail: read(MailConfig.fromEnv),
    redis: read(RedisConfig.fromEnv),
    storage: read(StorageConfig.fromEnv),
    throttle: read(ThrottleConfig.fromEnv),
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
