import { safeReturnUrl } from './safe-return-url';

describe('safeReturnUrl', () => {
  it('follows paths inside the app', () => {
    expect(safeReturnUrl('/events?tab=1', '/home')).toBe('/events?tab=1');
  });

  it.each([undefined, '', 'https://evil.example', '//evil.example', '/\\evil.example', '/login'])(
    'goes home instead of %p',
    (candidate) => {
      expect(safeReturnUrl(candidate, '/home')).toBe('/home');
    },
  );
});
