/**
 * Reporting cycles (填报周期): which periods a task reports on and when each report is due.
 */
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { addDays, daysBetween, daysInMonth, isIsoDate, isoDate, isoWeekday } from '../calendar/iso-date.ts';

/** How often a unit reports progress on a task. */
export type ReportCycle = 'weekly' | 'biweekly' | 'semimonthly' | 'monthly' | 'quarterly';

/** All cycles, for schemas and select boxes. */
export const REPORT_CYCLES: readonly ReportCycle[] = Object.freeze([
  'weekly',
  'biweekly',
  'semimonthly',
  'monthly',
  'quarterly',
]);

/** Largest accepted `nthWorkingDay`; every month has at least this many working days in the official data. */
export const MAX_NTH_WORKING_DAY = 10;

/** Input of {@link reportDueDates}. */
export interface ReportScheduleInput {
  cycle: ReportCycle;
  /** The report on a period is due on this working day after the period ends (1..{@link MAX_NTH_WORKING_DAY}). */
  nthWorkingDay: number;
  /** First day of reporting, usually the day the task was published (`YYYY-MM-DD`). */
  from: string;
  /** Last day of reporting, usually the task's (extended) deadline (`YYYY-MM-DD`). */
  to: string;
}

/** One report a task owes. */
export interface ReportDue {
  /**
   * Stable key of the period, unique per task and cycle, for storage and for "remind once" bookkeeping:
   * `2026-W10` (weekly, ISO week), `2026-03-02/14` (biweekly: start date and length), `2026-03-H1`/`-H2`
   * (semimonthly), `2026-03` (monthly), `2026-Q1` (quarterly).
   */
  key: string;
  /** Chinese label, e.g. `2026年3月`, `2026年第1季度`, `2026年3月上半月`, `2026年第10周`. */
  label: string;
  /** First day of the period, clipped to `from`. */
  periodStart: string;
  /** Last day of the period, clipped to `to`. */
  periodEnd: string;
  /** Due date: the `nthWorkingDay`-th working day after the full (unclipped) period's last day. */
  due: string;
}

/**
 * Lists the reports due for a task between `from` and `to`.
 *
 * Periods are calendar periods; every period that overlaps [from, to] owes one report, including a partial first
 * or last period. The report is due on the N-th working day after the end of the full period:
 * `calendar.addWorkingDays(fullPeriodEnd, N)`. For monthly and quarterly cycles this is the N-th working day of
 * the following month (月报 "每月第N个工作日前报送上月进展"), so holidays such as National Day push it back.
 * - weekly: ISO weeks, Monday–Sunday.
 * - biweekly: 14-day periods starting on the Monday of the week containing `from`.
 * - semimonthly (半月报): the 1st–15th and the 16th–end of each month.
 * - monthly: calendar months. quarterly: calendar quarters.
 *
 * @param input cycle, N, and the reporting span
 * @param calendar the office's working calendar
 * @returns reports in period order, due dates non-decreasing (two weekly reports can fall due on the same day after a
 *   holiday week); empty when `to < from`
 * @throws RangeError (`SUP_INVALID_SCHEDULE`) when the cycle is unknown or `nthWorkingDay` is not an integer in
 *   1..{@link MAX_NTH_WORKING_DAY}; (`CAL_INVALID_DATE`) for malformed dates
 * @example
 * reportDueDates({ cycle: 'monthly', nthWorkingDay: 5, from: '2024-09-10', to: '2024-10-31' }, cal)
 * // [{ key: '2024-09', label: '2024年9月', periodStart: '2024-09-10', periodEnd: '2024-09-30', due: '2024-10-12' },
 * //  { key: '2024-10', label: '2024年10月', periodStart: '2024-10-01', periodEnd: '2024-10-31', due: '2024-11-07' }]
 */
export function reportDueDates(input: ReportScheduleInput, calendar: WorkingCalendar): ReportDue[] {
  const { cycle, nthWorkingDay: n, from, to } = input;
  if (!REPORT_CYCLES.includes(cycle)) {
    throw new RangeError(`SUP_INVALID_SCHEDULE: unknown cycle ${JSON.stringify(cycle)}`);
  }
  if (!Number.isInteger(n) || n < 1 || n > MAX_NTH_WORKING_DAY) {
    throw new RangeError(`SUP_INVALID_SCHEDULE: nthWorkingDay must be an integer in 1..${MAX_NTH_WORKING_DAY}, got ${n}`);
  }
  for (const d of [from, to]) {
    if (!isIsoDate(d)) throw new RangeError(`CAL_INVALID_DATE: expected a YYYY-MM-DD date, got ${JSON.stringify(d)}`);
  }
  const out: ReportDue[] = [];
  if (to < from) return out;

  let period = firstPeriod(cycle, from);
  while (period.start <= to) {
    out.push({
      key: period.key,
      label: period.label,
      periodStart: period.start < from ? from : period.start,
      periodEnd: period.end > to ? to : period.end,
      due: calendar.addWorkingDays(period.end, n),
    });
    period = nextPeriod(cycle, period);
  }
  return out;
}

interface Period {
  start: string;
  end: string;
  key: string;
  label: string;
}

function firstPeriod(cycle: ReportCycle, from: string): Period {
  const y = Number(from.slice(0, 4));
  const m = Number(from.slice(5, 7));
  const d = Number(from.slice(8, 10));
  switch (cycle) {
    case 'weekly':
      return weekPeriod(addDays(from, 1 - isoWeekday(from)));
    case 'biweekly':
      return fortnightPeriod(addDays(from, 1 - isoWeekday(from)));
    case 'semimonthly':
      return halfMonthPeriod(y, m, d <= 15 ? 1 : 2);
    case 'monthly':
      return monthPeriod(y, m);
    case 'quarterly':
      return quarterPeriod(y, Math.ceil(m / 3));
  }
}

function nextPeriod(cycle: ReportCycle, p: Period): Period {
  const next = addDays(p.end, 1);
  const y = Number(next.slice(0, 4));
  const m = Number(next.slice(5, 7));
  switch (cycle) {
    case 'weekly':
      return weekPeriod(next);
    case 'biweekly':
      return fortnightPeriod(next);
    case 'semimonthly':
      return halfMonthPeriod(y, m, next.endsWith('-16') ? 2 : 1);
    case 'monthly':
      return monthPeriod(y, m);
    case 'quarterly':
      return quarterPeriod(y, Math.ceil(m / 3));
  }
}

function weekPeriod(monday: string): Period {
  const { year, week } = isoWeek(monday);
  return {
    start: monday,
    end: addDays(monday, 6),
    key: `${year}-W${String(week).padStart(2, '0')}`,
    label: `${year}年第${week}周`,
  };
}

function fortnightPeriod(monday: string): Period {
  const end = addDays(monday, 13);
  return { start: monday, end, key: `${monday}/14`, label: `${monday}至${end}` };
}

function halfMonthPeriod(y: number, m: number, half: 1 | 2): Period {
  return {
    start: isoDate(y, m, half === 1 ? 1 : 16),
    end: isoDate(y, m, half === 1 ? 15 : daysInMonth(y, m)),
    key: `${y}-${String(m).padStart(2, '0')}-H${half}`,
    label: `${y}年${m}月${half === 1 ? '上' : '下'}半月`,
  };
}

function monthPeriod(y: number, m: number): Period {
  return {
    start: isoDate(y, m, 1),
    end: isoDate(y, m, daysInMonth(y, m)),
    key: `${y}-${String(m).padStart(2, '0')}`,
    label: `${y}年${m}月`,
  };
}

function quarterPeriod(y: number, q: number): Period {
  const lastMonth = q * 3;
  return {
    start: isoDate(y, lastMonth - 2, 1),
    end: isoDate(y, lastMonth, daysInMonth(y, lastMonth)),
    key: `${y}-Q${q}`,
    label: `${y}年第${q}季度`,
  };
}

/** ISO 8601 week-numbering year and week of a date. */
function isoWeek(date: string): { year: number; week: number } {
  // The week belongs to the year of its Thursday.
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const dayOfYear = daysBetween(isoDate(year, 1, 1), thursday);
  return { year, week: Math.floor(dayOfYear / 7) + 1 };
}
