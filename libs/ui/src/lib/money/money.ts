import { Pipe, PipeTransform } from '@angular/core';
import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/**
 * Money as the apps show and read it. Amounts travel as integer cents of an ISO 4217 currency; people read and type
 * decimal amounts ("15", "15.50", "15,50"). Parsing works on the digits, never through floating point, so "0.29"
 * is 29 cents and not 28.999….
 */

/** The apps speak English with European conventions (see MAT_DATE_LOCALE): €1,234.50. */
export const MONEY_LOCALE = 'en-GB';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, fractionDigits?: number): Intl.NumberFormat {
  const key = `${currency}/${fractionDigits ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(MONEY_LOCALE, {
      style: 'currency',
      currency,
      ...(fractionDigits === undefined ? {} : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }),
    });
    formatters.set(key, format);
  }
  return format;
}

/** 1600, 'EUR' → "€16.00". */
export function formatMoney(cents: number, currency = 'EUR'): string {
  return formatter(currency.toUpperCase()).format(cents / 100);
}

/** A price that needs more than cents (a credit costs €0.025), with `fractionDigits` decimals so offers line up. */
export function formatUnitPrice(cents: number, units: number, currency = 'EUR', fractionDigits = 3): string {
  return formatter(currency.toUpperCase(), fractionDigits).format(cents / 100 / units);
}

/** "€" for EUR, "CHF" for CHF: the prefix of an amount field. */
export function currencySymbol(currency = 'EUR'): string {
  return formatter(currency.toUpperCase()).formatToParts(0).find((part) => part.type === 'currency')?.value ?? currency;
}

const AMOUNT = /^(\d{1,9})(?:[.,](\d{1,2}))?$/;

/** "15" → 1500, "15.5" → 1550, "15,50" → 1550, "€ 6" → 600; null for anything else (negative, 3 decimals, text). */
export function parseMoneyInput(text: string | null | undefined): number | null {
  const value = (text ?? '').replace(/[\s\u00a0€$£]/g, '');
  const match = AMOUNT.exec(value);
  if (!match) {
    return null;
  }
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 1500 → "15.00": what an amount field shows for a stored amount. */
export function centsToMoneyInput(cents: number): string {
  const whole = Math.trunc(cents / 100);
  return `${whole}.${String(Math.abs(cents % 100)).padStart(2, '0')}`;
}

export interface MoneyBounds {
  /** Smallest accepted amount, in cents (inclusive). */
  minCents?: number;
  /** Largest accepted amount, in cents (inclusive). */
  maxCents?: number;
}

/**
 * Validates an amount typed in a text field. Errors: `money` (not an amount), `moneyMin` / `moneyMax` with
 * `{ cents }` of the bound. An empty field is left to `Validators.required`.
 */
export function moneyValidator(bounds: MoneyBounds = {}): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const text = control.value as string | null;
    if (text === null || text === undefined || String(text).trim() === '') {
      return null;
    }
    const cents = parseMoneyInput(String(text));
    if (cents === null) {
      return { money: true };
    }
    if (bounds.minCents !== undefined && cents < bounds.minCents) {
      return { moneyMin: { cents: bounds.minCents } };
    }
    if (bounds.maxCents !== undefined && cents > bounds.maxCents) {
      return { moneyMax: { cents: bounds.maxCents } };
    }
    return null;
  };
}

/** `{{ order.totalCents | money: order.currency }}` → "€16.00". */
@Pipe({ name: 'money' })
export class MoneyPipe implements PipeTransform {
  transform(cents: number | null | undefined, currency = 'EUR'): string {
    return cents === null || cents === undefined ? '' : formatMoney(cents, currency);
  }
}
