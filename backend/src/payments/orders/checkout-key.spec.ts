import { checkoutKey } from './checkout-key';

const EVENT = '0b6c3d57-5f7e-4a7e-9d44-4ed1e8d7c001';
const A = { kind: 'photo', photoId: 'A0000000-0000-4000-8000-000000000001', resolution: 'hd' } as const;
const B = { kind: 'photo', photoId: 'a0000000-0000-4000-8000-000000000002', resolution: 'web' } as const;
const BIB = { kind: 'all-my-photos', eventId: EVENT, bib: '1234' } as const;

describe('checkout key', () => {
  const base = { buyer: { email: 'Runner@Example.com' }, eventId: EVENT, items: [A, B, BIB], totalCents: 1600, currency: 'EUR' };

  it('is the same for the same cart whatever the order, duplicates or letter case', () => {
    const key = checkoutKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(checkoutKey({ ...base, buyer: { email: ' runner@example.com' }, items: [BIB, B, A, A, { ...A, photoId: A.photoId.toLowerCase() }] })).toBe(key);
  });

  it('differs for another buyer, event, item, resolution or amount', () => {
    const key = checkoutKey(base);
    expect(checkoutKey({ ...base, buyer: { email: 'someone@example.com' } })).not.toBe(key);
    expect(checkoutKey({ ...base, buyer: { userId: 'runner@example.com' } })).not.toBe(key);
    expect(checkoutKey({ ...base, eventId: '0b6c3d57-5f7e-4a7e-9d44-4ed1e8d7c002' })).not.toBe(key);
    expect(checkoutKey({ ...base, items: [A, B] })).not.toBe(key);
    expect(checkoutKey({ ...base, items: [A, { ...B, resolution: 'hd' }, BIB] })).not.toBe(key);
    expect(checkoutKey({ ...base, totalCents: 1700 })).not.toBe(key);
  });
});
