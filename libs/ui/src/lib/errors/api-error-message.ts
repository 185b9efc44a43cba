import { HttpContextToken, HttpErrorResponse } from '@angular/common/http';
import { ApiError } from '@focus-racer/api-types';

export const SERVER_UNREACHABLE_MESSAGE = 'Cannot reach the Focus Racer server. Check your connection and try again.';

/**
 * Set on a request whose errors the caller shows itself (a form printing the refusal under its fields), so the
 * global snack bar stays quiet and the person does not read the same sentence twice.
 */
export const SILENT_ERRORS = new HttpContextToken<boolean>(() => false);

function isApiError(body: unknown): body is ApiError {
  return typeof body === 'object' && body !== null && 'message' in body;
}

/** The sentence to show a person for a failed request: the server's own message when it sent one. */
export function apiErrorMessage(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) {
      return SERVER_UNREACHABLE_MESSAGE;
    }
    if (isApiError(error.error)) {
      const message = error.error.message;
      const text = Array.isArray(message) ? message.join(' ') : message;
      if (text) {
        return text;
      }
    }
    // The API always answers with an ApiError body; a 5xx without one comes from a proxy or gateway in front of
    // it (dev server, static server), which means the API itself is down or unreachable.
    if (error.status >= 500) {
      return SERVER_UNREACHABLE_MESSAGE;
    }
    return `The request failed (${error.status} ${error.statusText || 'error'}).`;
  }
  if (error instanceof Error && error.message) {
    return error.message;
  }
  return 'Something went wrong. Please try again.';
}
