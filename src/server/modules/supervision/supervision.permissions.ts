import type { Actor } from '../auth/auth.actor.ts';
import { hasRegionView, isAdmin, isInActorSubtree, isOffice, isOwnUnit } from '../auth/auth.permissions.ts';

/** What permissions need to know about a task. */
export interface TaskScopeFacts {
  unitId: string;
  /** Path of the responsible unit's region (visibility). */
  regionPath: string;
  /** Path of the plan's region (management: review, decisions, close). */
  planRegionPath: string;
  status: 'assigned' | 'signed' | 'in_progress' | 'closed';
  /** Registry ids of the cooperating units (协办); they may read the task, not act on it. */
  cooperatingUnitIds?: readonly string[];
}

const isOpen = (task: TaskScopeFacts): boolean => task.status !== 'closed';

/** The actor's unit cooperates on the task (协办) without leading it. */
export const isCooperatingUnit = (actor: Actor, task: TaskScopeFacts): boolean =>
  actor.role === 'unit' && !isOwnUnit(actor, task.unitId) && (task.cooperatingUnitIds ?? []).some((id) => isOwnUnit(actor, id));

export const canReadTask = (actor: Actor, task: TaskScopeFacts): boolean =>
  isAdmin(actor) ||
  (hasRegionView(actor) && (isInActorSubtree(actor, task.regionPath) || isInActorSubtree(actor, task.planRegionPath))) ||
  (actor.role === 'unit' && isOwnUnit(actor, task.unitId)) ||
  isCooperatingUnit(actor, task);

/** The office that owns the plan (or an office above it) supervises the task. */
export const canManageTask = (actor: Actor, task: TaskScopeFacts): boolean =>
  isAdmin(actor) || (isOffice(actor) && isInActorSubtree(actor, task.planRegionPath));

export const isTaskUnit = (actor: Actor, task: TaskScopeFacts): boolean => actor.role === 'unit' && isOwnUnit(actor, task.unitId);

export const canSignTask = (actor: Actor, task: TaskScopeFacts): boolean => isTaskUnit(actor, task) && task.status === 'assigned';
export const canReportOnTask = (actor: Actor, task: TaskScopeFacts): boolean =>
  isTaskUnit(actor, task) && (task.status === 'signed' || task.status === 'in_progress');
export const canRequestOnTask = (actor: Actor, task: TaskScopeFacts): boolean => isTaskUnit(actor, task) && isOpen(task);
export const canReviewTask = (actor: Actor, task: TaskScopeFacts): boolean => canManageTask(actor, task) && isOpen(task);
export const canDecideRequests = (actor: Actor, task: TaskScopeFacts): boolean => canManageTask(actor, task) && isOpen(task);
export const canCloseTask = (actor: Actor, task: TaskScopeFacts, hasAcceptedFinal: boolean): boolean =>
  canManageTask(actor, task) && isOpen(task) && hasAcceptedFinal;
/** 批示: leaders and the office (and admins) who can see the task. */
export const canInstructTask = (actor: Actor, task: TaskScopeFacts): boolean =>
  (isAdmin(actor) || hasRegionView(actor)) && canReadTask(actor, task);

export const taskPolicies = (actor: Actor, task: TaskScopeFacts, hasAcceptedFinal: boolean) => ({
  sign: canSignTask(actor, task),
  report: canReportOnTask(actor, task),
  review: canReviewTask(actor, task),
  requestExtension: canRequestOnTask(actor, task),
  requestTransfer: canRequestOnTask(actor, task),
  decideRequest: canDecideRequests(actor, task),
  close: canCloseTask(actor, task, hasAcceptedFinal),
  instruct: canInstructTask(actor, task),
});

export type ReportStatus = 'draft' | 'submitted' | 'accepted' | 'returned';

/**
 * A report, with its evidence: whoever reads the task, except that a draft is its author unit's until it is
 * submitted — a cooperating unit (协办) sees submitted reports only.
 */
export const canReadReport = (actor: Actor, task: TaskScopeFacts, report: { status: ReportStatus }): boolean =>
  canReadTask(actor, task) && !(report.status === 'draft' && isCooperatingUnit(actor, task));

export const reportPolicies = (actor: Actor, task: TaskScopeFacts, report: { status: ReportStatus }) => ({
  update: canReportOnTask(actor, task) && report.status === 'draft',
  uploadEvidence: canReportOnTask(actor, task) && (report.status === 'draft' || report.status === 'submitted'),
  review: canReviewTask(actor, task) && report.status === 'submitted',
});

/** Publishing a plan, calendar overrides, settings: the office of the region (or above), or an admin. */
export const canManageRegion = (actor: Actor, regionPath: string): boolean =>
  isAdmin(actor) || (isOffice(actor) && isInActorSubtree(actor, regionPath));

export const canReadRegionData = (actor: Actor, regionPath: string): boolean =>
  isAdmin(actor) || (hasRegionView(actor) && isInActorSubtree(actor, regionPath));

/** A unit's webhook: its own liaison, or the office over its region. */
export const canConfigureWebhook = (actor: Actor, unit: { id: string; regionPath: string }): boolean =>
  canManageRegion(actor, unit.regionPath) || (actor.role === 'unit' && isOwnUnit(actor, unit.id));

export const canAnswerEscalation = (actor: Actor, task: TaskScopeFacts): boolean => isTaskUnit(actor, task);
