import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { apiErrorMessage, SILENT_ERRORS } from './api-error-message';
import { ErrorNotifier } from './error-notifier';

/**
 * Shows the server's message for every failed API call, unless the caller shows it itself (SILENT_ERRORS).
 * 401s are left to the auth interceptor, which refreshes the session or sends the person to sign in.
 * Register it before `authInterceptor` so it sees the outcome after a refresh-and-retry.
 */
export const errorInterceptor: HttpInterceptorFn = (req, next) => {
  const notifier = inject(ErrorNotifier);
  return next(req).pipe(
    catchError((error: unknown) => {
      const silent = req.context.get(SILENT_ERRORS);
      if (!silent && error instanceof HttpErrorResponse && error.status !== 401) {
        notifier.error(apiErrorMessage(error));
      }
      return throwError(() => error);
    }),
  );
};
