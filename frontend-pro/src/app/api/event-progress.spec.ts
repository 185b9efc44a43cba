import { TestBed } from '@angular/core/testing';
import { AuthService } from '@focus-racer/ui';
import { of } from 'rxjs';
import { EventProgressMessage, EventProgressStream, expiresSoon, PROGRESS_SOURCE_FACTORY, ProgressSource } from './event-progress';

class FakeSource implements ProgressSource {
  readyState = 0;
  onerror: ((event: Event) => void) | null = null;
  onopen: ((event: Event) => void) | null = null;
  closed = false;
  readonly listeners = new Map<string, (event: MessageEvent<string>) => void>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, listener);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data: unknown): void {
    this.listeners.get(type)?.(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
}

const jwt = (exp: number) => `h.${btoa(JSON.stringify({ sub: 'u', exp }))}.s`;

describe('EventProgressStream', () => {
  let sources: FakeSource[];
  let token: string;
  const refresh = jest.fn();

  beforeEach(() => {
    sources = [];
    token = jwt(Date.now() / 1000 + 600);
    refresh.mockReset();
    TestBed.configureTestingModule({
      providers: [
        { provide: PROGRESS_SOURCE_FACTORY, useValue: (url: string) => sources[sources.push(new FakeSource(url)) - 1] },
        { provide: AuthService, useValue: { accessToken: () => token, hasRefreshToken: () => true, refresh } },
      ],
    });
  });

  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('passes the token in the query and turns frames into typed messages; unsubscribing closes the stream', async () => {
    const messages: EventProgressMessage[] = [];
    const subscription = TestBed.inject(EventProgressStream).watch('e 1').subscribe((m) => messages.push(m));
    await flush();
    expect(sources).toHaveLength(1);
    expect(sources[0].url).toBe(`/api/events/e%201/progress?access_token=${encodeURIComponent(token)}`);
    sources[0].emit('photo', { photoId: 'p1', batchId: null, stage: 'bibs', status: 'processing' });
    sources[0].emit('counters', { uploaded: 1 });
    expect(messages).toEqual([
      { type: 'photo', data: { photoId: 'p1', batchId: null, stage: 'bibs', status: 'processing' } },
      { type: 'counters', data: { uploaded: 1 } },
    ]);
    subscription.unsubscribe();
    expect(sources[0].closed).toBe(true);
  });

  it('refreshes an expired session and reopens when the server closes the stream', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const subscription = TestBed.inject(EventProgressStream).watch('e1').subscribe();
      await Promise.resolve();
      await Promise.resolve();
      expect(sources).toHaveLength(1);
      // A network drop: the browser reconnects by itself (still CONNECTING), nothing to do.
      sources[0].onerror?.(new Event('error'));
      jest.advanceTimersByTime(60_000);
      expect(sources).toHaveLength(1);
      // Refused (the token expired meanwhile): the stream refreshes the session and opens again.
      token = jwt(Date.now() / 1000 - 10);
      refresh.mockReturnValue(of('fresh-token'));
      sources[0].readyState = 2;
      sources[0].onerror?.(new Event('error'));
      jest.advanceTimersByTime(2_000);
      await Promise.resolve();
      await Promise.resolve();
      expect(refresh).toHaveBeenCalledTimes(1);
      expect(sources).toHaveLength(2);
      expect(sources[1].url).toBe('/api/events/e1/progress?access_token=fresh-token');
      subscription.unsubscribe();
    } finally {
      jest.useRealTimers();
    }
  });

  it('reads a JWT expiry', () => {
    expect(expiresSoon(jwt(1_000), 1_000_000)).toBe(true);
    expect(expiresSoon(jwt(2_000), 1_000_000)).toBe(false);
    expect(expiresSoon('not-a-jwt')).toBe(false);
  });
});
