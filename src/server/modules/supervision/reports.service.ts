import { inTransaction } from './supervision.tx.ts';
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { kpiAttainment } from '../../../core/supervision/index.ts';
import type { Database } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/pg-errors.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { scopeOf, type Actor } from '../auth/auth.actor.ts';
import { officeToday } from './supervision.clock.ts';
import { notifyOffice, notifyUnit, queueWebhook } from './supervision.notify.ts';
import { canManageTask, canReadTask, canReportOnTask, isTaskUnit, reportPolicies } from './supervision.permissions.ts';
import { presentReport, taskFacts } from './supervision.presenter.ts';
import {
  countEvidenceOfReport,
  findEvidenceById,
  findReportById,
  findReportsByIds,
  findTaskById,
  findTasksByIds,
  insertEvidence,
  insertReport,
  listEvidenceOfReports,
  listKpiValuesOfReports,
  listKpisOfTasks,
  listReviewQueue,
  listStatusFactsOfTasks,
  lockReportById,
  lockTaskById,
  replaceReportKpiValues,
  setKpiActual,
  updateReportById,
  updateTaskById,
  type ReportRow,
} from './supervision.queries.ts';
import { evaluateTasks, refreshTaskLights } from './supervision.status.ts';
import { actorRef, getReadableTaskOrThrow, presentTasks, type Task } from './tasks.service.ts';

/** One evidence file at most this large; stored in the database (see the report_evidence migration). */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 10;

export interface ReportInput {
  period?: string;
  summary: string;
  progress: number;
  kpiValues?: { kpiId: string; actual: number }[];
  isFinal?: boolean;
  submit: boolean;
  fillSeconds?: number;
}

async function presentOne(db: Kysely<Database>, actor: Actor, task: Task, reportId: string) {
  const report = (await findReportById(db, reportId))!;
  const [values, evidence] = await Promise.all([listKpiValuesOfReports(db, [reportId]), listEvidenceOfReports(db, [reportId])]);
  return presentReport(report, taskFacts(task), values, evidence, actor);
}

function assertMayReport(actor: Actor, task: Task): void {
  if (!isTaskUnit(actor, taskFacts(task))) throw new AppError('FORBIDDEN');
  if (task.status === 'closed') throw new AppError('SUP_TASK_CLOSED');
  if (!canReportOnTask(actor, taskFacts(task))) throw new AppError('SUP_TASK_NOT_SIGNED');
}

async function checkKpiValues(db: Kysely<Database>, taskId: string, values: readonly { kpiId: string; actual: number }[]) {
  const kpis = await listKpisOfTasks(db, [taskId]);
  const byId = new Map(kpis.map((k) => [k.id, k]));
  const unknown = values.filter((v) => !byId.has(v.kpiId)).map((v) => v.kpiId);
  if (unknown.length > 0) throw new AppError('SUP_KPI_UNKNOWN', undefined, { kpiIds: unknown });
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v.kpiId)) throw new AppError('SUP_KPI_UNKNOWN', '同一指标只能填报一个值', { kpiIds: [v.kpiId] });
    seen.add(v.kpiId);
  }
  return kpis;
}

/** Marks a report submitted and lets it feed the task: progress, KPI actuals, light, the office's queue. */
async function submitInTransaction(trx: Transaction<Database>, actor: Actor, task: Task, reportId: string, now: Date): Promise<void> {
  const report = (await findReportById(trx, reportId))!;
  const submittedOn = officeToday(now);
  const onTime = report.due_on === null ? true : submittedOn <= report.due_on;
  await updateReportById(trx, reportId, { status: 'submitted', submitted_at: now, on_time: onTime, updated_at: now });
  await updateTaskById(trx, task.id, { status: 'in_progress', progress: report.progress, last_report_at: now, updated_at: now });
  const kpis = await listKpisOfTasks(trx, [task.id]);
  const values = await listKpiValuesOfReports(trx, [reportId]);
  for (const v of values) {
    const kpi = kpis.find((k) => k.id === v.kpi_id)!;
    await setKpiActual(trx, kpi.id, v.actual, kpiAttainment({ op: kpi.op, target: kpi.target, baseline: kpi.baseline, actual: v.actual }), now);
  }
  await refreshTaskLights(trx, [task.id], submittedOn);
  await recordAudit(trx, { actor: actorRef(actor), action: 'submit', entity: 'report', entityId: reportId, regionId: task.region_id, at: now, after: { taskId: task.id, period: report.period, progress: report.progress, isFinal: report.is_final, onTime, kpiValues: values.map((v) => ({ kpiId: v.kpi_id, actual: v.actual })) } });
  await notifyOffice(trx, task.plan_region_path, {
    kind: 'report_submitted',
    title: `${task.unit_name}报送《${task.plan_title}》第${task.measure_number}项${report.period_label}${report.is_final ? '办结报告' : '进展'}，待审核`,
    regionId: task.region_id,
    taskId: task.id,
    entity: 'report',
    entityId: reportId,
    at: now,
  });
}

export async function createReport(db: Kysely<Database>, actor: Actor, taskId: string, input: ReportInput, now: Date) {
  const task = await getReadableTaskOrThrow(db, actor, taskId);
  assertMayReport(actor, task);
  const today = officeToday(now);
  const [facts] = await listStatusFactsOfTasks(db, { ids: [taskId] });
  const [{ evaluation }] = await evaluateTasks(db, [facts], today);
  const schedule = evaluation.schedule;
  let entry = input.period ? schedule.find((s) => s.key === input.period) : undefined;
  if (input.period && !entry) throw new AppError('SUP_PERIOD_UNKNOWN', undefined, { period: input.period, periods: schedule.map((s) => s.key) });
  // Default: the oldest period still owed, else the period containing today, else the last one.
  entry ??= evaluation.nextReport ?? schedule.findLast((s) => s.periodStart <= today) ?? schedule[schedule.length - 1];
  const kpiValues = input.kpiValues ?? [];
  const kpis = await checkKpiValues(db, taskId, kpiValues);
  try {
    const reportId = await inTransaction(db, async (trx) => {
      await lockTaskById(trx, taskId);
      const current = (await findTaskById(trx, taskId))!;
      assertMayReport(actor, current);
      const { id } = await insertReport(trx, {
        task_id: taskId,
        region_id: current.region_id,
        unit_id: current.unit_id,
        period: entry?.key ?? today.slice(0, 7),
        period_label: entry?.label ?? today.slice(0, 7),
        due_on: entry?.due ?? null,
        status: 'draft',
        summary: input.summary,
        progress: input.progress,
        is_final: input.isFinal ?? false,
        fill_seconds: input.fillSeconds ?? null,
        field_count: 2 + kpis.length,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      });
      await replaceReportKpiValues(trx, id, kpiValues);
      await recordAudit(trx, { actor: actorRef(actor), action: 'create', entity: 'report', entityId: id, regionId: current.region_id, at: now, after: { taskId, period: entry?.key ?? null, summary: input.summary, progress: input.progress, isFinal: input.isFinal ?? false, kpiValues } });
      if (input.submit) await submitInTransaction(trx, actor, current, id, now);
      return id;
    });
    return presentOne(db, actor, (await findTaskById(db, taskId))!, reportId);
  } catch (err) {
    if (isUniqueViolation(err, 'reports_open_period_key')) throw new AppError('SUP_PERIOD_OPEN', undefined, { period: entry?.key ?? null });
    throw err;
  }
}

export type ReportPatch = Partial<Omit<ReportInput, 'period' | 'submit'>> & { submit?: boolean };

async function getReadableReportOrThrow(db: Kysely<Database>, actor: Actor, reportId: string): Promise<{ report: ReportRow; task: Task }> {
  const report = await findReportById(db, reportId);
  if (!report) throw new AppError('NOT_FOUND');
  const task = await findTaskById(db, report.task_id);
  if (!task || !canReadTask(actor, taskFacts(task))) throw new AppError('NOT_FOUND');
  return { report, task };
}

export async function updateReport(db: Kysely<Database>, actor: Actor, reportId: string, patch: ReportPatch, now: Date) {
  const { report, task } = await getReadableReportOrThrow(db, actor, reportId);
  assertMayReport(actor, task);
  if (report.status !== 'draft') throw new AppError('SUP_REPORT_NOT_DRAFT');
  if (patch.kpiValues) await checkKpiValues(db, task.id, patch.kpiValues);
  await inTransaction(db, async (trx) => {
    const locked = await lockReportById(trx, reportId);
    if (locked?.status !== 'draft') throw new AppError('SUP_REPORT_NOT_DRAFT');
    await updateReportById(trx, reportId, {
      ...(patch.summary !== undefined ? { summary: patch.summary } : {}),
      ...(patch.progress !== undefined ? { progress: patch.progress } : {}),
      ...(patch.isFinal !== undefined ? { is_final: patch.isFinal } : {}),
      // The burden meter adds up every sitting spent on the same form.
      ...(patch.fillSeconds !== undefined ? { fill_seconds: (report.fill_seconds ?? 0) + patch.fillSeconds } : {}),
      updated_at: now,
    });
    if (patch.kpiValues) await replaceReportKpiValues(trx, reportId, patch.kpiValues);
    await recordAudit(trx, { actor: actorRef(actor), action: 'update', entity: 'report', entityId: reportId, regionId: task.region_id, at: now, before: { summary: report.summary, progress: report.progress, isFinal: report.is_final }, after: { summary: patch.summary ?? report.summary, progress: patch.progress ?? report.progress, isFinal: patch.isFinal ?? report.is_final, kpiValues: patch.kpiValues } });
    if (patch.submit) await submitInTransaction(trx, actor, task, reportId, now);
  });
  return presentOne(db, actor, (await findTaskById(db, task.id))!, reportId);
}

export async function reviewReport(db: Kysely<Database>, actor: Actor, reportId: string, input: { decision: 'accept' | 'return'; comment?: string }, now: Date) {
  const { report, task } = await getReadableReportOrThrow(db, actor, reportId);
  if (!canManageTask(actor, taskFacts(task))) throw new AppError('FORBIDDEN');
  if (task.status === 'closed') throw new AppError('SUP_TASK_CLOSED');
  if (report.status !== 'submitted') throw new AppError('SUP_REPORT_NOT_SUBMITTED');
  const comment = input.comment?.trim() || null;
  if (input.decision === 'return' && !comment) throw new AppError('SUP_COMMENT_REQUIRED', undefined, { field: 'body.comment' });
  const status = input.decision === 'accept' ? 'accepted' : 'returned';
  await inTransaction(db, async (trx) => {
    const locked = await lockReportById(trx, reportId);
    if (locked?.status !== 'submitted') throw new AppError('SUP_REPORT_NOT_SUBMITTED');
    await updateReportById(trx, reportId, { status, reviewed_at: now, reviewed_by: actor.id, reviewer_name: actor.displayName, review_comment: comment, updated_at: now });
    await refreshTaskLights(trx, [task.id], officeToday(now));
    await recordAudit(trx, { actor: actorRef(actor), action: input.decision, entity: 'report', entityId: reportId, regionId: task.region_id, at: now, before: { status: 'submitted' }, after: { status, comment } });
    const title = `《${task.plan_title}》第${task.measure_number}项${report.period_label}${report.is_final ? '办结报告' : '进展'}${input.decision === 'accept' ? '已审核通过' : '被退回，请修改后重新报送'}`;
    await notifyUnit(trx, task.unit_id, { kind: input.decision === 'accept' ? 'report_accepted' : 'report_returned', title, body: comment ?? '', regionId: task.region_id, taskId: task.id, entity: 'report', entityId: reportId, at: now });
    await queueWebhook(trx, task.unit_id, { event: `report.${status}`, content: `【营商督办】${task.unit_name}：${title}${comment ? `。意见：${comment}` : ''}`, data: { taskId: task.id, reportId, status } });
  });
  return presentOne(db, actor, (await findTaskById(db, task.id))!, reportId);
}

export async function listReviews(db: Kysely<Database>, actor: Actor, query: { planId?: string; page: number; pageSize: number }) {
  if (actor.role === 'unit') throw new AppError('FORBIDDEN');
  const { rows, total } = await listReviewQueue(db, scopeOf(actor), { planId: query.planId, offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
  const reportIds = rows.map((r) => r.id);
  const [tasks, reports, values, evidence] = await Promise.all([
    findTasksByIds(db, [...new Set(rows.map((r) => r.task_id))]),
    findReportsByIds(db, reportIds),
    listKpiValuesOfReports(db, reportIds),
    listEvidenceOfReports(db, reportIds),
  ]);
  const presented = new Map((await presentTasks(db, tasks, actor)).map((t) => [t.id, t]));
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const reportById = new Map(reports.map((r) => [r.id, r]));
  const items = rows.map((row) => ({
    report: presentReport(reportById.get(row.id)!, taskFacts(taskById.get(row.task_id)!), values.filter((v) => v.report_id === row.id), evidence.filter((e) => e.report_id === row.id), actor),
    task: presented.get(row.task_id)!,
  }));
  return { items, total };
}

export interface EvidenceUpload {
  filename: string;
  mimetype: string;
  content: Buffer;
}

export async function addEvidence(db: Kysely<Database>, actor: Actor, reportId: string, file: EvidenceUpload, now: Date) {
  const { report, task } = await getReadableReportOrThrow(db, actor, reportId);
  assertMayReport(actor, task);
  if (!reportPolicies(actor, taskFacts(task), report).uploadEvidence) throw new AppError('SUP_REPORT_NOT_DRAFT');
  if (file.content.length > EVIDENCE_MAX_BYTES) throw new AppError('SUP_EVIDENCE_TOO_LARGE', undefined, { limitBytes: EVIDENCE_MAX_BYTES });
  const name = file.filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'evidence';
  return inTransaction(db, async (trx) => {
    await lockReportById(trx, reportId);
    if ((await countEvidenceOfReport(trx, reportId)) >= EVIDENCE_MAX_FILES) throw new AppError('SUP_EVIDENCE_LIMIT', undefined, { limit: EVIDENCE_MAX_FILES });
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    const row = await insertEvidence(trx, { report_id: reportId, name, mime: file.mimetype || 'application/octet-stream', size: file.content.length, sha256, content: file.content, created_by: actor.id });
    await recordAudit(trx, { actor: actorRef(actor), action: 'upload', entity: 'report_evidence', entityId: row.id, regionId: task.region_id, at: now, after: { reportId, name, size: row.size, sha256 } });
    return { id: row.id, name: row.name, size: row.size, mime: row.mime };
  });
}

export async function getEvidence(db: Kysely<Database>, actor: Actor, evidenceId: string) {
  const evidence = await findEvidenceById(db, evidenceId);
  if (!evidence) throw new AppError('NOT_FOUND');
  await getReadableReportOrThrow(db, actor, evidence.report_id);
  return evidence;
}

