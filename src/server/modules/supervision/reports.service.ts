import { inTransaction } from '../../db/transaction.ts';
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { kpiAttainment } from '../../../core/supervision/index.ts';
import type { Database } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/pg-errors.ts';
import { feedIndicatorsFromReport } from '../indicators/kpi-feed.service.ts';
import { AppError } from '../../errors.ts';
import { recordAudit, recordAudits, type AuditEntry } from '../audit/audit.service.ts';
import { scopeOf, type Actor } from '../auth/auth.actor.ts';
import { officeToday } from './supervision.clock.ts';
import { notifyUnit, queueWebhook } from './supervision.notify.ts';
import { canManageTask, canReadReport, canReadTask, canReportOnTask, isTaskUnit, reportPolicies } from './supervision.permissions.ts';
import { presentReport, taskFacts } from './supervision.presenter.ts';
import {
  countEvidenceOfReport,
  findEvidenceById,
  findReportById,
  findReportsByIds,
  findTaskById,
  findTasksByIds,
  insertEvidence,
  listEvidenceOfReports,
  listKpiValuesOfReports,
  listKpisOfTasks,
  listReviewQueue,
  lockTaskWithReportFacts,
  lockReportById,
  replaceReportKpiValues,
  updateReportById,
  type ReportRow,
} from './supervision.queries.ts';
import { CalendarCache } from './supervision.calendar.ts';
import { evaluateTask, refreshTaskLights } from './supervision.status.ts';
import { insertReportWithKpiValues, writeSubmission } from './reports.queries.ts';
import { actorRef, presentTasks, type Task } from './tasks.service.ts';

import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from '../../../core/supervision/evidence-limits.ts';

/** The evidence limits live in core (the web form shows the same numbers); re-exported for the routes. */
export { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES };

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

function checkKpiValues(kpis: readonly { id: string }[], values: readonly { kpiId: string; actual: number }[]): void {
  const known = new Set(kpis.map((k) => k.id));
  const unknown = values.filter((v) => !known.has(v.kpiId)).map((v) => v.kpiId);
  if (unknown.length > 0) throw new AppError('SUP_KPI_UNKNOWN', undefined, { kpiIds: unknown });
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v.kpiId)) throw new AppError('SUP_KPI_UNKNOWN', '同一指标只能填报一个值', { kpiIds: [v.kpiId] });
    seen.add(v.kpiId);
  }
}

/** The locked task, its KPIs and report states, and its evaluation on today's calendar. */
async function lockTaskForReport(trx: Transaction<Database>, taskId: string, today: string) {
  // Locked and read in one statement: the row read is the one the writes below apply to.
  const row = await lockTaskWithReportFacts(trx, taskId);
  if (!row) return undefined;
  const { fact_kpis: kpis, fact_reports: reports, ...task } = row;
  const facts = { id: task.id, kpis, reports };
  // Cached per region for the process (cleared when an override is written).
  const calendar = await new CalendarCache(trx).forRegionPath(task.region_path);
  return { task, facts, calendar, evaluation: evaluateTask(task, facts.reports, facts.kpis, calendar, today) };
}

type LockedTask = NonNullable<Awaited<ReturnType<typeof lockTaskForReport>>>;

interface SubmittedReport {
  id: string;
  period: string;
  period_label: string;
  due_on: string | null;
  progress: number;
  is_final: boolean;
}

/** Whether a report submitted now is on time (the caller writes status, submitted_at and on_time with its own update). */
const submittedOnTime = (report: { due_on: string | null }, now: Date): boolean => report.due_on === null || officeToday(now) <= report.due_on;

/**
 * What a submission does to its task: progress, KPI actuals and the light, each written once, and the
 * office's notification. Returns the task as now stored and the audit entry (the caller appends the
 * audit entries last, so the chain lock is held only from there to commit).
 */
async function applySubmission(trx: Transaction<Database>, actor: Actor, locked: LockedTask, report: SubmittedReport, values: readonly { kpiId: string; actual: number }[], now: Date) {
  const { task, facts, calendar } = locked;
  const today = officeToday(now);
  const onTime = submittedOnTime(report, now);
  const kpiById = new Map(facts.kpis.map((k) => [k.id, k]));
  const actuals = values.map((v) => {
    const kpi = kpiById.get(v.kpiId)!;
    return { id: kpi.id, actual: v.actual, attainment: kpiAttainment({ op: kpi.op, target: kpi.target, baseline: kpi.baseline, actual: v.actual }) };
  });
  const attainmentById = new Map(actuals.map((a) => [a.id, a.attainment]));
  const kpis = facts.kpis.map((k) => ({ ...k, attainment: attainmentById.get(k.id) ?? k.attainment }));
  const facts2 = { ...task, status: 'in_progress' as const, progress: report.progress };
  const { status, nextReport, deadline } = evaluateTask(facts2, [...facts.reports, { period: report.period, status: 'submitted' }], kpis, calendar, today);
  const computed = { id: task.id, light: status.light, reasons: status.reasons, nextReportDue: nextReport?.due ?? null, effectiveDueDate: deadline };
  const light = { light: status.light, reasons: status.reasons, next_report_due: computed.nextReportDue, light_computed_on: today };
  // One statement: KPI actuals, the task with its light (stored as saveLights stores it), the office's notifications.
  await writeSubmission(trx, {
    taskId: task.id,
    at: now,
    today,
    progress: report.progress,
    kpiActuals: actuals,
    light: computed,
    notify: {
      regionPath: task.plan_region_path,
      roles: ['office'],
      regionId: task.region_id,
      kind: 'report_submitted',
      title: `${task.unit_name}报送《${task.plan_title}》第${task.measure_number}项${report.period_label}${report.is_final ? '办结报告' : '进展'}，待审核`,
      body: '',
      entity: 'report',
      entityId: report.id,
    },
  });
  const audit: AuditEntry = { actor: actorRef(actor), action: 'submit', entity: 'report', entityId: report.id, regionId: task.region_id, at: now, after: { taskId: task.id, period: report.period, progress: report.progress, isFinal: report.is_final, onTime, kpiValues: values.map((v) => ({ kpiId: v.kpiId, actual: v.actual })) } };
  // As findTaskById would read it back (its date columns are typed string even when null).
  const stored = { ...task, ...light, status: 'in_progress', progress: report.progress, last_report_at: now, updated_at: now } as Task;
  return { task: stored, audit };
}

export async function createReport(db: Kysely<Database>, actor: Actor, taskId: string, input: ReportInput, now: Date) {
  const today = officeToday(now);
  const kpiValues = input.kpiValues ?? [];
  let period: string | null = null;
  try {
    const { task, report } = await inTransaction(db, async (trx) => {
      const locked = await lockTaskForReport(trx, taskId, today);
      if (!locked || !canReadTask(actor, taskFacts(locked.task))) throw new AppError('NOT_FOUND');
      const { task, facts, evaluation } = locked;
      assertMayReport(actor, task);
      const schedule = evaluation.schedule;
      let entry = input.period ? schedule.find((s) => s.key === input.period) : undefined;
      if (input.period && !entry) throw new AppError('SUP_PERIOD_UNKNOWN', undefined, { period: input.period, periods: schedule.map((s) => s.key) });
      // Default: the oldest period still owed, else the period containing today, else the last one.
      entry ??= evaluation.nextReport ?? schedule.findLast((s) => s.periodStart <= today) ?? schedule[schedule.length - 1];
      period = entry?.key ?? null;
      checkKpiValues(facts.kpis, kpiValues);
      const dueOn = entry?.due ?? null;
      const onTime = input.submit ? submittedOnTime({ due_on: dueOn }, now) : null;
      // A submitted report is inserted as submitted: one write, audited as created and then submitted.
      const report = await insertReportWithKpiValues(trx, {
        task_id: taskId,
        region_id: task.region_id,
        unit_id: task.unit_id,
        period: entry?.key ?? today.slice(0, 7),
        period_label: entry?.label ?? today.slice(0, 7),
        due_on: dueOn,
        status: input.submit ? 'submitted' : 'draft',
        summary: input.summary,
        progress: input.progress,
        is_final: input.isFinal ?? false,
        fill_seconds: input.fillSeconds ?? null,
        field_count: 2 + facts.kpis.length,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
        ...(input.submit ? { submitted_at: now, on_time: onTime } : {}),
      }, kpiValues);
      const audit: AuditEntry[] = [{ actor: actorRef(actor), action: 'create', entity: 'report', entityId: report.id, regionId: task.region_id, at: now, after: { taskId, period: entry?.key ?? null, summary: input.summary, progress: input.progress, isFinal: input.isFinal ?? false, kpiValues } }];
      let stored = task;
      if (input.submit) {
        const submitted = await applySubmission(trx, actor, locked, report, kpiValues, now);
        stored = submitted.task;
        audit.push(submitted.audit);
      }
      await recordAudits(trx, audit);
      return { task: stored, report };
    });
    const values = kpiValues.map((v) => ({ kpi_id: v.kpiId, actual: v.actual }));
    return presentReport(report, taskFacts(task), values, [], actor);
  } catch (err) {
    if (isUniqueViolation(err, 'reports_open_period_key')) throw new AppError('SUP_PERIOD_OPEN', undefined, { period });
    throw err;
  }
}

export type ReportPatch = Partial<Omit<ReportInput, 'period' | 'submit'>> & { submit?: boolean };

async function getReadableReportOrThrow(db: Kysely<Database>, actor: Actor, reportId: string): Promise<{ report: ReportRow; task: Task }> {
  const report = await findReportById(db, reportId);
  if (!report) throw new AppError('NOT_FOUND');
  const task = await findTaskById(db, report.task_id);
  if (!task || !canReadReport(actor, taskFacts(task), report)) throw new AppError('NOT_FOUND');
  return { report, task };
}

export async function updateReport(db: Kysely<Database>, actor: Actor, reportId: string, patch: ReportPatch, now: Date) {
  const { report, task } = await getReadableReportOrThrow(db, actor, reportId);
  assertMayReport(actor, task);
  if (report.status !== 'draft') throw new AppError('SUP_REPORT_NOT_DRAFT');
  const stored = await inTransaction(db, async (trx) => {
    // Task before report, the order createReport takes its locks in.
    const locked = patch.submit || patch.kpiValues ? await lockTaskForReport(trx, task.id, officeToday(now)) : undefined;
    if (locked) assertMayReport(actor, locked.task);
    if (locked && patch.kpiValues) checkKpiValues(locked.facts.kpis, patch.kpiValues);
    const current = await lockReportById(trx, reportId);
    if (current?.status !== 'draft') throw new AppError('SUP_REPORT_NOT_DRAFT');
    const progress = patch.progress ?? report.progress;
    const isFinal = patch.isFinal ?? report.is_final;
    await updateReportById(trx, reportId, {
      ...(patch.summary !== undefined ? { summary: patch.summary } : {}),
      ...(patch.progress !== undefined ? { progress: patch.progress } : {}),
      ...(patch.isFinal !== undefined ? { is_final: patch.isFinal } : {}),
      // The burden meter adds up every sitting spent on the same form.
      ...(patch.fillSeconds !== undefined ? { fill_seconds: (report.fill_seconds ?? 0) + patch.fillSeconds } : {}),
      ...(patch.submit ? { status: 'submitted' as const, submitted_at: now, on_time: submittedOnTime(report, now) } : {}),
      updated_at: now,
    });
    if (patch.kpiValues) await replaceReportKpiValues(trx, reportId, patch.kpiValues);
    const audit: AuditEntry[] = [{ actor: actorRef(actor), action: 'update', entity: 'report', entityId: reportId, regionId: task.region_id, at: now, before: { summary: report.summary, progress: report.progress, isFinal: report.is_final }, after: { summary: patch.summary ?? report.summary, progress, isFinal, kpiValues: patch.kpiValues } }];
    let result = locked?.task ?? task;
    if (patch.submit && locked) {
      const values = patch.kpiValues ?? (await listKpiValuesOfReports(trx, [reportId])).map((v) => ({ kpiId: v.kpi_id, actual: v.actual }));
      const submitted = await applySubmission(trx, actor, locked, { ...report, progress, is_final: isFinal }, values, now);
      result = submitted.task;
      audit.push(submitted.audit);
    }
    await recordAudits(trx, audit);
    return result;
  });
  return presentOne(db, actor, stored, reportId);
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
    if (input.decision === 'accept') {
      // The accepted KPI values feed the indicators their measure's targets are linked to (never asked twice).
      const [values, kpis] = await Promise.all([listKpiValuesOfReports(trx, [reportId]), listKpisOfTasks(trx, [task.id])]);
      const kpiById = new Map(kpis.map((k) => [k.id, k]));
      await feedIndicatorsFromReport(trx, {
        taskId: task.id,
        measureId: task.measure_id,
        regionId: task.region_id,
        taskLabel: `${task.unit_name}《${task.plan_title}》第${task.measure_number}项`,
        report: { id: reportId, period: report.period, periodLabel: report.period_label },
        kpis: values.flatMap((v) => {
          const k = kpiById.get(v.kpi_id);
          return k ? [{ kpiId: k.id, metric: k.metric, target: k.target, unit: k.unit, actual: v.actual }] : [];
        }),
        actor: actorRef(actor),
        today: officeToday(now),
        at: now,
      });
    }
    const title = `《${task.plan_title}》第${task.measure_number}项${report.period_label}${report.is_final ? '办结报告' : '进展'}${input.decision === 'accept' ? '已审核通过' : '被退回，请修改后重新报送'}`;
    await notifyUnit(trx, task.unit_id, { kind: input.decision === 'accept' ? 'report_accepted' : 'report_returned', title, body: comment ?? '', regionId: task.region_id, taskId: task.id, entity: 'report', entityId: reportId, at: now });
    await queueWebhook(trx, task.unit_id, { event: `report.${status}`, content: `【营商督办】${task.unit_name}：${title}${comment ? `。意见：${comment}` : ''}`, data: { taskId: task.id, reportId, status } });
    // Last, so the audit chain's lock is held only until commit.
    await recordAudit(trx, { actor: actorRef(actor), action: input.decision, entity: 'report', entityId: reportId, regionId: task.region_id, at: now, before: { status: 'submitted' }, after: { status, comment } });
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

