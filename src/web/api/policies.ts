import type { Benefit, RuleLeaf, RuleNode, SizeClass, Truth } from '../../core/rules/rule-types.ts';
import type { LeafTrace, TraceNode } from '../../core/rules/rule-evaluate.ts';
import type { SituationResult } from '../../core/rules/rule-versions.ts';
import { api, request } from './client.ts';

export type { Benefit, LeafTrace, RuleLeaf, RuleNode, SituationResult, SizeClass, TraceNode, Truth };
export type ItemMode = 'auto' | 'fast' | 'info';
export type GrantStatus = 'proposed' | 'awaiting_confirmation' | 'confirmed' | 'disbursed' | 'refused' | 'superseded';

export interface SituationTestInput {
  name: string;
  asOf: string;
  profile: Record<string, unknown>;
  expected: Truth;
  expectedAmount?: number | null;
}

export interface RuleVersionView {
  id: string;
  version: number;
  validFrom: string;
  validTo: string | null;
  rule: RuleNode;
  benefit: Benefit;
  tests: SituationTestInput[];
  testResults: SituationResult[];
  hash: string;
  machineCheckable: boolean;
  createdAt: string;
}

export interface PolicyItem {
  id: string;
  policyId: string;
  title: string;
  mode: ItemMode;
  theme: string;
  conditionsText: string;
  status: 'draft' | 'published' | string;
  publishedAt: string | null;
  versionInForce: { id: string; version: number; hash: string; benefit: Benefit } | null;
  versions: RuleVersionView[];
}

export interface Policy {
  id: string;
  regionId: string;
  regionName: string;
  title: string;
  issuer: string;
  docNumber: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  legalText: string;
  contact: string | null;
  themes: string[];
  isExample: boolean;
  version: number;
  updatedAt: string;
  policies: { update: boolean; runBatch: boolean };
  items: PolicyItem[];
}

export interface ItemInput {
  title: string;
  mode: ItemMode;
  theme?: string;
  conditionsText?: string;
}

export interface PolicyInput {
  title: string;
  issuer: string;
  docNumber?: string | null;
  effectiveFrom: string;
  effectiveTo?: string | null;
  legalText?: string;
  contact?: string | null;
  themes?: string[];
  items?: ItemInput[];
}

export interface DraftCondition {
  leaf: RuleLeaf;
  description: string;
  span: { start: number; end: number; text: string };
  machineCheckable: boolean;
}

export interface EligibleRow {
  enterpriseId: string;
  name: string;
  regionName: string | null;
  industryCode: string | null;
  sizeClass: SizeClass | null;
  result: Truth;
  estimatedAmount: number | null;
  amountExplanation: string;
  gaps?: string[];
  trace: LeafTrace[];
}

export interface EligibleList {
  item: { id: string; title: string; mode: ItemMode };
  asOf: string;
  ruleVersion: { id: string; version: number; hash: string };
  total: number;
  items: EligibleRow[];
}

export interface Batch {
  id: string;
  itemId: string;
  ruleVersionId: string;
  periodLabel: string;
  asOf: string;
  status: 'pending' | 'approved' | string;
  grantCount: number;
  totalAmount: number;
  createdByName: string;
  approvedByName: string | null;
  approvedAt: string | null;
  createdAt: string;
  policies: { approve: boolean };
}

export interface Grant {
  id: string;
  batchId: string | null;
  itemId: string;
  itemTitle: string;
  itemMode: ItemMode;
  enterpriseId: string;
  enterpriseName: string;
  regionName: string;
  ruleVersion: { id: string; version: number; hash: string };
  asOf: string;
  result: Truth;
  amount: number | null;
  amountExplanation: string;
  status: GrantStatus;
  eligibleSince: string;
  decidedAt: string | null;
  approverName: string | null;
  signature: { alg: string; keyId: string; payloadHash: string; value: string } | null;
  snapshotHash: string;
  snapshot: Record<string, unknown> | null;
  trace: TraceNode | null;
  confirmedAt: string | null;
  bankAccount: string | null;
  disbursedAt: string | null;
  reviewOf: string | null;
  reviewReason: string | null;
  reviewRequestedAt: string | null;
  policies: { confirm: boolean; requestReview: boolean; rerun: boolean; disburse: boolean };
}

export interface GrantDetail extends Grant {
  related: { id: string; result: Truth; amount: number | null; status: GrantStatus; decidedAt: string | null; reviewOf: string | null }[];
}

export interface ResultGroup {
  key: string;
  count: number;
  amount: number;
  disbursed: number;
}

export interface PolicyResults {
  totals: { count: number; amount: number; disbursed: number; enterprises: number };
  byItem: ResultGroup[];
  byIndustry: ResultGroup[];
  bySize: ResultGroup[];
  byCounty: ResultGroup[];
  coverage: { itemId: string; itemTitle: string; eligible: number; granted: number; coverage: number | null }[];
  daysToMoney: { count: number; average: number | null; max: number | null };
}

export type EligibleTruth = 'true' | 'unknown' | 'near';

export const policiesApi = {
  list: (q?: string) => api.get<{ items: Policy[]; total: number }>('/policies', { q }),
  get: (id: string) => api.get<Policy>(`/policies/${id}`),
  create: (body: PolicyInput) => api.post<Policy>('/policies', body),
  update: (id: string, body: Partial<PolicyInput> & { version: number; addItems?: ItemInput[] }) => request<Policy>('PUT', `/policies/${id}`, { body }),
  draftRules: (body: { text: string; regionId?: string; ref?: string }) => api.post<{ drafts: DraftCondition[]; machineCheckable: boolean }>('/policies/draft-rules', body),
  publishVersion: (itemId: string, body: { validFrom: string; validTo?: string | null; rule: RuleNode; benefit: Benefit; tests: SituationTestInput[] }) =>
    api.post<{ item: PolicyItem; versionId: string; testResults: SituationResult[]; pushed: number }>(`/policy-items/${itemId}/rule-versions`, body),
  version: (id: string) => api.get<RuleVersionView>(`/policy-rule-versions/${id}`),
  eligible: (itemId: string, query: { asOf?: string; truth?: EligibleTruth; page?: number; pageSize?: number }) => api.get<EligibleList>(`/policy-items/${itemId}/eligible`, query),
  eligibleXlsxUrl: (itemId: string, query: { asOf?: string; truth?: EligibleTruth }) => {
    const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]).toString();
    return `/api/v1/policy-items/${itemId}/eligible.xlsx${qs ? `?${qs}` : ''}`;
  },
  batches: (itemId: string) => api.get<{ items: Batch[]; total: number }>(`/policy-items/${itemId}/grant-batches`),
  runBatch: (itemId: string, body: { periodLabel: string; asOf?: string }) => api.post<Batch & { grants: Grant[] }>(`/policy-items/${itemId}/grant-batches`, body),
  batch: (id: string) => api.get<Batch & { grants: Grant[] }>(`/grant-batches/${id}`),
  approve: (id: string) => api.post<Batch & { grants: Grant[] }>(`/grant-batches/${id}/approve`),
  grants: (query: { batchId?: string; enterpriseId?: string } = {}) => api.get<{ items: Grant[]; total: number }>('/grants', query),
  grant: (id: string) => api.get<GrantDetail>(`/grants/${id}`),
  disburse: (id: string) => api.post<GrantDetail>(`/grants/${id}/disburse`),
  rerun: (id: string, reason?: string) => api.post<GrantDetail>(`/grants/${id}/review`, reason ? { reason } : {}),
  results: () => api.get<PolicyResults>('/policy-results'),
};

/** 元 with thousands separators (amounts are in yuan). */
export const yuan = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : `¥${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}`);
