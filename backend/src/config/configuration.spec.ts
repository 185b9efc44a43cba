import { resolve } from 'node:path';
import { ConfigError } from './config-loader';
import { loadConfiguration } from './configuration';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfiguration(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('needs no variable at all for a local start', () => {
    const config = loadConfiguration({});
    expect(config.app.port).toBe(3000);
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/focus_racer');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.auth.accessTtlSeconds).toBe(900);
    expect(config.auth.refreshTtlDays).toBe(30);
    expect(config.auth.accessSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.cors.origins).toEqual(['http://localhost:4200', 'http://localhost:4300', 'http://localhost:4400']);
    expect(config.app.publicWebUrl).toBe('http://localhost:4300');
    expect(config.app.proWebUrl).toBe('http://localhost:4200');
    expect(config.mail.outboxDir).toBe(resolve('var/outbox'));
    expect(config.mail.resendApiKey).toBeNull();
    expect(config.storage.root).toBe(resolve('var/storage'));
    expect(config.throttle).toMatchObject({ ttlSeconds: 60, limit: 300 });
    expect(config.app.trustProxy).toBe('loopback');
    expect(loadConfiguration({ TRUST_PROXY: '2' }).app.trustProxy).toBe(2);
    expect(loadConfiguration({ TRUST_PROXY: 'false' }).app.trustProxy).toBe(false);
  });

  it('reads and converts the variables it is given', () => {
    const config = loadConfiguration({
      PORT: '8080',
      CORS_ORIGINS: 'https://pro.example.com/, https://example.com',
      JWT_ACCESS_TTL: '300',
      OUTBOX_DIR: '/tmp/outbox',
      PRO_WEB_URL: 'https://pro.example.com/',
    });
    expect(config.app.port).toBe(8080);
    expect(config.cors.origins).toEqual(['https://pro.example.com', 'https://example.com']);
    expect(config.auth.accessTtlSeconds).toBe(300);
    expect(config.mail.outboxDir).toBe('/tmp/outbox');
    expect(config.app.proWebUrl).toBe('https://pro.example.com');
  });

  it('names a malformed variable and shows its value', () => {
    expect(problemsOf({ PORT: 'abc' })).toBe(
      'Invalid configuration: PORT must be an integer between 1 and 65535 (got "abc")',
    );
    expect(problemsOf({ DATABASE_URL: 'mysql://localhost/db' })).toMatch(/DATABASE_URL must be a PostgreSQL URL/);
    expect(problemsOf({ REDIS_URL: 'localhost:6379' })).toMatch(/REDIS_URL must be a Redis URL/);
    expect(problemsOf({ CORS_ORIGINS: 'http://ok.example, not a url' })).toMatch(/CORS_ORIGINS must be a comma-separated/);
    expect(problemsOf({ LOG_LEVEL: 'loud' })).toMatch(/LOG_LEVEL must be one of fatal, error/);
    expect(problemsOf({ NODE_ENV: 'staging' })).toMatch(/NODE_ENV must be one of development, test, production/);
  });

  it('reports every faulty variable at once', () => {
    const message = problemsOf({ PORT: '70000', THROTTLE_LIMIT: '-1', PUBLIC_WEB_URL: 'localhost:4300' });
    expect(message).toContain('PORT must be an integer between 1 and 65535 (got "70000")');
    expect(message).toContain('THROTTLE_LIMIT must be an integer');
    expect(message).toContain('PUBLIC_WEB_URL must be an http(s) URL');
  });

  it('requires real secrets in production and names the missing ones', () => {
    const message = problemsOf({ NODE_ENV: 'production' });
    expect(message).toContain('JWT_ACCESS_SECRET is required');
    expect(message).toContain('JWT_REFRESH_SECRET is required');
    expect(message).toContain('STRIPE_SECRET_KEY is required when NODE_ENV=production');
    const demoServer = { NODE_ENV: 'production', ALLOW_LOCAL_TEST_PAYMENTS: 'true' };
    expect(problemsOf({ ...demoServer, JWT_ACCESS_SECRET: 'short', JWT_REFRESH_SECRET: 'x'.repeat(40) })).toBe(
      'Invalid configuration: JWT_ACCESS_SECRET must be at least 32 characters (required when NODE_ENV=production) (got "short")',
    );
    const config = loadConfiguration({
      ...demoServer,
      JWT_ACCESS_SECRET: 'a'.repeat(32),
      JWT_REFRESH_SECRET: 'b'.repeat(32),
    });
    expect(config.app.isProduction).toBe(true);
    expect(config.auth.accessSecret).toBe('a'.repeat(32));
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfiguration({ PORT: '', RESEND_API_KEY: '' }).app.port).toBe(3000);
  });
});
