import type { Kysely } from 'kysely';
import { buildPeriodValues, compileTreeOrThrow, scorePeriod, updateValue, type CompiledTree, type IndicatorNodeSpec, type PeriodScores } from '../../../core/scoring/index.ts';
import type { Database } from '../../db/schema.ts';
import { listChildRegions, listNodes, listValuesOfPeriod, periodStamp, type NodeRow } from './indicators.queries.ts';

/** A stored node as the scoring core sees it. */
export function nodeSpec(n: NodeRow): IndicatorNodeSpec {
  return {
    key: n.key,
    parentKey: n.parent_key,
    name: n.name,
    weight: n.weight,
    aggregation: n.aggregation,
    leaf: n.is_leaf
      ? {
          direction: n.direction ?? 'lower',
          frontier: n.frontier_mode === 'fixed' ? { mode: 'fixed', best: n.best ?? 0, worst: n.worst ?? 0 } : { mode: 'sample' },
          transform: n.transform,
          exponent: n.exponent ?? undefined,
        }
      : null,
  };
}

// A system never changes once stored (an edit is a new version), so its compiled tree is cached for good.
const trees = new Map<string, { tree: CompiledTree; nodes: NodeRow[] }>();

export async function loadTree(db: Kysely<Database>, systemId: string) {
  const hit = trees.get(systemId);
  if (hit) return hit;
  const nodes = await listNodes(db, systemId);
  const entry = { tree: compileTreeOrThrow(nodes.map(nodeSpec)), nodes };
  if (trees.size > 200) trees.clear();
  trees.set(systemId, entry);
  return entry;
}

interface Cached {
  stamp: string;
  scores: PeriodScores;
  regions: Array<{ id: string; name: string; path: string }>;
}
const periods = new Map<string, Cached>();

/**
 * Scores of a system's regions (the children of its region) for a period. The result is cached and reused while
 * the period's change stamp (bumped with every write of its values) holds; values written through
 * {@link applyValueChanges} update the cached scores incrementally instead of recomputing them.
 */
export async function scoreSystemPeriod(db: Kysely<Database>, system: { id: string; region_id: string }, period: string): Promise<Cached> {
  const key = `${system.id}|${period}`;
  const stamp = await periodStamp(db, system.id, period);
  const hit = periods.get(key);
  if (hit && hit.stamp === stamp) return hit;
  const [{ tree }, regions, values] = await Promise.all([loadTree(db, system.id), listChildRegions(db, system.region_id), listValuesOfPeriod(db, system.id, period)]);
  const scores = scorePeriod(tree, buildPeriodValues(tree, regions.map((r) => r.id), values.map((v) => ({ region: v.region_id, leaf: v.node_key, value: v.value }))));
  const entry = { stamp, scores, regions };
  if (periods.size > 500) periods.clear();
  periods.set(key, entry);
  return entry;
}

/** After values were written in this process: update a cached period incrementally and take the new stamp. */
export async function applyValueChanges(db: Kysely<Database>, systemId: string, period: string, changes: ReadonlyArray<{ regionId: string; nodeKey: string; value: number }>) {
  const key = `${systemId}|${period}`;
  const hit = periods.get(key);
  if (!hit) return;
  try {
    for (const c of changes) if (hit.scores.regions.includes(c.regionId)) updateValue(hit.scores, c.regionId, c.nodeKey, c.value);
    hit.stamp = await periodStamp(db, systemId, period);
  } catch {
    periods.delete(key);
  }
}
