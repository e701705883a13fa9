import { api } from './client.ts';

export type AppealStatus = 'received' | 'dispatched' | 'disputed' | 'handling' | 'waiting' | 'replied' | 'called_back' | 'rectifying' | 'closed' | 'merged';
export interface AppealClock { kind: 'sign' | 'reply' | 'resolve'; state: string; startedOn: string | null; dueOn: string | null; doneOn: string | null; workingDaysLeft: number | null; pausedDays: number; reason: string; limitDays?: number; extensionDays?: number }
export interface Appeal {
  id: string; number: string; title: string; description: string; status: AppealStatus; channel: string;
  category: { id: string; code: string; name: string; limits: { signDays: number; replyDays: number; resolveDays: number } };
  region: { id: string; name: string };
  enterprise: { id: string | null; name: string; contactName: string | null; contactPhone: string | null; contactHidden: boolean };
  unit: { id: string; name: string } | null;
  location: string | null; isPublic: boolean; confidential: boolean;
  attachments: { index: number; name: string; size: number; contentType: string }[];
  receivedAt: string; repliedAt: string | null; closedAt: string | null; reply: string | null;
  solved: boolean | null; satisfied: boolean | null; rating: number | null; ratingComment: string | null; reopenCount: number; extensionDays: number; rectifyDue: string | null;
  exclusion: string | null; duplicateOf: string | null; clusterId: string | null; mergedInto: string | null;
  clocks: AppealClock[];
  policies: Record<string, boolean>;
}
export interface AppealEvent { id: string; kind: string; at: string; actorName: string; actorRole: string; note: string; internal: boolean }
export interface AppealDetail extends Appeal {
  timeline: AppealEvent[];
  escalations: { id: string; number: string; kind: string; due_on: string; respond_by: string }[];
  proposals: { catalogueId: string; categoryId: string; categoryName: string; unitId: string; unitName: string; legalBasis: string; score: number; matched: string[] }[];
}
export interface Rate { numerator: number; denominator: number; value: number | null; low: number | null; high: number | null; small: boolean }
export interface StatsGroup { id: string; name: string; rank: number | null; small: boolean; score: number | null; total: number; excluded: number; response: Rate; resolution: Rate; satisfaction: Rate; replyOnTime: Rate; closeOnTime: Rate }
export interface AppealStats { from: string; to: string; total: number; minCases: number; groups: StatsGroup[]; volume: { month: string; total: number; closed: number; overdue: number }[]; categories: { id: string; name: string; total: number }[]; hotWords: { token: string; n: number }[] }
export interface AppealCluster { id: string; keywords: string[]; size: number; enterprises: number; lastAt: string; trend: { month: string; count: number }[]; units: { id: string; name: string; count: number }[]; seasonalMonths: number[]; seasonalSoon: boolean; taskId: string | null; taskClosedAt: string | null }
export interface Category { id: string; code: string; name: string; limits: { signDays: number; replyDays: number; resolveDays: number } }

export const appealsApi = {
  list: (query: { status?: string; q?: string; overdue?: boolean; page?: number; pageSize?: number }) => api.get<{ items: Appeal[]; total: number }>('/appeals', query),
  get: (id: string) => api.get<AppealDetail>(`/appeals/${id}`),
  create: (body: Record<string, unknown>) => api.post<AppealDetail>('/appeals', body),
  act: (id: string, action: string, body?: Record<string, unknown>) => api.post<AppealDetail>(`/appeals/${id}/${action}`, body ?? {}),
  catalogue: () => api.get<{ categories: Category[]; catalogue: { id: string; categoryName: string; unitId: string; unitName: string; legalBasis: string }[] }>('/appeals/catalogue'),
  stats: (query: { groupBy?: string; from?: string; to?: string }) => api.get<AppealStats>('/appeal-stats', query),
  clusters: () => api.get<{ items: AppealCluster[] }>('/appeal-clusters'),
  measure: (id: string, body: { unitId: string; dueDate: string; title?: string }) => api.post<{ taskId: string; planId: string; appeals: number }>(`/appeal-clusters/${id}/measure`, body),
};

export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`);
