import { MinLength, ValidateIf } from 'class-validator';
import { Env, EnvVar, IsIntegerString, mustBe, parseInteger, readEnv } from './config-loader';

/** Dev-only secrets: fine on a laptop, refused in production (the variables are required there). */
const DEV_ACCESS_SECRET = 'dev-only-access-secret-change-me-in-production-0000';
const DEV_REFRESH_SECRET = 'dev-only-refresh-pepper-change-me-in-production-000';

const inProductionOrSet = (name: 'JWT_ACCESS_SECRET' | 'JWT_REFRESH_SECRET') => (env: AuthEnv) =>
  env.NODE_ENV === 'production' || env[name] !== undefined;

class AuthEnv {
  /** Read here too (validated by AppConfig): production makes the secrets required. */
  @EnvVar()
  NODE_ENV = 'development';

  @EnvVar()
  @ValidateIf(inProductionOrSet('JWT_ACCESS_SECRET'))
  @MinLength(32, { message: mustBe('at least 32 characters (required when NODE_ENV=production)') })
  JWT_ACCESS_SECRET?: string;

  /** Pepper (HMAC key) for the stored hashes of refresh and password-reset tokens. */
  @EnvVar()
  @ValidateIf(inProductionOrSet('JWT_REFRESH_SECRET'))
  @MinLength(32, { message: mustBe('at least 32 characters (required when NODE_ENV=production)') })
  JWT_REFRESH_SECRET?: string;

  /** Access-token lifetime in seconds. */
  @EnvVar() @IsIntegerString(30, 86_400)
  JWT_ACCESS_TTL = '900';

  @EnvVar() @IsIntegerString(1, 365)
  REFRESH_TOKEN_TTL_DAYS = '30';

  @EnvVar() @IsIntegerString(5, 1440)
  PASSWORD_RESET_TTL_MINUTES = '60';

  /** Failed sign-ins allowed for one email from one IP within the window before answering 429. */
  @EnvVar() @IsIntegerString(1, 1000)
  LOGIN_MAX_FAILURES = '5';

  @EnvVar() @IsIntegerString(1, 86_400)
  LOGIN_FAILURE_WINDOW_SECONDS = '900';
}

/** Tokens and sign-in protection. */
export class AuthConfig {
  readonly accessSecret!: string;
  readonly refreshSecret!: string;
  readonly accessTtlSeconds!: number;
  readonly refreshTtlDays!: number;
  readonly passwordResetTtlMinutes!: number;
  readonly loginMaxFailures!: number;
  readonly loginFailureWindowSeconds!: number;

  static fromEnv(env: Env): AuthConfig {
    const e = readEnv(AuthEnv, env);
    return Object.assign(new AuthConfig(), {
      accessSecret: e.JWT_ACCESS_SECRET ?? DEV_ACCESS_SECRET,
      refreshSecret: e.JWT_REFRESH_SECRET ?? DEV_REFRESH_SECRET,
      accessTtlSeconds: parseInteger(e.JWT_ACCESS_TTL),
      refreshTtlDays: parseInteger(e.REFRESH_TOKEN_TTL_DAYS),
      passwordResetTtlMinutes: parseInteger(e.PASSWORD_RESET_TTL_MINUTES),
      loginMaxFailures: parseInteger(e.LOGIN_MAX_FAILURES),
      loginFailureWindowSeconds: parseInteger(e.LOGIN_FAILURE_WINDOW_SECONDS),
    });
  }
}
