import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, isoWeekday, toDayNumber } from './iso-date.ts';
import { chineseDaysData, parseChineseDaysJson } from './official-holidays.ts';
import { createWorkingCalendar } from './working-calendar.ts';

const sut = createWorkingCalendar();
const weekendsOnly = createWorkingCalendar({ official: { years: [], days: [] } });

/** Reference implementation: walk day by day. */
function naiveBetween(cal: typeof sut, a: string, b: string): number {
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let n = 0;
  for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (cal.isWorkingDay(d)) n++;
  return n === 0 ? 0 : sign * n;
}

const dateArb = (from: string, to: string) =>
  fc.integer({ min: toDayNumber(from), max: toDayNumber(to) }).map(fromDayNumber);

describe('chineseDaysData', () => {
  it('should cover 2004 through at least 2026 with 调休 working days', () => {
    const data = chineseDaysData();
    expect(data.years[0]).toBe(2004);
    expect(data.years).toContain(2026);
    expect(data.days.find((d) => d.date === '2024-02-04')).toEqual({
      date: '2024-02-04',
      kind: 'workday',
      name: '春节',
      nameEn: 'Spring Festival',
    });
  });

  it('should parse the chinese-days JSON shape', () => {
    const data = parseChineseDaysJson({
      holidays: { '2030-01-01': "New Year's Day,元旦,1" },
      workdays: { '2029-12-30': "New Year's Day,元旦,1" },
    });
    expect(data.years).toEqual([2030]);
    expect(data.days.map((d) => [d.date, d.kind, d.name])).toEqual([
      ['2029-12-30', 'workday', '元旦'],
      ['2030-01-01', 'holiday', '元旦'],
    ]);
  });
});

describe('createWorkingCalendar', () => {
  describe('isWorkingDay', () => {
    it('should treat 调休 weekends as working days', () => {
      expect(isoWeekday('2024-02-04')).toBe(7);
      expect(sut.isWorkingDay('2024-02-04')).toBe(true);
      expect(sut.isWorkingDay('2024-02-18')).toBe(true);
      expect(sut.isWorkingDay('2025-01-26')).toBe(true);
      expect(sut.isWorkingDay('2025-02-08')).toBe(true);
      expect(sut.isWorkingDay('2026-01-04')).toBe(true);
    });

    it('should treat 2024 National Day 10-01..07 as holidays and 10-08 as working', () => {
      for (let d = 1; d <= 7; d++) expect(sut.isWorkingDay(`2024-10-0${d}`)).toBe(false);
      expect(sut.isWorkingDay('2024-10-08')).toBe(true);
      expect(sut.isWorkingDay('2024-09-29')).toBe(true); // Sunday 补班
      expect(sut.isWorkingDay('2024-10-12')).toBe(true); // Saturday 补班
    });

    it('should treat 2025 Spring Festival 01-28..02-04 as holidays', () => {
      for (let d = addDays('2025-01-28', 0); d <= '2025-02-04'; d = addDays(d, 1)) {
        expect(sut.isWorkingDay(d)).toBe(false);
      }
      expect(sut.isWorkingDay('2025-01-27')).toBe(true);
      expect(sut.isWorkingDay('2025-02-05')).toBe(true);
    });

    it('should treat ordinary weekends as rest days and weekdays as working', () => {
      expect(sut.isWorkingDay('2024-03-09')).toBe(false);
      expect(sut.isWorkingDay('2024-03-11')).toBe(true);
    });

    it('should count 251 working days in 2024 and 248 in 2025', () => {
      expect(sut.countWorkingDays('2024-01-01', '2024-12-31')).toBe(251);
      expect(sut.countWorkingDays('2025-01-01', '2025-12-31')).toBe(248);
    });
  });

  describe('overrides', () => {
    const cal = createWorkingCalendar({
      overrides: [
        { date: '2026-03-10', kind: 'holiday', name: '防台风停工' },
        { date: '2024-02-04', kind: 'holiday' },
        { date: '2026-03-14', kind: 'workday', name: '补班' },
        { date: '2024-10-03', kind: 'workday' },
      ],
    });

    it('should win over the weekend rule and the official data', () => {
      expect(cal.isWorkingDay('2026-03-10')).toBe(false);
      expect(cal.holidayName('2026-03-10')).toBe('防台风停工');
      expect(cal.isWorkingDay('2026-03-14')).toBe(true);
      expect(cal.holidayName('2026-03-14')).toBeUndefined();
      expect(cal.isWorkingDay('2024-02-04')).toBe(false);
      expect(cal.isWorkingDay('2024-10-03')).toBe(true);
      expect(cal.dayInfo('2024-10-03').kind).toBe('local-workday');
    });

    it('should let the later of two overrides for one date win', () => {
      const c = createWorkingCalendar({
        overrides: [
          { date: '2026-03-10', kind: 'holiday' },
          { date: '2026-03-10', kind: 'workday' },
        ],
      });
      expect(c.isWorkingDay('2026-03-10')).toBe(true);
    });

    it('should reject malformed overrides', () => {
      expect(() => createWorkingCalendar({ overrides: [{ date: '2026-02-30', kind: 'holiday' }] })).toThrow(
        /CAL_INVALID_DATE/,
      );
      expect(() =>
        createWorkingCalendar({ overrides: [{ date: '2026-02-03', kind: 'rest' as 'holiday' }] }),
      ).toThrow(/CAL_INVALID_OVERRIDE/);
    });

    it('should update counts that were computed before (no stale cache across calendars)', () => {
      expect(sut.countWorkingDays('2026-03-09', '2026-03-15')).toBe(5);
      expect(cal.countWorkingDays('2026-03-09', '2026-03-15')).toBe(5); // -1 holiday, +1 Saturday
    });
  });

  describe('years without official data', () => {
    it('should fall back to the weekend rule and flag the date as not covered', () => {
      expect(sut.isCovered(2026)).toBe(true);
      expect(sut.isCovered('2030-01-01')).toBe(false);
      expect(sut.isWorkingDay('2030-01-01')).toBe(true); // Tuesday; 元旦 unknown without the notice
      expect(sut.dayInfo('2030-01-01')).toEqual({
        date: '2030-01-01',
        working: true,
        kind: 'weekday',
        isoWeekday: 2,
        covered: false,
      });
      expect(sut.dayInfo('2003-05-01').covered).toBe(false);
    });

    it('should accept an arrangement entered as overrides and declared covered', () => {
      const cal = createWorkingCalendar({
        overrides: [{ date: '2030-01-01', kind: 'holiday', name: '元旦' }],
        coveredYears: [2030],
      });
      expect(cal.isCovered(2030)).toBe(true);
      expect(cal.holidayName('2030-01-01')).toBe('元旦');
      expect(cal.coveredYears.at(-1)).toBe(2030);
    });
  });

  describe('holidayName and dayInfo', () => {
    it('should name official holidays in Chinese and nothing else', () => {
      expect(sut.holidayName('2024-10-03')).toBe('国庆节');
      expect(sut.holidayName('2025-01-29')).toBe('春节');
      expect(sut.holidayName('2024-02-04')).toBeUndefined(); // 补班: a working day
      expect(sut.holidayName('2024-03-09')).toBeUndefined(); // ordinary Saturday
      expect(sut.holidayName('2024-03-11')).toBeUndefined();
    });

    it('should explain 调休 working days', () => {
      expect(sut.dayInfo('2024-02-04')).toEqual({
        date: '2024-02-04',
        working: true,
        kind: 'official-workday',
        name: '春节',
        isoWeekday: 7,
        covered: true,
      });
      expect(sut.dayInfo('2024-10-05').kind).toBe('official-holiday');
      expect(sut.dayInfo('2024-03-09').kind).toBe('weekend');
    });

    it('should throw on malformed dates', () => {
      expect(() => sut.isWorkingDay('2024-2-4')).toThrow(/CAL_INVALID_DATE/);
      expect(() => sut.isCovered('soon')).toThrow(/CAL_INVALID_DATE/);
    });
  });

  describe('addWorkingDays', () => {
    it('should skip National Day and land on the 调休 Saturday', () => {
      expect(sut.addWorkingDays('2024-09-30', 1)).toBe('2024-10-08');
      expect(sut.addWorkingDays('2024-10-08', -1)).toBe('2024-09-30');
      expect(sut.addWorkingDays('2024-10-11', 1)).toBe('2024-10-12');
      expect(sut.addWorkingDays('2024-09-27', 1)).toBe('2024-09-29');
    });

    it('should cross the 2025 Spring Festival and the year end', () => {
      expect(sut.addWorkingDays('2025-01-27', 1)).toBe('2025-02-05');
      expect(sut.addWorkingDays('2024-12-31', 1)).toBe('2025-01-02');
      expect(sut.addWorkingDays('2025-01-02', -1)).toBe('2024-12-31');
      expect(sut.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04'); // 01-01..03 off, Sunday 01-04 is 补班
    });

    it('should roll a non-working date forward when n = 0', () => {
      expect(sut.addWorkingDays('2024-10-01', 0)).toBe('2024-10-08');
      expect(sut.addWorkingDays('2024-10-08', 0)).toBe('2024-10-08');
      expect(sut.addWorkingDays('2024-03-09', 0)).toBe('2024-03-11');
    });

    it('should handle leap days', () => {
      expect(sut.addWorkingDays('2024-02-28', 1)).toBe('2024-02-29');
      expect(sut.addWorkingDays('2024-02-29', 1)).toBe('2024-03-01');
      expect(weekendsOnly.addWorkingDays('2028-02-28', 1)).toBe('2028-02-29');
    });

    it('should reject non-integer n', () => {
      expect(() => sut.addWorkingDays('2024-02-28', 1.5)).toThrow(/CAL_INVALID_ARGUMENT/);
    });
  });

  describe('workingDaysBetween', () => {
    it('should count the half-open interval (a, b]', () => {
      expect(sut.workingDaysBetween('2024-03-11', '2024-03-11')).toBe(0);
      expect(sut.workingDaysBetween('2024-03-08', '2024-03-11')).toBe(1); // Fri -> Mon
      expect(sut.workingDaysBetween('2024-03-11', '2024-03-08')).toBe(-1);
      expect(sut.workingDaysBetween('2024-03-09', '2024-03-10')).toBe(0);
      expect(Object.is(sut.workingDaysBetween('2024-03-10', '2024-03-09'), 0)).toBe(true); // +0, not -0
      expect(sut.workingDaysBetween('2024-09-30', '2024-10-08')).toBe(1);
      expect(sut.workingDaysBetween('2024-01-01', '2024-12-31')).toBe(251);
      expect(sut.workingDaysBetween('2023-12-31', '2024-12-31')).toBe(251);
    });

    it('should match a day-by-day count over multi-year spans', () => {
      fc.assert(
        fc.property(dateArb('2019-06-01', '2028-06-30'), fc.integer({ min: -800, max: 800 }), (a, delta) => {
          const b = addDays(a, delta);
          expect(sut.workingDaysBetween(a, b)).toBe(naiveBetween(sut, a, b));
        }),
        { numRuns: 60 },
      );
    });
  });

  describe('countWorkingDays', () => {
    it('should count both ends', () => {
      expect(sut.countWorkingDays('2024-03-11', '2024-03-11')).toBe(1);
      expect(sut.countWorkingDays('2024-03-09', '2024-03-09')).toBe(0);
      expect(sut.countWorkingDays('2024-03-11', '2024-03-15')).toBe(5);
      expect(sut.countWorkingDays('2024-10-01', '2024-10-07')).toBe(0);
      expect(sut.countWorkingDays('2024-03-15', '2024-03-11')).toBe(0);
    });
  });

  describe('nthWorkingDayOfMonth', () => {
    it('should find the first working day after a holiday week', () => {
      expect(sut.nthWorkingDayOfMonth(2024, 10, 1)).toBe('2024-10-08');
      expect(sut.nthWorkingDayOfMonth(2024, 10, 5)).toBe('2024-10-12'); // 08..11, then 调休 Saturday
      expect(sut.nthWorkingDayOfMonth(2025, 2, 1)).toBe('2025-02-05');
      expect(sut.nthWorkingDayOfMonth(2026, 1, 1)).toBe('2026-01-04'); // Sunday 补班
    });

    it('should count from the end for negative n', () => {
      expect(sut.nthWorkingDayOfMonth(2024, 9, -1)).toBe('2024-09-30');
      expect(sut.nthWorkingDayOfMonth(2024, 12, -1)).toBe('2024-12-31');
      expect(sut.nthWorkingDayOfMonth(2024, 2, -1)).toBe('2024-02-29');
      expect(sut.nthWorkingDayOfMonth(2024, 2, -2)).toBe('2024-02-28');
    });

    it('should return undefined when the month has too few working days', () => {
      expect(sut.nthWorkingDayOfMonth(2024, 2, 18)).toBe('2024-02-29');
      expect(sut.nthWorkingDayOfMonth(2024, 2, 19)).toBeUndefined();
      expect(sut.nthWorkingDayOfMonth(2024, 2, -19)).toBeUndefined();
    });

    it('should reject n = 0 and bad months', () => {
      expect(() => sut.nthWorkingDayOfMonth(2024, 2, 0)).toThrow(/CAL_INVALID_ARGUMENT/);
      expect(() => sut.nthWorkingDayOfMonth(2024, 13, 1)).toThrow(/CAL_INVALID_ARGUMENT/);
    });

    it('should agree with addWorkingDays from the last day of the previous month', () => {
      fc.assert(
        fc.property(fc.integer({ min: 2004, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 15 }), (y, m, n) => {
          const prevEnd = addDays(`${y}-${String(m).padStart(2, '0')}-01`, -1);
          expect(sut.nthWorkingDayOfMonth(y, m, n)).toBe(sut.addWorkingDays(prevEnd, n));
        }),
        { numRuns: 100 },
      );
    });
  });

  describe('properties', () => {
    const anyDate = dateArb('2003-01-01', '2032-12-31');
    const anyN = fc.integer({ min: -60, max: 60 });

    it('should always return a working day', () => {
      fc.assert(
        fc.property(anyDate, anyN, (d, n) => {
          expect(sut.isWorkingDay(sut.addWorkingDays(d, n))).toBe(true);
        }),
      );
    });

    it('should return to a working day <= d after going n forward and n back', () => {
      fc.assert(
        fc.property(anyDate, fc.integer({ min: 1, max: 60 }), (d, n) => {
          const back = sut.addWorkingDays(sut.addWorkingDays(d, n), -n);
          expect(back <= d).toBe(true);
          expect(sut.isWorkingDay(back)).toBe(true);
          // back is the last working day on or before d: no working day in (back, d].
          expect(sut.workingDaysBetween(back, d)).toBe(0);
          if (sut.isWorkingDay(d)) expect(back).toBe(d);
        }),
      );
    });

    it('should return to a working day >= d after going n back and n forward', () => {
      fc.assert(
        fc.property(anyDate, fc.integer({ min: 1, max: 60 }), (d, n) => {
          const fwd = sut.addWorkingDays(sut.addWorkingDays(d, -n), n);
          expect(fwd >= d).toBe(true);
          expect(fwd).toBe(sut.addWorkingDays(d, 0));
        }),
      );
    });

    it('should be monotonic in n (strictly, except n = 0 -> 1 from a rest day) and in d', () => {
      fc.assert(
        fc.property(anyDate, anyN, fc.integer({ min: 0, max: 30 }), (d, n, k) => {
          const next = sut.addWorkingDays(d, n + 1);
          const cur = sut.addWorkingDays(d, n);
          if (n === 0 && !sut.isWorkingDay(d)) expect(next).toBe(cur);
          else expect(next > cur).toBe(true);
          expect(sut.addWorkingDays(addDays(d, k), n) >= sut.addWorkingDays(d, n)).toBe(true);
        }),
      );
    });

    it('should invert addWorkingDays with workingDaysBetween', () => {
      fc.assert(
        fc.property(anyDate, anyN, (d, n) => {
          const start = sut.addWorkingDays(d, 0);
          expect(sut.workingDaysBetween(start, sut.addWorkingDays(start, n))).toBe(n);
          if (n > 0) expect(sut.workingDaysBetween(d, sut.addWorkingDays(d, n))).toBe(n);
        }),
      );
    });

    it('should be antisymmetric and additive', () => {
      fc.assert(
        fc.property(anyDate, anyDate, anyDate, (a, b, c) => {
          expect(sut.workingDaysBetween(a, b) + sut.workingDaysBetween(b, a)).toBe(0);
          expect(sut.workingDaysBetween(a, b) + sut.workingDaysBetween(b, c)).toBe(sut.workingDaysBetween(a, c));
        }),
      );
    });

    it('should give the same answers in any process time zone', () => {
      const probe = () => [
        sut.isWorkingDay('2024-02-04'),
        sut.addWorkingDays('2024-09-30', 1),
        sut.workingDaysBetween('2024-03-08', '2024-03-11'),
        sut.nthWorkingDayOfMonth(2026, 1, 1),
        isoWeekday('2024-03-10'),
        addDays('2024-03-09', 1), // a DST change night in the USA
        weekendsOnly.isWorkingDay('2031-10-25'),
      ];
      const inUtc = probe();
      const saved = process.env.TZ;
      try {
        for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'America/Sao_Paulo', 'Asia/Shanghai']) {
          process.env.TZ = tz;
          expect(probe(), tz).toEqual(inUtc);
        }
      } finally {
        process.env.TZ = saved;
      }
    });
  });
});
