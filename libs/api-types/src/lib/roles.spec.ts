import { isOrganizerRole, isProRole, PASSWORD_PATTERN, PRO_ROLES, Role } from '../index';

describe('roles', () => {
  it('lists the five pro roles, never ADMIN or RUNNER', () => {
    expect(PRO_ROLES).toHaveLength(5);
    expect(isProRole(Role.ADMIN)).toBe(false);
    expect(isProRole(Role.RUNNER)).toBe(false);
  });
  it('treats agencies, clubs and federations as organizers, not photographers', () => {
    expect(isOrganizerRole(Role.AGENCY)).toBe(true);
    expect(isOrganizerRole(Role.FEDERATION)).toBe(true);
    expect(isOrganizerRole(Role.PHOTOGRAPHER)).toBe(false);
  });
});

describe('password rule', () => {
  it('accepts a long mixed password and refuses weak ones', () => {
    expect(PASSWORD_PATTERN.test('Marathon2026')).toBe(true);
    expect(PASSWORD_PATTERN.test('short1A')).toBe(false);
    expect(PASSWORD_PATTERN.test('alllowercase123')).toBe(false);
  });
});
