import type { AppealStatus } from '../../../core/appeals/index.ts';
import { hasRegionView, isAdmin, isInActorSubtree, isOffice, isOwnUnit } from '../auth/auth.permissions.ts';
import type { Actor } from '../auth/auth.actor.ts';

export interface AppealScopeFacts {
  regionPath: string;
  unitId: string | null;
  coUnitIds: readonly string[];
  enterpriseId: string | null;
  handlerId: string | null;
  confidential: boolean;
  status: AppealStatus;
  /** For the reopen policy: reopened before, and whether the enterprise is on record as unsatisfied. */
  reopenCount?: number;
  unsatisfied?: boolean;
}

const isOwnEnterprise = (actor: Actor, a: AppealScopeFacts) => actor.role === 'enterprise' && actor.enterpriseId !== null && actor.enterpriseId === a.enterpriseId;
const isLeadUnit = (actor: Actor, a: AppealScopeFacts) => actor.role === 'unit' && isOwnUnit(actor, a.unitId);
const isCoUnit = (actor: Actor, a: AppealScopeFacts) => actor.role === 'unit' && actor.unitId !== null && a.coUnitIds.includes(actor.unitId);

/** Enterprise: its own; unit: dispatched to it (lead or co-handling); office/leader: region subtree; admin: all. */
export const canReadAppeal = (actor: Actor, a: AppealScopeFacts): boolean =>
  isAdmin(actor) || (hasRegionView(actor) && isInActorSubtree(actor, a.regionPath)) || isLeadUnit(actor, a) || isCoUnit(actor, a) || isOwnEnterprise(actor, a);

/** The office of the appeal's region (or admin) runs dispatch, call-back, closure and reviews. */
export const canManageAppeal = (actor: Actor, a: AppealScopeFacts): boolean => isAdmin(actor) || (isOffice(actor) && isInActorSubtree(actor, a.regionPath));

/** Whether the enterprise's contact is shown: always unless confidential; then only to the office, the enterprise and the unit's handler. */
export const canSeeContact = (actor: Actor, a: AppealScopeFacts): boolean =>
  !a.confidential || canManageAppeal(actor, a) || isOwnEnterprise(actor, a) || (isLeadUnit(actor, a) && a.handlerId === actor.id);

export const canIntakeFor = (actor: Actor): boolean => isAdmin(actor) || isOffice(actor) || actor.role === 'enterprise';

export function appealPolicies(actor: Actor, a: AppealScopeFacts) {
  const manage = canManageAppeal(actor, a);
  const lead = isLeadUnit(actor, a);
  const own = isOwnEnterprise(actor, a);
  const s = a.status;
  return {
    dispatch: manage && s === 'received',
    decideDispute: manage && s === 'disputed',
    sign: lead && s === 'dispatched',
    dispute: lead && s === 'dispatched',
    pause: lead && s === 'handling',
    resume: lead && s === 'waiting',
    reply: lead && (s === 'handling' || s === 'rectifying'),
    extend: manage && (s === 'handling' || s === 'waiting' || s === 'rectifying'),
    callback: manage && s === 'replied',
    rate: own && (s === 'replied' || s === 'called_back'),
    close: manage && s === 'called_back',
    reopen: own && s === 'closed' && (a.reopenCount ?? 0) < 1 && a.unsatisfied !== false,
    merge: manage && (s === 'received' || s === 'dispatched'),
    exclude: manage && s !== 'merged',
  };
}
export type AppealPolicies = ReturnType<typeof appealPolicies>;
export type AppealAction = keyof AppealPolicies;
