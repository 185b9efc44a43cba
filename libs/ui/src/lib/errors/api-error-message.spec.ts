import { HttpErrorResponse } from '@angular/common/http';
import { apiErrorMessage, SERVER_UNREACHABLE_MESSAGE } from './api-error-message';

describe('apiErrorMessage', () => {
  it('says the server cannot be reached when the network is down', () => {
    expect(apiErrorMessage(new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' }))).toBe(
      SERVER_UNREACHABLE_MESSAGE,
    );
    expect(SERVER_UNREACHABLE_MESSAGE).toContain('Cannot reach the Focus Racer server');
  });

  it("shows the server's own message", () => {
    const error = new HttpErrorResponse({
      status: 409,
      error: { statusCode: 409, error: 'Conflict', message: 'An account already uses this email.' },
    });
    expect(apiErrorMessage(error)).toBe('An account already uses this email.');
  });

  it('joins validation messages into one text', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: { statusCode: 400, error: 'Bad Request', message: ['Name is required.', 'Date is invalid.'] },
    });
    expect(apiErrorMessage(error)).toBe('Name is required. Date is invalid.');
  });

  it('treats a proxy error without an API body as the server being unreachable', () => {
    expect(apiErrorMessage(new HttpErrorResponse({ status: 502, error: '<html>Bad gateway</html>' }))).toBe(
      SERVER_UNREACHABLE_MESSAGE,
    );
    expect(apiErrorMessage(new HttpErrorResponse({ status: 500, error: 'Error occurred while trying to proxy' }))).toBe(
      SERVER_UNREACHABLE_MESSAGE,
    );
  });

  it('keeps the API message of a server error', () => {
    const error = new HttpErrorResponse({
      status: 500,
      error: { statusCode: 500, error: 'Internal Server Error', message: 'Something broke on our side.' },
    });
    expect(apiErrorMessage(error)).toBe('Something broke on our side.');
  });
});
