import { ViewportScroller } from '@angular/common';
import { EnvironmentProviders, inject, provideAppInitializer } from '@angular/core';
import { NavigationEnd, Router } from '@angular/router';
import { filter } from 'rxjs';

/** `/events/:slug`, with or without a photo open in the viewer on top. */
const EVENT_PAGE = /^\/events\/([^/?#]+)/;

function eventOf(url: string): string | null {
  return EVENT_PAGE.exec(url)?.[1] ?? null;
}

/**
 * Each new page starts at the top, except moves inside one event's page: opening, stepping through and closing
 * the photo viewer (a child route drawn over the gallery) or searching must leave the gallery where the runner
 * had scrolled it. The router's own `scrollPositionRestoration: 'top'` cannot tell these apart.
 */
export function provideRouteScrolling(): EnvironmentProviders {
  return provideAppInitializer(() => {
    const router = inject(Router);
    const scroller = inject(ViewportScroller);
    let previous = '';
    router.events.pipe(filter((event) => event instanceof NavigationEnd)).subscribe((event) => {
      const url = event.urlAfterRedirects;
      const slug = eventOf(url);
      if (!slug || slug !== eventOf(previous)) scroller.scrollToPosition([0, 0]);
      previous = url;
    });
  });
}
