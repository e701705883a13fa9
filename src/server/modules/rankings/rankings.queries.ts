import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportCycleName } from '../../db/schema-supervision.ts';
import type { Scope } from '../auth/auth.actor.ts';
import { effectiveDue, finishedOn, scopedTasks, type TaskSetFilter } from './rankings.scope.ts';

export type RankingBy = 'unit' | 'region';

const keyOf = (by: RankingBy) => (by === 'unit' ? sql<string>`t.unit_id` : sql<string>`t.region_id`);
const nameOf = (by: RankingBy) => (by === 'unit' ? sql<string>`u.name` : sql<string>`tr.name`);

/**
 * Tasks whose approved extension still runs on `asOf` are left out of a ranking (the office granted the time).
 * @internal
 */
const excluded = (asOf: string) =>
  sql<boolean>`(t.extended_due_date is not null and ${effectiveDue} >= ${asOf}::date and not (t.status = 'closed' and ${finishedOn} <= ${asOf}::date))`;

/** Task counts per unit (or per region) as of a day. */
export function aggregateTaskCounts(db: Kysely<Database>, scope: Scope, filter: TaskSetFilter, by: RankingBy, asOf: string) {
  const ex = excluded(asOf);
  const done = sql`t.status = 'closed' and ${finishedOn} <= ${asOf}::date`;
  return scopedTasks(db, scope, filter, { measures: false, units: by === 'unit' })
    .select([
      keyOf(by).as('key'),
      sql<string>`min(${nameOf(by)})`.as('name'),
      sql<number>`(count(*) filter (where not ${ex}))::int`.as('tasks'),
      sql<number>`(count(*) filter (where not ${ex} and ${done}))::int`.as('done'),
      sql<number>`(count(*) filter (where not ${ex} and ${done} and coalesce(t.completed_on_time, ${finishedOn} <= ${effectiveDue})))::int`.as('on_time'),
      sql<number>`(count(*) filter (where not ${ex} and not (${done}) and ${effectiveDue} < ${asOf}::date))::int`.as('overdue'),
      sql<number>`(count(*) filter (where ${ex}))::int`.as('excluded'),
    ])
    .groupBy(keyOf(by))
    .execute();
}

/** Mean KPI attainment (0..1) per unit (or region), over KPIs with a reported value. */
export function aggregateKpiAttainment(db: Kysely<Database>, scope: Scope, filter: TaskSetFilter, by: RankingBy, asOf: string) {
  return scopedTasks(db, scope, filter, { measures: false, units: false })
    .innerJoin('task_kpis as k', 'k.task_id', 't.id')
    .where('k.attainment', 'is not', null)
    .where(sql<boolean>`not ${excluded(asOf)}`)
    .select([keyOf(by).as('key'), sql<number>`avg(least(greatest(k.attainment, 0), 1))::float8`.as('avg')])
    .groupBy(keyOf(by))
    .execute();
}

/**
 * Reports delivered on time whose due day is in the window (submitted or accepted: at most one per task and period
 * in practice; the caller caps the count at the reports due).
 */
export function aggregateReportsOnTime(db: Kysely<Database>, scope: Scope, filter: TaskSetFilter, by: RankingBy, window: { from: string | null; to: string }) {
  // Reports are counted per task first (one pass over reports, no joins), then summed over the scoped tasks.
  let perTask = db
    .selectFrom('reports as r')
    .select(['r.task_id', sql<number>`count(*)`.as('n')])
    .where('r.on_time', '=', true)
    .where('r.status', 'in', ['submitted', 'accepted'])
    .where(sql<boolean>`r.due_on <= ${window.to}::date`)
    .groupBy('r.task_id');
  if (window.from) perTask = perTask.where(sql<boolean>`r.due_on >= ${window.from}::date`);
  return scopedTasks(db, scope, filter, { measures: false, units: false })
    .innerJoin(perTask.as('rc'), 'rc.task_id', 't.id')
    .select([keyOf(by).as('key'), sql<number>`sum(rc.n)::int`.as('n')])
    .groupBy(keyOf(by))
    .execute();
}

/**
 * Reporting schedules per unit (or region): tasks sharing cycle, N-th working day, start and end of reporting.
 * Reporting ends at the deadline, at closing, or at `horizon`, whichever is first. Also counts the KPIs asked
 * (each report asks for summary, progress and the final flag, plus one value per KPI).
 */
export function listScheduleGroups(db: Kysely<Database>, scope: Scope, filter: TaskSetFilter, by: RankingBy, horizon: string, excludeExtendedAsOf: string | null) {
  const end = sql<string>`least(coalesce(${effectiveDue}, ${horizon}::date), case when t.status = 'closed' then coalesce(${finishedOn}, ${horizon}::date) else ${horizon}::date end, ${horizon}::date)`;
  const perTask = scopedTasks(db, scope, filter, { measures: false, units: by === 'unit' })
    .leftJoin(
      db.selectFrom('task_kpis').select(['task_id', sql<number>`count(*)::int`.as('n')]).groupBy('task_id').as('kc'),
      'kc.task_id',
      't.id',
    )
    .where(excludeExtendedAsOf ? sql<boolean>`not ${excluded(excludeExtendedAsOf)}` : sql<boolean>`true`)
    .select([
      keyOf(by).as('key'),
      nameOf(by).as('name'),
      't.cycle',
      't.nth_working_day',
      sql<string>`to_char(t.start_on, 'YYYY-MM-DD')`.as('start_on'),
      sql<string>`to_char(${end}, 'YYYY-MM-DD')`.as('end_on'),
      sql<number>`coalesce(kc.n, 0)`.as('kpis'),
    ]);
  return db
    .selectFrom(perTask.as('s'))
    .select(['s.key', sql<string>`min(s.name)`.as('name'), 's.cycle', 's.nth_working_day', 's.start_on', 's.end_on', 's.kpis', sql<number>`count(*)::int`.as('n')])
    .groupBy(['s.key', 's.cycle', 's.nth_working_day', 's.start_on', 's.end_on', 's.kpis'])
    .execute() as Promise<{ key: string; name: string; cycle: ReportCycleName; nth_working_day: number; start_on: string; end_on: string; kpis: number; n: number }[]>;
}

export function findRegionPathById(db: Kysely<Database>, id: string) {
  return db.selectFrom('regions').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst();
}

export async function saveRankingWeights(db: Kysely<Database>, regionId: string, weights: Record<string, number>, minTasks: number): Promise<void> {
  const values = { ranking_weights: JSON.stringify(weights), ranking_min_tasks: minTasks, updated_at: new Date() };
  await db
    .insertInto('supervision_settings')
    .values({ region_id: regionId, ...values })
    .onConflict((oc) => oc.column('region_id').doUpdateSet(values))
    .execute();
}
