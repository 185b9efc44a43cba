import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentProviders, Provider } from '@angular/core';
import { provideRouter, Routes } from '@angular/router';
import { AuthResponse, Role, UserDto } from '@focus-racer/api-types';
import { authInterceptor } from '../auth/auth.interceptor';
import { FOCUS_RACER_APP_CONFIG, FocusRacerAppConfig } from '../config/app-config';
import { errorInterceptor } from '../errors/error.interceptor';
import { ErrorNotifier } from '../errors/error-notifier';

/** Test doubles shared by the lib's specs (not exported from the lib). */
export const TEST_CONFIG: FocusRacerAppConfig = {
  appName: 'Focus Racer Pro',
  storageKeyPrefix: 'test.pro',
  allowedRoles: [Role.PHOTOGRAPHER, Role.ORGANIZER],
  refusalMessage: (role) => `This space is for photographers and organizers (${role}).`,
  homePath: '/events',
  loginPath: '/login',
};

export function user(role: Role = Role.PHOTOGRAPHER, overrides: Partial<UserDto> = {}): UserDto {
  return {
    id: '7d0c5f0e-0000-4000-8000-000000000001',
    email: `${role.toLowerCase()}@demo.focusracer.local`,
    displayName: 'Ana Lens',
    role,
    stripeOnboarded: false,
    creditBalance: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function authResponse(n: number, role: Role = Role.PHOTOGRAPHER): AuthResponse {
  return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresIn: 900, user: user(role) };
}

export const notifier = () => ({ error: jest.fn(), info: jest.fn() });

export function provideAuthTesting(
  routes: Routes = [],
  errors = notifier(),
): (Provider | EnvironmentProviders)[] {
  return [
    { provide: FOCUS_RACER_APP_CONFIG, useValue: TEST_CONFIG },
    { provide: ErrorNotifier, useValue: errors },
    provideHttpClient(withInterceptors([errorInterceptor, authInterceptor])),
    provideHttpClientTesting(),
    provideRouter(routes),
  ];
}
