import { sql, type Kysely, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../../db/schema.ts';
import type { NewReport } from '../../db/schema-supervision.ts';
import { isoDateOf, type ReportRow } from './supervision.queries.ts';

/** Locks the task row and reads, in the same statement, its KPIs and the state of each of its reports. */
export function lockTaskReportFacts(trx: Transaction<Database>, taskId: string) {
  return trx
    .selectFrom('tasks as t')
    .select((eb) => [
      't.id',
      jsonArrayFrom(
        eb
          .selectFrom('task_kpis as k')
          .select(['k.id', 'k.metric', 'k.op', 'k.target', 'k.baseline', isoDateOf('k.by_date').as('by_date'), 'k.attainment'])
          .whereRef('k.task_id', '=', 't.id')
          .orderBy('k.seq'),
      ).as('kpis'),
      jsonArrayFrom(eb.selectFrom('reports as r').select(['r.period', 'r.status']).whereRef('r.task_id', '=', 't.id')).as('reports'),
    ])
    .where('t.id', '=', taskId)
    .forUpdate()
    .executeTakeFirst();
}

export type TaskReportFacts = NonNullable<Awaited<ReturnType<typeof lockTaskReportFacts>>>;

export function insertReportReturning(trx: Kysely<Database>, report: NewReport): Promise<ReportRow> {
  return trx
    .insertInto('reports')
    .values(report)
    .returning([
      'id',
      'task_id',
      'region_id',
      'unit_id',
      'period',
      'period_label',
      isoDateOf('due_on').as('due_on'),
      'status',
      'summary',
      'progress',
      'is_final',
      'fill_seconds',
      'field_count',
      'created_by',
      'created_at',
      'updated_at',
      'submitted_at',
      'on_time',
      'reviewed_at',
      'reviewed_by',
      'reviewer_name',
      'review_comment',
    ])
    .executeTakeFirstOrThrow();
}

export async function insertReportKpiValues(trx: Kysely<Database>, reportId: string, values: readonly { kpiId: string; actual: number }[]): Promise<void> {
  if (values.length === 0) return;
  await trx
    .insertInto('report_kpi_values')
    .values(values.map((v) => ({ report_id: reportId, kpi_id: v.kpiId, actual: v.actual })))
    .execute();
}

export async function setKpiActuals(trx: Kysely<Database>, rows: readonly { id: string; actual: number; attainment: number }[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((r) => sql`(${r.id}::uuid, ${r.actual}::double precision, ${r.attainment}::double precision)`);
  await sql`
    update task_kpis as k set actual = v.actual, attainment = v.attainment, actual_at = ${at}
    from (values ${sql.join(values)}) as v(id, actual, attainment)
    where k.id = v.id`.execute(trx);
}
