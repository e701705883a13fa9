import { onTaskClosed } from '../appeals/appeals.analytics.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Kysely } from 'kysely';
import { isOnTime } from '../../../core/supervision/index.ts';
import type { Database } from '../../db/schema.ts';
import type { LightName, TaskStatusName } from '../../db/schema-supervision.ts';
import { isUniqueViolation } from '../../db/pg-errors.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { scopeOf, type Actor } from '../auth/auth.actor.ts';
import { CalendarCache } from './supervision.calendar.ts';
import { officeDate, officeToday } from './supervision.clock.ts';
import { notifyOffice, notifyUnit, queueWebhook } from './supervision.notify.ts';
import {
  canAnswerEscalation,
  canCloseTask,
  canDecideRequests,
  canInstructTask,
  canManageTask,
  canReadReport,
  canReadTask,
  canRequestOnTask,
  canSignTask,
  isTaskUnit,
} from './supervision.permissions.ts';
import { presentEscalation, presentInstruction, presentReport, presentRequest, presentTask, taskFacts, taskSnapshot } from './supervision.presenter.ts';
import {
  answerEscalationById,
  decideRequestById,
  findAcceptedFinalReport,
  findEscalationById,
  findRequestById,
  findTaskById,
  findUnitsByIds,
  insertInstruction,
  insertRequest,
  listEscalationsOfTask,
  listEvidenceOfReports,
  listInstructionsOfTask,
  listKpiValuesOfReports,
  listKpisOfTasks,
  listReportsOfTask,
  listRequestsOfTask,
  listTasksInScope,
  lockTaskById,
  updateTaskById,
  type TaskRow,
} from './supervision.queries.ts';
import { refreshStaleLightsInScope, refreshTaskLights } from './supervision.status.ts';

export type Task = NonNullable<TaskRow>;
export const actorRef = (actor: Actor) => ({ id: actor.id, name: actor.username });

/** @throws AppError NOT_FOUND when the task does not exist or the actor may not see it (same answer). */
export async function getReadableTaskOrThrow(db: Kysely<Database>, actor: Actor, id: string): Promise<Task> {
  const task = await findTaskById(db, id);
  if (!task || !canReadTask(actor, taskFacts(task))) throw new AppError('NOT_FOUND');
  return task;
}

export async function presentTasks(db: Kysely<Database>, tasks: readonly Task[], actor: Actor) {
  const kpis = await listKpisOfTasks(db, tasks.map((t) => t.id));
  const byTask = new Map<string, typeof kpis>();
  for (const k of kpis) byTask.set(k.task_id, [...(byTask.get(k.task_id) ?? []), k]);
  return tasks.map((t) => presentTask(t, byTask.get(t.id) ?? [], actor));
}

export interface TaskListQuery {
  mine?: boolean;
  unitId?: string;
  planId?: string;
  light?: LightName;
  status?: TaskStatusName;
  q?: string;
  role?: 'lead' | 'cooperating';
  page: number;
  pageSize: number;
}

export async function listTasks(db: Kysely<Database>, actor: Actor, query: TaskListQuery, now: Date) {
  const scope = scopeOf(actor);
  const today = officeToday(now);
  await refreshStaleLightsInScope(db, scope, today);
  const managedUnder = query.mine && actor.role !== 'unit' && actor.regionPath ? actor.regionPath : undefined;
  const { rows, total } = await listTasksInScope(db, scope, {
    unitId: query.unitId,
    planId: query.planId,
    light: query.light,
    status: query.status,
    managedUnder,
    q: query.q?.trim() || undefined,
    role: query.role && actor.unitId ? { unitId: actor.unitId, kind: query.role } : undefined,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: await presentTasks(db, rows, actor), total };
}

export async function getTaskDetail(db: Kysely<Database>, actor: Actor, id: string, now: Date) {
  let task = await getReadableTaskOrThrow(db, actor, id);
  const today = officeToday(now);
  if (task.status !== 'closed' && (task.light_computed_on === null || task.light_computed_on < today)) {
    await refreshTaskLights(db, [task.id], today);
    task = (await findTaskById(db, id))!;
  }
  const facts = taskFacts(task);
  const [presented] = await presentTasks(db, [task], actor);
  const [reports, requests, instructions, escalations] = await Promise.all([
    listReportsOfTask(db, id).then((rows) => rows.filter((r) => canReadReport(actor, facts, r))),
    listRequestsOfTask(db, id),
    listInstructionsOfTask(db, id),
    listEscalationsOfTask(db, id),
  ]);
  const reportIds = reports.map((r) => r.id);
  const [values, evidence] = await Promise.all([listKpiValuesOfReports(db, reportIds), listEvidenceOfReports(db, reportIds)]);
  return {
    ...presented,
    reports: reports.map((r) =>
      presentReport(r, facts, values.filter((v) => v.report_id === r.id), evidence.filter((e) => e.report_id === r.id), actor),
    ),
    requests: requests.map((q) => presentRequest(q, facts, actor)),
    instructions: instructions.map(presentInstruction),
    escalations: escalations.map((e) => presentEscalation(e, facts, actor)),
  };
}

async function reload(db: Kysely<Database>, actor: Actor, id: string) {
  const [presented] = await presentTasks(db, [(await findTaskById(db, id))!], actor);
  return presented;
}

export async function signTask(db: Kysely<Database>, actor: Actor, id: string, now: Date) {
  const task = await getReadableTaskOrThrow(db, actor, id);
  if (!isTaskUnit(actor, taskFacts(task))) throw new AppError('FORBIDDEN');
  if (task.status === 'closed') throw new AppError('SUP_TASK_CLOSED');
  if (!canSignTask(actor, taskFacts(task))) throw new AppError('SUP_TASK_ALREADY_SIGNED');
  await inTransaction(db, async (trx) => {
    await lockTaskById(trx, id);
    const current = (await findTaskById(trx, id))!;
    if (current.status !== 'assigned') throw new AppError('SUP_TASK_ALREADY_SIGNED');
    await updateTaskById(trx, id, { status: 'signed', signed_at: now, signed_by: actor.id, updated_at: now });
    await refreshTaskLights(trx, [id], officeToday(now));
    await recordAudit(trx, { actor: actorRef(actor), action: 'sign', entity: 'task', entityId: id, regionId: task.region_id, at: now, before: { status: 'assigned' }, after: { status: 'signed' } });
    await notifyOffice(trx, task.plan_region_path, { kind: 'task_signed', title: `${task.unit_name}已签收《${task.plan_title}》第${task.measure_number}项`, regionId: task.region_id, taskId: id, entity: 'task', entityId: id, at: now });
  });
  return reload(db, actor, id);
}

export async function closeTask(db: Kysely<Database>, actor: Actor, id: string, now: Date) {
  const task = await getReadableTaskOrThrow(db, actor, id);
  if (!canManageTask(actor, taskFacts(task))) throw new AppError('FORBIDDEN');
  if (task.status === 'closed') throw new AppError('SUP_TASK_CLOSED');
  await inTransaction(db, async (trx) => {
    await lockTaskById(trx, id);
    const current = (await findTaskById(trx, id))!;
    if (current.status === 'closed') throw new AppError('SUP_TASK_CLOSED');
    const final = await findAcceptedFinalReport(trx, id);
    if (!final || !canCloseTask(actor, taskFacts(current), true)) throw new AppError('SUP_NO_ACCEPTED_FINAL_REPORT');
    const completedOn = officeDate(final.submitted_at) ?? officeToday(now);
    const calendar = await new CalendarCache(trx).forRegionPath(current.region_path);
    const onTime = current.due_date ? isOnTime({ due: current.due_date, extendedTo: current.extended_due_date }, completedOn, calendar) : true;
    await updateTaskById(trx, id, { status: 'closed', closed_at: now, closed_by: actor.id, progress: 100, completed_on: completedOn, completed_on_time: onTime, updated_at: now });
    await refreshTaskLights(trx, [id], officeToday(now));
    await recordAudit(trx, { actor: actorRef(actor), action: 'close', entity: 'task', entityId: id, regionId: current.region_id, at: now, before: taskSnapshot(current), after: { ...taskSnapshot({ ...current, status: 'closed', progress: 100 }), completedOn, completedOnTime: onTime } });
    const title = `《${current.plan_title}》第${current.measure_number}项已销号`;
    await notifyUnit(trx, current.unit_id, { kind: 'task_closed', title, regionId: current.region_id, taskId: id, entity: 'task', entityId: id, at: now });
    await onTaskClosed(trx, id, now);
    await queueWebhook(trx, current.unit_id, { event: 'task.closed', content: `【营商督办】${current.unit_name}：${title}`, data: { taskId: id } });
  });
  return reload(db, actor, id);
}

export async function addInstruction(db: Kysely<Database>, actor: Actor, id: string, text: string, now: Date) {
  const task = await getReadableTaskOrThrow(db, actor, id);
  if (!canInstructTask(actor, taskFacts(task))) throw new AppError('FORBIDDEN');
  return inTransaction(db, async (trx) => {
    const row = await insertInstruction(trx, { task_id: id, region_id: task.region_id, author_id: actor.id, author_name: actor.displayName, author_role: actor.role, text: text.trim() });
    await recordAudit(trx, { actor: actorRef(actor), action: 'instruct', entity: 'task', entityId: id, regionId: task.region_id, at: now, after: { instructionId: row.id, text: row.text } });
    const title = `${actor.displayName}对《${task.plan_title}》第${task.measure_number}项作出批示`;
    await notifyUnit(trx, task.unit_id, { kind: 'instruction', title, body: row.text, regionId: task.region_id, taskId: id, entity: 'instruction', entityId: row.id, at: now });
    await queueWebhook(trx, task.unit_id, { event: 'task.instruction', content: `【营商督办】${title}：${row.text}`, data: { taskId: id, instructionId: row.id } });
    return presentInstruction(row);
  });
}

export interface RequestInput {
  kind: 'extension' | 'transfer';
  reason: string;
  newDueDate?: string;
  toUnitId?: string;
}

export async function createRequest(db: Kysely<Database>, actor: Actor, id: string, input: RequestInput, now: Date) {
  const task = await getReadableTaskOrThrow(db, actor, id);
  if (!isTaskUnit(actor, taskFacts(task))) throw new AppError('FORBIDDEN');
  if (!canRequestOnTask(actor, taskFacts(task))) throw new AppError('SUP_TASK_CLOSED');
  const currentDue = task.extended_due_date ?? task.due_date;
  if (input.kind === 'extension') {
    if (!input.newDueDate) throw new AppError('SUP_REQUEST_INVALID', '延期申请须填写新的完成时限', { field: 'body.newDueDate' });
    if (currentDue && input.newDueDate <= currentDue) throw new AppError('SUP_REQUEST_INVALID', '新的完成时限须晚于当前时限', { field: 'body.newDueDate', currentDue });
  } else {
    if (!input.toUnitId) throw new AppError('SUP_REQUEST_INVALID', '调整申请须选择接收单位', { field: 'body.toUnitId' });
    if (input.toUnitId === task.unit_id) throw new AppError('SUP_REQUEST_INVALID', '接收单位不能是本单位', { field: 'body.toUnitId' });
    const [to] = await findUnitsByIds(db, [input.toUnitId]);
    if (!to || !to.region_path.startsWith(task.plan_region_path)) throw new AppError('SUP_REQUEST_INVALID', '接收单位不存在或不在方案所属区域', { field: 'body.toUnitId' });
  }
  try {
    const requestId = await inTransaction(db, async (trx) => {
      const { id: requestId } = await insertRequest(trx, {
        task_id: id,
        region_id: task.region_id,
        unit_id: task.unit_id,
        kind: input.kind,
        reason: input.reason.trim(),
        new_due_date: input.kind === 'extension' ? input.newDueDate! : null,
        to_unit_id: input.kind === 'transfer' ? input.toUnitId! : null,
        previous_due_date: currentDue,
        created_by: actor.id,
      });
      await recordAudit(trx, { actor: actorRef(actor), action: 'request', entity: 'task_request', entityId: requestId, regionId: task.region_id, at: now, after: { taskId: id, ...input } });
      const what = input.kind === 'extension' ? `申请延期至${input.newDueDate}` : '申请调整责任单位';
      await notifyOffice(trx, task.plan_region_path, { kind: 'request_created', title: `${task.unit_name}对《${task.plan_title}》第${task.measure_number}项${what}`, body: input.reason, regionId: task.region_id, taskId: id, entity: 'task_request', entityId: requestId, at: now });
      return requestId;
    });
    return presentRequest((await findRequestById(db, requestId))!, taskFacts(task), actor);
  } catch (err) {
    if (isUniqueViolation(err, 'task_requests_pending_key')) throw new AppError('SUP_REQUEST_PENDING');
    throw err;
  }
}

export async function decideRequest(db: Kysely<Database>, actor: Actor, requestId: string, input: { decision: 'approve' | 'refuse'; comment?: string }, now: Date) {
  const request = await findRequestById(db, requestId);
  if (!request) throw new AppError('NOT_FOUND');
  const task = await getReadableTaskOrThrow(db, actor, request.task_id);
  if (!canManageTask(actor, taskFacts(task))) throw new AppError('FORBIDDEN');
  if (request.status !== 'pending') throw new AppError('SUP_REQUEST_DECIDED');
  if (!canDecideRequests(actor, taskFacts(task))) throw new AppError('SUP_TASK_CLOSED');
  const comment = input.comment?.trim() || null;
  if (input.decision === 'refuse' && !comment) throw new AppError('SUP_COMMENT_REQUIRED', undefined, { field: 'body.comment' });
  const today = officeToday(now);
  try {
    await inTransaction(db, async (trx) => {
      await lockTaskById(trx, task.id);
      const decided = await decideRequestById(trx, requestId, { status: input.decision === 'approve' ? 'approved' : 'refused', decided_by: actor.id, decider_name: actor.displayName, decided_at: now, decision_comment: comment });
      if (!decided) throw new AppError('SUP_REQUEST_DECIDED');
      const before = taskSnapshot(task);
      let after = before;
      if (input.decision === 'approve' && request.kind === 'extension') {
        await updateTaskById(trx, task.id, { extended_due_date: request.new_due_date, updated_at: now });
        after = { ...before, extendedDueDate: request.new_due_date };
      }
      if (input.decision === 'approve' && request.kind === 'transfer') {
        const [to] = await findUnitsByIds(trx, [request.to_unit_id!]);
        await updateTaskById(trx, task.id, { unit_id: to.id, region_id: to.region_id, status: 'assigned', signed_at: null, signed_by: null, transferred_from_unit_id: task.unit_id, updated_at: now });
        after = { ...before, unitId: to.id, status: 'assigned' };
        await notifyUnit(trx, to.id, { kind: 'task_assigned', title: `《${task.plan_title}》第${task.measure_number}项调整由你单位承办，请签收`, regionId: to.region_id, taskId: task.id, entity: 'task', entityId: task.id, at: now });
      }
      await refreshTaskLights(trx, [task.id], today);
      await recordAudit(trx, { actor: actorRef(actor), action: input.decision, entity: 'task_request', entityId: requestId, regionId: task.region_id, at: now, before: { status: 'pending', task: before }, after: { status: input.decision === 'approve' ? 'approved' : 'refused', comment, task: after } });
      const verdict = input.decision === 'approve' ? '已同意' : '未同意';
      const what = request.kind === 'extension' ? `延期申请（至${request.new_due_date}）` : '调整责任单位申请';
      await notifyUnit(trx, request.unit_id, { kind: 'request_decided', title: `《${task.plan_title}》第${task.measure_number}项${what}${verdict}`, body: comment ?? '', regionId: task.region_id, taskId: task.id, entity: 'task_request', entityId: requestId, at: now });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'tasks_measure_id_unit_id_key')) throw new AppError('SUP_TRANSFER_DUPLICATE');
    throw err;
  }
  const updated = (await findTaskById(db, task.id))!;
  return presentRequest((await findRequestById(db, requestId))!, taskFacts(updated), actor);
}

export async function answerEscalation(db: Kysely<Database>, actor: Actor, escalationId: string, response: string, now: Date) {
  const escalation = await findEscalationById(db, escalationId);
  if (!escalation) throw new AppError('NOT_FOUND');
  const task = await getReadableTaskOrThrow(db, actor, escalation.task_id);
  if (!canAnswerEscalation(actor, taskFacts(task))) throw new AppError('FORBIDDEN');
  if (escalation.response !== null) throw new AppError('SUP_ESCALATION_ANSWERED');
  await inTransaction(db, async (trx) => {
    const ok = await answerEscalationById(trx, escalationId, { response: response.trim(), responded_at: now, responded_by: actor.id });
    if (!ok) throw new AppError('SUP_ESCALATION_ANSWERED');
    await recordAudit(trx, { actor: actorRef(actor), action: 'respond', entity: 'escalation', entityId: escalationId, regionId: task.region_id, at: now, after: { response: response.trim() } });
    await notifyOffice(trx, task.plan_region_path, { kind: 'escalation_answered', title: `${task.unit_name}已回复督办单${escalation.number}`, body: response.trim(), regionId: task.region_id, taskId: task.id, entity: 'escalation', entityId: escalationId, at: now });
  });
  return presentEscalation((await findEscalationById(db, escalationId))!, taskFacts(task), actor);
}
