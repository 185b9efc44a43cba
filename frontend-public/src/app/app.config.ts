import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { Role } from '@focus-racer/api-types';
import { authInterceptor, defaultRefusalMessage, errorInterceptor, provideFocusRacerUi } from '@focus-racer/ui';
import { appRoutes } from './app.routes';
import { provideRouteScrolling } from './route-scrolling';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding()),
    provideRouteScrolling(),
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
