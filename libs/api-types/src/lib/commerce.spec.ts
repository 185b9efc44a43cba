import { commissionCents, splitOrder } from '../index';

describe('order split', () => {
  it('adds the service fee once for the runner and keeps it for the platform', () => {
    expect(splitOrder(1500, { serviceFeeCents: 100, commissionPercent: 0 })).toEqual({
      totalCents: 1600,
      platformFeeCents: 100,
      netCents: 1500,
    });
  });

  it('takes the commission out of the photos, not out of the service fee', () => {
    expect(splitOrder(1500, { serviceFeeCents: 100, commissionPercent: 10 })).toEqual({
      totalCents: 1600,
      platformFeeCents: 250,
      netCents: 1350,
    });
  });

  it('rounds the commission down to the cent, without floating-point drift', () => {
    expect(commissionCents(1000, 12.29)).toBe(122); // 122.9
    expect(commissionCents(1500, 2.5)).toBe(37); // 37.5
    expect(commissionCents(999, 0.01)).toBe(0); // 0.0999
    expect(commissionCents(690, 50)).toBe(345);
    expect(commissionCents(0, 50)).toBe(0);
    expect(commissionCents(2050, 10)).toBe(205);
  });
});
