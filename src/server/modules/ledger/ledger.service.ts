import type { Kysely } from 'kysely';
import { kpiAttainment } from '../../../core/supervision/index.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { buildLedgerWorkbook, parseLedgerWorkbook, LEDGER_SHEET, LEDGER_KPI_SHEET, type LedgerImportIssue } from '../../exports/ledger-xlsx.ts';
import { inThreadDocuments, type DocumentReader } from '../../readers/document-pool.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { scopeOf, type Actor } from '../auth/auth.actor.ts';
import { findPlanHeader, type PlanHeader } from '../rankings/bulletin.queries.ts';
import { officeToday } from '../supervision/supervision.clock.ts';
import { notifyOffice } from '../supervision/supervision.notify.ts';
import { canManageTask, canReadRegionData, canReportOnTask, isTaskUnit } from '../supervision/supervision.permissions.ts';
import { taskFacts } from '../supervision/supervision.presenter.ts';
import {
  findTaskById,
  insertReport,
  listKpisOfTasks,
  listStatusFactsOfTasks,
  lockTaskById,
  replaceReportKpiValues,
  setKpiActual,
  updateTaskById,
} from '../supervision/supervision.queries.ts';
import { evaluateTasks, refreshTaskLights } from '../supervision/supervision.status.ts';
import { countTasksOfPlanInScope, deleteDraftReport, listLedgerTasks, listOpenReports } from './ledger.queries.ts';

const LIGHT_TEXT = { red: '红灯', yellow: '黄灯', green: '绿灯', grey: '未签收', done: '已销号' } as const;
const STATUS_TEXT = { assigned: '待签收', signed: '已签收', in_progress: '推进中', closed: '已销号' } as const;
/** Rows in one import; a plan has at most a few hundred tasks per unit. */
export const LEDGER_IMPORT_MAX_ROWS = 5000;

const actorRef = (actor: Actor) => ({ id: actor.id, name: actor.username });

/**
 * A plan whose ledger the actor may see: office/leader over the plan's region, admin, or a unit with tasks in it
 * (which then sees only its own rows).
 */
async function getPlanForLedgerOrThrow(db: Kysely<Database>, actor: Actor, planId: string): Promise<PlanHeader> {
  const plan = await findPlanHeader(db, planId);
  if (!plan) throw new AppError('NOT_FOUND');
  if (canReadRegionData(actor, plan.region_path)) return plan;
  const { n } = await countTasksOfPlanInScope(db, scopeOf(actor), planId);
  if (n === 0) throw new AppError('NOT_FOUND');
  return plan;
}

export async function exportLedger(db: Kysely<Database>, actor: Actor, planId: string, now: Date) {
  const plan = await getPlanForLedgerOrThrow(db, actor, planId);
  const tasks = await listLedgerTasks(db, scopeOf(actor), planId);
  const kpis = await listKpisOfTasks(db, tasks.map((t) => t.id));
  const kpisBy = new Map<string, typeof kpis>();
  for (const k of kpis) kpisBy.set(k.task_id, [...(kpisBy.get(k.task_id) ?? []), k]);
  const file = await buildLedgerWorkbook({
    title: `${plan.title ?? ''} 台账`,
    subtitle: `导出时间：${officeToday(now)}`,
    tasks: tasks.map((t) => ({
      id: t.id,
      planTitle: t.plan_title ?? '',
      chapter: t.section,
      measureNumber: t.measure_number,
      measureText: t.text,
      unitName: t.unit_name,
      cooperatingUnits: ((t.cooperating_units ?? []) as { printed: string; name: string | null }[]).map((c) => c.name ?? c.printed),
      dueDate: t.due,
      status: STATUS_TEXT[t.status],
      light: LIGHT_TEXT[t.light],
      reasons: ((t.reasons ?? []) as { message?: string }[]).map((r) => r.message ?? '').filter(Boolean),
      progress: t.progress,
      latestPeriod: t.latest_period,
      latestSummary: t.latest_summary,
      reviewComment: t.latest_status === 'submitted' ? '待审核' : t.latest_status === 'accepted' ? t.latest_review_comment || '审核通过' : null,
      evidence: t.latest_evidence ? t.latest_evidence.split('、') : [],
      kpis: (kpisBy.get(t.id) ?? []).map((k) => ({ id: k.id, metric: k.metric, op: k.op, target: k.target, unit: k.unit, actual: k.actual })),
    })),
  });
  await db.transaction().execute((trx) =>
    recordAudit(trx, { actor: actorRef(actor), action: 'export', entity: 'ledger', entityId: plan.id, regionId: plan.region_id, at: now, after: { rows: tasks.length } }),
  );
  return { file, filename: `${plan.title ?? '方案'}台账.xlsx` };
}

/**
 * Imports the progress filled into a ledger: one submitted report per filled row, KPI values from the 指标 sheet.
 * Every row is checked first (layout, values, that the task is in this plan and the actor may report on it, the
 * period, KPIs belonging to the task, no report already awaiting review); any problem refuses the whole file with
 * the list of problems. The writes then run in one transaction, so nothing is half-imported.
 *
 * Who may import: the unit liaison for its own signed tasks, and the office that manages the plan (offices
 * collect the units' spreadsheets and import them, so that nobody types the numbers twice).
 */
export async function importLedger(db: Kysely<Database>, actor: Actor, planId: string, file: Buffer, now: Date, documents: DocumentReader = inThreadDocuments) {
  const plan = await getPlanForLedgerOrThrow(db, actor, planId);
  // Read in a document worker: ExcelJS holds the whole workbook in memory and takes seconds on a large one.
  const parsed = await documents.parseLedgerWorkbook(file);
  const issues: LedgerImportIssue[] = [...parsed.issues];
  if (parsed.rows.length > LEDGER_IMPORT_MAX_ROWS) issues.push({ sheet: LEDGER_SHEET, row: null, column: null, message: `一次最多导入${LEDGER_IMPORT_MAX_ROWS}行` });
  if (issues.length === 0 && parsed.rows.length === 0) issues.push({ sheet: LEDGER_SHEET, row: null, column: null, message: '没有填写任何进展（黄色列为空）' });
  if (issues.length) throw new AppError('LEDGER_IMPORT_INVALID', undefined, { issues });

  const today = officeToday(now);
  const ids = parsed.rows.map((r) => r.taskId);
  const [facts, kpis, open] = await Promise.all([listStatusFactsOfTasks(db, { ids }), listKpisOfTasks(db, ids), listOpenReports(db, ids)]);
  const evaluations = new Map((await evaluateTasks(db, facts, today)).map((e) => [e.task.id, e.evaluation]));
  const tasks = new Map<string, NonNullable<Awaited<ReturnType<typeof findTaskById>>>>();
  for (const id of ids) {
    const t = await findTaskById(db, id);
    if (t) tasks.set(id, t);
  }
  const plans: { row: (typeof parsed.rows)[number]; period: { key: string; label: string; due: string | null }; draftId: string | null }[] = [];
  for (const row of parsed.rows) {
    const issue = (column: string | null, message: string) => issues.push({ sheet: LEDGER_SHEET, row: row.row, column, message });
    const task = tasks.get(row.taskId);
    if (!task || task.plan_id !== plan.id) {
      issue('任务ID', '任务不属于本方案或不存在');
      continue;
    }
    const f = taskFacts(task);
    const mayImport = isTaskUnit(actor, f) ? canReportOnTask(actor, f) : canManageTask(actor, f) && task.status !== 'closed';
    if (!mayImport) {
      issue('任务ID', task.status === 'closed' ? '任务已销号' : task.status === 'assigned' && isTaskUnit(actor, f) ? '请先签收任务' : '无权填报该任务');
      continue;
    }
    if (row.progress === null) {
      issue('本期进度(%)', '请填写本期进度');
      continue;
    }
    const evaluation = evaluations.get(task.id)!;
    const entry = row.period ? evaluation.schedule.find((s) => s.key === row.period) : (evaluation.nextReport ?? evaluation.schedule.findLast((s) => s.periodStart <= today));
    if (row.period && !entry) {
      issue('填报期次', `填报期次不在任务的填报周期内（可填：${evaluation.schedule.map((s) => s.key).slice(-6).join('、')}）`);
      continue;
    }
    const period = entry ? { key: entry.key, label: entry.label, due: entry.due } : { key: today.slice(0, 7), label: today.slice(0, 7), due: null };
    const taskKpis = new Set(kpis.filter((k) => k.task_id === task.id).map((k) => k.id));
    for (const v of row.kpiValues) {
      if (!taskKpis.has(v.kpiId)) issues.push({ sheet: LEDGER_KPI_SHEET, row: v.row, column: '指标ID', message: '指标不属于该任务' });
    }
    const existing = open.filter((o) => o.task_id === task.id && o.period === period.key);
    if (existing.some((o) => o.status === 'submitted')) {
      issue('填报期次', `${period.label}的进展已报送，正在审核`);
      continue;
    }
    plans.push({ row, period, draftId: existing.find((o) => o.status === 'draft')?.id ?? null });
  }
  if (issues.length) throw new AppError('LEDGER_IMPORT_INVALID', undefined, { issues });

  await db.transaction().execute(async (trx) => {
    for (const { row, period, draftId } of plans) {
      await lockTaskById(trx, row.taskId);
      const task = (await findTaskById(trx, row.taskId))!;
      // The import supersedes a draft of the same period (the spreadsheet is what the unit settled on).
      if (draftId) await deleteDraftReport(trx, draftId);
      const onTime = period.due === null ? true : today <= period.due;
      const { id } = await insertReport(trx, {
        task_id: task.id,
        region_id: task.region_id,
        unit_id: task.unit_id,
        period: period.key,
        period_label: period.label,
        due_on: period.due,
        status: 'submitted',
        summary: row.summary ?? '',
        progress: Math.round(row.progress!),
        is_final: row.isFinal,
        fill_seconds: null,
        field_count: 3 + row.kpiValues.length,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
        submitted_at: now,
        on_time: onTime,
      });
      const values = row.kpiValues.map((v) => ({ kpiId: v.kpiId, actual: v.actual }));
      await replaceReportKpiValues(trx, id, values);
      await updateTaskById(trx, task.id, { status: 'in_progress', progress: Math.round(row.progress!), last_report_at: now, updated_at: now });
      for (const v of values) {
        const kpi = kpis.find((k) => k.id === v.kpiId)!;
        await setKpiActual(trx, kpi.id, v.actual, kpiAttainment({ op: kpi.op, target: kpi.target, baseline: kpi.baseline, actual: v.actual }), now);
      }
      await recordAudit(trx, {
        actor: actorRef(actor),
        action: 'import',
        entity: 'report',
        entityId: id,
        regionId: task.region_id,
        at: now,
        after: { taskId: task.id, period: period.key, progress: row.progress, isFinal: row.isFinal, onTime, kpiValues: values, source: 'ledger.xlsx', sheetRow: row.row },
      });
    }
    await refreshTaskLights(trx, plans.map((p) => p.row.taskId), today);
    await notifyOffice(trx, plan.region_path, {
      kind: 'report_submitted',
      title: `《${plan.title ?? ''}》通过台账导入${plans.length}条进展，待审核`,
      regionId: plan.region_id,
      taskId: null,
      entity: 'plan',
      entityId: plan.id,
      at: now,
    });
  });
  return { imported: plans.length };
}
