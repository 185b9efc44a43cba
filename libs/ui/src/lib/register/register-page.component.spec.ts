import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { Role } from '@focus-racer/api-types';
import { authResponse, provideAuthTesting } from '../testing/auth-testing';
import { RegisterPageComponent } from './register-page.component';

describe('RegisterPageComponent', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [...provideAuthTesting([{ path: 'events', children: [] }]), provideNoopAnimations()] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it("joins the race of an organizer's invitation link: address filled, photographer picked, token sent", async () => {
    const fixture = TestBed.createComponent(RegisterPageComponent);
    fixture.componentRef.setInput('roles', [Role.PHOTOGRAPHER, Role.ORGANIZER]);
    fixture.componentRef.setInput('invite', 'tok-123');
    fixture.componentRef.setInput('email', 'new.shooter@example.com');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="register-invite"]')?.textContent).toContain('You were invited to photograph a race');
    const email = el.querySelector<HTMLInputElement>('[data-testid="register-email"]');
    expect(email?.value).toBe('new.shooter@example.com');

    const type = (testId: string, value: string) => {
      const input = el.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
      if (!input) throw new Error(`no ${testId}`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('register-display-name', 'Hugo Shooter');
    type('register-password', 'FocusRacer-demo-2026');
    el.querySelector<HTMLButtonElement>('[data-testid="register-submit"]')?.click();
    const req = http.expectOne('/api/auth/register');
    expect(req.request.body).toEqual({
      displayName: 'Hugo Shooter',
      email: 'new.shooter@example.com',
      password: 'FocusRacer-demo-2026',
      role: Role.PHOTOGRAPHER,
      invite: 'tok-123',
    });
    req.flush(authResponse(1, Role.PHOTOGRAPHER));
  });

  it('asks for no role and sends no token without an invitation', async () => {
    const fixture = TestBed.createComponent(RegisterPageComponent);
    fixture.componentRef.setInput('roles', [Role.PHOTOGRAPHER, Role.ORGANIZER]);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="register-invite"]')).toBeNull();
    expect(el.querySelector<HTMLInputElement>('[data-testid="register-email"]')?.value).toBe('');
  });
});
