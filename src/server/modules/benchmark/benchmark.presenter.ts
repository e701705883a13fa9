import type { BenchmarkGroup, MetricSynonym } from '../../../core/benchmark/index.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { synonymPolicies } from './benchmark.permissions.ts';
import type { SynonymWithRegion } from './benchmark.queries.ts';

/** A target as the 对标 page shows it: the plan and measure it comes from, and the core's row. */
export interface BenchmarkRow {
  planId: string;
  planTitle: string;
  planStatus: string;
  region: string | null;
  measureId: string | null;
  measureNumber: string | null;
  text: string;
  metric: string;
  op: '<=' | '>=' | '=';
  value: number;
  unit: string;
  by: string | null;
}

export function presentBenchmarkGroup(group: BenchmarkGroup<BenchmarkRow>) {
  return {
    canonical: group.canonical,
    matchedBy: group.matchedBy,
    family: group.family,
    unit: group.unit,
    direction: group.direction,
    entries: group.entries.map((e) => ({
      planId: e.row.planId,
      planTitle: e.row.planTitle,
      planStatus: e.row.planStatus,
      regionName: e.row.region,
      measureId: e.row.measureId,
      measureNumber: e.row.measureNumber,
      text: e.row.text,
      metric: e.row.metric,
      op: e.row.op,
      value: e.row.value,
      unit: e.row.unit,
      by: e.row.by,
      displayValue: e.value,
      rank: e.rank,
      best: e.best,
    })),
  };
}

export function presentSynonym(row: SynonymWithRegion, actor: Actor) {
  return {
    id: row.id,
    regionId: row.region_id,
    regionName: row.region_name,
    canonical: row.canonical,
    variant: row.variant,
    policies: synonymPolicies(actor, { regionPath: row.region_path }),
  };
}

export function presentBuiltinSynonym(s: MetricSynonym) {
  return { canonical: s.canonical, variants: [...s.variants], better: s.better ?? null };
}
