import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, toDayNumber } from '../calendar/iso-date.ts';
import { createWorkingCalendar } from '../calendar/working-calendar.ts';
import { MAX_NTH_WORKING_DAY, REPORT_CYCLES, reportDueDates } from './report-cycles.ts';

const cal = createWorkingCalendar();

describe(reportDueDates.name, () => {
  it('should make monthly reports due on the Nth working day of the next month, past National Day', () => {
    expect(reportDueDates({ cycle: 'monthly', nthWorkingDay: 5, from: '2024-09-10', to: '2024-10-31' }, cal)).toEqual([
      { key: '2024-09', label: '2024年9月', periodStart: '2024-09-10', periodEnd: '2024-09-30', due: '2024-10-12' },
      { key: '2024-10', label: '2024年10月', periodStart: '2024-10-01', periodEnd: '2024-10-31', due: '2024-11-07' },
    ]);
  });

  it('should cross the year end and the Spring Festival', () => {
    const r = reportDueDates({ cycle: 'monthly', nthWorkingDay: 1, from: '2024-12-01', to: '2025-01-31' }, cal);
    expect(r.map((x) => [x.key, x.due])).toEqual([
      ['2024-12', '2025-01-02'], // 01-01 is 元旦
      ['2025-01', '2025-02-05'], // 春节 01-28..02-04
    ]);
    // 2026: 01-01..03 off, Sunday 01-04 is a 调休 working day
    expect(reportDueDates({ cycle: 'monthly', nthWorkingDay: 1, from: '2025-12-15', to: '2025-12-31' }, cal)[0].due).toBe(
      '2026-01-04',
    );
  });

  it('should clip the last period to the deadline but keep the due date of the full period', () => {
    const r = reportDueDates({ cycle: 'monthly', nthWorkingDay: 3, from: '2026-03-01', to: '2026-04-15' }, cal);
    expect(r.at(-1)).toEqual({
      key: '2026-04',
      label: '2026年4月',
      periodStart: '2026-04-01',
      periodEnd: '2026-04-15',
      due: '2026-05-08', // 05-01..05 off: 06, 07, 08
    });
  });

  it('should make quarterly reports due after each quarter', () => {
    const r = reportDueDates({ cycle: 'quarterly', nthWorkingDay: 5, from: '2024-02-15', to: '2024-12-31' }, cal);
    expect(r.map((x) => [x.key, x.label, x.periodStart, x.periodEnd, x.due])).toEqual([
      ['2024-Q1', '2024年第1季度', '2024-02-15', '2024-03-31', '2024-04-08'], // 04-04..06 清明, 04-07 Sunday 补班
      ['2024-Q2', '2024年第2季度', '2024-04-01', '2024-06-30', '2024-07-05'],
      ['2024-Q3', '2024年第3季度', '2024-07-01', '2024-09-30', '2024-10-12'],
      ['2024-Q4', '2024年第4季度', '2024-10-01', '2024-12-31', '2025-01-08'],
    ]);
  });

  it('should split months into halves for semimonthly reports, including leap February', () => {
    const r = reportDueDates({ cycle: 'semimonthly', nthWorkingDay: 1, from: '2024-02-10', to: '2024-03-20' }, cal);
    expect(r.map((x) => [x.key, x.label, x.periodStart, x.periodEnd, x.due])).toEqual([
      ['2024-02-H1', '2024年2月上半月', '2024-02-10', '2024-02-15', '2024-02-18'], // 春节 02-10..17, Sunday 02-18 补班
      ['2024-02-H2', '2024年2月下半月', '2024-02-16', '2024-02-29', '2024-03-01'],
      ['2024-03-H1', '2024年3月上半月', '2024-03-01', '2024-03-15', '2024-03-18'],
      ['2024-03-H2', '2024年3月下半月', '2024-03-16', '2024-03-20', '2024-04-01'],
    ]);
  });

  it('should use ISO weeks for weekly reports across the year end', () => {
    const r = reportDueDates({ cycle: 'weekly', nthWorkingDay: 1, from: '2026-12-30', to: '2027-01-06' }, cal);
    expect(r.map((x) => [x.key, x.periodStart, x.periodEnd, x.due])).toEqual([
      ['2026-W53', '2026-12-30', '2027-01-03', '2027-01-04'],
      ['2027-W01', '2027-01-04', '2027-01-06', '2027-01-11'],
    ]);
    expect(reportDueDates({ cycle: 'weekly', nthWorkingDay: 1, from: '2024-12-30', to: '2024-12-31' }, cal)[0].key).toBe(
      '2025-W01',
    );
  });

  it('should anchor biweekly periods on the Monday of the first week', () => {
    const r = reportDueDates({ cycle: 'biweekly', nthWorkingDay: 2, from: '2024-09-18', to: '2024-10-20' }, cal);
    expect(r.map((x) => [x.key, x.periodStart, x.periodEnd, x.due])).toEqual([
      ['2024-09-16/14', '2024-09-18', '2024-09-29', '2024-10-08'], // 2nd working day after 09-29: 09-30, then 10-08
      ['2024-09-30/14', '2024-09-30', '2024-10-13', '2024-10-15'],
      ['2024-10-14/14', '2024-10-14', '2024-10-20', '2024-10-29'],
    ]);
  });

  it('should let two weekly reports fall due on the same day after a holiday week', () => {
    const r = reportDueDates({ cycle: 'weekly', nthWorkingDay: 1, from: '2018-09-24', to: '2018-10-07' }, cal); // 2018: 补班 09-29, 09-30; 国庆 10-01..07
    expect(r.map((x) => x.due)).toEqual(['2018-10-08', '2018-10-08']);
  });

  it('should return nothing for an empty span and one report for a one-day span', () => {
    expect(reportDueDates({ cycle: 'monthly', nthWorkingDay: 1, from: '2026-03-02', to: '2026-03-01' }, cal)).toEqual([]);
    expect(reportDueDates({ cycle: 'monthly', nthWorkingDay: 1, from: '2026-03-31', to: '2026-03-31' }, cal)).toHaveLength(1);
  });

  it('should reject invalid schedules', () => {
    const base = { cycle: 'monthly' as const, from: '2026-01-01', to: '2026-12-31' };
    expect(() => reportDueDates({ ...base, nthWorkingDay: 0 }, cal)).toThrow(/SUP_INVALID_SCHEDULE/);
    expect(() => reportDueDates({ ...base, nthWorkingDay: MAX_NTH_WORKING_DAY + 1 }, cal)).toThrow(/SUP_INVALID_SCHEDULE/);
    expect(() => reportDueDates({ ...base, nthWorkingDay: 1.5 }, cal)).toThrow(/SUP_INVALID_SCHEDULE/);
    expect(() => reportDueDates({ ...base, cycle: 'daily' as 'monthly', nthWorkingDay: 1 }, cal)).toThrow(/SUP_INVALID_SCHEDULE/);
    expect(() => reportDueDates({ ...base, from: '2026-02-30', nthWorkingDay: 1 }, cal)).toThrow(/CAL_INVALID_DATE/);
  });

  it('should tile the span without gaps or overlaps, with working due dates after each period', () => {
    const day = fc.integer({ min: toDayNumber('2018-01-01'), max: toDayNumber('2029-12-31') });
    fc.assert(
      fc.property(fc.constantFrom(...REPORT_CYCLES), fc.integer({ min: 1, max: MAX_NTH_WORKING_DAY }), day, fc.integer({ min: 0, max: 400 }), (cycle, n, f, len) => {
        const from = fromDayNumber(f);
        const to = addDays(from, len);
        const r = reportDueDates({ cycle, nthWorkingDay: n, from, to }, cal);
        expect(r[0].periodStart).toBe(from);
        expect(r.at(-1)!.periodEnd).toBe(to);
        for (let i = 0; i < r.length; i++) {
          expect(r[i].periodStart <= r[i].periodEnd).toBe(true);
          expect(r[i].due > r[i].periodEnd).toBe(true);
          expect(cal.isWorkingDay(r[i].due)).toBe(true);
          if (i > 0) {
            expect(r[i].periodStart).toBe(addDays(r[i - 1].periodEnd, 1));
            // Equal when a holiday week swallows two weekly due dates (e.g. both due on the 10-08 after National Day).
            expect(r[i].due >= r[i - 1].due).toBe(true);
            expect(r[i].key).not.toBe(r[i - 1].key);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
