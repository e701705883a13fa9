import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Scope } from '../auth/auth.actor.ts';
import { taskScopeSql, tasksWithMeasuresAndUnits, tasksWithRegions } from '../auth/scope.queries.ts';

/** Filters shared by rankings, dashboard and exports. */
export interface TaskSetFilter {
  planId?: string;
  unitId?: string;
}

/**
 * The tasks a scope counts (a unit its lead tasks only, `taskScopeSql`) over `tasksWithRegions`, plus `m` (measures)
 * and `u` (units) unless left out — aggregates over thousands of tasks skip the joins they do not read.
 */
export function scopedTasks(db: Kysely<Database>, scope: Scope, filter: TaskSetFilter, joins: { measures?: boolean; units?: boolean } = {}) {
  let q = tasksWithRegions(db).where(taskScopeSql(scope));
  if (joins.measures !== false) q = q.innerJoin('plan_measures as m', 'm.id', 't.measure_id') as unknown as typeof q;
  if (joins.units !== false) q = q.innerJoin('units as u', 'u.id', 't.unit_id') as unknown as typeof q;
  if (filter.planId) q = q.where('t.plan_id', '=', filter.planId);
  if (filter.unitId) q = q.where('t.unit_id', '=', filter.unitId);
  return q as unknown as ReturnType<typeof tasksWithMeasuresAndUnits>;
}

/**
 * The task's deadline as its light reads it: approved extension, rolled off rest days (core `effectiveDueDate`,
 * stored with the light). Overdue means `effectiveDue < day`; on time means finished on or before it.
 */
export const effectiveDue = sql<string | null>`t.effective_due_date`;
/** The office day a task was finished: the accepted final report's day, else the closing day (UTC+8). */
export const finishedOn = sql<string | null>`coalesce(t.completed_on, (t.closed_at at time zone 'Asia/Shanghai')::date)`;
