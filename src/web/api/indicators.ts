/** Indicators and evaluation (issue 11): systems (trees), values, evaluations, explain, simulate, rounds. */
import { api } from './client.ts';
import type { ListResponse, Named } from './types.ts';

export interface IndicatorNode {
  id: string;
  key: string;
  parentKey: string | null;
  name: string;
  weight: number;
  aggregation: 'weighted_mean' | 'mean';
  isLeaf: boolean;
  component: string | null;
  unitLabel: string;
  direction: 'lower' | 'higher' | null;
  frontierMode: 'fixed' | 'sample' | null;
  best: number | null;
  worst: number | null;
  transform: 'linear' | 'nonlinear';
  exponent: number | null;
  dataSource: 'manual' | 'computed' | 'import';
  provider: string | null;
  cycle: string;
  responsibleUnit: Named | null;
}

export interface IndicatorSystem {
  id: string;
  lineageId: string;
  version: number;
  name: string;
  description: string;
  isTemplate: boolean;
  frontierNote: string;
  region: Named;
  policies: { manage: boolean; evaluate: boolean };
}

export interface IndicatorSystemDetail extends IndicatorSystem {
  nodes: IndicatorNode[];
}

export interface EvaluationItem {
  region: Named;
  composite: number | null;
  rank: number | null;
  missingLeaves: number;
  scores: Record<string, number | null>;
}

export interface Evaluation {
  system: { id: string; name: string; version: number; isTemplate: boolean };
  period: string;
  nodes: Array<{ key: string; parentKey: string | null; name: string; isLeaf: boolean; weight: number }>;
  leaves: number;
  items: EvaluationItem[];
}

export interface ChildTerm {
  key: string;
  nodeId: string | null;
  name: string;
  score: number | null;
  weight: number;
  effectiveWeight: number | null;
  contribution: number | null;
}

export interface Explanation {
  kind: 'leaf' | 'node';
  key: string;
  nodeId: string;
  name: string;
  regionName: string;
  period: string;
  rank: number | null;
  score: number | null;
  formula: string;
  shareOfComposite: number | null;
  value?: number | null;
  direction?: 'lower' | 'higher';
  frontierMode?: 'fixed' | 'sample';
  best?: number | null;
  worst?: number | null;
  transform?: 'linear' | 'nonlinear';
  exponent?: number | null;
  fraction?: number | null;
  aggregation?: 'weighted_mean' | 'mean';
  children?: ChildTerm[];
  renormalised?: boolean;
  missingChildren?: string[];
  gaps?: Array<{ key: string; nodeId: string | null; name: string; score: number; compositeGain: number; shareOfComposite: number }>;
  /** A leaf's stored value: where it came from ('task_kpi' carries the task that fed it). */
  source?: { kind: 'manual' | 'round' | 'import' | 'computed' | 'task_kpi'; evidence: string; enteredBy: string | null; enteredAt: string; taskId: string | null } | null;
}

export interface Trend {
  nodeKey: string;
  name: string;
  unitLabel: string;
  periods: string[];
  series: Array<{ region: Named; points: Array<{ period: string; score: number | null; value: number | null }> }>;
  targets: Array<{ id: string; target: number; targetText: string; measureNumber: string; planTitle: string }>;
}

export interface SimulationRow {
  region: Named;
  before: number | null;
  after: number | null;
  delta: number | null;
  rankBefore: number | null;
  rankAfter: number | null;
}

export interface RoundSummary {
  id: string;
  systemId: string;
  systemName: string;
  period: string;
  title: string;
  dueDate: string | null;
  status: 'open' | 'closed';
  units: number;
  submitted: number;
  accepted: number;
  myStatus: RoundUnitStatus | null;
}

export type RoundUnitStatus = 'pending' | 'submitted' | 'accepted' | 'returned';

export interface Round {
  id: string;
  systemId: string;
  systemName: string;
  period: string;
  title: string;
  dueDate: string | null;
  status: 'open' | 'closed';
  units: Array<{ unitId: string; unitName: string; status: RoundUnitStatus; submittedAt: string | null; reviewComment: string | null; leaves: number }>;
  regions: Named[];
  leaves: Array<{ key: string; name: string; unitLabel: string; component: string | null; direction: 'lower' | 'higher' | null; unitId: string | null; unitName: string | null }>;
  entries: Array<{ nodeKey: string; regionId: string; value: number | null; evidence: string; enteredBy: string | null; previous: number | null }>;
  myStatus: RoundUnitStatus | null;
  policies: { fill: boolean; review: boolean; close: boolean; remind: boolean };
}

export interface NodeDetail {
  node: IndicatorNode;
  targets: Array<{ id: string; measureNumber: string; measureTitle: string; planTitle: string; target: number; targetText: string }>;
  tasks: Array<{ id: string; measureNumber: string; title: string; unit: Named; light: string; dueDate: string | null; kpis: Array<{ metric: string; op: string; target: number; unit: string; actual: number | null }> }>;
}

export interface IndicatorAlert {
  id: string;
  ruleId: string;
  nodeKey: string;
  kind: 'below' | 'wrong_way' | 'misses_target';
  region: Named;
  period: string;
  message: string;
  createdAt: string;
  taskId: string | null;
  planId: string | null;
  taskedAt: string | null;
  policies: { openTask: boolean };
}

export const indicatorsApi = {
  alerts: (systemId: string) => api.get<{ rules: Array<{ id: string; nodeKey: string; kind: string; threshold: number | null }>; items: IndicatorAlert[] }>('/indicator-alerts', { systemId }),
  scanAlerts: (systemId: string, period: string) => api.post<{ raised: unknown[] }>('/indicator-alerts/scan', { systemId, period }),
  alertTask: (alertId: string, body: { unitId?: string; dueDate: string; title?: string }) => api.post<{ alertId: string; planId: string; taskId: string }>(`/indicator-alerts/${alertId}/task`, body),
  systems: () => api.get<ListResponse<IndicatorSystem>>('/indicator-systems'),
  system: (id: string) => api.get<IndicatorSystemDetail>(`/indicator-systems/${id}`),
  createSystem: (body: { template?: 'ndrc-default'; basedOnId?: string; nodes?: unknown[]; name?: string }) => api.post<IndicatorSystemDetail>('/indicator-systems', body),
  treeUrl: (id: string) => `/api/v1/indicator-systems/${id}/tree.xlsx`,
  bulletinUrl: (id: string, period: string) => `/api/v1/indicator-systems/${id}/bulletin.docx?period=${encodeURIComponent(period)}`,
  node: (id: string, key: string) => api.get<NodeDetail>(`/indicator-systems/${id}/nodes/${encodeURIComponent(key)}`),
  evaluation: (systemId: string, period: string) => api.get<Evaluation>('/evaluations', { systemId, period }),
  explain: (node: string, region: string, period: string) => api.get<Explanation>('/evaluations/explain', { node, region, period }),
  trend: (systemId: string, nodeKey?: string) => api.get<Trend>('/evaluations/trend', { systemId, nodeKey }),
  simulate: (body: { systemId: string; period: string; changes: Array<{ regionId: string; nodeKey: string; value: number | null }> }) => api.post<{ period: string; items: SimulationRow[] }>('/evaluations/simulate', body),
  rounds: () => api.get<ListResponse<RoundSummary>>('/indicator-rounds'),
  round: (id: string) => api.get<Round>(`/indicator-rounds/${id}`),
  openRound: (body: { systemId: string; period: string; dueDate?: string }) => api.post<Round>('/indicator-rounds', body),
  fillRound: (id: string, body: { entries: Array<{ nodeKey: string; regionId: string; value: number; evidence?: string }>; submit?: boolean }) => api.post<Round>(`/indicator-rounds/${id}/entries`, body),
  reviewRound: (id: string, unitId: string, body: { decision: 'accept' | 'return'; comment?: string }) => api.post<Round>(`/indicator-rounds/${id}/units/${unitId}/review`, body),
  remindRound: (id: string) => api.post<{ reminded: number }>(`/indicator-rounds/${id}/remind`),
};
