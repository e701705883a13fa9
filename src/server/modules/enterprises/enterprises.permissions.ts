import type { Actor } from '../auth/auth.actor.ts';
import { hasRegionView, isAdmin, isInActorSubtree, isOffice } from '../auth/auth.permissions.ts';

/** What scoping an enterprise needs: its id and its region's materialized path. */
export interface EnterpriseScopeFacts {
  id: string;
  regionPath: string;
}

export const isOwnEnterprise = (actor: Actor, enterpriseId: string): boolean =>
  actor.role === 'enterprise' && actor.enterpriseId !== null && actor.enterpriseId === enterpriseId;

/** Admin all; office and leader their region subtree; an enterprise user its own; units none. */
export const canReadEnterprise = (actor: Actor, e: EnterpriseScopeFacts): boolean =>
  isAdmin(actor) || (hasRegionView(actor) && isInActorSubtree(actor, e.regionPath)) || isOwnEnterprise(actor, e.id);

/** Registry upkeep (create, edit, import, accounts, corrections): admin, or office within its subtree. */
export const canManageEnterprisesIn = (actor: Actor, regionPath: string): boolean =>
  isAdmin(actor) || (isOffice(actor) && isInActorSubtree(actor, regionPath));

export const canUpdateEnterprise = (actor: Actor, e: EnterpriseScopeFacts): boolean => canManageEnterprisesIn(actor, e.regionPath);

/**
 * Who may read 法定代表人/联系人 names, phones and ID numbers unmasked (PIPL): admin and office staff of the subtree,
 * on an explicit, audited request; the enterprise its own. Leaders and units see them masked.
 */
export const canRevealPersonalData = (actor: Actor, e: EnterpriseScopeFacts): boolean =>
  canManageEnterprisesIn(actor, e.regionPath) || isOwnEnterprise(actor, e.id);

/** An enterprise user asks its own enterprise's record to be corrected. */
export const canRequestCorrection = (actor: Actor, e: EnterpriseScopeFacts): boolean => isOwnEnterprise(actor, e.id);

export const enterprisePolicies = (actor: Actor, e: EnterpriseScopeFacts) => ({
  update: canUpdateEnterprise(actor, e),
  reveal: canRevealPersonalData(actor, e),
  requestCorrection: canRequestCorrection(actor, e),
  manageAccounts: canManageEnterprisesIn(actor, e.regionPath),
});
