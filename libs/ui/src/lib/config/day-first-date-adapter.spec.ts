import { TestBed } from '@angular/core/testing';
import { MAT_DATE_LOCALE } from '@angular/material/core';
import { DayFirstDateAdapter } from './day-first-date-adapter';

describe('DayFirstDateAdapter', () => {
  let adapter: DayFirstDateAdapter;
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [DayFirstDateAdapter, { provide: MAT_DATE_LOCALE, useValue: 'en-GB' }] });
    adapter = TestBed.inject(DayFirstDateAdapter);
  });
  const ymd = (d: Date | null) => (d && adapter.isValid(d) ? [d.getFullYear(), d.getMonth() + 1, d.getDate()] : null);

  it('reads typed dates day first, as the picker shows them', () => {
    expect(ymd(adapter.parse('3/11/2026'))).toEqual([2026, 11, 3]);
    expect(ymd(adapter.parse('14/11/2026'))).toEqual([2026, 11, 14]);
    expect(ymd(adapter.parse('14.11.2026'))).toEqual([2026, 11, 14]);
    expect(ymd(adapter.parse('2026-11-14'))).toEqual([2026, 11, 14]);
  });

  it('refuses impossible or unreadable dates instead of guessing', () => {
    expect(ymd(adapter.parse('31/02/2026'))).toBeNull();
    expect(ymd(adapter.parse('11/14/2026'))).toBeNull();
    expect(ymd(adapter.parse('next sunday'))).toBeNull();
    expect(adapter.parse('')).toBeNull();
  });
});
