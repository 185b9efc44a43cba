import { checkDownload, signDownload, signOrderAccess, verifyOrderAccess } from './order-links';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const ORDER = '6f1c1c8e-4d2b-4a57-9d5e-0b7f5b0f2a11';
const later = new Date(Date.now() + 3600_000);

describe('order links', () => {
  it('opens the order page with a token signed for this order, version and expiry', () => {
    const token = signOrderAccess(SECRET, ORDER, 1, later);
    expect(verifyOrderAccess(SECRET, ORDER, 1, token)).toBe(true);
    expect(verifyOrderAccess(SECRET, ORDER, 2, token)).toBe(false);
    expect(verifyOrderAccess(SECRET, '00000000-0000-4000-8000-000000000000', 1, token)).toBe(false);
    expect(verifyOrderAccess('another-secret-of-at-least-32-characters', ORDER, 1, token)).toBe(false);
    expect(verifyOrderAccess(SECRET, ORDER, 1, token, new Date(later.getTime() + 1000))).toBe(false);
    expect(verifyOrderAccess(SECRET, ORDER, 1, 'garbage')).toBe(false);
    // Extending the expiry breaks the signature.
    const [exp, sig] = token.split('.');
    expect(verifyOrderAccess(SECRET, ORDER, 1, `${Number(exp) + 86400}.${sig}`)).toBe(false);
  });

  it('tells a forged, an expired and a revoked download link apart', () => {
    const link = signDownload(SECRET, ORDER, { kind: 'item', itemId: 'item-1' }, 3, later);
    const asQuery = { exp: String(link.exp), v: String(link.v), sig: link.sig };
    expect(checkDownload(SECRET, ORDER, { kind: 'item', itemId: 'item-1' }, 3, asQuery)).toBe('ok');
    expect(checkDownload(SECRET, ORDER, { kind: 'item', itemId: 'item-2' }, 3, asQuery)).toBe('forged');
    expect(checkDownload(SECRET, ORDER, { kind: 'zip' }, 3, asQuery)).toBe('forged');
    expect(checkDownload(SECRET, ORDER, { kind: 'item', itemId: 'item-1' }, 4, asQuery)).toBe('revoked');
    expect(checkDownload(SECRET, ORDER, { kind: 'item', itemId: 'item-1' }, 3, { ...asQuery, v: '4' })).toBe('forged');
    expect(checkDownload(SECRET, ORDER, { kind: 'item', itemId: 'item-1' }, 3, asQuery, new Date(later.getTime() + 1000))).toBe('expired');
    expect(checkDownload(SECRET, ORDER, { kind: 'item', itemId: 'item-1' }, 3, { exp: String(link.exp) })).toBe('forged');
    // The order page token is not a download signature, and the other way round.
    const page = signOrderAccess(SECRET, ORDER, 3, later).split('.')[1];
    expect(checkDownload(SECRET, ORDER, { kind: 'zip' }, 3, { ...asQuery, sig: page })).toBe('forged');
  });
});
