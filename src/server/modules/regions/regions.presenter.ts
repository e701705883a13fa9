import type { Region } from '../../db/schema.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { regionPolicies } from './regions.permissions.ts';

export function presentRegion(region: Region, actor: Actor) {
  return {
    id: region.id,
    name: region.name,
    code: region.code,
    kind: region.kind,
    parentId: region.parent_id,
    policies: regionPolicies(actor),
  };
}

/** The audit snapshot of a region. */
export function regionSnapshot(region: Region) {
  return { name: region.name, code: region.code, kind: region.kind, parentId: region.parent_id, path: region.path };
}
