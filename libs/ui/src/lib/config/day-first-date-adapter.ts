import { Injectable } from '@angular/core';
import { NativeDateAdapter } from '@angular/material/core';

/**
 * The date pickers show day/month/year (races are mostly European), but NativeDateAdapter parses typed text with
 * Date.parse, which reads "3/11/2026" as the 11th of March. This adapter reads what it shows: d/m/yyyy (with /, . or
 * - as separator) and ISO yyyy-mm-dd; anything else, or an impossible date such as 31/02, is "not a date".
 */
@Injectable()
export class DayFirstDateAdapter extends NativeDateAdapter {
  override parse(value: unknown, parseFormat?: unknown): Date | null {
    if (typeof value !== 'string') return super.parse(value, parseFormat);
    const text = value.trim();
    if (!text) return null;
    const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
    const parts = iso ? [iso[1], iso[2], iso[3]] : dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : null;
    if (!parts) return this.invalid();
    const [year, month, day] = parts.map(Number);
    const date = new Date(year, month - 1, day);
    const real = date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
    return real ? date : this.invalid();
  }
}
