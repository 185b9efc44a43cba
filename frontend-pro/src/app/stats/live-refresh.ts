import { DOCUMENT } from '@angular/common';
import { inject } from '@angular/core';
import { distinctUntilChanged, EMPTY, fromEvent, map, Observable, startWith, switchMap, timer } from 'rxjs';

/** How often an open page asks again for figures the pipeline and the shop keep changing. */
export const LIVE_REFRESH_MS = 15_000;

/**
 * Ticks every `periodMs` while the page is visible, and at once when it becomes visible again; nothing while the
 * tab is hidden, so a forgotten tab does not poll the API all night. The first tick comes after one period: the
 * page loads its data itself first. Call in an injection context.
 */
export function liveRefreshTicks(periodMs = LIVE_REFRESH_MS): Observable<void> {
  const document = inject(DOCUMENT);
  return fromEvent(document, 'visibilitychange').pipe(
    map(() => document.visibilityState !== 'hidden'),
    startWith(document.visibilityState !== 'hidden'),
    distinctUntilChanged(),
    switchMap((visible, index) => (visible ? timer(index === 0 ? periodMs : 0, periodMs) : EMPTY)),
    map(() => undefined),
  );
}
