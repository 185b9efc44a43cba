import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';
import { AuthService } from './auth.service';
import { SESSION_PROBE } from './session-probe';

function isApiRequest(req: HttpRequest<unknown>): boolean {
  return req.url.startsWith('/api/');
}

/** Sign-in, registration, refresh, sign-out and password reset carry no bearer and must never trigger a refresh. */
function isAuthEndpoint(req: HttpRequest<unknown>): boolean {
  return req.url.startsWith('/api/auth/');
}

function withBearer(req: HttpRequest<unknown>, token: string): HttpRequest<unknown> {
  return req.clone({ setHeaders: { Authorization: `Bearer ${token}` } });
}

/**
 * Adds the access token to API calls. On a 401 it refreshes the session once (concurrent 401s share that one
 * refresh) and retries; when the refresh fails, or the retry is refused again, the session ends and the person
 * is sent to the sign-in page.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isApiRequest(req) || isAuthEndpoint(req)) {
    return next(req);
  }
  const auth = inject(AuthService);
  const probe = req.context.get(SESSION_PROBE);
  const endSession = () => (probe ? undefined : auth.expireSession());
  const sentToken = auth.accessToken();
  const first = sentToken ? withBearer(req, sentToken) : req;

  return next(first).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) {
        return throwError(() => error);
      }
      if (!auth.hasRefreshToken()) {
        if (sentToken) {
          endSession();
        }
        return throwError(() => error);
      }
      const retryWith = (token: string) =>
        next(withBearer(req, token)).pipe(
          catchError((retryError: unknown) => {
            if (retryError instanceof HttpErrorResponse && retryError.status === 401) {
              endSession();
            }
            return throwError(() => retryError);
          }),
        );
      // Another request may already have refreshed while this one was in flight: retry with the new token.
      const current = auth.accessToken();
      if (current && current !== sentToken) {
        return retryWith(current);
      }
      return auth.refresh().pipe(
        catchError(() => {
          endSession();
          return throwError(() => error);
        }),
        switchMap((token) => retryWith(token)),
      );
    }),
  );
};
