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

const REPORT_RETURNING = [
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
] as const;

export function insertReportReturning(trx: Kysely<Database>, report: NewReport): Promise<ReportRow> {
  return trx.insertInto('reports').values(report).returning(REPORT_RETURNING).executeTakeFirstOrThrow();
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

/** The report inserted (as `insertReportReturning`) together with its KPI values: one statement. */
export async function insertReportWithKpiValues(trx: Kysely<Database>, report: NewReport, values: readonly { kpiId: string; actual: number }[]): Promise<ReportRow> {
  if (values.length === 0) return insertReportReturning(trx, report);
  const row = await trx
    .with('r', (qb) => qb.insertInto('reports').values(report).returning(REPORT_RETURNING))
    .with('v', (qb) =>
      qb
        .insertInto('report_kpi_values')
        .columns(['report_id', 'kpi_id', 'actual'])
        .expression(sql`select r.id, x.kpi_id, x.actual from r cross join unnest(${values.map((v) => v.kpiId)}::uuid[], ${values.map((v) => v.actual)}::double precision[]) as x(kpi_id, actual)`),
    )
    .selectFrom('r')
    .selectAll()
    .executeTakeFirstOrThrow();
  return row as ReportRow;
}

export interface SubmissionWrites {
  taskId: string;
  at: Date;
  today: string;
  progress: number;
  kpiActuals: readonly { id: string; actual: number; attainment: number }[];
  light: { light: string; reasons: unknown; nextReportDue: string | null; effectiveDueDate: string | null };
  /** Notification to the office users whose region is `regionPath` or above it. */
  notify: { regionPath: string; roles: readonly string[]; regionId: string | null; kind: string; title: string; body: string; entity: string | null; entityId: string | null };
}

/**
 * What a submission writes to its task, in one statement: KPI actuals, status/progress with the light (as
 * `saveLights` stores it), and the office's notifications as INSERT … SELECT.
 */
export async function writeSubmission(trx: Kysely<Database>, w: SubmissionWrites): Promise<void> {
  const n = w.notify;
  await sql`
    with k as (
      update task_kpis as k set actual = v.actual, attainment = v.attainment, actual_at = ${w.at}
      from unnest(${w.kpiActuals.map((a) => a.id)}::uuid[], ${w.kpiActuals.map((a) => a.actual)}::double precision[], ${w.kpiActuals.map((a) => a.attainment)}::double precision[]) as v(id, actual, attainment)
      where k.id = v.id
      returning 1
    ), n as (
      insert into notifications (user_id, region_id, kind, title, body, task_id, entity, entity_id, created_at)
      select distinct us.id, ${n.regionId}::uuid, ${n.kind}::text, ${n.title}::text, ${n.body}::text, ${w.taskId}::uuid, ${n.entity}::text, ${n.entityId}::uuid, ${w.at}::timestamptz
      from users as us join regions as r on r.id = us.region_id
      where us.role = any(${n.roles}::text[]) and not us.disabled and ${n.regionPath} like r.path || '%'
      returning 1
    )
    update tasks set status = 'in_progress', progress = ${w.progress}, last_report_at = ${w.at}, updated_at = ${w.at},
      light = ${w.light.light}, reasons = ${JSON.stringify(w.light.reasons)}::jsonb, next_report_due = ${w.light.nextReportDue}::date,
      effective_due_date = ${w.light.effectiveDueDate}::date, light_computed_on = ${w.today}::date
    where id = ${w.taskId}::uuid`.execute(trx);
}
