import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Scope } from './auth.actor.ts';

/** `tasks t` with the joins a task scope reads: `p` (plan), `tr` (the unit's region), `pr` (the plan's region). */
export function tasksWithRegions(db: Kysely<Database>) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('regions as tr', 'tr.id', 't.region_id')
    .innerJoin('regions as pr', 'pr.id', 'p.region_id');
}

/** `tasksWithRegions` plus `m` (the measure) and `u` (the lead unit). */
export function tasksWithMeasuresAndUnits(db: Kysely<Database>) {
  return tasksWithRegions(db).innerJoin('plan_measures as m', 'm.id', 't.measure_id').innerJoin('units as u', 'u.id', 't.unit_id');
}

/**
 * Which tasks a read scope covers, over `tasksWithRegions`: admin all; office and leader the tasks of units in, or of
 * plans of, their subtree; a unit its own tasks and, with `cooperating`, those it cooperates on (协办, read only);
 * nobody none. Lists and details pass `cooperating`; counts (rankings, dashboard, bulletin, ledger) credit lead units only.
 */
export function taskScopeSql(scope: Scope, options: { cooperating?: boolean } = {}): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  if (scope.kind === 'subtree') {
    const like = `${scope.path}%`;
    return sql<SqlBool>`(tr.path like ${like} or pr.path like ${like})`;
  }
  if (scope.kind === 'unit') {
    if (!options.cooperating) return sql<SqlBool>`t.unit_id = ${scope.unitId}`;
    return sql<SqlBool>`(t.unit_id = ${scope.unitId} or t.cooperating_units @> ${JSON.stringify([{ unitId: scope.unitId }])}::jsonb)`;
  }
  return sql<SqlBool>`false`;
}

/**
 * Tasks whose plan the scope's office manages (plan region in its subtree), where review work lies: admin all, an
 * office or leader its subtree's plans, units and nobody none. Over `tasksWithRegions`.
 */
export function managedTaskScopeSql(scope: Scope): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  if (scope.kind === 'subtree') return sql<SqlBool>`pr.path like ${`${scope.path}%`}`;
  return sql<SqlBool>`false`;
}
