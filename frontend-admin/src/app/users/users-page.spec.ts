import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Page, Role, UserDto } from '@focus-racer/api-types';
import { UsersPage } from './users-page';

function page(items: UserDto[], total: number, pageNumber = 1): Page<UserDto> {
  return { items, total, page: pageNumber, pageSize: 20 };
}

const runner: UserDto = {
  id: 'u1',
  email: 'runner@demo.focusracer.local',
  displayName: 'Rita Runner',
  role: Role.RUNNER,
  stripeOnboarded: false,
  creditBalance: 0,
  createdAt: '2026-01-02T10:00:00.000Z',
};

describe('UsersPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('asks the server for the first page and shows its rows and total', async () => {
    const fixture = TestBed.createComponent(UsersPage);
    await fixture.whenStable();
    const req = http.expectOne((r) => r.url === '/api/admin/users');
    expect(req.request.params.get('page')).toBe('1');
    expect(req.request.params.get('pageSize')).toBe('20');
    expect(req.request.params.has('role')).toBe(false);
    req.flush(page([runner], 41));
    await fixture.whenStable();

    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelectorAll('[data-testid="user-row"]')).toHaveLength(1);
    expect(el.querySelector('[data-testid="users-table"]')?.textContent).toContain('Rita Runner');
    expect(el.querySelector('[data-testid="users-paginator"]')?.textContent).toContain('of 41');
  });

  it('filters by role on the server and starts again from page 1', async () => {
    const fixture = TestBed.createComponent(UsersPage);
    await fixture.whenStable();
    http.expectOne((r) => r.url === '/api/admin/users').flush(page([runner], 41));

    const component = fixture.componentInstance as unknown as {
      onPage(e: { pageIndex: number; pageSize: number; length: number }): void;
      roleFilter: { setValue(role: Role): void };
    };
    component.onPage({ pageIndex: 2, pageSize: 20, length: 41 });
    await fixture.whenStable();
    expect(http.expectOne((r) => r.url === '/api/admin/users').request.params.get('page')).toBe('3');

    component.roleFilter.setValue(Role.PHOTOGRAPHER);
    await fixture.whenStable();
    const filtered = http.expectOne((r) => r.url === '/api/admin/users');
    expect(filtered.request.params.get('role')).toBe(Role.PHOTOGRAPHER);
    expect(filtered.request.params.get('page')).toBe('1');
    filtered.flush(page([], 0));
  });
});
