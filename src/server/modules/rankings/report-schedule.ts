import type { WorkingCalendar } from '../../../core/calendar/index.ts';
import { reportDueDates, type ReportCycle } from '../../../core/supervision/index.ts';

/** Tasks that share a reporting schedule: counted together so that 6,000 tasks need a few dozen schedules. */
export interface ScheduleGroup {
  cycle: ReportCycle;
  nthWorkingDay: number;
  /** First day of reporting (the task's start). */
  from: string;
  /** Last day of reporting: deadline, closing day or the horizon, whichever comes first. */
  to: string;
  /** How many tasks share it. */
  tasks: number;
}

/**
 * Counts the reports owed by groups of tasks whose due date falls in [from, to] (inclusive), memoised per schedule.
 * @returns a function from a group to the number of reports each of its tasks owes in the window
 */
export function dueReportCounter(calendar: WorkingCalendar, window: { from: string | null; to: string }) {
  const memo = new Map<string, number>();
  return (g: Omit<ScheduleGroup, 'tasks'>): number => {
    const key = `${g.cycle}|${g.nthWorkingDay}|${g.from}|${g.to}`;
    let n = memo.get(key);
    if (n === undefined) {
      n = reportDueDates({ cycle: g.cycle, nthWorkingDay: g.nthWorkingDay, from: g.from, to: g.to }, calendar).filter(
        (d) => d.due <= window.to && (window.from === null || d.due >= window.from),
      ).length;
      memo.set(key, n);
    }
    return n;
  };
}

/**
 * Reports owed per due month by one schedule, for the burden meter.
 * @returns month (`YYYY-MM`) -> count
 */
export function dueReportsByMonth(calendar: WorkingCalendar, g: Omit<ScheduleGroup, 'tasks'>, window: { from: string; to: string }): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of reportDueDates({ cycle: g.cycle, nthWorkingDay: g.nthWorkingDay, from: g.from, to: g.to }, calendar)) {
    if (d.due < window.from || d.due > window.to) continue;
    const month = d.due.slice(0, 7);
    out.set(month, (out.get(month) ?? 0) + 1);
  }
  return out;
}
