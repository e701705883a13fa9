import { api } from './client.ts';
import type { Policies } from './types.ts';

export type SizeClass = 'large' | 'medium' | 'small' | 'micro';
export type CreditFlagKind = 'dishonest' | 'abnormal';

export interface EnterpriseSummary {
  id: string;
  creditCode: string;
  name: string;
  regionId: string;
  regionName: string;
  industryCode: string | null;
  industryName: string | null;
  sizeClass: SizeClass | null;
  status: string;
  tags: string[];
  creditFlags: CreditFlagKind[];
}

export interface EnterpriseDetail extends EnterpriseSummary {
  legalRepName: string | null;
  legalRepPhone: string | null;
  legalRepIdNumber: string | null;
  masked: boolean;
  registrationAuthority: string | null;
  establishedOn: string | null;
  registeredCapital: number | null;
  address: string | null;
  sizeRule: string | null;
  figures: { year: number; employees: number | null; revenue: number | null; assets: number | null; source: string; asOf: string }[];
  tagsDetail: { id: string; tag: string; validFrom: string | null; validTo: string | null; source: string; current: boolean }[];
  creditFlagsDetail: { id: string; kind: CreditFlagKind; since: string | null; until: string | null; source: string; note: string | null; current: boolean }[];
  contacts: { id: string; name: string; phone: string | null; title: string | null; isPrimary: boolean }[];
  version: number;
  updatedAt: string;
  policies: Policies;
}

export interface EnterpriseListQuery {
  regionId?: string;
  industry?: string;
  sizeClass?: SizeClass;
  tag?: string;
  creditFlag?: CreditFlagKind;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface TimelineEvent {
  id: string;
  at: string;
  kind: string;
  title: string;
  refType: string | null;
  refId: string | null;
  detail: unknown;
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  readAt: string | null;
  createdAt: string;
}

export const enterprisesApi = {
  list: (query: EnterpriseListQuery) =>
    api.get<{ items: EnterpriseSummary[]; total: number; policies: Policies }>('/enterprises', query as Record<string, string | number | undefined>),
  get: (id: string, reveal = false) => api.get<EnterpriseDetail>(`/enterprises/${id}`, reveal ? { reveal: 'true' } : undefined),
  timeline: (id: string, page = 1, pageSize = 20) => api.get<{ items: TimelineEvent[]; total: number }>(`/enterprises/${id}/timeline`, { page, pageSize }),
};

export const notificationsApi = {
  list: () => api.get<{ items: Notification[]; total: number }>('/notifications'),
  read: (id: string) => api.post<void>(`/notifications/${id}/read`),
};
