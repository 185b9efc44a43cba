import { HttpClient } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { authResponse, notifier, provideAuthTesting, TEST_CONFIG } from '../testing/auth-testing';
import { SESSION_EXPIRED_MESSAGE } from './auth.service';

const unauthorized = { status: 401, statusText: 'Unauthorized' };
const body401 = { statusCode: 401, error: 'Unauthorized', message: 'Your session has ended.' };

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let errors: ReturnType<typeof notifier>;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem(`${TEST_CONFIG.storageKeyPrefix}.accessToken`, 'access-0');
    localStorage.setItem(`${TEST_CONFIG.storageKeyPrefix}.refreshToken`, 'refresh-0');
    errors = notifier();
    TestBed.configureTestingModule({ providers: provideAuthTesting([], errors) });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  });

  afterEach(() => backend.verify());

  it('sends the access token to the API, and nothing to other hosts', () => {
    http.get('/api/events').subscribe();
    http.get('https://example.com/api/x').subscribe();
    expect(backend.expectOne('/api/events').request.headers.get('Authorization')).toBe('Bearer access-0');
    expect(backend.expectOne('https://example.com/api/x').request.headers.has('Authorization')).toBe(false);
  });

  it('refreshes once for concurrent 401s and retries each request with the new token', () => {
    const results: unknown[] = [];
    http.get('/api/events').subscribe((r) => results.push(r));
    http.get('/api/me').subscribe((r) => results.push(r));

    backend.expectOne('/api/events').flush(body401, unauthorized);
    backend.expectOne('/api/me').flush(body401, unauthorized);

    const refresh = backend.match('/api/auth/refresh');
    expect(refresh).toHaveLength(1);
    expect(refresh[0].request.body).toEqual({ refreshToken: 'refresh-0' });
    refresh[0].flush(authResponse(1));

    const retriedEvents = backend.expectOne('/api/events');
    const retriedMe = backend.expectOne('/api/me');
    expect(retriedEvents.request.headers.get('Authorization')).toBe('Bearer access-1');
    expect(retriedMe.request.headers.get('Authorization')).toBe('Bearer access-1');
    retriedEvents.flush(['e']);
    retriedMe.flush({ id: 'u' });

    expect(results).toEqual([['e'], { id: 'u' }]);
    expect(errors.error).not.toHaveBeenCalled();
  });

  it('retries without a new refresh when another request already refreshed meanwhile', () => {
    http.get('/api/events').subscribe();
    const stale = backend.expectOne('/api/events');
    localStorage.setItem(`${TEST_CONFIG.storageKeyPrefix}.accessToken`, 'access-9');
    stale.flush(body401, unauthorized);
    backend.expectNone('/api/auth/refresh');
    const retried = backend.expectOne('/api/events');
    expect(retried.request.headers.get('Authorization')).toBe('Bearer access-9');
    retried.flush([]);
  });

  it('ends the session and opens the sign-in page when the refresh is refused', () => {
    let failed = false;
    http.get('/api/events').subscribe({ error: () => (failed = true) });
    backend.expectOne('/api/events').flush(body401, unauthorized);
    backend.expectOne('/api/auth/refresh').flush(body401, unauthorized);

    expect(failed).toBe(true);
    expect(localStorage.getItem(`${TEST_CONFIG.storageKeyPrefix}.refreshToken`)).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], expect.anything());
    expect(errors.error).toHaveBeenCalledTimes(1);
    expect(errors.error).toHaveBeenCalledWith(SESSION_EXPIRED_MESSAGE);
  });

  it('does not refresh twice when the retried request is refused again', () => {
    http.get('/api/events').subscribe({ error: () => undefined });
    backend.expectOne('/api/events').flush(body401, unauthorized);
    backend.expectOne('/api/auth/refresh').flush(authResponse(1));
    backend.expectOne('/api/events').flush(body401, unauthorized);
    backend.expectNone('/api/auth/refresh');
    expect(localStorage.getItem(`${TEST_CONFIG.storageKeyPrefix}.refreshToken`)).toBeNull();
    expect(navigate).toHaveBeenCalled();
  });

  it('never refreshes for a refused sign-in', () => {
    http.post('/api/auth/login', {}).subscribe({ error: () => undefined });
    const login = backend.expectOne('/api/auth/login');
    expect(login.request.headers.has('Authorization')).toBe(false);
    login.flush({ statusCode: 401, error: 'Unauthorized', message: 'Wrong email or password.' }, unauthorized);
    backend.expectNone('/api/auth/refresh');
  });
});
