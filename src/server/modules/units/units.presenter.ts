import type { Actor } from '../auth/auth.actor.ts';
import { unitPolicies } from './units.permissions.ts';
import type { UnitWithRegion } from './units.queries.ts';

export function presentUnit(unit: UnitWithRegion, actor: Actor) {
  return {
    id: unit.id,
    name: unit.name,
    shortName: unit.short_name,
    kind: unit.kind,
    regionId: unit.region_id,
    regionName: unit.region_name,
    aliases: unit.aliases,
    policies: unitPolicies(actor, { id: unit.id, regionPath: unit.region_path }),
  };
}

export function unitSnapshot(unit: UnitWithRegion) {
  return { name: unit.name, shortName: unit.short_name, kind: unit.kind, regionId: unit.region_id, aliases: unit.aliases };
}
