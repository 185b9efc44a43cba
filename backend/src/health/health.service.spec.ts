import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { HealthService } from './health.service';

/** The edges are stand-ins here only to make them fail on cue; the integration specs check the real ones. */
function serviceWith(database: () => Promise<unknown>, redis: () => Promise<unknown>): HealthService {
  return new HealthService({ query: database } as unknown as DataSource, { ping: redis } as unknown as Redis);
}

describe('HealthService', () => {
  const up = () => Promise.resolve('PONG');
  const down = () => Promise.reject(new Error('connection refused'));

  it('is ok when both answer', async () => {
    expect(await serviceWith(up, up).check()).toMatchObject({ status: 'ok', database: 'up', redis: 'up' });
  });

  it('says which one is down', async () => {
    expect(await serviceWith(down, up).check()).toMatchObject({ status: 'error', database: 'down', redis: 'up' });
    expect(await serviceWith(up, down).check()).toMatchObject({ status: 'error', database: 'up', redis: 'down' });
  });

  it('treats a check that hangs as down', async () => {
    jest.useFakeTimers();
    const pending = serviceWith(up, () => new Promise(() => undefined)).check();
    await jest.advanceTimersByTimeAsync(2500);
    expect(await pending).toMatchObject({ status: 'error', redis: 'down' });
    jest.useRealTimers();
  });
});
