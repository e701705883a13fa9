import type { Role } from '../../db/schema.ts';

/** The signed-in user behind a request, with what scoping needs. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  unitName: string | null;
  regionId: string | null;
  regionName: string | null;
  /** Materialized path of the user's region ('/<id>/…/'), `null` for an admin without region. */
  regionPath: string | null;
  /** The enterprise an `enterprise` user acts for; null for every other role. */
  enterpriseId: string | null;
  sessionId: string;
  csrfToken: string;
}

/** What data an actor may see: everything, a region subtree, or one unit. */
export type Scope =
  | { kind: 'all' }
  | { kind: 'subtree'; path: string }
  | { kind: 'unit'; unitId: string; regionId: string }
  /** An enterprise user: its own enterprise's records only, never internal task data. */
  | { kind: 'enterprise'; enterpriseId: string }
  | { kind: 'none' };

export function scopeOf(actor: Actor): Scope {
  if (actor.role === 'admin') return { kind: 'all' };
  if (actor.role === 'enterprise') return actor.enterpriseId ? { kind: 'enterprise', enterpriseId: actor.enterpriseId } : { kind: 'none' };
  if (actor.role === 'unit') {
    return actor.unitId && actor.regionId ? { kind: 'unit', unitId: actor.unitId, regionId: actor.regionId } : { kind: 'none' };
  }
  return actor.regionPath ? { kind: 'subtree', path: actor.regionPath } : { kind: 'none' };
}
