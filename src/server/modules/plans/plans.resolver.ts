import type { Kysely } from 'kysely';
import { buildUnitIndex, resolveUnits, type UnitIndex, type UnitResolution } from '../../../core/units/index.ts';
import type { Database } from '../../db/schema.ts';
import { listRegistryUnitsAround, type RegistryUnitRow } from './plans.queries.ts';

export interface PlanRegion {
  id: string;
  path: string;
  name: string;
}

export interface RegistryUnitInfo {
  name: string;
  regionName: string;
}

/** The unit registry around one plan, indexed for `resolveUnits`; build once per request. */
export interface PlanUnitRegistry {
  index: UnitIndex;
  units: ReadonlyMap<string, RegistryUnitInfo>;
  /** Region the plan's bare and level-only names (市发改委, 州公安局) refer to. */
  planRegion: string;
}

/**
 * Loads the registry a plan may name. The plan's printed region (定西市) and the region it was
 * imported into are the same place, so the units of the owner region take the printed name:
 * otherwise a plan printed for 州 would never match the units of a registry region called 市.
 */
export async function loadPlanUnitRegistry(db: Kysely<Database>, region: PlanRegion, printedRegion: string | null): Promise<PlanUnitRegistry> {
  return planUnitRegistryOf(await listRegistryUnitsAround(db, region.path), region, printedRegion);
}

/** `loadPlanUnitRegistry` over rows already read (the document workers get the rows, never the database). */
export function planUnitRegistryOf(rows: readonly RegistryUnitRow[], region: PlanRegion, printedRegion: string | null): PlanUnitRegistry {
  const planRegion = printedRegion?.trim() || region.name;
  const units = new Map<string, RegistryUnitInfo>();
  const registry = rows.map((u) => {
    units.set(u.id, { name: u.name, regionName: u.region_name });
    return {
      id: u.id,
      name: u.name,
      aliases: u.short_name ? [u.short_name, ...u.aliases] : u.aliases,
      regionName: u.region_id === region.id ? planRegion : u.region_name,
    };
  });
  return { index: buildUnitIndex(registry), units, planRegion };
}

/**
 * Resolves each list of printed names on its own (a list's shorthand inherits only from the same
 * list: "州公安局、司法局").
 * @returns one resolution per printed name, list by list
 */
export function resolveUnitLists(registry: PlanUnitRegistry, lists: readonly (readonly string[])[]): UnitResolution[][] {
  return lists.map((names) => (names.length === 0 ? [] : resolveUnits(names, registry.index, { planRegion: registry.planRegion })));
}

/** Response items of the resolve-units endpoint and the parse preview: one per distinct printed name. */
export function presentResolutions(registry: PlanUnitRegistry, lists: readonly UnitResolution[][]) {
  const seen = new Map<string, UnitResolution>();
  for (const list of lists) for (const r of list) if (!seen.has(r.printed)) seen.set(r.printed, r);
  const info = (id: string) => registry.units.get(id) ?? { name: '', regionName: '' };
  return [...seen.values()].map((r) => ({
    printed: r.printed,
    expanded: r.expanded,
    collective: r.collective,
    match: r.match ? { unitId: r.match.unitId, unitName: info(r.match.unitId).name, regionName: info(r.match.unitId).regionName, how: r.match.how } : null,
    suggestions: r.suggestions.map((s) => ({
      unitId: s.unitId,
      unitName: info(s.unitId).name,
      regionName: info(s.unitId).regionName,
      score: s.score,
      reason: s.reason,
    })),
  }));
}
