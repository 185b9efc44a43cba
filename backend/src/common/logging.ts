import { RequestMethod } from '@nestjs/common';
import { Params } from 'nestjs-pino';
import { AppConfig } from '../config/app.config';

/** Request and body fields that must never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  'refreshToken',
  'accessToken',
  'token',
  '*.password',
  '*.refreshToken',
  '*.accessToken',
  '*.token',
];

/** Structured JSON logs (one line per request) for machines; pino-pretty for a developer's terminal. */
export function loggerParams(config: AppConfig): Params {
  return {
    // nestjs-pino's default route '*' is legacy syntax for Express 5's path-to-regexp and logs a warning at every
    // start; the named wildcard means the same thing (every route).
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      transport: config.prettyLogs ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      serializers: {
        req: (req: { id: unknown; method: string; url: string; headers: Record<string, unknown>; remoteAddress: string }) => ({
          id: req.id,
          method: req.method,
          // An EventSource carries the access token in the query (?access_token=): never write it to the logs.
          url: req.url.replace(/([?&]access_token=)[^&]*/gi, '$1[redacted]'),
          userAgent: req.headers['user-agent'],
          ip: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
