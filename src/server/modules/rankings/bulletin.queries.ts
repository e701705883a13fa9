import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Scope } from '../auth/auth.actor.ts';
import { plansWithRegion } from '../plans/plans.queries.ts';
import { effectiveDue, finishedOn, scopedTasks } from './rankings.scope.ts';

export function findPlanHeader(db: Kysely<Database>, planId: string) {
  return plansWithRegion(db)
    .select(['p.id', 'p.title', 'p.issuer', 'p.status', 'p.region_id', 'r.name as region_name', 'r.path as region_path'])
    .where('p.id', '=', planId)
    .executeTakeFirst();
}

export type PlanHeader = NonNullable<Awaited<ReturnType<typeof findPlanHeader>>>;

export function planTotals(db: Kysely<Database>, scope: Scope, planId: string, asOf: string) {
  return scopedTasks(db, scope, { planId })
    .select([
      sql<number>`count(*)::int`.as('tasks'),
      sql<number>`(count(*) filter (where t.status = 'closed' and ${finishedOn} <= ${asOf}::date))::int`.as('done'),
      sql<number>`(count(*) filter (where not (t.status = 'closed' and ${finishedOn} <= ${asOf}::date) and ${effectiveDue} < ${asOf}::date))::int`.as('overdue'),
      sql<number>`(count(*) filter (where t.status = 'assigned'))::int`.as('unsigned'),
      sql<number>`(count(distinct t.unit_id))::int`.as('units'),
    ])
    .executeTakeFirstOrThrow();
}

/** Tasks not finished by `asOf` whose effective deadline is before it, most overdue first. */
export function listOverdueTasks(db: Kysely<Database>, scope: Scope, planId: string, asOf: string, limit: number) {
  return scopedTasks(db, scope, { planId })
    .where(sql<boolean>`not (t.status = 'closed' and ${finishedOn} <= ${asOf}::date)`)
    .where(sql<boolean>`${effectiveDue} < ${asOf}::date`)
    .select(['u.name as unit_name', 'm.number as measure_number', 'm.title', 'm.text', sql<string>`to_char(${effectiveDue}, 'YYYY-MM-DD')`.as('due')])
    .orderBy(effectiveDue)
    .orderBy('m.seq')
    .limit(limit)
    .execute();
}

/** Tasks finished within [from, to], the earliest against their deadline first. */
export function listFinishedTasks(db: Kysely<Database>, scope: Scope, planId: string, from: string, to: string, limit: number) {
  return scopedTasks(db, scope, { planId })
    .where('t.status', '=', 'closed')
    .where(sql<boolean>`${finishedOn} between ${from}::date and ${to}::date`)
    .select([
      'u.name as unit_name',
      'm.number as measure_number',
      'm.title',
      'm.text',
      sql<string>`to_char(${finishedOn}, 'YYYY-MM-DD')`.as('finished_on'),
      sql<string | null>`to_char(${effectiveDue}, 'YYYY-MM-DD')`.as('due'),
    ])
    .orderBy(sql`${effectiveDue} - ${finishedOn} desc nulls last`)
    .orderBy('m.seq')
    .limit(limit)
    .execute();
}
