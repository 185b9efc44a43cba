import { ValidateBy } from 'class-validator';
import { Env, EnvVar, isUrlWithProtocol, mustBe, readEnv, splitList } from './config-loader';
import { withoutTrailingSlash } from './app.config';

class CorsEnv {
  /** Comma-separated origins of the pro, public and admin apps. */
  @EnvVar()
  @ValidateBy({
    name: 'isOriginList',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        splitList(value).length > 0 &&
        splitList(value).every((origin) => isUrlWithProtocol(origin, ['http:', 'https:'])),
      defaultMessage: mustBe('a comma-separated list of http(s) origins'),
    },
  })
  CORS_ORIGINS = 'http://localhost:4200,http://localhost:4300,http://localhost:4400';
}

export class CorsConfig {
  readonly origins!: string[];

  static fromEnv(env: Env): CorsConfig {
    return Object.assign(new CorsConfig(), {
      origins: splitList(readEnv(CorsEnv, env).CORS_ORIGINS).map(withoutTrailingSlash),
    });
  }
}
