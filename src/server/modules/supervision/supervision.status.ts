import type { Kysely } from 'kysely';
import type { WorkingCalendar } from '../../../core/calendar/index.ts';
import { addDays } from '../../../core/calendar/index.ts';
import {
  computeTaskStatus,
  effectiveDueDate,
  reportDueDates,
  type ReportDue,
  type ReportState,
  type TaskStatus,
} from '../../../core/supervision/index.ts';
import type { Database } from '../../db/schema.ts';
import type { ReportStatusName } from '../../db/schema-supervision.ts';
import { CalendarCache } from './supervision.calendar.ts';
import { officeDate } from './supervision.clock.ts';
import {
  listKpisOfTasks,
  listReportStatesOfTasks,
  listStaleTaskIdsInScope,
  listStatusFactsOfTasks,
  saveLights,
  type ComputedLight,
  type KpiRow,
  type StatusFactsRow,
} from './supervision.queries.ts';
import type { Scope } from '../auth/auth.actor.ts';

/** Standing tasks (no deadline) report on a rolling window this far ahead. */
const STANDING_HORIZON_DAYS = 120;

const STATE_RANK: Record<ReportState, number> = { missing: 0, draft: 1, returned: 2, submitted: 3, accepted: 4 };

export interface ScheduledReport extends ReportDue {
  state: ReportState;
}

export interface TaskEvaluation {
  status: TaskStatus;
  /** Effective deadline (approved extension, rolled to a working day), or null for standing tasks. */
  deadline: string | null;
  schedule: ScheduledReport[];
  /** Earliest report not yet delivered (may be overdue), or null. */
  nextReport: ScheduledReport | null;
}

const scheduleMemo = new Map<string, ReportDue[]>();

/** reportDueDates with a small memo: the tasks of one plan share cycle, start and deadline. */
function schedule(cycle: StatusFactsRow['cycle'], nth: number, from: string, to: string, calendar: WorkingCalendar, calendarKey: string): ReportDue[] {
  const key = `${calendarKey}|${cycle}|${nth}|${from}|${to}`;
  let due = scheduleMemo.get(key);
  if (!due) {
    due = reportDueDates({ cycle, nthWorkingDay: nth, from, to }, calendar);
    if (scheduleMemo.size > 5000) scheduleMemo.clear();
    scheduleMemo.set(key, due);
  }
  return due;
}

/**
 * Evaluates one task on the office calendar: its report schedule joined with the stored reports, and the
 * core status light. Pure given its inputs.
 */
export function evaluateTask(
  task: StatusFactsRow,
  reports: readonly { period: string; status: ReportStatusName }[],
  kpis: readonly Pick<KpiRow, 'metric' | 'attainment' | 'by_date'>[],
  calendar: WorkingCalendar,
  today: string,
): TaskEvaluation {
  const deadlineInput = task.due_date ? { due: task.due_date, extendedTo: task.extended_due_date } : null;
  const deadline = deadlineInput ? effectiveDueDate(deadlineInput, calendar) : null;
  const to = deadline ?? addDays(today > task.start_on ? today : task.start_on, STANDING_HORIZON_DAYS);
  const best = new Map<string, ReportState>();
  for (const r of reports) {
    const prev = best.get(r.period) ?? 'missing';
    if (STATE_RANK[r.status] > STATE_RANK[prev]) best.set(r.period, r.status);
  }
  const due = to >= task.start_on ? schedule(task.cycle, task.nth_working_day, task.start_on, to, calendar, task.region_path) : [];
  const scheduled: ScheduledReport[] = due.map((d) => ({ ...d, state: best.get(d.key) ?? 'missing' }));
  const closedOn = officeDate(task.closed_at);
  const status = computeTaskStatus(
    {
      signedOn: officeDate(task.signed_at),
      closedOn,
      startOn: task.start_on,
      deadline: deadlineInput,
      reports: scheduled.map((s) => ({ label: s.label, key: s.key, due: s.due, state: s.state })),
      progressPercent: task.progress,
      kpis: kpis.map((k) => ({ name: k.metric, attainment: k.attainment, by: k.by_date })),
    },
    {
      today,
      calendar,
      thresholds: { dueSoonWorkingDays: task.due_soon_days, progressLagPercent: task.progress_lag_pct },
    },
  );
  const nextReport = scheduled.find((s) => s.state !== 'submitted' && s.state !== 'accepted') ?? null;
  return { status, deadline, schedule: scheduled, nextReport };
}

/** Loads facts for many tasks and evaluates each (the caller decides what to do with the result). */
export async function evaluateTasks(db: Kysely<Database>, tasks: readonly StatusFactsRow[], today: string, calendars = new CalendarCache(db)) {
  const ids = tasks.map((t) => t.id);
  const [reports, kpis] = await Promise.all([listReportStatesOfTasks(db, ids), listKpisOfTasks(db, ids)]);
  const reportsByTask = groupBy(reports, (r) => r.task_id);
  const kpisByTask = groupBy(kpis, (k) => k.task_id);
  const out: { task: StatusFactsRow; evaluation: TaskEvaluation }[] = [];
  for (const task of tasks) {
    const calendar = await calendars.forRegionPath(task.region_path);
    out.push({ task, evaluation: evaluateTask(task, reportsByTask.get(task.id) ?? [], kpisByTask.get(task.id) ?? [], calendar, today) });
  }
  return out;
}

function toComputed(task: StatusFactsRow, e: TaskEvaluation): ComputedLight {
  return { id: task.id, light: e.status.light, reasons: e.status.reasons, nextReportDue: e.nextReport?.due ?? null, effectiveDueDate: e.deadline };
}

/** Recomputes and stores the lights of the given tasks (call inside the write's transaction). */
export async function refreshTaskLights(db: Kysely<Database>, taskIds: readonly string[], today: string): Promise<void> {
  if (taskIds.length === 0) return;
  const tasks = await listStatusFactsOfTasks(db, { ids: taskIds });
  const evaluated = await evaluateTasks(db, tasks, today);
  await saveLights(db, evaluated.map(({ task, evaluation }) => toComputed(task, evaluation)), today);
}

const REFRESH_BATCH = 1000;

/** Recomputes every stale light: open tasks not computed today, and any marked stale (the daily job; cheap when nothing is stale). */
export async function refreshStaleLights(db: Kysely<Database>, today: string): Promise<number> {
  let refreshed = 0;
  const calendars = new CalendarCache(db);
  for (;;) {
    const tasks = await listStatusFactsOfTasks(db, { staleBefore: today, limit: REFRESH_BATCH });
    if (tasks.length === 0) return refreshed;
    const evaluated = await evaluateTasks(db, tasks, today, calendars);
    await saveLights(db, evaluated.map(({ task, evaluation }) => toComputed(task, evaluation)), today);
    refreshed += tasks.length;
  }
}

/** Before a list or an aggregate is read: refresh the stale lights (and effective deadlines) the caller could see, in batches. */
export async function refreshStaleLightsInScope(db: Kysely<Database>, scope: Scope, today: string): Promise<void> {
  const calendars = new CalendarCache(db);
  for (;;) {
    const ids = await listStaleTaskIdsInScope(db, scope, today, REFRESH_BATCH);
    if (ids.length === 0) return;
    const tasks = await listStatusFactsOfTasks(db, { ids });
    const evaluated = await evaluateTasks(db, tasks, today, calendars);
    await saveLights(db, evaluated.map(({ task, evaluation }) => toComputed(task, evaluation)), today);
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
