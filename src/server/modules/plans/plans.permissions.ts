import type { PlanStatus } from '../../db/schema.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { hasRegionView, isAdmin, isInActorSubtree, isOffice } from '../auth/auth.permissions.ts';

export interface PlanScopeFacts {
  status: PlanStatus;
  regionPath: string;
}

const isDraft = (plan: PlanScopeFacts): boolean => plan.status === 'draft';

/** A published plan of the unit's region or of a region above it (the plan governs the unit). */
const governsActorRegion = (actor: Actor, plan: PlanScopeFacts): boolean =>
  actor.regionPath !== null && actor.regionPath.startsWith(plan.regionPath);

export const canReadPlan = (actor: Actor, plan: PlanScopeFacts): boolean =>
  isAdmin(actor) ||
  (hasRegionView(actor) && isInActorSubtree(actor, plan.regionPath)) ||
  (actor.role === 'unit' && plan.status === 'published' && governsActorRegion(actor, plan));

/** Importing a plan into a region (the plan's owner region). */
export const canCreatePlanIn = (actor: Actor, regionPath: string): boolean =>
  isAdmin(actor) || (isOffice(actor) && isInActorSubtree(actor, regionPath));

export const canManagePlan = (actor: Actor, plan: PlanScopeFacts): boolean => canCreatePlanIn(actor, plan.regionPath);
export const canUpdatePlan = (actor: Actor, plan: PlanScopeFacts): boolean => canManagePlan(actor, plan) && isDraft(plan);
export const canDeletePlan = (actor: Actor, plan: PlanScopeFacts): boolean => canManagePlan(actor, plan) && isDraft(plan);
export const canPublishPlan = (actor: Actor, plan: PlanScopeFacts): boolean => canManagePlan(actor, plan) && isDraft(plan);

/** Unit resolution shows registry units; those who read the registry of the region may ask. */
export const canResolvePlanUnits = (actor: Actor, plan: PlanScopeFacts): boolean =>
  isAdmin(actor) || (hasRegionView(actor) && isInActorSubtree(actor, plan.regionPath));

/** Who may see a parse preview or import at all (before any region is known). */
export const canImportPlans = (actor: Actor): boolean => isAdmin(actor) || isOffice(actor);

export const planPolicies = (actor: Actor, plan: PlanScopeFacts) => ({
  update: canUpdatePlan(actor, plan),
  delete: canDeletePlan(actor, plan),
  publish: canPublishPlan(actor, plan),
  resolveUnits: canResolvePlanUnits(actor, plan),
});
