import { ValidateBy } from 'class-validator';
import { Env, EnvVar, isUrlWithProtocol, mustBe, readEnv } from './config-loader';

class DatabaseEnv {
  @EnvVar()
  @ValidateBy({
    name: 'isPostgresUrl',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isUrlWithProtocol(value, ['postgres:', 'postgresql:']),
      defaultMessage: mustBe('a PostgreSQL URL such as postgres://user@127.0.0.1:5432/focus_racer'),
    },
  })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/focus_racer';
}

/** PostgreSQL connection. The schema comes from migrations only; nothing here turns on `synchronize`. */
export class DatabaseConfig {
  readonly url!: string;

  static fromEnv(env: Env): DatabaseConfig {
    return Object.assign(new DatabaseConfig(), { url: readEnv(DatabaseEnv, env).DATABASE_URL });
  }
}
