import type { Kysely } from 'kysely';
import { addDays, daysInMonth } from '../../../core/calendar/index.ts';
import type { Database } from '../../db/schema.ts';
import type { LightName, TaskStatusName } from '../../db/schema-supervision.ts';
import { AppError } from '../../errors.ts';
import { scopeOf, type Actor } from '../auth/auth.actor.ts';
import { dueReportsByMonth } from '../rankings/report-schedule.ts';
import { CalendarCache } from '../supervision/supervision.calendar.ts';
import { officeToday } from '../supervision/supervision.clock.ts';
import { canCloseTask, canDecideRequests } from '../supervision/supervision.permissions.ts';
import { refreshStaleLightsInScope } from '../supervision/supervision.status.ts';
import {
  dashboardTotals,
  filedReportStats,
  kpiBuckets,
  listDrillTasks,
  listPendingRequests,
  listTasksToClose,
  listUnitSchedules,
  monthlySeries,
  tasksByChapter,
  tasksByUnit,
  type DrillFilter,
  type KpiBucket,
} from './dashboard.queries.ts';

const KPI_BUCKETS: readonly KpiBucket[] = ['met', '80to100', '50to80', 'lt50', 'none'];
const MAX_MONTHS = 24;

function presentDrillTask(r: Awaited<ReturnType<typeof listDrillTasks>>['rows'][number]) {
  return {
    id: r.id,
    measureNumber: r.measure_number,
    title: (r.title || r.text).replace(/\s+/g, ' ').slice(0, 80),
    unitName: r.unit_name,
    dueDate: r.due,
    light: r.light,
    reason: r.reason,
    reasonCode: r.reason_code,
  };
}

function firstMonthOf(firstStart: string, today: string): string {
  const earliest = addDays(`${today.slice(0, 7)}-01`, -31 * (MAX_MONTHS - 1)).slice(0, 7);
  const first = firstStart.slice(0, 7);
  return first < earliest ? earliest : first > today.slice(0, 7) ? today.slice(0, 7) : first;
}

/** The 督查看板 aggregates, computed in SQL over the tasks in the actor's scope (lights refreshed first). */
export async function getDashboard(db: Kysely<Database>, actor: Actor, query: { planId?: string }, now: Date) {
  const today = officeToday(now);
  const scope = scopeOf(actor);
  await refreshStaleLightsInScope(db, scope, today);
  const filter = { planId: query.planId };
  const totals = await dashboardTotals(db, scope, filter, today);
  const [series, chapters, units, kpis, red] = await Promise.all([
    totals.first_start ? monthlySeries(db, scope, filter, firstMonthOf(totals.first_start, today), today) : Promise.resolve([]),
    tasksByChapter(db, scope, filter),
    tasksByUnit(db, scope, filter),
    kpiBuckets(db, scope, filter),
    listDrillTasks(db, scope, { ...filter, light: 'red', offset: 0, limit: 20 }, today),
  ]);
  const kpiBy = new Map(kpis.map((k) => [k.bucket, k.count]));
  return {
    asOf: today,
    totals: { tasks: totals.tasks, done: totals.done, red: totals.red, yellow: totals.yellow, green: totals.green, grey: totals.grey, overdue: totals.overdue },
    completionOverTime: series.map((s) => ({ month: s.month, done: s.done, total: s.total, rate: s.total > 0 ? s.done / s.total : 0 })),
    byChapter: chapters.map((c) => ({ section: c.section, tasks: c.tasks, done: c.done, red: c.red })),
    byUnit: units.map((u) => ({ unitId: u.unit_id, unitName: u.unit_name, tasks: u.tasks, done: u.done, red: u.red })),
    overdueTrend: series.map((s) => ({ month: s.month, overdue: s.overdue })),
    kpiAttainment: KPI_BUCKETS.map((bucket) => ({ bucket, count: kpiBy.get(bucket) ?? 0 })),
    redTasks: red.rows.map(presentDrillTask),
  };
}

export interface DrillQuery {
  planId?: string;
  unitId?: string;
  section?: string;
  light?: LightName;
  overdue?: boolean;
  overdueIn?: string;
  doneBy?: string;
  kpiBucket?: KpiBucket;
  page: number;
  pageSize: number;
}

/** The tasks behind one chart element (a bar, a point, a slice). */
export async function getDrillTasks(db: Kysely<Database>, actor: Actor, query: DrillQuery, now: Date) {
  const today = officeToday(now);
  const filter: DrillFilter = { ...query, offset: (query.page - 1) * query.pageSize, limit: query.pageSize };
  const { rows, total } = await listDrillTasks(db, scopeOf(actor), filter, today);
  return { items: rows.map(presentDrillTask), total };
}

/**
 * The reporting-burden meter (填报负担): per unit and month, reports and fields the platform asked for (from the
 * tasks' reporting schedules on the working calendar), reports filed, and the median time the form was open.
 */
export async function getBurden(db: Kysely<Database>, actor: Actor, query: { month?: string }, now: Date) {
  const today = officeToday(now);
  let from: string;
  let to: string;
  if (query.month) {
    const [y, m] = query.month.split('-').map(Number);
    from = `${query.month}-01`;
    to = `${query.month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
    if (from > today) throw new AppError('VALIDATION', '月份不能晚于当前月份', [{ field: 'querystring.month', message: 'must not be in the future' }]);
  } else {
    // The last six months, this one included.
    from = `${addDays(`${today.slice(0, 7)}-01`, -31 * 5).slice(0, 7)}-01`;
    to = today;
  }
  const scope = scopeOf(actor);
  const calendar = await new CalendarCache(db).forRegionPath(actor.regionPath ?? '/');
  const [schedules, filed] = await Promise.all([listUnitSchedules(db, scope, to), filedReportStats(db, scope, { from, to })]);
  const rows = new Map<string, { unitId: string; unitName: string; month: string; reportsAsked: number; reportsFiled: number; fieldsAsked: number; medianFillSeconds: number | null }>();
  const names = new Map<string, string>();
  const row = (unitId: string, month: string) => {
    const key = `${unitId}|${month}`;
    let r = rows.get(key);
    if (!r) {
      r = { unitId, unitName: names.get(unitId) ?? '', month, reportsAsked: 0, reportsFiled: 0, fieldsAsked: 0, medianFillSeconds: null };
      rows.set(key, r);
    }
    return r;
  };
  const memo = new Map<string, Map<string, number>>();
  for (const s of schedules) {
    names.set(s.unit_id, s.unit_name);
    const key = `${s.cycle}|${s.nth_working_day}|${s.start_on}|${s.end_on}`;
    let byMonth = memo.get(key);
    if (!byMonth) {
      byMonth = dueReportsByMonth(calendar, { cycle: s.cycle, nthWorkingDay: s.nth_working_day, from: s.start_on, to: s.end_on }, { from, to });
      memo.set(key, byMonth);
    }
    for (const [month, n] of byMonth) {
      const r = row(s.unit_id, month);
      r.reportsAsked += n * s.n;
      r.fieldsAsked += n * s.n * (3 + s.kpis);
    }
  }
  for (const f of filed) {
    const r = row(f.unit_id, f.month);
    r.reportsFiled = f.filed;
    r.medianFillSeconds = f.median_fill === null ? null : Math.round(Number(f.median_fill));
  }
  const items = [...rows.values()]
    .map((r) => ({ ...r, unitName: r.unitName || names.get(r.unitId) || '' }))
    .sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : a.unitName.localeCompare(b.unitName, 'zh-CN')));
  return { from, to, items, total: items.length };
}

const INBOX_LIMIT = 100;

/**
 * The office's review inbox beside the report queue: extension/transfer requests awaiting a decision and tasks
 * whose final report was accepted (ready to close), with what the actor may do on each.
 */
export async function getReviewInbox(db: Kysely<Database>, actor: Actor) {
  if (actor.role === 'unit') throw new AppError('FORBIDDEN');
  const scope = scopeOf(actor);
  const [requests, toClose] = await Promise.all([listPendingRequests(db, scope, INBOX_LIMIT), listTasksToClose(db, scope, INBOX_LIMIT)]);
  const facts = (r: { unit_id: string; region_path: string; plan_region_path: string; status: TaskStatusName }) => ({
    unitId: r.unit_id,
    regionPath: r.region_path,
    planRegionPath: r.plan_region_path,
    status: r.status,
  });
  const task = (r: (typeof requests)[number] | (typeof toClose)[number]) => ({
    id: r.task_id,
    measureNumber: r.measure_number,
    title: (r.title || r.text).replace(/\s+/g, ' ').slice(0, 80),
    unitName: r.unit_name,
    planTitle: r.plan_title,
  });
  return {
    requests: requests.map((r) => ({
      id: r.id,
      kind: r.kind,
      reason: r.reason,
      newDueDate: r.new_due_date,
      currentDueDate: r.current_due_date,
      toUnitName: r.to_unit_name,
      createdAt: r.created_at.toISOString(),
      task: task(r),
      policies: { decide: canDecideRequests(actor, facts(r)) },
    })),
    toClose: toClose.map((r) => ({
      task: task(r),
      periodLabel: r.period_label,
      acceptedAt: r.reviewed_at ? r.reviewed_at.toISOString() : null,
      policies: { close: canCloseTask(actor, facts(r), true) },
    })),
  };
}
