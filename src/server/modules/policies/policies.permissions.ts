import type { Actor } from '../auth/auth.actor.ts';
import { hasRegionView, isAdmin, isInActorSubtree, isOffice } from '../auth/auth.permissions.ts';

/** A policy region governs the actor when the actor's region is that region or below it. */
const governsActor = (actor: Actor, regionPath: string): boolean => actor.regionPath !== null && actor.regionPath.startsWith(regionPath);

/** Staff of the policy's region subtree see drafts; everyone the policy governs sees it once published. */
export const canReadPolicy = (actor: Actor, regionPath: string): boolean =>
  isAdmin(actor) || (hasRegionView(actor) && (isInActorSubtree(actor, regionPath) || governsActor(actor, regionPath))) || governsActor(actor, regionPath);

export const canSeeDrafts = (actor: Actor, regionPath: string): boolean => isAdmin(actor) || (hasRegionView(actor) && isInActorSubtree(actor, regionPath));

/** Keeping the catalogue, rule versions, batches and disbursement: the office of the region (or an admin). */
export const canManagePolicy = (actor: Actor, regionPath: string): boolean => isAdmin(actor) || (isOffice(actor) && isInActorSubtree(actor, regionPath));

export const canCreatePolicies = (actor: Actor): boolean => isAdmin(actor) || isOffice(actor);

/** An enterprise's matches and grants: the enterprise itself, and staff of its region subtree. */
export const canReadEnterprise = (actor: Actor, enterprise: { id: string; regionPath: string }): boolean =>
  isAdmin(actor) || (actor.role === 'enterprise' && actor.enterpriseId === enterprise.id) || (hasRegionView(actor) && isInActorSubtree(actor, enterprise.regionPath));

export const isOwnEnterprise = (actor: Actor, enterpriseId: string): boolean => actor.role === 'enterprise' && actor.enterpriseId === enterpriseId;

/** Approving a batch: a managing office user other than the one who ran it (four eyes). */
export const canApproveBatch = (actor: Actor, batch: { regionPath: string; createdBy: string }): boolean => canManagePolicy(actor, batch.regionPath) && actor.id !== batch.createdBy;

export const policyPolicies = (actor: Actor, regionPath: string) => ({ update: canManagePolicy(actor, regionPath), runBatch: canManagePolicy(actor, regionPath) });
