import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Scope } from '../auth/auth.actor.ts';
import { effectiveDue, scopedTasks } from '../rankings/rankings.scope.ts';

/** The ledger rows of a plan: each task with its latest delivered report. */
export function listLedgerTasks(db: Kysely<Database>, scope: Scope, planId: string) {
  return scopedTasks(db, scope, { planId })
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('reports as r')
          .select(['r.id', 'r.period_label', 'r.summary', 'r.status', 'r.review_comment'])
          .whereRef('r.task_id', '=', 't.id')
          .where('r.status', 'in', ['submitted', 'accepted'])
          .orderBy('r.submitted_at', 'desc')
          .limit(1)
          .as('lr'),
      (j) => j.onTrue(),
    )
    .select((eb) => [
      eb
        .selectFrom('report_evidence as e')
        .select(sql<string>`string_agg(e.name, '、' order by e.created_at)`.as('names'))
        .whereRef('e.report_id', '=', 'lr.id')
        .as('latest_evidence'),
    ])
    .select([
      't.id',
      'p.title as plan_title',
      'm.section',
      'm.number as measure_number',
      'm.text',
      'u.name as unit_name',
      't.cooperating_units',
      sql<string | null>`to_char(${effectiveDue}, 'YYYY-MM-DD')`.as('due'),
      't.status',
      't.light',
      't.reasons',
      't.progress',
      'lr.period_label as latest_period',
      'lr.summary as latest_summary',
      'lr.status as latest_status',
      'lr.review_comment as latest_review_comment',
    ])
    .orderBy('m.seq')
    .orderBy('u.name')
    .execute();
}

export function countTasksOfPlanInScope(db: Kysely<Database>, scope: Scope, planId: string) {
  return scopedTasks(db, scope, { planId }).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
}

/** Reports of these tasks that are still open (draft or awaiting review), by task and period. */
export function listOpenReports(db: Kysely<Database>, taskIds: readonly string[]) {
  if (taskIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('reports').select(['id', 'task_id', 'period', 'status']).where('task_id', 'in', taskIds).where('status', 'in', ['draft', 'submitted']).execute();
}

export async function deleteDraftReport(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('reports').where('id', '=', id).where('status', '=', 'draft').execute();
}
