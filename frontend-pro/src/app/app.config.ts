import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { PRO_ROLES, Role, ROLE_LABELS } from '@focus-racer/api-types';
import { authInterceptor, errorInterceptor, provideFocusRacerUi } from '@focus-racer/ui';
import { appRoutes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    // errorInterceptor first (outermost) so it sees the result after the auth interceptor's refresh-and-retry.
    provideHttpClient(withFetch(), withInterceptors([errorInterceptor, authInterceptor])),
    provideFocusRacerUi({
      appName: 'Focus Racer Pro',
      storageKeyPrefix: 'focus-racer.pro',
      allowedRoles: PRO_ROLES,
      refusalMessage: (role: Role) =>
        `This space is for photographers and organizers. Your account (${ROLE_LABELS[role]}) cannot use Focus Racer Pro` +
        (role === Role.RUNNER ? ': find and buy your race photos on the Focus Racer site.' : '.'),
      homePath: '/events',
      loginPath: '/login',
    }),
  ],
};
