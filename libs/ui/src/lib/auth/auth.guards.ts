import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { Role, ROLE_LABELS } from '@focus-racer/api-types';
import { FOCUS_RACER_APP_CONFIG } from '../config/app-config';
import { ErrorNotifier } from '../errors/error-notifier';
import { AuthService } from './auth.service';

/**
 * Lets signed-in people through. Anyone else goes to the sign-in page, which brings them back afterwards.
 * A session whose role this app does not serve is ended.
 */
export const authGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const config = inject(FOCUS_RACER_APP_CONFIG);
  const user = auth.user();
  if (!user) {
    const queryParams = state.url && state.url !== '/' ? { returnUrl: state.url } : {};
    return router.createUrlTree([config.loginPath], { queryParams });
  }
  if (!auth.isAllowed(user.role)) {
    auth.logout();
    return router.createUrlTree([config.loginPath]);
  }
  return true;
};

/** Lets through only the given roles (after authGuard); others land on the app's home with a short explanation. */
export function roleGuard(roles: readonly Role[]): CanActivateFn {
  return (_route, state) => {
    const auth = inject(AuthService);
    const router = inject(Router);
    const config = inject(FOCUS_RACER_APP_CONFIG);
    const user = auth.user();
    if (!user) {
      return router.createUrlTree([config.loginPath], { queryParams: { returnUrl: state.url } });
    }
    if (roles.includes(user.role)) {
      return true;
    }
    inject(ErrorNotifier).error(`This page is not available to your account (${ROLE_LABELS[user.role]}).`);
    return router.createUrlTree([config.homePath]);
  };
}

/** Keeps signed-in people away from the sign-in and registration pages. */
export const guestGuard: CanActivateFn = () => {
  const auth = inject(AuthService);
  return auth.isLoggedIn() ? inject(Router).createUrlTree([inject(FOCUS_RACER_APP_CONFIG).homePath]) : true;
};
