import { inject, Injectable, InjectionToken } from '@angular/core';
import { EventProgressCounters, PhotoStageProgress } from '@focus-racer/api-types';
import { AuthService } from '@focus-racer/ui';
import { firstValueFrom, Observable } from 'rxjs';

/** One message of `GET /api/events/:id/progress` (see EventProgressMessageType in api-types). */
export type EventProgressMessage =
  | { type: 'counters'; data: EventProgressCounters }
  | { type: 'photo'; data: PhotoStageProgress };

/** The part of the browser's EventSource the stream uses, so specs can hand in a fake. */
export interface ProgressSource {
  readonly readyState: number;
  onerror: ((event: Event) => void) | null;
  onopen: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

/** Opens a Server-Sent Events connection; the browser's EventSource unless a spec provides another. */
export const PROGRESS_SOURCE_FACTORY = new InjectionToken<(url: string) => ProgressSource>('PROGRESS_SOURCE_FACTORY', {
  providedIn: 'root',
  factory: () => (url: string) => new EventSource(url) as unknown as ProgressSource,
});

/**
 * How long a page gathers pipeline news before it asks the API again (a burst of frames costs one request).
 * Specs set 0.
 */
export const LIVE_REFRESH_MS = new InjectionToken<number>('LIVE_REFRESH_MS', { providedIn: 'root', factory: () => 1500 });

const CLOSED = 2;
/** First wait before reopening a stream the server closed; doubled on each failure, up to the maximum. */
const RETRY_MS = 2_000;
const MAX_RETRY_MS = 30_000;
/** An access token this close to its expiry is refreshed before a (re)connection rather than refused with a 401. */
const EXPIRY_MARGIN_S = 30;

/**
 * The live progress of an event's photos. EventSource sends no headers, so the access token goes in the query
 * (the API accepts it on this one route). The browser reconnects by itself after a network drop; when the server
 * refuses (an expired token: EventSource then gives up for good) the stream refreshes the session and reopens,
 * waiting longer after each failure. Unsubscribing closes the connection.
 */
@Injectable({ providedIn: 'root' })
export class EventProgressStream {
  private readonly auth = inject(AuthService);
  private readonly open = inject(PROGRESS_SOURCE_FACTORY);

  watch(eventId: string): Observable<EventProgressMessage> {
    return new Observable<EventProgressMessage>((subscriber) => {
      let source: ProgressSource | null = null;
      let timer: ReturnType<typeof setTimeout> | null = null;
      let retryMs = RETRY_MS;
      let stopped = false;

      const connect = async () => {
        const token = await this.freshToken();
        if (stopped) return;
        const url = `/api/events/${encodeURIComponent(eventId)}/progress` + (token ? `?access_token=${encodeURIComponent(token)}` : '');
        const current = this.open(url);
        source = current;
        current.onopen = () => (retryMs = RETRY_MS);
        for (const type of ['counters', 'photo'] as const) {
          current.addEventListener(type, (message) => {
            try {
              subscriber.next({ type, data: JSON.parse(message.data) } as EventProgressMessage);
            } catch {
              // A frame that is not JSON is not ours to show; the next counters frame corrects the page anyway.
            }
          });
        }
        current.onerror = () => {
          if (current.readyState !== CLOSED || stopped) return;
          current.close();
          timer = setTimeout(() => void connect(), retryMs);
          retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        };
      };
      void connect();

      return () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        source?.close();
      };
    });
  }

  /** The access token, refreshed first when it is about to expire (a refresh failure leaves the old one). */
  private async freshToken(): Promise<string | null> {
    const token = this.auth.accessToken();
    if (token && !expiresSoon(token)) return token;
    if (!this.auth.hasRefreshToken()) return token;
    try {
      return await firstValueFrom(this.auth.refresh());
    } catch {
      return this.auth.accessToken();
    }
  }
}

/** True when a JWT's `exp` is past or within the margin; a token that cannot be read is left to the server. */
export function expiresSoon(token: string, nowMs = Date.now()): boolean {
  try {
    const payload = token.split('.')[1];
    if (!payload) return false;
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' && exp - EXPIRY_MARGIN_S <= nowMs / 1000;
  } catch {
    return false;
  }
}
