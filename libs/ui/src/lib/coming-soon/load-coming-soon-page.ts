import { Type } from '@angular/core';

/** `loadComponent` for a planned page; its heading, icon, description and features come from route data. */
export const loadComingSoonPage = (): Promise<Type<unknown>> =>
  import('./coming-soon-page.component').then((m) => m.ComingSoonPageComponent);
