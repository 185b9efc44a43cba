import { IsIn, Matches } from 'class-validator';
import { Env, EnvVar, IsHttpUrl, IsIntegerString, mustBe, parseInteger, readEnv } from './config-loader';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

class AppEnv {
  @EnvVar() @IsIn(NODE_ENVS, { message: mustBe(`one of ${NODE_ENVS.join(', ')}`) })
  NODE_ENV = 'development';

  @EnvVar() @IsIntegerString(1, 65535)
  PORT = '3000';

  @EnvVar() @IsIn(LOG_LEVELS, { message: mustBe(`one of ${LOG_LEVELS.join(', ')}`) })
  LOG_LEVEL = 'info';

  /** `pretty` for people, `json` for machines; unset: pretty on a development terminal, JSON otherwise. */
  @EnvVar() @IsIn(['json', 'pretty', 'auto'], { message: mustBe('json, pretty or auto') })
  LOG_FORMAT = 'auto';

  @EnvVar() @IsHttpUrl()
  PUBLIC_WEB_URL = 'http://localhost:4300';

  @EnvVar() @IsHttpUrl()
  PRO_WEB_URL = 'http://localhost:4200';

  @EnvVar() @IsHttpUrl()
  ADMIN_WEB_URL = 'http://localhost:4400';

  /**
   * Which proxies' X-Forwarded-For to believe for the client IP (rate limits, failed-login counter), in
   * Express "trust proxy" syntax: `loopback` (a proxy on the same machine), `false`, a hop count, or CIDRs.
   */
  @EnvVar() @Matches(/^[\w.:/, -]{1,200}$/, { message: mustBe('an Express trust-proxy value such as loopback, false, 1 or 10.0.0.0/8') })
  TRUST_PROXY = 'loopback';
}

/** Process-wide settings: environment, HTTP port, logging, and where the three web apps live (for links in emails). */
export class AppConfig {
  readonly nodeEnv!: NodeEnv;
  readonly port!: number;
  readonly logLevel!: LogLevel;
  readonly prettyLogs!: boolean;
  readonly publicWebUrl!: string;
  readonly proWebUrl!: string;
  readonly adminWebUrl!: string;
  readonly trustProxy!: boolean | number | string;

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  static fromEnv(env: Env): AppConfig {
    const e = readEnv(AppEnv, env);
    return Object.assign(new AppConfig(), {
      nodeEnv: e.NODE_ENV as NodeEnv,
      port: parseInteger(e.PORT),
      logLevel: e.LOG_LEVEL as LogLevel,
      prettyLogs: e.LOG_FORMAT === 'auto' ? e.NODE_ENV === 'development' && Boolean(process.stdout.isTTY) : e.LOG_FORMAT === 'pretty',
      publicWebUrl: withoutTrailingSlash(e.PUBLIC_WEB_URL),
      proWebUrl: withoutTrailingSlash(e.PRO_WEB_URL),
      adminWebUrl: withoutTrailingSlash(e.ADMIN_WEB_URL),
      trustProxy: parseTrustProxy(e.TRUST_PROXY),
    });
  }
}

export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
