import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { LightName } from '../../db/schema-supervision.ts';
import { listScheduleGroups } from '../rankings/rankings.queries.ts';
import type { Scope } from '../auth/auth.actor.ts';
import { managedTaskScopeSql, tasksWithMeasuresAndUnits } from '../auth/scope.queries.ts';
import { effectiveDue, finishedOn, scopedTasks, type TaskSetFilter } from '../rankings/rankings.scope.ts';

export type KpiBucket = 'none' | 'lt50' | '50to80' | '80to100' | 'met';

const BUCKET = sql<KpiBucket>`case when k.attainment is null then 'none' when k.attainment < 0.5 then 'lt50' when k.attainment < 0.8 then '50to80' when k.attainment < 1 then '80to100' else 'met' end`;

export function dashboardTotals(db: Kysely<Database>, scope: Scope, filter: TaskSetFilter, today: string) {
  return scopedTasks(db, scope, filter, { measures: false, units: false })
    .select([
      sql<number>`count(*)::int`.as('tasks'),
      sql<number>`(count(*) filter (where t.status = 'closed'))::int`.as('done'),
      sql<number>`(count(*) filter (where t.light = 'red'))::int`.as('red'),
      sql<number>`(count(*) filter (where t.light = 'yellow'))::int`.as('yellow'),
      sql<number>`(count(*) filter (where t.light = 'green'))::int`.as('green'),
      sql<number>`(count(*) filter (where t.light = 'grey'))::int`.as('grey'),
      sql<number>`(count(*) filter (where t.status <> 'closed' and ${effectiveDue} < ${today}::date))::int`.as('overdue'),
      sql<string | null>`to_char(min(t.start_on), 'YYYY-MM-DD')`.as('first_start'),
    ])
    .executeTakeFirstOrThrow();
}

/**
 * Per month end (from the month of the first task to this month, at most 24): tasks started, finished, and overdue
 * at that day (deadline passed, not finished). One pass over the tasks per month.
 */
/** Month ends from `firstMonth` to today's month, the running month ending today. */
export function monthEnds(firstMonth: string, today: string): { month: string; end: string }[] {
  const out: { month: string; end: string }[] = [];
  let y = Number(firstMonth.slice(0, 4));
  let m = Number(firstMonth.slice(5, 7));
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > today.slice(0, 7)) return out;
    const last = `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
    out.push({ month, end: last < today ? last : today });
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
}

export function monthlySeries(db: Kysely<Database>, scope: Scope, filter: TaskSetFilter, firstMonth: string, today: string) {
  // Per-task dates first (one row each), then the month grid: joining the grid before the scope joins would repeat
  // them for every month.
  const facts = scopedTasks(db, scope, filter, { measures: false, units: false }).select([
    't.start_on as start_on',
    effectiveDue.as('due'),
    sql<string | null>`case when t.status = 'closed' then ${finishedOn} end`.as('fin'),
  ]);
  // The month grid as literal rows: the planner then knows it is small (a generate_series is guessed at 1,000 rows,
  // which tips big plans into JIT compilation that costs more than the query).
  const grid = monthEnds(firstMonth, today);
  const months = sql`(values ${sql.join(grid.map((m) => sql`(${m.month}::text, ${m.end}::date)`))})`;
  return db
    .with((cte) => cte('f').materialized(), () => facts)
    .selectFrom('f')
    .innerJoin(months.as('mo'), (j) => j.onTrue())
    .select([
      sql<string>`mo.column1`.as('month'),
      sql<number>`(count(*) filter (where f.start_on <= mo.column2))::int`.as('total'),
      sql<number>`(count(*) filter (where f.fin <= mo.column2))::int`.as('done'),
      sql<number>`(count(*) filter (where f.start_on <= mo.column2 and f.due < mo.column2 and not coalesce(f.fin <= mo.column2, false)))::int`.as('overdue'),
    ])
    .groupBy(sql`mo.column1`)
    .orderBy(sql`mo.column1`)
    .execute();
}

export function tasksByChapter(db: Kysely<Database>, scope: Scope, filter: TaskSetFilter) {
  const section = sql<string>`coalesce(nullif(m.section, ''), '—')`;
  return scopedTasks(db, scope, filter)
    .select([
      section.as('section'),
      sql<number>`count(*)::int`.as('tasks'),
      sql<number>`(count(*) filter (where t.status = 'closed'))::int`.as('done'),
      sql<number>`(count(*) filter (where t.light = 'red'))::int`.as('red'),
    ])
    .groupBy(section)
    .orderBy(sql`min(m.seq)`)
    .limit(50)
    .execute();
}

export function tasksByUnit(db: Kysely<Database>, scope: Scope, filter: TaskSetFilter) {
  return scopedTasks(db, scope, filter)
    .select([
      't.unit_id',
      sql<string>`min(u.name)`.as('unit_name'),
      sql<number>`count(*)::int`.as('tasks'),
      sql<number>`(count(*) filter (where t.status = 'closed'))::int`.as('done'),
      sql<number>`(count(*) filter (where t.light = 'red'))::int`.as('red'),
    ])
    .groupBy('t.unit_id')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy(sql`min(u.name)`)
    .limit(30)
    .execute();
}

export function kpiBuckets(db: Kysely<Database>, scope: Scope, filter: TaskSetFilter) {
  return scopedTasks(db, scope, filter, { measures: false, units: false })
    .innerJoin('task_kpis as k', 'k.task_id', 't.id')
    .select([BUCKET.as('bucket'), sql<number>`count(*)::int`.as('count')])
    .groupBy(BUCKET)
    .execute();
}

export interface DrillFilter extends TaskSetFilter {
  section?: string;
  light?: LightName;
  overdue?: boolean;
  overdueIn?: string;
  doneBy?: string;
  kpiBucket?: KpiBucket;
  offset: number;
  limit: number;
}

function monthEnd(month: string, today: string) {
  return sql`least((${`${month}-01`}::date + interval '1 month - 1 day')::date, ${today}::date)`;
}

/** Tasks behind a chart element. */
export async function listDrillTasks(db: Kysely<Database>, scope: Scope, filter: DrillFilter, today: string) {
  let q = scopedTasks(db, scope, filter);
  if (filter.section) q = q.where(sql<boolean>`coalesce(nullif(m.section, ''), '—') = ${filter.section}`);
  if (filter.light) q = q.where('t.light', '=', filter.light);
  if (filter.overdue) q = q.where(sql<boolean>`t.status <> 'closed' and ${effectiveDue} < ${today}::date`);
  if (filter.overdueIn) {
    const e = monthEnd(filter.overdueIn, today);
    q = q.where(sql<boolean>`t.start_on <= ${e} and ${effectiveDue} < ${e} and not (t.status = 'closed' and ${finishedOn} <= ${e})`);
  }
  if (filter.doneBy) q = q.where(sql<boolean>`t.status = 'closed' and ${finishedOn} <= ${monthEnd(filter.doneBy, today)}`);
  if (filter.kpiBucket) {
    q = q.where(({ exists, selectFrom }) => exists(selectFrom('task_kpis as k').select(sql`1`.as('one')).whereRef('k.task_id', '=', 't.id').where(sql<boolean>`${BUCKET} = ${filter.kpiBucket}`)));
  }
  const [rows, count] = await Promise.all([
    q
      .select([
        't.id',
        'm.number as measure_number',
        'm.title',
        'm.text',
        'u.name as unit_name',
        sql<string | null>`to_char(${effectiveDue}, 'YYYY-MM-DD')`.as('due'),
        't.light',
        sql<string | null>`t.reasons -> 0 ->> 'message'`.as('reason'),
        sql<string | null>`t.reasons -> 0 ->> 'code'`.as('reason_code'),
      ])
      .orderBy(sql`case t.light when 'red' then 0 when 'yellow' then 1 when 'grey' then 2 when 'green' then 3 else 4 end`)
      .orderBy(sql`${effectiveDue} nulls last`)
      .orderBy('m.seq')
      .orderBy('t.id')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.total };
}

// ---------------------------------------------------------------- burden meter

/**
 * Reporting schedules per unit with their KPI count (each report asks summary, progress, final flag + KPIs).
 * Tasks with a running approved extension are included: they still report.
 */
export async function listUnitSchedules(db: Kysely<Database>, scope: Scope, horizon: string) {
  const rows = await listScheduleGroups(db, scope, {}, 'unit', horizon, null);
  return rows.map((r) => ({ unit_id: r.key, unit_name: r.name, cycle: r.cycle, nth_working_day: r.nth_working_day, start_on: r.start_on, end_on: r.end_on, kpis: r.kpis, n: r.n }));
}

/** Reports filed per unit and month (office time, UTC+8), with the median time the form was open. */
export function filedReportStats(db: Kysely<Database>, scope: Scope, window: { from: string; to: string }) {
  const month = sql<string>`to_char(r.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  return scopedTasks(db, scope, {})
    .innerJoin('reports as r', 'r.task_id', 't.id')
    .where('r.submitted_at', 'is not', null)
    .where(sql<boolean>`(r.submitted_at at time zone 'Asia/Shanghai')::date between ${window.from}::date and ${window.to}::date`)
    .select([
      't.unit_id',
      month.as('month'),
      sql<number>`count(*)::int`.as('filed'),
      sql<number>`(sum(r.field_count))::int`.as('fields'),
      sql<number | null>`percentile_cont(0.5) within group (order by r.fill_seconds)`.as('median_fill'),
    ])
    .groupBy(['t.unit_id', month])
    .execute();
}

// ---------------------------------------------------------------- review inbox

/** Where an office's review work lies: tasks of plans in its subtree (admins: all). */
function managedTasks(db: Kysely<Database>, scope: Scope) {
  return tasksWithMeasuresAndUnits(db).where(managedTaskScopeSql(scope));
}

const taskColumns = [
  't.id as task_id',
  't.unit_id',
  't.status',
  'u.name as unit_name',
  'm.number as measure_number',
  'm.title',
  'm.text',
  'p.title as plan_title',
  'tr.path as region_path',
  'pr.path as plan_region_path',
] as const;

/** Extension and transfer requests awaiting a decision, oldest first. */
export function listPendingRequests(db: Kysely<Database>, scope: Scope, limit: number) {
  return managedTasks(db, scope)
    .innerJoin('task_requests as q', 'q.task_id', 't.id')
    .leftJoin('units as tu', 'tu.id', 'q.to_unit_id')
    .where('q.status', '=', 'pending')
    .select([
      ...taskColumns,
      'q.id',
      'q.kind',
      'q.reason',
      sql<string | null>`to_char(q.new_due_date, 'YYYY-MM-DD')`.as('new_due_date'),
      sql<string | null>`to_char(coalesce(t.extended_due_date, t.due_date), 'YYYY-MM-DD')`.as('current_due_date'),
      'tu.name as to_unit_name',
      'q.created_at',
    ])
    .orderBy('q.created_at')
    .orderBy('q.id')
    .limit(limit)
    .execute();
}

/** Open tasks whose final report was accepted: ready to be closed (销号). */
export function listTasksToClose(db: Kysely<Database>, scope: Scope, limit: number) {
  return managedTasks(db, scope)
    .where('t.status', '<>', 'closed')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('reports as r')
          .select(['r.reviewed_at', 'r.period_label'])
          .whereRef('r.task_id', '=', 't.id')
          .where('r.is_final', '=', true)
          .where('r.status', '=', 'accepted')
          .orderBy('r.reviewed_at', 'desc')
          .limit(1)
          .as('fr'),
      (j) => j.onTrue(),
    )
    .select([...taskColumns, 'fr.reviewed_at', 'fr.period_label'])
    .orderBy('fr.reviewed_at')
    .orderBy('t.id')
    .limit(limit)
    .execute();
}
