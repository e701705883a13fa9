import type { Actor } from '../auth/auth.actor.ts';
import { canAnswerEscalation, canDecideRequests, isCooperatingUnit, reportPolicies, taskPolicies, type TaskScopeFacts } from './supervision.permissions.ts';
import type { EscalationRow, KpiRow, ReportRow, RequestRow, TaskRow } from './supervision.queries.ts';

type Row = NonNullable<TaskRow>;

export const taskFacts = (t: Row): TaskScopeFacts => ({
  unitId: t.unit_id,
  regionPath: t.region_path,
  planRegionPath: t.plan_region_path,
  status: t.status,
  cooperatingUnitIds: ((t.cooperating_units ?? []) as { unitId: string | null }[]).flatMap((c) => (c.unitId ? [c.unitId] : [])),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentKpi(k: KpiRow) {
  return {
    id: k.id,
    metric: k.metric,
    op: k.op,
    target: k.target,
    unit: k.unit,
    by: k.by_date,
    baseline: k.baseline,
    text: k.text,
    actual: k.actual,
    attainment: k.attainment,
  };
}

export function presentTask(t: Row, kpis: readonly KpiRow[], actor: Actor) {
  return {
    id: t.id,
    planId: t.plan_id,
    planTitle: t.plan_title,
    measureId: t.measure_id,
    measureNumber: t.measure_number,
    section: t.section,
    title: t.title,
    text: t.text,
    unit: { id: t.unit_id, name: t.unit_name },
    region: { id: t.region_id, name: t.region_name },
    planRegion: { id: t.plan_region_id, name: t.plan_region_name },
    cooperatingUnits: t.cooperating_units as { printed: string; unitId: string | null; name: string | null }[],
    milestones: t.milestones as { name: string; due: string }[],
    status: t.status,
    startOn: t.start_on,
    signedAt: iso(t.signed_at),
    closedAt: iso(t.closed_at),
    plannedDueDate: t.due_date,
    dueDate: t.extended_due_date ?? t.due_date,
    extended: t.extended_due_date !== null,
    effectiveDueDate: t.effective_due_date,
    nextReportDue: t.next_report_due,
    progress: t.progress,
    cycle: t.cycle,
    nthWorkingDay: t.nth_working_day,
    light: t.light,
    reasons: t.reasons as { code: string; severity: string; message: string; params: Record<string, unknown> }[],
    completedOnTime: t.completed_on_time,
    lastReportAt: iso(t.last_report_at),
    kpis: kpis.map(presentKpi),
    cooperating: isCooperatingUnit(actor, taskFacts(t)),
    policies: taskPolicies(actor, taskFacts(t), t.has_accepted_final),
  };
}

export function presentReport(
  r: ReportRow,
  task: TaskScopeFacts,
  kpiValues: readonly { kpi_id: string; actual: number }[],
  evidence: readonly { id: string; name: string; size: number; mime: string }[],
  actor: Actor,
) {
  return {
    id: r.id,
    taskId: r.task_id,
    period: r.period,
    periodLabel: r.period_label,
    dueOn: r.due_on,
    status: r.status,
    summary: r.summary,
    progress: r.progress,
    kpiValues: kpiValues.map((v) => ({ kpiId: v.kpi_id, actual: v.actual })),
    evidence: evidence.map((e) => ({ id: e.id, name: e.name, size: e.size, mime: e.mime })),
    isFinal: r.is_final,
    createdAt: r.created_at.toISOString(),
    submittedAt: iso(r.submitted_at),
    onTime: r.on_time,
    reviewedAt: iso(r.reviewed_at),
    reviewComment: r.review_comment,
    reviewer: r.reviewer_name,
    fillSeconds: r.fill_seconds,
    policies: reportPolicies(actor, task, r),
  };
}

export function presentRequest(q: RequestRow, task: TaskScopeFacts, actor: Actor) {
  return {
    id: q.id,
    taskId: q.task_id,
    kind: q.kind,
    reason: q.reason,
    newDueDate: q.new_due_date,
    previousDueDate: q.previous_due_date,
    toUnit: q.to_unit_id ? { id: q.to_unit_id, name: q.to_unit_name ?? '' } : null,
    status: q.status,
    createdAt: q.created_at.toISOString(),
    decidedAt: iso(q.decided_at),
    decider: q.decider_name,
    decisionComment: q.decision_comment,
    policies: { decide: q.status === 'pending' && canDecideRequests(actor, task) },
  };
}

export function presentInstruction(i: { id: string; task_id: string; author_name: string; author_role: string; text: string; created_at: Date }) {
  return { id: i.id, taskId: i.task_id, author: i.author_name, authorRole: i.author_role, text: i.text, createdAt: i.created_at.toISOString() };
}

export function presentEscalation(e: EscalationRow, task: TaskScopeFacts, actor: Actor) {
  return {
    id: e.id,
    taskId: e.task_id,
    number: e.number,
    kind: e.kind,
    period: e.period,
    dueOn: e.due_on,
    issuedOn: e.issued_on,
    respondBy: e.respond_by,
    response: e.response,
    respondedAt: iso(e.responded_at),
    policies: { respond: e.response === null && canAnswerEscalation(actor, task) },
  };
}

/** Audit snapshot of a task (what changed is visible without joins). */
export function taskSnapshot(t: { status: string; unit_id: string; due_date: string | null; extended_due_date: string | null; progress: number }) {
  return { status: t.status, unitId: t.unit_id, dueDate: t.due_date, extendedDueDate: t.extended_due_date, progress: t.progress };
}
