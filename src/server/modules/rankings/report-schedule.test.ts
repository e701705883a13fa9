import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../core/calendar/index.ts';
import { monthEnds } from '../dashboard/dashboard.queries.ts';
import { dueReportCounter, dueReportsByMonth } from './report-schedule.ts';

const cal = createWorkingCalendar();

describe('dueReportCounter', () => {
  it('should count the monthly reports due in the window, National Day pushing October 5th back', () => {
    const sut = dueReportCounter(cal, { from: null, to: '2024-10-31' });
    // Periods Jul, Aug, Sep, Oct; the September report is due on the 5th working day of October (after the holiday).
    const schedule = { cycle: 'monthly' as const, nthWorkingDay: 5, from: '2024-07-10', to: '2024-10-31' };
    expect(sut(schedule)).toBe(3);
    expect(dueReportCounter(cal, { from: null, to: '2024-10-11' })(schedule)).toBe(2);
    expect(dueReportCounter(cal, { from: null, to: '2024-10-14' })(schedule)).toBe(3);
    expect(dueReportCounter(cal, { from: '2024-09-01', to: '2024-12-31' })(schedule)).toBe(3);
  });

  it('should owe nothing when reporting ends before it starts', () => {
    expect(dueReportCounter(cal, { from: null, to: '2030-01-01' })({ cycle: 'monthly', nthWorkingDay: 5, from: '2024-07-10', to: '2024-07-01' })).toBe(0);
  });
});

describe('dueReportsByMonth', () => {
  it('should group due reports by the month they fall due', () => {
    const sut = dueReportsByMonth(cal, { cycle: 'biweekly', nthWorkingDay: 1, from: '2026-03-02', to: '2026-04-30' }, { from: '2026-03-01', to: '2026-04-30' });
    expect([...sut.entries()]).toEqual([
      ['2026-03', 2],
      ['2026-04', 2],
    ]);
  });
});

describe('monthEnds', () => {
  it('should end each month on its last day, the running month today, across a year end and February', () => {
    expect(monthEnds('2023-12', '2024-03-05')).toEqual([
      { month: '2023-12', end: '2023-12-31' },
      { month: '2024-01', end: '2024-01-31' },
      { month: '2024-02', end: '2024-02-29' },
      { month: '2024-03', end: '2024-03-05' },
    ]);
    expect(monthEnds('2024-04', '2024-03-05')).toEqual([]);
  });
});
