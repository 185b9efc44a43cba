import { HttpClient, HttpContext, HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import {
  AuthResponse,
  LoginRequest,
  PasswordResetConfirm,
  PasswordResetRequest,
  RegisterRequest,
  Role,
  ROLE_LABELS,
  UserDto,
} from '@focus-racer/api-types';
import { catchError, finalize, firstValueFrom, map, Observable, of, shareReplay, tap, throwError } from 'rxjs';
import { FOCUS_RACER_APP_CONFIG } from '../config/app-config';
import { SILENT_ERRORS } from '../errors/api-error-message';
import { ErrorNotifier } from '../errors/error-notifier';
import { SESSION_PROBE } from './session-probe';
import { TokenStore } from './token-store';

/** Thrown by login/register when the account is valid but its role may not use this app. */
export class AccessRefusedError extends Error {
  constructor(
    message: string,
    readonly role: Role,
  ) {
    super(message);
    this.name = 'AccessRefusedError';
  }
}

export const SESSION_EXPIRED_MESSAGE = 'Your session has expired. Please sign in again.';

const silent = () => new HttpContext().set(SILENT_ERRORS, true);

/**
 * The signed-in person of this app and their tokens. Signs in, registers, refreshes (one refresh at a time,
 * shared by every caller) and signs out; restores the session at start-up through GET /api/me.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly config = inject(FOCUS_RACER_APP_CONFIG);
  private readonly notifier = inject(ErrorNotifier);
  private readonly tokens = new TokenStore(this.config.storageKeyPrefix);

  private readonly currentUser = signal<UserDto | null>(null);
  /** The signed-in person, or null. */
  readonly user = this.currentUser.asReadonly();
  readonly isLoggedIn = computed(() => this.currentUser() !== null);
  readonly roleLabel = computed(() => {
    const user = this.currentUser();
    return user ? ROLE_LABELS[user.role] : '';
  });

  private refreshInFlight: Observable<string> | null = null;

  constructor() {
    // Signing out in another tab of the same app signs out here too.
    if (typeof window !== 'undefined') {
      const onStorage = (event: StorageEvent) => {
        if (this.tokens.concerns(event.key) && !this.tokens.refreshToken && this.currentUser()) {
          this.currentUser.set(null);
          void this.router.navigate([this.config.loginPath]);
        }
      };
      window.addEventListener('storage', onStorage);
      inject(DestroyRef).onDestroy(() => window.removeEventListener('storage', onStorage));
    }
  }

  accessToken(): string | null {
    return this.tokens.accessToken;
  }

  hasRefreshToken(): boolean {
    return this.tokens.refreshToken !== null;
  }

  isAllowed(role: Role): boolean {
    return this.config.allowedRoles.includes(role);
  }

  login(request: LoginRequest): Observable<UserDto> {
    return this.http
      .post<AuthResponse>('/api/auth/login', request, { context: silent() })
      .pipe(map((response) => this.acceptSession(response)));
  }

  register(request: RegisterRequest): Observable<UserDto> {
    return this.http
      .post<AuthResponse>('/api/auth/register', request, { context: silent() })
      .pipe(map((response) => this.acceptSession(response)));
  }

  /**
   * Trades the refresh token for a new pair. Concurrent callers share one request: the API rotates refresh
   * tokens, so a second request with the same token would be refused and end the session.
   */
  refresh(): Observable<string> {
    if (this.refreshInFlight) {
      return this.refreshInFlight;
    }
    const refreshToken = this.tokens.refreshToken;
    if (!refreshToken) {
      return throwError(() => new Error('There is no session to refresh.'));
    }
    this.refreshInFlight = this.http
      .post<AuthResponse>('/api/auth/refresh', { refreshToken }, { context: silent() })
      .pipe(
        map((response) => {
          this.acceptSession(response);
          return response.accessToken;
        }),
        finalize(() => (this.refreshInFlight = null)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    return this.refreshInFlight;
  }

  /**
   * Loads the person behind stored tokens (app start-up). Never fails: a dead session is cleared, and an
   * unreachable server leaves the tokens for the next attempt.
   */
  restoreSession(): Promise<void> {
    if (!this.tokens.accessToken && !this.tokens.refreshToken) {
      return Promise.resolve();
    }
    const me$ = this.http.get<UserDto>('/api/me', { context: silent().set(SESSION_PROBE, true) }).pipe(
      tap((user) => {
        if (this.isAllowed(user.role)) {
          this.currentUser.set(user);
        } else {
          this.clearSession();
        }
      }),
      map(() => undefined),
      catchError((error: unknown) => {
        if (error instanceof HttpErrorResponse && (error.status === 401 || error.status === 403)) {
          this.clearSession();
        }
        return of(undefined);
      }),
    );
    return firstValueFrom(me$, { defaultValue: undefined });
  }

  /** Signs out here and revokes the refresh token on the server (best effort), then opens the sign-in page. */
  logout(): void {
    this.revokeOnServer(this.tokens.refreshToken);
    this.clearSession();
    void this.router.navigate([this.config.loginPath]);
  }

  /** Called when the API refuses the session and a refresh did not help. */
  expireSession(): void {
    const wasSignedIn = this.currentUser() !== null || this.hasRefreshToken();
    this.clearSession();
    if (wasSignedIn) {
      this.notifier.error(SESSION_EXPIRED_MESSAGE);
    }
    const returnUrl = this.router.url;
    const onLogin = returnUrl.startsWith(this.config.loginPath);
    void this.router.navigate([this.config.loginPath], {
      queryParams: onLogin || returnUrl === '/' ? {} : { returnUrl },
    });
  }

  requestPasswordReset(request: PasswordResetRequest): Observable<void> {
    return this.http.post<void>('/api/auth/password-reset/request', request, { context: silent() });
  }

  confirmPasswordReset(request: PasswordResetConfirm): Observable<void> {
    return this.http.post<void>('/api/auth/password-reset/confirm', request, { context: silent() });
  }

  private acceptSession(response: AuthResponse): UserDto {
    const { user } = response;
    if (!this.isAllowed(user.role)) {
      // Valid account, wrong app: do not keep it signed in, and revoke the refresh token it was just given.
      this.revokeOnServer(response.refreshToken);
      this.clearSession();
      throw new AccessRefusedError(this.config.refusalMessage(user.role), user.role);
    }
    this.tokens.save(response.accessToken, response.refreshToken);
    this.currentUser.set(user);
    return user;
  }

  private clearSession(): void {
    this.tokens.clear();
    this.currentUser.set(null);
  }

  private revokeOnServer(refreshToken: string | null): void {
    if (!refreshToken) {
      return;
    }
    this.http
      .post<void>('/api/auth/logout', { refreshToken }, { context: silent() })
      .pipe(catchError(() => of(undefined)))
      .subscribe();
  }
}
