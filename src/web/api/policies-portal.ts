import type { Truth } from '../../core/rules/rule-types.ts';
import type { LeafTrace, TraceNode } from '../../core/rules/rule-evaluate.ts';
import { api } from './client.ts';

export type { LeafTrace, TraceNode, Truth };

/** What the enterprise portal reads of the policy supermarket (政策超市): its own matches, grants and messages. */

export type MatchStatus = 'eligible' | 'near' | 'pending' | 'ineligible';
export type ItemMode = 'auto' | 'fast' | 'info';

export interface PolicyMatch {
  itemId: string;
  itemTitle: string;
  policyId: string;
  policyTitle: string;
  docNumber: string | null;
  mode: ItemMode;
  theme: string;
  isExample: boolean;
  status: MatchStatus;
  result: Truth;
  estimatedAmount: number | null;
  amountExplanation: string;
  gaps: string[];
  ruleVersion: { id: string; version: number; hash: string };
  trace: LeafTrace[];
}
export interface PolicyMatches {
  enterprise: { id: string; name: string };
  asOf: string;
  summary: { eligible: number; near: number; pending: number; estimatedTotal: number };
  items: PolicyMatch[];
}

export type GrantStatus = 'proposed' | 'awaiting_confirmation' | 'confirmed' | 'disbursed' | 'refused' | 'superseded';
export interface Grant {
  id: string;
  batchId: string | null;
  itemId: string;
  itemTitle: string;
  itemMode: ItemMode;
  enterpriseName: string;
  ruleVersion: { id: string; version: number; hash: string };
  asOf: string;
  result: Truth;
  amount: number | null;
  amountExplanation: string | null;
  status: GrantStatus;
  eligibleSince: string | null;
  decidedAt: string | null;
  approverName: string | null;
  signature: { alg: string; keyId: string; payloadHash: string; value: string } | null;
  snapshotHash: string;
  trace: TraceNode | null;
  confirmedAt: string | null;
  bankAccount: string | null;
  disbursedAt: string | null;
  reviewOf: string | null;
  reviewReason: string | null;
  reviewRequestedAt: string | null;
  policies: { confirm: boolean; requestReview: boolean };
}
export interface GrantDetail extends Grant {
  related: { id: string; result: Truth; amount: number | null; status: GrantStatus; decidedAt: string | null; reviewOf: string | null }[];
}
export interface PolicyMessage { id: string; itemId: string | null; title: string; body: string; createdAt: string; readAt: string | null }
export interface PayeeAccount { bankName: string; accountName: string; accountNo: string; updatedAt: string }
interface CatalogueEntry { themes: string[]; items: { theme: string }[] }

export const portalPoliciesApi = {
  matches: (enterpriseId: string) => api.get<PolicyMatches>(`/enterprises/${enterpriseId}/policy-matches`),
  grants: () => api.get<{ items: Grant[]; total: number }>('/grants'),
  grant: (id: string) => api.get<GrantDetail>(`/grants/${id}`),
  confirm: (id: string) => api.post<GrantDetail>(`/grants/${id}/confirm`),
  review: (id: string, reason: string) => api.post<GrantDetail>(`/grants/${id}/review`, { reason }),
  messages: () => api.get<{ items: PolicyMessage[]; themes: string[] }>('/portal/policy-messages'),
  subscribe: (themes: string[]) => api.put<{ items: PolicyMessage[]; themes: string[] }>('/portal/policy-subscriptions', { themes }),
  payee: () => api.get<{ account: PayeeAccount | null }>('/portal/payee-account'),
  /** The themes of the published catalogue (what one can subscribe to). */
  themes: async () => {
    const list = await api.get<{ items: CatalogueEntry[] }>('/policies');
    return [...new Set(list.items.flatMap((p) => [...p.themes, ...p.items.map((i) => i.theme)]))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  },
};

/** The leaves of a decision's trace tree, in rule order. */
export function traceLeaves(node: TraceNode | null): LeafTrace[] {
  if (!node) return [];
  if (node.kind === 'leaf') return [node.leaf];
  if (node.kind === 'not') return traceLeaves(node.item);
  return node.items.flatMap(traceLeaves);
}
