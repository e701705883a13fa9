import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool, type Transaction, type Updateable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../../db/schema.ts';
import type { DueKind, LightName, NewReport, NewTask, NewTaskKpi, ReportStatusName, ReportTable, TaskStatusName, TaskTable } from '../../db/schema-supervision.ts';
import type { Scope } from '../auth/auth.actor.ts';
import { plansWithRegion } from '../plans/plans.queries.ts';
import { managedTaskScopeSql, taskScopeSql, tasksWithMeasuresAndUnits } from '../auth/scope.queries.ts';

/** `date` columns as `YYYY-MM-DD` text (drivers disagree on which midnight a Date would be). */
export const isoDateOf = (ref: string): RawBuilder<string> => sql<string>`to_char(${sql.ref(ref)}, 'YYYY-MM-DD')`;

const LIGHT_ORDER = sql<number>`case t.light when 'red' then 0 when 'yellow' then 1 when 'grey' then 2 when 'green' then 3 else 4 end`;

// ---------------------------------------------------------------- plans (read side of the plans module)

export function findPlanForPublish(db: Kysely<Database>, planId: string) {
  return plansWithRegion(db)
    .select(['p.id', 'p.title', 'p.status', 'p.region_id', 'p.base_year', 'p.default_units', 'r.path as region_path'])
    .where('p.id', '=', planId)
    .executeTakeFirst();
}

export function lockPlanById(db: Kysely<Database>, planId: string) {
  return db.selectFrom('plans').select(['id', 'status', 'version']).where('id', '=', planId).forUpdate().executeTakeFirst();
}

export function listMeasuresOfPlan(db: Kysely<Database>, planId: string) {
  return db
    .selectFrom('plan_measures')
    .select(['id', 'seq', 'number', 'title', 'lead_units', 'cooperating_units', 'deadlines', 'targets'])
    .where('plan_id', '=', planId)
    .orderBy('seq')
    .execute();
}

export async function markPlanPublished(db: Kysely<Database>, planId: string, at: Date): Promise<void> {
  await db
    .updateTable('plans')
    .set({ status: 'published', published_at: at, updated_at: at, version: sql<number>`version + 1` })
    .where('id', '=', planId)
    .execute();
}

export function findUnitsByIds(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.name', 'u.region_id', 'r.path as region_path'])
    .where('u.id', 'in', ids)
    .execute();
}

export function findRegionPath(db: Kysely<Database>, regionId: string) {
  return db.selectFrom('regions').select(['id', 'path', 'name']).where('id', '=', regionId).executeTakeFirst();
}

// ---------------------------------------------------------------- settings and calendar

/** Settings of the region or of its nearest ancestor that has some. */
export function findSupervisionSettings(db: Kysely<Database>, regionPath: string) {
  const ids = regionPath.split('/').filter(Boolean);
  return db
    .selectFrom('supervision_settings as s')
    .innerJoin('regions as r', 'r.id', 's.region_id')
    .selectAll('s')
    .where('s.region_id', 'in', ids)
    .orderBy(sql`length(r.path)`, 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function upsertSupervisionSettings(
  db: Kysely<Database>,
  regionId: string,
  values: { cycle: NewTask['cycle']; nth_working_day: number; due_soon_days: number; progress_lag_pct: number; remind_before_days: number; escalation_response_days: number },
): Promise<void> {
  await db
    .insertInto('supervision_settings')
    .values({ region_id: regionId, ...values, updated_at: new Date() })
    .onConflict((oc) => oc.column('region_id').doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}

/** Overrides of the region and every region above it (a city's day off applies to its counties). */
export function listOverridesForRegionPath(db: Kysely<Database>, regionPath: string) {
  const ids = regionPath.split('/').filter(Boolean);
  return db
    .selectFrom('calendar_overrides as o')
    .innerJoin('regions as r', 'r.id', 'o.region_id')
    .select([isoDateOf('o.date').as('date'), 'o.kind', 'o.name', sql<number>`length(r.path)`.as('depth')])
    .where('o.region_id', 'in', ids)
    .orderBy(sql`length(r.path)`)
    .orderBy('o.date')
    .execute();
}

export function listOverridesInScope(db: Kysely<Database>, scope: Scope, filter: { regionId?: string; year?: number }) {
  let query = db
    .selectFrom('calendar_overrides as o')
    .innerJoin('regions as r', 'r.id', 'o.region_id')
    .select(['o.id', 'o.region_id', 'r.name as region_name', 'r.path as region_path', isoDateOf('o.date').as('date'), 'o.kind', 'o.name', 'o.created_at']);
  query = query.where(scopeOnRegionPath(scope, 'r.path'));
  if (filter.regionId) query = query.where('o.region_id', '=', filter.regionId);
  if (filter.year) query = query.where(sql`extract(year from o.date)`, '=', filter.year);
  return query.orderBy('o.date').execute();
}

export function findOverrideById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('calendar_overrides as o')
    .innerJoin('regions as r', 'r.id', 'o.region_id')
    .select(['o.id', 'o.region_id', 'r.name as region_name', 'r.path as region_path', isoDateOf('o.date').as('date'), 'o.kind', 'o.name', 'o.created_at'])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

export function insertOverride(db: Kysely<Database>, values: { region_id: string; date: string; kind: 'workday' | 'holiday'; name: string | null; created_by: string | null }) {
  return db.insertInto('calendar_overrides').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function deleteOverrideById(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('calendar_overrides').where('id', '=', id).execute();
}

/** Lights of the tasks under a region depend on its calendar; mark them stale. */
export async function markLightsStaleUnder(db: Kysely<Database>, regionPath: string): Promise<void> {
  await db
    .updateTable('tasks')
    .set({ light_computed_on: null })
    .where('region_id', 'in', (eb) => eb.selectFrom('regions').select('id').where('path', 'like', `${regionPath}%`))
    .execute();
}

// ---------------------------------------------------------------- scope

function scopeOnRegionPath(scope: Scope, pathRef: string): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  if (scope.kind === 'subtree') return sql<SqlBool>`${sql.ref(pathRef)} like ${`${scope.path}%`}`;
  if (scope.kind === 'unit') return sql<SqlBool>`${sql.ref(pathRef)} = (select path from regions where id = ${scope.regionId})`;
  return sql<SqlBool>`false`;
}

// ---------------------------------------------------------------- tasks

function selectTaskColumns(db: Kysely<Database>) {
  return tasksWithMeasuresAndUnits(db).select([
    't.id',
    't.plan_id',
    't.measure_id',
    't.unit_id',
    't.region_id',
    't.status',
    't.cooperating_units',
    't.milestones',
    isoDateOf('t.start_on').as('start_on'),
    isoDateOf('t.due_date').as('due_date'),
    isoDateOf('t.extended_due_date').as('extended_due_date'),
    isoDateOf('t.effective_due_date').as('effective_due_date'),
    't.progress',
    't.cycle',
    't.nth_working_day',
    't.due_soon_days',
    't.progress_lag_pct',
    't.signed_at',
    't.closed_at',
    isoDateOf('t.completed_on').as('completed_on'),
    't.completed_on_time',
    't.last_report_at',
    't.light',
    't.reasons',
    isoDateOf('t.light_computed_on').as('light_computed_on'),
    isoDateOf('t.next_report_due').as('next_report_due'),
    't.created_at',
    't.updated_at',
    'p.title as plan_title',
    'p.region_id as plan_region_id',
    'pr.path as plan_region_path',
    'pr.name as plan_region_name',
    'm.number as measure_number',
    'm.seq as measure_seq',
    'm.section',
    'm.title',
    'm.text',
    'u.name as unit_name',
    'tr.name as region_name',
    'tr.path as region_path',
    sql<boolean>`exists (select 1 from reports fr where fr.task_id = t.id and fr.is_final and fr.status = 'accepted')`.as('has_accepted_final'),
  ]);
}

export type TaskRow = Awaited<ReturnType<typeof findTaskById>> & {};

export function findTaskById(db: Kysely<Database>, id: string) {
  return selectTaskColumns(db).where('t.id', '=', id).executeTakeFirst();
}

/**
 * Locks the task row and reads it (as findTaskById does) with its KPIs and the state of each of its reports,
 * in one statement: the row read is the one the writes that follow apply to.
 */
export function lockTaskWithReportFacts(trx: Transaction<Database>, id: string) {
  return selectTaskColumns(trx)
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('task_kpis as k')
          .select(['k.id', 'k.metric', 'k.op', 'k.target', 'k.baseline', isoDateOf('k.by_date').as('by_date'), 'k.attainment'])
          .whereRef('k.task_id', '=', 't.id')
          .orderBy('k.seq'),
      ).as('fact_kpis'),
      jsonArrayFrom(eb.selectFrom('reports as r').select(['r.period', 'r.status']).whereRef('r.task_id', '=', 't.id')).as('fact_reports'),
    ])
    .where('t.id', '=', id)
    .forUpdate(['t'])
    .executeTakeFirst();
}

export function findTasksByIds(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return selectTaskColumns(db).where('t.id', 'in', ids).execute();
}

export function findReportsByIds(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return reportColumns(db).where('rp.id', 'in', ids).execute();
}

export async function lockTaskById(db: Kysely<Database>, id: string): Promise<void> {
  await db.selectFrom('tasks').select('id').where('id', '=', id).forUpdate().execute();
}

export interface TaskFilter {
  unitId?: string;
  planId?: string;
  light?: LightName;
  status?: TaskStatusName;
  /** Tasks whose plan the actor's office manages (plan region within this path). */
  managedUnder?: string;
  q?: string;
  /** Only the tasks this unit leads (主办) or only those it cooperates on (协办). */
  role?: { unitId: string; kind: 'lead' | 'cooperating' };
  offset: number;
  limit: number;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The filtered task list before paging; exported so its SQL can be asserted. */
export function tasksInScopeQuery(db: Kysely<Database>, scope: Scope, filter: Omit<TaskFilter, 'offset' | 'limit'>) {
  let query = tasksWithMeasuresAndUnits(db).where(taskScopeSql(scope, { cooperating: true }));
  if (filter.unitId) query = query.where('t.unit_id', '=', filter.unitId);
  if (filter.planId) query = query.where('t.plan_id', '=', filter.planId);
  if (filter.light) query = query.where('t.light', '=', filter.light);
  if (filter.status) query = query.where('t.status', '=', filter.status);
  if (filter.managedUnder) query = query.where('pr.path', 'like', `${filter.managedUnder}%`);
  if (filter.role?.kind === 'lead') query = query.where('t.unit_id', '=', filter.role.unitId);
  if (filter.role?.kind === 'cooperating') query = query.where('t.unit_id', '<>', filter.role.unitId).where(sql<SqlBool>`t.cooperating_units @> ${JSON.stringify([{ unitId: filter.role.unitId }])}::jsonb`);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) => eb.or([eb('m.text', 'ilike', pattern), eb('m.title', 'ilike', pattern), eb('u.name', 'ilike', pattern)]));
  }
  return query;
}

export async function listTasksInScope(db: Kysely<Database>, scope: Scope, filter: TaskFilter) {
  const query = tasksInScopeQuery(db, scope, filter);
  const ids = query
    .select('t.id')
    .orderBy(LIGHT_ORDER)
    .orderBy(sql`t.due_date nulls last`)
    .orderBy('t.plan_id')
    .orderBy('m.seq')
    .orderBy('t.id')
    .offset(filter.offset)
    .limit(filter.limit);
  const [page, count] = await Promise.all([
    ids.execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  if (page.length === 0) return { rows: [], total: Number(count.total) };
  const rows = await selectTaskColumns(db).where('t.id', 'in', page.map((r) => r.id)).execute();
  const order = new Map(page.map((r, i) => [r.id, i]));
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { rows, total: Number(count.total) };
}

export async function insertTasks(db: Kysely<Database>, tasks: NewTask[]) {
  if (tasks.length === 0) return [];
  return db.insertInto('tasks').values(tasks).returning(['id', 'unit_id', 'measure_id']).execute();
}

export async function insertTaskKpis(db: Kysely<Database>, kpis: NewTaskKpi[]): Promise<void> {
  for (let i = 0; i < kpis.length; i += 500) await db.insertInto('task_kpis').values(kpis.slice(i, i + 500)).execute();
}

export async function updateTaskById(db: Kysely<Database>, id: string, update: Updateable<TaskTable>): Promise<void> {
  await db.updateTable('tasks').set(update).where('id', '=', id).execute();
}

export function listKpisOfTasks(db: Kysely<Database>, taskIds: readonly string[]) {
  if (taskIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('task_kpis')
    .select(['id', 'task_id', 'seq', 'metric', 'op', 'target', 'unit', isoDateOf('by_date').as('by_date'), 'baseline', 'text', 'actual', 'actual_at', 'attainment'])
    .where('task_id', 'in', taskIds)
    .orderBy('task_id')
    .orderBy('seq')
    .execute();
}

export type KpiRow = Awaited<ReturnType<typeof listKpisOfTasks>>[number];

export async function setKpiActual(db: Kysely<Database>, kpiId: string, actual: number, attainment: number, at: Date): Promise<void> {
  await db.updateTable('task_kpis').set({ actual, attainment, actual_at: at }).where('id', '=', kpiId).execute();
}

/**
 * A light to recompute: never computed or marked stale (closed tasks too: the stored effective deadline depends on
 * the calendar), or computed before `today` while the task is open.
 */
const staleLight = (today: string) => sql<SqlBool>`(t.light_computed_on is null or (t.status <> 'closed' and t.light_computed_on < ${today}::date))`;

/** What light computation needs, for many tasks at once. */
export function listStatusFactsOfTasks(db: Kysely<Database>, filter: { ids?: readonly string[]; staleBefore?: string; openOnly?: boolean; limit?: number; afterId?: string }) {
  let query = tasksWithMeasuresAndUnits(db)
    .select([
      't.id',
      'm.number as measure_number',
      'u.name as unit_name',
      't.status',
      't.unit_id',
      't.region_id',
      't.plan_id',
      'p.title as plan_title',
      'p.region_id as plan_region_id',
      'pr.path as plan_region_path',
      't.measure_id',
      't.signed_at',
      't.closed_at',
      isoDateOf('t.start_on').as('start_on'),
      isoDateOf('t.due_date').as('due_date'),
      isoDateOf('t.extended_due_date').as('extended_due_date'),
      't.progress',
      't.cycle',
      't.nth_working_day',
      't.due_soon_days',
      't.progress_lag_pct',
      'tr.path as region_path',
    ]);
  if (filter.ids) query = query.where('t.id', 'in', filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000']);
  if (filter.openOnly) query = query.where('t.status', '<>', 'closed');
  if (filter.staleBefore) query = query.where(staleLight(filter.staleBefore));
  if (filter.afterId) query = query.where('t.id', '>', filter.afterId);
  if (filter.limit) query = query.orderBy('t.id').limit(filter.limit);
  return query.execute();
}

export type StatusFactsRow = Awaited<ReturnType<typeof listStatusFactsOfTasks>>[number];

export function listReportStatesOfTasks(db: Kysely<Database>, taskIds: readonly string[]) {
  if (taskIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('reports').select(['task_id', 'period', 'status']).where('task_id', 'in', taskIds).execute();
}

export interface ComputedLight {
  id: string;
  light: LightName;
  reasons: unknown;
  nextReportDue: string | null;
  /** Effective deadline from core `effectiveDueDate`, or null for standing tasks. */
  effectiveDueDate: string | null;
}

/** Writes many computed lights in one statement per 500 tasks. */
export async function saveLights(db: Kysely<Database>, lights: readonly ComputedLight[], today: string): Promise<void> {
  for (let i = 0; i < lights.length; i += 500) {
    const values = lights
      .slice(i, i + 500)
      .map((l) => sql`(${l.id}::uuid, ${l.light}::text, ${JSON.stringify(l.reasons)}::jsonb, ${l.nextReportDue}::date, ${l.effectiveDueDate}::date)`);
    await sql`
      update tasks as t set light = v.light, reasons = v.reasons, next_report_due = v.next, effective_due_date = v.due, light_computed_on = ${today}::date
      from (values ${sql.join(values)}) as v(id, light, reasons, next, due)
      where t.id = v.id`.execute(db);
  }
}

/** Open tasks with stale lights inside a scope (the list refreshes them before reading). */
export async function listStaleTaskIdsInScope(db: Kysely<Database>, scope: Scope, today: string, limit: number) {
  const rows = await tasksWithMeasuresAndUnits(db)
    .select('t.id')
    .where(taskScopeSql(scope, { cooperating: true }))
    .where(staleLight(today))
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------- reports

function reportColumns(db: Kysely<Database>) {
  return db
    .selectFrom('reports as rp')
    .select([
      'rp.id',
      'rp.task_id',
      'rp.region_id',
      'rp.unit_id',
      'rp.period',
      'rp.period_label',
      isoDateOf('rp.due_on').as('due_on'),
      'rp.status',
      'rp.summary',
      'rp.progress',
      'rp.is_final',
      'rp.fill_seconds',
      'rp.field_count',
      'rp.created_by',
      'rp.created_at',
      'rp.updated_at',
      'rp.submitted_at',
      'rp.on_time',
      'rp.reviewed_at',
      'rp.reviewed_by',
      'rp.reviewer_name',
      'rp.review_comment',
    ]);
}

export function findReportById(db: Kysely<Database>, id: string) {
  return reportColumns(db).where('rp.id', '=', id).executeTakeFirst();
}

export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReportById>>>;

export function listReportsOfTask(db: Kysely<Database>, taskId: string) {
  return reportColumns(db).where('rp.task_id', '=', taskId).orderBy('rp.created_at', 'desc').execute();
}

export async function listReviewQueue(db: Kysely<Database>, scope: Scope, filter: { planId?: string; offset: number; limit: number }) {
  let query = db
    .selectFrom('reports as q')
    .innerJoin('tasks as t', 't.id', 'q.task_id')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('regions as tr', 'tr.id', 't.region_id')
    .innerJoin('regions as pr', 'pr.id', 'p.region_id')
    .where('q.status', '=', 'submitted')
    .where(managedTaskScopeSql(scope));
  if (filter.planId) query = query.where('t.plan_id', '=', filter.planId);
  const [rows, count] = await Promise.all([
    query.select(['q.id', 'q.task_id']).orderBy('q.submitted_at').orderBy('q.id').offset(filter.offset).limit(filter.limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function insertReport(db: Kysely<Database>, report: NewReport) {
  return db.insertInto('reports').values(report).returning('id').executeTakeFirstOrThrow();
}

export async function updateReportById(db: Kysely<Database>, id: string, update: Updateable<ReportTable>): Promise<void> {
  await db.updateTable('reports').set(update).where('id', '=', id).execute();
}

export async function lockReportById(db: Kysely<Database>, id: string) {
  return db.selectFrom('reports').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function replaceReportKpiValues(db: Kysely<Database>, reportId: string, values: readonly { kpiId: string; actual: number }[]): Promise<void> {
  await db.deleteFrom('report_kpi_values').where('report_id', '=', reportId).execute();
  if (values.length === 0) return;
  await db
    .insertInto('report_kpi_values')
    .values(values.map((v) => ({ report_id: reportId, kpi_id: v.kpiId, actual: v.actual })))
    .execute();
}

export function listKpiValuesOfReports(db: Kysely<Database>, reportIds: readonly string[]) {
  if (reportIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('report_kpi_values').select(['report_id', 'kpi_id', 'actual']).where('report_id', 'in', reportIds).execute();
}

export function listEvidenceOfReports(db: Kysely<Database>, reportIds: readonly string[]) {
  if (reportIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('report_evidence')
    .select(['id', 'report_id', 'name', 'size', 'mime', 'created_at'])
    .where('report_id', 'in', reportIds)
    .orderBy('created_at')
    .execute();
}

export function findEvidenceById(db: Kysely<Database>, id: string) {
  return db.selectFrom('report_evidence').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countEvidenceOfReport(db: Kysely<Database>, reportId: string): Promise<number> {
  const row = await db.selectFrom('report_evidence').select((eb) => eb.fn.countAll<number>().as('n')).where('report_id', '=', reportId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function insertEvidence(db: Kysely<Database>, values: { report_id: string; name: string; mime: string; size: number; sha256: string; content: Buffer; created_by: string | null }) {
  return db.insertInto('report_evidence').values(values).returning(['id', 'name', 'size', 'mime', 'created_at']).executeTakeFirstOrThrow();
}

/** The report a task's light currently rests on for progress: the latest delivered one. */
export function findLatestDeliveredReport(db: Kysely<Database>, taskId: string) {
  return db
    .selectFrom('reports')
    .select(['id', 'progress', 'submitted_at'])
    .where('task_id', '=', taskId)
    .where('status', 'in', ['submitted', 'accepted'])
    .orderBy('submitted_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findAcceptedFinalReport(db: Kysely<Database>, taskId: string) {
  return db
    .selectFrom('reports')
    .select(['id', 'submitted_at'])
    .where('task_id', '=', taskId)
    .where('is_final', '=', true)
    .where('status', '=', 'accepted')
    .orderBy('submitted_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export type ReportState = ReportStatusName;

// ---------------------------------------------------------------- requests, instructions, escalations

function requestColumns(db: Kysely<Database>) {
  return db
    .selectFrom('task_requests as q')
    .leftJoin('units as tu', 'tu.id', 'q.to_unit_id')
    .select([
      'q.id',
      'q.task_id',
      'q.region_id',
      'q.unit_id',
      'q.kind',
      'q.reason',
      isoDateOf('q.new_due_date').as('new_due_date'),
      'q.to_unit_id',
      'tu.name as to_unit_name',
      isoDateOf('q.previous_due_date').as('previous_due_date'),
      'q.status',
      'q.created_by',
      'q.created_at',
      'q.decided_by',
      'q.decider_name',
      'q.decided_at',
      'q.decision_comment',
    ]);
}

export function findRequestById(db: Kysely<Database>, id: string) {
  return requestColumns(db).where('q.id', '=', id).executeTakeFirst();
}

export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequestById>>>;

export function listRequestsOfTask(db: Kysely<Database>, taskId: string) {
  return requestColumns(db).where('q.task_id', '=', taskId).orderBy('q.created_at', 'desc').execute();
}

export function insertRequest(
  db: Kysely<Database>,
  values: { task_id: string; region_id: string; unit_id: string; kind: 'extension' | 'transfer'; reason: string; new_due_date: string | null; to_unit_id: string | null; previous_due_date: string | null; created_by: string },
) {
  return db.insertInto('task_requests').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function decideRequestById(
  db: Kysely<Database>,
  id: string,
  values: { status: 'approved' | 'refused'; decided_by: string; decider_name: string; decided_at: Date; decision_comment: string | null },
): Promise<boolean> {
  const result = await db.updateTable('task_requests').set(values).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function listInstructionsOfTask(db: Kysely<Database>, taskId: string) {
  return db.selectFrom('instructions').selectAll().where('task_id', '=', taskId).orderBy('created_at', 'desc').execute();
}

export function insertInstruction(db: Kysely<Database>, values: { task_id: string; region_id: string; author_id: string; author_name: string; author_role: string; text: string }) {
  return db.insertInto('instructions').values(values).returningAll().executeTakeFirstOrThrow();
}

function escalationColumns(db: Kysely<Database>) {
  return db
    .selectFrom('escalations as e')
    .select([
      'e.id',
      'e.task_id',
      'e.region_id',
      'e.unit_id',
      'e.issuer_region_id',
      'e.kind',
      'e.period',
      isoDateOf('e.due_on').as('due_on'),
      'e.number',
      isoDateOf('e.issued_on').as('issued_on'),
      isoDateOf('e.respond_by').as('respond_by'),
      'e.response',
      'e.responded_at',
      'e.created_at',
    ]);
}

export function listEscalationsOfTask(db: Kysely<Database>, taskId: string) {
  return escalationColumns(db).where('e.task_id', '=', taskId).orderBy('e.created_at', 'desc').execute();
}

export function findEscalationById(db: Kysely<Database>, id: string) {
  return escalationColumns(db).where('e.id', '=', id).executeTakeFirst();
}

export type EscalationRow = NonNullable<Awaited<ReturnType<typeof findEscalationById>>>;

export async function answerEscalationById(db: Kysely<Database>, id: string, values: { response: string; responded_at: Date; responded_by: string }): Promise<boolean> {
  const result = await db.updateTable('escalations').set(values).where('id', '=', id).where('response', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Inserts a reminder unless one exists for the task, kind and period; returns its id only when new. */
export async function insertReminderOnce(
  db: Kysely<Database>,
  values: { task_id: string; region_id: string; unit_id: string; kind: DueKind; period: string; due_on: string },
): Promise<string | undefined> {
  const row = await db
    .insertInto('reminders')
    .values(values)
    .onConflict((oc) => oc.constraint('reminders_task_id_kind_period_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function escalationExists(db: Kysely<Database>, taskId: string, kind: DueKind, period: string): Promise<boolean> {
  const row = await db.selectFrom('escalations').select('id').where('task_id', '=', taskId).where('kind', '=', kind).where('period', '=', period).executeTakeFirst();
  return row !== undefined;
}

/** Serialises numbering of one issuer's escalations in one year until the transaction ends. */
export async function lockEscalationNumbering(db: Kysely<Database>, issuerRegionId: string, year: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`escalation:${issuerRegionId}:${year}`}))`.execute(db);
}

export async function nextEscalationSeq(db: Kysely<Database>, issuerRegionId: string, year: number): Promise<number> {
  const row = await db
    .selectFrom('escalations')
    .select((eb) => eb.fn.max<number | null>('seq').as('max'))
    .where('issuer_region_id', '=', issuerRegionId)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return Number(row.max ?? 0) + 1;
}

export async function insertEscalationOnce(
  db: Kysely<Database>,
  values: { task_id: string; region_id: string; unit_id: string; issuer_region_id: string; kind: DueKind; period: string; due_on: string; year: number; seq: number; number: string; issued_on: string; respond_by: string },
): Promise<string | undefined> {
  const row = await db
    .insertInto('escalations')
    .values(values)
    .onConflict((oc) => oc.constraint('escalations_task_id_kind_period_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

// ---------------------------------------------------------------- notifications and webhooks

export function listUserIdsOfUnit(db: Kysely<Database>, unitId: string) {
  return db.selectFrom('users').select('id').where('unit_id', '=', unitId).where('role', '=', 'unit').where('disabled', '=', false).execute();
}

/** Office (and optionally leader) users whose region is the given one or above it. */
export function listOfficeUserIdsOver(db: Kysely<Database>, regionPath: string, roles: readonly ('office' | 'leader')[] = ['office']) {
  return db
    .selectFrom('users as us')
    .innerJoin('regions as r', 'r.id', 'us.region_id')
    .select('us.id')
    .where('us.role', 'in', roles)
    .where('us.disabled', '=', false)
    .where(sql<SqlBool>`${regionPath} like r.path || '%'`)
    .execute();
}

export async function insertNotifications(
  db: Kysely<Database>,
  rows: readonly { user_id: string; region_id: string | null; kind: string; title: string; body: string; task_id: string | null; entity: string | null; entity_id: string | null; created_at?: Date }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('notifications').values(rows.slice(i, i + 500)).execute();
}

export async function listNotificationsOfUser(db: Kysely<Database>, userId: string, filter: { unreadOnly: boolean; offset: number; limit: number }) {
  let query = db.selectFrom('notifications').where('user_id', '=', userId);
  if (filter.unreadOnly) query = query.where('read_at', 'is', null);
  const [rows, count, unread] = await Promise.all([
    query.selectAll().orderBy('created_at', 'desc').orderBy('id').offset(filter.offset).limit(filter.limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), unread: Number(unread.n) };
}

export async function markNotificationRead(db: Kysely<Database>, userId: string, id: string, at: Date): Promise<boolean> {
  const found = await db.selectFrom('notifications').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!found) return false;
  await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('read_at', 'is', null).execute();
  return true;
}

export function findWebhookOfUnit(db: Kysely<Database>, unitId: string) {
  return db.selectFrom('unit_webhooks').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
}

export async function upsertWebhook(db: Kysely<Database>, unitId: string, values: { url: string; secret: string | null; enabled: boolean; updated_by: string }): Promise<void> {
  await db
    .insertInto('unit_webhooks')
    .values({ unit_id: unitId, ...values, updated_at: new Date() })
    .onConflict((oc) => oc.column('unit_id').doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}

export async function deleteWebhook(db: Kysely<Database>, unitId: string): Promise<void> {
  await db.deleteFrom('unit_webhooks').where('unit_id', '=', unitId).execute();
}

export async function insertWebhookDelivery(db: Kysely<Database>, values: { unit_id: string; event: string; payload: string }): Promise<void> {
  await db.insertInto('webhook_deliveries').values(values).execute();
}

export function listRecentDeliveries(db: Kysely<Database>, unitId: string, limit: number) {
  return db
    .selectFrom('webhook_deliveries')
    .select(['id', 'event', 'status', 'attempts', 'last_status', 'last_error', 'created_at', 'sent_at'])
    .where('unit_id', '=', unitId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Claims due deliveries (skip locked: two workers never post the same one). */
export function claimDueDeliveries(db: Kysely<Database>, now: Date, limit: number) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('unit_webhooks as w', 'w.unit_id', 'd.unit_id')
    .select(['d.id', 'd.unit_id', 'd.event', 'd.payload', 'd.attempts', 'w.url', 'w.secret', 'w.enabled'])
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', now)
    .orderBy('d.next_attempt_at')
    .limit(limit)
    .forUpdate('d')
    .skipLocked()
    .execute();
}

export async function updateDelivery(
  db: Kysely<Database>,
  id: string,
  values: { status: 'pending' | 'sent' | 'failed'; attempts: number; next_attempt_at?: Date; last_status: number | null; last_error: string | null; sent_at?: Date | null },
): Promise<void> {
  await db.updateTable('webhook_deliveries').set(values).where('id', '=', id).execute();
}

export async function leaseDelivery(db: Kysely<Database>, id: string, until: Date): Promise<void> {
  await db.updateTable('webhook_deliveries').set({ next_attempt_at: until }).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- demo seeding (simulated history)

/** Demo only: the seeder resolves leftover printed units and replays a past plan in the current year. */
export async function updateMeasureForDemo(db: Kysely<Database>, id: string, values: { lead_units: string; cooperating_units: string; deadlines: string; targets: string }): Promise<void> {
  await db.updateTable('plan_measures').set(values).where('id', '=', id).execute();
}

export async function setPlanBaseYear(db: Kysely<Database>, planId: string, baseYear: number | null): Promise<void> {
  await db.updateTable('plans').set({ base_year: baseYear }).where('id', '=', planId).execute();
}

export async function insertReportsBulk(db: Kysely<Database>, reports: readonly (NewReport & { id: string })[]): Promise<void> {
  for (let i = 0; i < reports.length; i += 300) await db.insertInto('reports').values(reports.slice(i, i + 300)).execute();
}

export async function insertKpiValuesBulk(db: Kysely<Database>, values: readonly { report_id: string; kpi_id: string; actual: number }[]): Promise<void> {
  for (let i = 0; i < values.length; i += 1000) await db.insertInto('report_kpi_values').values(values.slice(i, i + 1000)).execute();
}

export function findUserForDemo(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('users as us')
    .leftJoin('regions as r', 'r.id', 'us.region_id')
    .leftJoin('units as un', 'un.id', 'us.unit_id')
    .select(['us.id', 'us.username', 'us.display_name', 'us.role', 'us.unit_id', 'un.name as unit_name', 'un.short_name as unit_short_name', 'us.region_id', 'r.name as region_name', 'r.path as region_path'])
    .where('us.id', '=', id)
    .executeTakeFirst();
}

export async function moveUserToUnitForDemo(db: Kysely<Database>, userId: string, unit: { id: string; region_id: string }, displayName: string): Promise<void> {
  await db.updateTable('users').set({ unit_id: unit.id, region_id: unit.region_id, display_name: displayName, updated_at: new Date() }).where('id', '=', userId).execute();
}

export function findUnitNameForDemo(db: Kysely<Database>, id: string) {
  return db.selectFrom('units').select(['id', 'name', 'short_name', 'region_id']).where('id', '=', id).executeTakeFirst();
}

/** Reminder and escalation keys (`taskId|kind|period`) already issued for these tasks. */
export async function listIssuedKeys(db: Kysely<Database>, taskIds: readonly string[]) {
  if (taskIds.length === 0) return { reminders: new Set<string>(), escalations: new Set<string>() };
  const [reminders, escalations] = await Promise.all([
    db.selectFrom('reminders').select(['task_id', 'kind', 'period']).where('task_id', 'in', taskIds).execute(),
    db.selectFrom('escalations').select(['task_id', 'kind', 'period']).where('task_id', 'in', taskIds).execute(),
  ]);
  const key = (r: { task_id: string; kind: string; period: string }) => `${r.task_id}|${r.kind}|${r.period}`;
  return { reminders: new Set(reminders.map(key)), escalations: new Set(escalations.map(key)) };
}
