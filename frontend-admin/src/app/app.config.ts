import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { Role, ROLE_LABELS } from '@focus-racer/api-types';
import { authInterceptor, errorInterceptor, provideFocusRacerUi } from '@focus-racer/ui';
import { appRoutes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    // errorInterceptor first (outermost) so it sees the result after the auth interceptor's refresh-and-retry.
    provideHttpClient(withFetch(), withInterceptors([errorInterceptor, authInterceptor])),
    provideFocusRacerUi({
      appName: 'Focus Racer Admin',
      storageKeyPrefix: 'focus-racer.admin',
      allowedRoles: [Role.ADMIN],
      refusalMessage: (role: Role) => `Your account (${ROLE_LABELS[role]}) has no access to the admin console.`,
      homePath: '/users',
      loginPath: '/login',
    }),
  ],
};
