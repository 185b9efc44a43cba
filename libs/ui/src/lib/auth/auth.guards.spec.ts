import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Role } from '@focus-racer/api-types';
import { authResponse, notifier, provideAuthTesting } from '../testing/auth-testing';
import { authGuard, guestGuard, roleGuard } from './auth.guards';
import { AuthService } from './auth.service';

@Component({ template: 'page' })
class PageStub {}

describe('guards', () => {
  let errors: ReturnType<typeof notifier>;

  beforeEach(() => {
    localStorage.clear();
    errors = notifier();
    TestBed.configureTestingModule({
      providers: provideAuthTesting(
        [
          { path: 'login', component: PageStub, canActivate: [guestGuard] },
          {
            path: '',
            canActivate: [authGuard],
            children: [
              { path: 'events', component: PageStub },
              { path: 'upload', component: PageStub, canActivate: [roleGuard([Role.PHOTOGRAPHER])] },
            ],
          },
        ],
        errors,
      ),
    });
  });

  function signIn(role: Role): void {
    const http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthService).login({ email: 'x@y.z', password: 'pw' }).subscribe({ error: () => undefined });
    http.expectOne('/api/auth/login').flush(authResponse(1, role));
  }

  it('sends a visitor to the sign-in page with the page they wanted', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/events?tab=2');
    expect(TestBed.inject(Router).url).toBe('/login?returnUrl=%2Fevents%3Ftab%3D2');
  });

  it('lets a signed-in person through', async () => {
    signIn(Role.PHOTOGRAPHER);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/events');
    expect(TestBed.inject(Router).url).toBe('/events');
  });

  it('keeps a signed-in person away from the sign-in page', async () => {
    signIn(Role.PHOTOGRAPHER);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/login');
    expect(TestBed.inject(Router).url).toBe('/events');
  });

  it('lets the listed role open a role page', async () => {
    signIn(Role.PHOTOGRAPHER);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/upload');
    expect(TestBed.inject(Router).url).toBe('/upload');
  });

  it('sends another role home with an explanation', async () => {
    signIn(Role.ORGANIZER);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/upload');
    expect(TestBed.inject(Router).url).toBe('/events');
    expect(errors.error).toHaveBeenCalledWith('This page is not available to your account (Race organizer).');
  });
});
