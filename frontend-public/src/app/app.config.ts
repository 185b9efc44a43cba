import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { Role } from '@focus-racer/api-types';
import { authInterceptor, defaultRefusalMessage, errorInterceptor, provideFocusRacerUi } from '@focus-racer/ui';
import { appRoutes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    // errorInterceptor first (outermost) so it sees the result after the auth interceptor's refresh-and-retry.
    provideHttpClient(withFetch(), withInterceptors([errorInterceptor, authInterceptor])),
    provideFocusRacerUi({
      appName: 'Focus Racer',
      storageKeyPrefix: 'focus-racer.public',
      // Everyone may buy photos, pros included.
      allowedRoles: Object.values(Role),
      refusalMessage: defaultRefusalMessage('Focus Racer'),
      homePath: '/',
      loginPath: '/login',
    }),
  ],
};
