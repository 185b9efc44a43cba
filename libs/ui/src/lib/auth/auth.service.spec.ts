import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { Role } from '@focus-racer/api-types';
import { authResponse, provideAuthTesting, TEST_CONFIG, user } from '../testing/auth-testing';
import { AccessRefusedError, AuthService } from './auth.service';

describe('AuthService', () => {
  let auth: AuthService;
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: provideAuthTesting() });
    auth = TestBed.inject(AuthService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('signs in, keeps both tokens under the app prefix and exposes the user', () => {
    let signedIn = '';
    auth.login({ email: 'photographer@demo.focusracer.local', password: 'pw' }).subscribe((u) => (signedIn = u.email));
    const req = http.expectOne('/api/auth/login');
    expect(req.request.method).toBe('POST');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush(authResponse(1));

    expect(signedIn).toBe('photographer@demo.focusracer.local');
    expect(auth.isLoggedIn()).toBe(true);
    expect(auth.roleLabel()).toBe('Photographer');
    expect(localStorage.getItem(`${TEST_CONFIG.storageKeyPrefix}.accessToken`)).toBe('access-1');
    expect(localStorage.getItem(`${TEST_CONFIG.storageKeyPrefix}.refreshToken`)).toBe('refresh-1');
  });

  it('refuses a role this app does not serve: nothing kept, the new refresh token revoked', () => {
    let refusal: unknown;
    auth.login({ email: 'runner@demo.focusracer.local', password: 'pw' }).subscribe({ error: (e) => (refusal = e) });
    http.expectOne('/api/auth/login').flush(authResponse(1, Role.RUNNER));

    expect(refusal).toBeInstanceOf(AccessRefusedError);
    expect((refusal as AccessRefusedError).message).toContain('This space is for photographers and organizers');
    expect(auth.isLoggedIn()).toBe(false);
    expect(auth.accessToken()).toBeNull();
    expect(auth.hasRefreshToken()).toBe(false);
    const logout = http.expectOne('/api/auth/logout');
    expect(logout.request.body).toEqual({ refreshToken: 'refresh-1' });
    logout.flush(null, { status: 204, statusText: 'No Content' });
  });

  it('shares one refresh request between concurrent callers and stores the rotated tokens', () => {
    localStorage.setItem(`${TEST_CONFIG.storageKeyPrefix}.accessToken`, 'access-0');
    localStorage.setItem(`${TEST_CONFIG.storageKeyPrefix}.refreshToken`, 'refresh-0');
    const received: string[] = [];
    auth.refresh().subscribe((t) => received.push(t));
    auth.refresh().subscribe((t) => received.push(t));
    auth.refresh().subscribe((t) => received.push(t));

    const req = http.expectOne('/api/auth/refresh');
    expect(req.request.body).toEqual({ refreshToken: 'refresh-0' });
    req.flush(authResponse(1));

    expect(received).toEqual(['access-1', 'access-1', 'access-1']);
    expect(auth.accessToken()).toBe('access-1');
    expect(localStorage.getItem(`${TEST_CONFIG.storageKeyPrefix}.refreshToken`)).toBe('refresh-1');

    // Once settled, the next refresh is a new request with the rotated token.
    auth.refresh().subscribe();
    expect(http.expectOne('/api/auth/refresh').request.body).toEqual({ refreshToken: 'refresh-1' });
  });

  it('fails a refresh without a stored refresh token, without calling the API', () => {
    let failed = false;
    auth.refresh().subscribe({ error: () => (failed = true) });
    expect(failed).toBe(true);
    http.expectNone('/api/auth/refresh');
  });

  it('restores the session from stored tokens through /api/me', async () => {
    localStorage.setItem(`${TEST_CONFIG.storageKeyPrefix}.accessToken`, 'access-1');
    localStorage.setItem(`${TEST_CONFIG.storageKeyPrefix}.refreshToken`, 'refresh-1');
    const restored = auth.restoreSession();
    const me = http.expectOne('/api/me');
    expect(me.request.headers.get('Authorization')).toBe('Bearer access-1');
    me.flush(user(Role.ORGANIZER));
    await restored;
    expect(auth.user()?.role).toBe(Role.ORGANIZER);
  });

  it('does not restore a session whose role this app does not serve', async () => {
    localStorage.setItem(`${TEST_CONFIG.storageKeyPrefix}.accessToken`, 'access-1');
    localStorage.setItem(`${TEST_CONFIG.storageKeyPrefix}.refreshToken`, 'refresh-1');
    const restored = auth.restoreSession();
    http.expectOne('/api/me').flush(user(Role.RUNNER));
    await restored;
    expect(auth.isLoggedIn()).toBe(false);
    expect(auth.accessToken()).toBeNull();
  });

  it('does not call the API at start-up when there is no stored session', async () => {
    await auth.restoreSession();
    http.expectNone('/api/me');
    expect(auth.isLoggedIn()).toBe(false);
  });

  it('signs out: revokes the refresh token, forgets the session, opens the sign-in page', () => {
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    auth.login({ email: 'a@b.c', password: 'pw' }).subscribe();
    http.expectOne('/api/auth/login').flush(authResponse(1));

    auth.logout();
    const logout = http.expectOne('/api/auth/logout');
    expect(logout.request.body).toEqual({ refreshToken: 'refresh-1' });
    logout.flush(null, { status: 204, statusText: 'No Content' });
    expect(auth.isLoggedIn()).toBe(false);
    expect(auth.hasRefreshToken()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/login']);
  });
});
