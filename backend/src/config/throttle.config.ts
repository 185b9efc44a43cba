import { Env, EnvVar, IsIntegerString, parseInteger, readEnv } from './config-loader';

class ThrottleEnv {
  @EnvVar() @IsIntegerString(1, 3600)
  THROTTLE_TTL_SECONDS = '60';

  /** Requests per client IP per window, all routes. */
  @EnvVar() @IsIntegerString(1, 1_000_000)
  THROTTLE_LIMIT = '300';

  /** Requests per client IP per window on the auth endpoints (register, login, refresh, password reset). */
  @EnvVar() @IsIntegerString(1, 1_000_000)
  THROTTLE_AUTH_LIMIT = '20';
}

/** Request rate limits (per client IP). */
export class ThrottleConfig {
  readonly ttlSeconds!: number;
  readonly limit!: number;
  readonly authLimit!: number;

  static fromEnv(env: Env): ThrottleConfig {
    const e = readEnv(ThrottleEnv, env);
    return Object.assign(new ThrottleConfig(), {
      ttlSeconds: parseInteger(e.THROTTLE_TTL_SECONDS),
      limit: parseInteger(e.THROTTLE_LIMIT),
      authLimit: parseInteger(e.THROTTLE_AUTH_LIMIT),
    });
  }
}
