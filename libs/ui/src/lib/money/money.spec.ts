import { FormControl } from '@angular/forms';
import {
  centsToMoneyInput,
  currencySymbol,
  formatMoney,
  formatUnitPrice,
  moneyValidator,
  parseMoneyInput,
} from './money';

describe('money', () => {
  it('formats integer cents with the currency', () => {
    expect(formatMoney(1600)).toBe('€16.00');
    expect(formatMoney(123456, 'EUR')).toBe('€1,234.56');
    expect(formatMoney(-250, 'eur')).toBe('-€2.50');
    expect(currencySymbol('EUR')).toBe('€');
  });

  it('shows a price per unit below one cent, with the same decimals for every offer', () => {
    expect(formatUnitPrice(1500, 500)).toBe('€0.030');
    expect(formatUnitPrice(5000, 2000)).toBe('€0.025');
    expect(formatUnitPrice(20000, 10000, 'EUR', 4)).toBe('€0.0200');
  });

  it('reads what people type as cents, without floating point', () => {
    expect(parseMoneyInput('15')).toBe(1500);
    expect(parseMoneyInput('15.5')).toBe(1550);
    expect(parseMoneyInput('15,50')).toBe(1550);
    expect(parseMoneyInput(' € 6 ')).toBe(600);
    expect(parseMoneyInput('0.29')).toBe(29);
    expect(parseMoneyInput('4.35')).toBe(435);
  });

  it('refuses what is not an amount', () => {
    for (const text of ['', 'abc', '-5', '1.234', '15.', '1e3', '12.3.4', null, undefined]) {
      expect(parseMoneyInput(text)).toBeNull();
    }
  });

  it('writes a stored amount back into a field', () => {
    expect(centsToMoneyInput(1500)).toBe('15.00');
    expect(centsToMoneyInput(5)).toBe('0.05');
    expect(centsToMoneyInput(690)).toBe('6.90');
  });

  it('validates an amount field with bounds, leaving emptiness to required', () => {
    const control = new FormControl('', { validators: moneyValidator({ minCents: 50, maxCents: 100_000 }) });
    expect(control.errors).toBeNull();
    control.setValue('abc');
    expect(control.errors).toEqual({ money: true });
    control.setValue('0.10');
    expect(control.errors).toEqual({ moneyMin: { cents: 50 } });
    control.setValue('1000.01');
    expect(control.errors).toEqual({ moneyMax: { cents: 100_000 } });
    control.setValue('6');
    expect(control.errors).toBeNull();
  });
});
