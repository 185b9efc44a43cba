import { Routes } from '@angular/router';
import { PASSWORD_RESET_CONFIRM_PATH, Role } from '@focus-racer/api-types';
import { guestGuard } from './auth.guards';

export interface AuthPageRoutesOptions {
  /** Route data of the sign-in page: heading, subtitle, registerLink, registerLabel. */
  login?: { heading?: string; subtitle?: string; registerLink?: string; registerLabel?: string };
  /** Registration page; omit for apps without self sign-up. */
  register?: { roles: readonly Role[]; heading?: string; subtitle?: string };
}

/**
 * The sign-in, registration and password-reset routes every app has, lazily loaded. The pages read their
 * options from route data, so the apps must use `withComponentInputBinding()`.
 */
export function authPageRoutes(options: AuthPageRoutesOptions = {}): Routes {
  const routes: Routes = [
    {
      path: 'login',
      title: 'Sign in',
      canActivate: [guestGuard],
      loadComponent: () => import('../login/login-page.component').then((m) => m.LoginPageComponent),
      data: options.login ?? {},
    },
    {
      path: 'password-reset',
      pathMatch: 'full',
      title: 'Reset your password',
      loadComponent: () =>
        import('../password-reset/password-reset-request-page.component').then(
          (m) => m.PasswordResetRequestPageComponent,
        ),
    },
    {
      path: PASSWORD_RESET_CONFIRM_PATH,
      title: 'Choose a new password',
      loadComponent: () =>
        import('../password-reset/password-reset-confirm-page.component').then(
          (m) => m.PasswordResetConfirmPageComponent,
        ),
    },
  ];
  if (options.register) {
    routes.push({
      path: 'register',
      title: 'Create an account',
      canActivate: [guestGuard],
      loadComponent: () => import('../register/register-page.component').then((m) => m.RegisterPageComponent),
      data: options.register,
    });
  }
  return routes;
}
