import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareIsoDates,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isIsoDate,
  isLeapYear,
  isoDate,
  isoWeekday,
  toDayNumber,
} from './iso-date.ts';

describe('iso-date', () => {
  it('should accept real dates and reject impossible or malformed ones', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-04-31')).toBe(false);
    expect(isIsoDate('2024-4-1')).toBe(false);
    expect(isIsoDate('2024-04-01T00:00:00Z')).toBe(false);
    expect(isIsoDate(20240401)).toBe(false);
    expect(isIsoDate('0000-01-01')).toBe(false);
  });

  it('should throw CAL_INVALID_DATE for malformed input', () => {
    expect(() => toDayNumber('2023-02-29')).toThrow(/CAL_INVALID_DATE/);
    expect(() => addDays('yesterday', 1)).toThrow(RangeError);
    expect(() => isoDate(2023, 2, 29)).toThrow(/CAL_INVALID_DATE/);
  });

  it('should do day arithmetic across month, year and leap-day boundaries', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2026, 12)).toBe(31);
    expect(isLeapYear(2000)).toBe(true);
    expect(isLeapYear(2100)).toBe(false);
  });

  it('should not map two-digit years to the 1900s', () => {
    expect(fromDayNumber(toDayNumber('0050-03-01'))).toBe('0050-03-01');
    expect(daysInMonth(4, 2)).toBe(29);
  });

  it('should give ISO weekdays', () => {
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('2024-02-04')).toBe(7);
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('1969-12-31')).toBe(3);
  });

  it('should round-trip day numbers and keep string order equal to date order', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 2_000_000 }), fc.integer({ min: -200_000, max: 2_000_000 }), (a, b) => {
        const da = fromDayNumber(a);
        const db = fromDayNumber(b);
        expect(toDayNumber(da)).toBe(a);
        expect(Math.sign(compareIsoDates(da, db))).toBe(Math.sign(a - b));
        expect(isoWeekday(addDays(da, 7))).toBe(isoWeekday(da));
      }),
    );
  });
});
