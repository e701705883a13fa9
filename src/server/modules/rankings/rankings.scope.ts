import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Scope } from '../auth/auth.actor.ts';

/**
 * Which tasks a read scope covers, over `tasks t` joined to `regions tr` (the unit's region) and `regions pr`
 * (the plan's region): a unit its own tasks; office and leader the tasks of units in, or of plans of, their
 * subtree; admin all. The same rule as the supervision module's task list.
 */
export function taskScopeSql(scope: Scope): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  if (scope.kind === 'subtree') {
    const like = `${scope.path}%`;
    return sql<SqlBool>`(tr.path like ${like} or pr.path like ${like})`;
  }
  if (scope.kind === 'unit') return sql<SqlBool>`t.unit_id = ${scope.unitId}`;
  return sql<SqlBool>`false`;
}

/** Filters shared by rankings, dashboard and exports. */
export interface TaskSetFilter {
  planId?: string;
  unitId?: string;
}

/**
 * `tasks t` with the joins scope needs (`p`, `tr`, `pr`), plus `m` (measures) and `u` (units) unless left out —
 * aggregates over thousands of tasks skip the joins they do not read.
 */
export function scopedTasks(db: Kysely<Database>, scope: Scope, filter: TaskSetFilter, joins: { measures?: boolean; units?: boolean } = {}) {
  let q = db
    .selectFrom('tasks as t')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('regions as tr', 'tr.id', 't.region_id')
    .innerJoin('regions as pr', 'pr.id', 'p.region_id')
    .where(taskScopeSql(scope));
  if (joins.measures !== false) q = q.innerJoin('plan_measures as m', 'm.id', 't.measure_id') as unknown as typeof q;
  if (joins.units !== false) q = q.innerJoin('units as u', 'u.id', 't.unit_id') as unknown as typeof q;
  if (filter.planId) q = q.where('t.plan_id', '=', filter.planId);
  if (filter.unitId) q = q.where('t.unit_id', '=', filter.unitId);
  return q as unknown as ReturnType<typeof fullJoins>;
}

function fullJoins(db: Kysely<Database>) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('plan_measures as m', 'm.id', 't.measure_id')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .innerJoin('regions as tr', 'tr.id', 't.region_id')
    .innerJoin('regions as pr', 'pr.id', 'p.region_id');
}

/**
 * The task's deadline as its light reads it: approved extension, rolled off rest days (core `effectiveDueDate`,
 * stored with the light). Overdue means `effectiveDue < day`; on time means finished on or before it.
 */
export const effectiveDue = sql<string | null>`t.effective_due_date`;
/** The office day a task was finished: the accepted final report's day, else the closing day (UTC+8). */
export const finishedOn = sql<string | null>`coalesce(t.completed_on, (t.closed_at at time zone 'Asia/Shanghai')::date)`;
