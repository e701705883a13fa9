import type { Explanation } from '../../../core/scoring/index.ts';
import type { NodeRow, SystemRow } from './indicators.queries.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentSystem(s: SystemRow, policies: { manage: boolean; evaluate: boolean }) {
  return {
    id: s.id,
    lineageId: s.lineage_id,
    version: s.version,
    name: s.name,
    description: s.description,
    isTemplate: s.is_template,
    frontierNote: s.frontier_note,
    region: { id: s.region_id, name: s.region_name },
    createdAt: iso(s.created_at),
    policies,
  };
}

export function presentNode(n: NodeRow & { unit_name?: string | null }) {
  return {
    id: n.id,
    key: n.key,
    parentKey: n.parent_key,
    name: n.name,
    weight: n.weight,
    aggregation: n.aggregation,
    isLeaf: n.is_leaf,
    component: n.component,
    unitLabel: n.unit_label,
    direction: n.direction,
    frontierMode: n.frontier_mode,
    best: n.best,
    worst: n.worst,
    transform: n.transform,
    exponent: n.exponent,
    dataSource: n.data_source,
    provider: n.provider,
    cycle: n.cycle,
    responsibleUnit: n.responsible_unit_id ? { id: n.responsible_unit_id, name: n.unit_name ?? '' } : null,
  };
}

export function presentValue(v: { id: string; node_key: string; node_name: string; unit_label: string; region_id: string; region_name: string; period: string; value: number; source: string; round_id: string | null; task_id?: string | null; evidence: string; entered_by_name: string | null; entered_at: Date }) {
  return {
    id: v.id,
    nodeKey: v.node_key,
    nodeName: v.node_name,
    unitLabel: v.unit_label,
    region: { id: v.region_id, name: v.region_name },
    period: v.period,
    value: v.value,
    source: v.source,
    roundId: v.round_id,
    taskId: v.task_id ?? null,
    evidence: v.evidence,
    enteredBy: v.entered_by_name,
    enteredAt: iso(v.entered_at),
  };
}

export function presentExplanation(e: Explanation, regionName: string) {
  return { ...e, regionName };
}
