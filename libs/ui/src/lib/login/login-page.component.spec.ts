import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { Role } from '@focus-racer/api-types';
import { AuthService } from '../auth/auth.service';
import { authResponse, provideAuthTesting } from '../testing/auth-testing';
import { LoginPageComponent } from './login-page.component';

describe('LoginPageComponent', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: provideAuthTesting() });
    http = TestBed.inject(HttpTestingController);
  });

  async function submit(email: string, password: string) {
    const fixture = TestBed.createComponent(LoginPageComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const type = (testId: string, value: string) => {
      const input = el.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
      if (!input) throw new Error(`no ${testId}`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('login-email', email);
    type('login-password', password);
    el.querySelector<HTMLButtonElement>('[data-testid="login-submit"]')?.click();
    await fixture.whenStable();
    return { fixture, el };
  }

  it('explains validation problems without calling the API', async () => {
    const { fixture, el } = await submit('not-an-email', '');
    fixture.detectChanges();
    expect(el.textContent).toContain("This doesn't look like an email address.");
    expect(el.textContent).toContain('Enter your password.');
    http.expectNone('/api/auth/login');
  });

  it("shows the server's refusal", async () => {
    const { fixture, el } = await submit('a@b.co', 'wrong');
    http
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 401, error: 'Unauthorized', message: 'Wrong email or password.' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="login-error"]')?.textContent).toContain('Wrong email or password.');
  });

  it('refuses a role the app does not serve and does not keep it signed in', async () => {
    const { fixture, el } = await submit('runner@demo.focusracer.local', 'FocusRacer-demo-2026');
    http.expectOne('/api/auth/login').flush(authResponse(1, Role.RUNNER));
    http.expectOne('/api/auth/logout').flush(null);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="access-denied"]')?.textContent).toContain(
      'This space is for photographers and organizers',
    );
    expect(TestBed.inject(AuthService).isLoggedIn()).toBe(false);
  });

  it('opens the home page after signing in', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { fixture } = await submit('photographer@demo.focusracer.local', 'FocusRacer-demo-2026');
    http.expectOne('/api/auth/login').flush(authResponse(1, Role.PHOTOGRAPHER));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/events');
  });
});
