/**
 * Supervision (issue 4): tasks, reports, reviews, requests, rankings, dashboard, exports. Shapes follow the
 * "Supervision API" section of docs/api-contract.md.
 */
import { ApiError, api, getCsrfToken, request } from './client.ts';
import type { ListResponse, Named, PageQuery, Policies } from './types.ts';

export type { Named };

export type Light = 'green' | 'yellow' | 'red' | 'grey' | 'done';
export const LIGHTS: readonly Light[] = ['red', 'yellow', 'green', 'grey', 'done'];
export type TaskStatus = 'assigned' | 'signed' | 'in_progress' | 'closed';
export const TASK_STATUSES: readonly TaskStatus[] = ['assigned', 'signed', 'in_progress', 'closed'];
export type ReportStatus = 'draft' | 'submitted' | 'accepted' | 'returned';
export type Cycle = 'monthly' | 'biweekly' | 'quarterly';
export const CYCLES: readonly Cycle[] = ['monthly', 'biweekly', 'quarterly'];

export interface Reason {
  code: string;
  severity: Light;
  message: string;
  params: Record<string, string | number | boolean | null>;
}

export interface Kpi {
  id: string;
  metric: string;
  op: string;
  target: number;
  unit: string;
  by: string | null;
  baseline: number | null;
  actual: number | null;
  attainment: number | null;
}

export interface Task {
  id: string;
  planId: string;
  planTitle: string;
  measureId: string;
  measureNumber: string;
  section: string | null;
  title: string | null;
  text: string;
  unit: Named;
  region: Named;
  cooperatingUnits: { printed: string; unitId: string | null; name: string | null }[];
  /** The caller's unit cooperates on the task (协办): read only. */
  cooperating: boolean;
  status: TaskStatus;
  signedAt: string | null;
  dueDate: string | null;
  nextReportDue: string | null;
  progress: number;
  light: Light;
  reasons: Reason[];
  kpis: Kpi[];
  policies: Policies;
}

export interface Report {
  id: string;
  taskId: string;
  period: string;
  status: ReportStatus;
  summary: string;
  progress: number;
  kpiValues: { kpiId: string; actual: number }[];
  evidence: { id: string; name: string; size: number }[];
  isFinal: boolean;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  reviewer: string | null;
  periodLabel?: string;
  fillSeconds: number | null;
  policies: Policies;
  /** In the review queue the server may add the task it belongs to. */
  task?: Pick<Task, 'id' | 'measureNumber' | 'title' | 'text' | 'unit' | 'planTitle'> & Partial<Task>;
}

/** A report awaiting review with its task. */
export interface ReviewItem {
  report: Report;
  task: Task;
}

export interface TaskRequest {
  id: string;
  taskId?: string;
  kind: 'extension' | 'transfer';
  reason: string;
  newDueDate: string | null;
  toUnit?: Named | null;
  toUnitId?: string | null;
  status: 'pending' | 'approved' | 'refused';
  decisionComment?: string | null;
  createdAt?: string;
  decidedAt?: string | null;
  policies: Policies;
}

export interface Instruction {
  id: string;
  text: string;
  author: string | null;
  authorRole?: string;
  createdAt: string;
}

export interface Escalation {
  id: string;
  number: string;
  reason?: string | null;
  respondBy: string | null;
  createdAt: string;
  respondedAt?: string | null;
}

export interface TaskDetail extends Task {
  reports: Report[];
  requests: TaskRequest[];
  instructions: Instruction[];
  escalations: Escalation[];
}

export interface TaskQuery extends PageQuery {
  mine?: boolean;
  /** Unit accounts: only tasks it leads (主办) or only those it cooperates on (协办). */
  role?: 'lead' | 'cooperating';
  unitId?: string;
  planId?: string;
  light?: Light;
  status?: TaskStatus;
  q?: string;
}

export interface ReportInput {
  period?: string;
  summary: string;
  progress: number;
  kpiValues: { kpiId: string; actual: number }[];
  isFinal: boolean;
  submit: boolean;
  fillSeconds?: number;
}

export interface PublishInput {
  cycle: Cycle;
  nthWorkingDay: number;
  dueSoonDays?: number;
  progressLagPct?: number;
}

export type RankingComponent = 'completion' | 'onTime' | 'overdue' | 'reporting' | 'kpi';
export const RANKING_COMPONENTS: readonly RankingComponent[] = ['completion', 'onTime', 'overdue', 'reporting', 'kpi'];

export interface RankedUnit {
  rank: number | null;
  unitId: string;
  unitName: string;
  tasks: number;
  done: number;
  onTime: number;
  overdue: number;
  excluded: number;
  reportsDue: number;
  reportsOnTime: number;
  kpiAttainmentAvg: number | null;
  components: Record<RankingComponent, number | null>;
  score: number | null;
  flagged: 'few-tasks' | 'no-score' | null;
}

export interface Rankings {
  by: 'unit' | 'region';
  weights: Record<RankingComponent, number>;
  minTasks: number;
  items: RankedUnit[];
  policies: Policies;
}

export interface DashboardTask {
  id: string;
  measureNumber: string;
  title: string;
  unitName: string;
  dueDate: string | null;
  light: Light;
  reason: string | null;
  reasonCode?: string | null;
}

export type KpiBucket = 'met' | '80to100' | '50to80' | 'lt50' | 'none';

export interface Dashboard {
  totals: { tasks: number; done: number; red: number; yellow: number; green: number; grey: number; overdue: number };
  completionOverTime: { month: string; done: number; total: number; rate: number }[];
  byChapter: { section: string; tasks: number; done: number; red: number }[];
  byUnit: { unitId: string; unitName: string; tasks: number; done: number; red: number }[];
  overdueTrend: { month: string; overdue: number }[];
  kpiAttainment: { bucket: KpiBucket; count: number }[];
  redTasks: DashboardTask[];
}

/** Drill-down from a dashboard chart to its tasks. */
export interface DrillQuery extends PageQuery {
  planId?: string;
  unitId?: string;
  section?: string;
  light?: Light;
  overdue?: boolean;
  /** Month (YYYY-MM) in which the tasks were overdue at month end. */
  overdueIn?: string;
  /** Closed on or before the end of this month (YYYY-MM). */
  doneBy?: string;
  kpiBucket?: KpiBucket;
}

export interface BurdenRow {
  unitId: string;
  unitName: string;
  month: string;
  reportsAsked: number;
  reportsFiled: number;
  fieldsAsked: number;
  medianFillSeconds: number | null;
}

export interface InboxTask {
  id: string;
  measureNumber: string;
  title: string;
  unitName: string;
  planTitle: string;
}

export interface ReviewInbox {
  requests: {
    id: string;
    kind: 'extension' | 'transfer';
    reason: string;
    newDueDate: string | null;
    currentDueDate: string | null;
    toUnitName: string | null;
    createdAt: string;
    task: InboxTask;
    policies: Policies;
  }[];
  toClose: { task: InboxTask; periodLabel: string; acceptedAt: string | null; policies: Policies }[];
}

export interface LedgerImportIssue {
  sheet: string;
  row: number | null;
  column: string | null;
  message: string;
}

export const tasksApi = {
  list: (query: TaskQuery) => api.get<ListResponse<Task>>('/tasks', { ...query }),
  get: (id: string) => api.get<TaskDetail>(`/tasks/${id}`),
  sign: (id: string) => api.post<Task>(`/tasks/${id}/sign`),
  report: (id: string, body: ReportInput) => api.post<Report>(`/tasks/${id}/reports`, body),
  request: (id: string, body: { kind: 'extension' | 'transfer'; reason: string; newDueDate?: string; toUnitId?: string }) =>
    api.post<TaskRequest>(`/tasks/${id}/requests`, body),
  close: (id: string) => api.post<Task>(`/tasks/${id}/close`),
  instruct: (id: string, text: string) => api.post<Instruction>(`/tasks/${id}/instructions`, { text }),
};

export const reportsApi = {
  update: (id: string, body: Partial<ReportInput>) => api.patch<Report>(`/reports/${id}`, body),
  review: (id: string, decision: 'accept' | 'return', comment: string) => api.post<Report>(`/reports/${id}/review`, { decision, comment }),
  queue: (query: PageQuery & { planId?: string } = {}) => api.get<ListResponse<ReviewItem>>('/reviews', { ...query }),
  inbox: () => api.get<ReviewInbox>('/review-inbox'),
  uploadEvidence: (id: string, file: File) => uploadFile(`/reports/${id}/evidence`, file),
};

export const requestsApi = {
  decide: (id: string, decision: 'approve' | 'refuse', comment: string) =>
    api.post<TaskRequest>(`/task-requests/${id}/decision`, { decision, comment }),
};

export const supervisionApi = {
  publishPreview: (planId: string) => api.get<PublishPreview>(`/plans/${planId}/publish-preview`),
  publish: (planId: string, body: PublishInput) => api.post<{ planId: string; tasksCreated: number }>(`/plans/${planId}/publish`, body),
  rankings: (query: { planId?: string; by?: 'unit' | 'region'; from?: string; to?: string }) => api.get<Rankings>('/rankings', query),
  saveWeights: (body: { regionId?: string; weights: Record<RankingComponent, number>; minTasks?: number }) =>
    request<{ weights: Record<RankingComponent, number>; minTasks: number }>('PUT', '/ranking-weights', { body }),
  dashboard: (planId?: string) => api.get<Dashboard>('/dashboard', { planId }),
  drill: (query: DrillQuery) => api.get<ListResponse<DashboardTask>>('/dashboard/tasks', { ...query }),
  burden: (month?: string) => api.get<ListResponse<BurdenRow>>('/burden', { month }),
  bulletinUrl: (planId: string, period?: string) => `/api/v1/plans/${planId}/bulletin.docx${period ? `?period=${encodeURIComponent(period)}` : ''}`,
  ledgerUrl: (planId: string) => `/api/v1/plans/${planId}/ledger.xlsx`,
  importLedger: (planId: string, file: File) => uploadFile<{ imported: number }>(`/plans/${planId}/ledger-import`, file),
};

/** What publishing a plan would do (GET /plans/:id/publish-preview). */
export interface PublishPreview {
  tasks: number;
  pastDue: number;
  unresolved: { measureId: string; number: string; printed: string | null }[];
  message: string | null;
}

async function uploadFile<T = unknown>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = getCsrfToken();
  if (token) headers['x-csrf-token'] = token;
  const res = await fetch(`/api/v1${path}`, { method: 'POST', body: form, headers, credentials: 'same-origin' });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(res.status, error?.code ?? `HTTP_${res.status}`, error?.message ?? res.statusText, error?.details);
  }
  return body as T;
}

// ---------------------------------------------------------------- notifications, calendar, webhooks, settings

export interface AppNotification {
  id: string;
  /** task_assigned, report_returned, reminder, escalation, instruction, … (docs/api-contract.md). */
  kind: string;
  title: string;
  body: string;
  taskId: string | null;
  entity: string | null;
  entityId: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationList {
  items: AppNotification[];
  total: number;
  unread: number;
}

export type OverrideKind = 'workday' | 'holiday';

export interface CalendarOverride {
  id: string;
  region: Named;
  date: string;
  kind: OverrideKind;
  name: string | null;
  policies: Policies;
}

export interface CalendarOverrideInput {
  regionId?: string;
  date: string;
  kind: OverrideKind;
  name?: string;
}

export interface WebhookDelivery {
  id: string;
  event: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface UnitWebhook {
  unitId: string;
  url: string | null;
  enabled: boolean;
  hasSecret: boolean;
  recentDeliveries: WebhookDelivery[];
}

/** `url: null` removes the webhook; `secret` omitted keeps the stored one, null clears it. */
export interface UnitWebhookInput {
  url: string | null;
  enabled?: boolean;
  secret?: string | null;
}

/** Every cycle the server knows; the publish dialog offers only the common three (CYCLES). */
export type SettingsCycle = 'weekly' | 'biweekly' | 'semimonthly' | 'monthly' | 'quarterly';
export const SETTINGS_CYCLES: readonly SettingsCycle[] = ['weekly', 'biweekly', 'semimonthly', 'monthly', 'quarterly'];

export interface SupervisionSettings {
  regionId: string;
  cycle: SettingsCycle;
  nthWorkingDay: number;
  dueSoonDays: number;
  progressLagPct: number;
  remindBeforeDays: number;
  escalationResponseDays: number;
  policies: Policies;
}

export type SupervisionSettingsInput = Omit<SupervisionSettings, 'policies' | 'regionId'> & { regionId?: string };

export const notificationsApi = {
  list: (query: PageQuery & { unread?: boolean } = {}) => api.get<NotificationList>('/notifications', { ...query }),
  read: (id: string) => api.post<void>(`/notifications/${id}/read`),
};

export const calendarApi = {
  list: (query: { regionId?: string; year?: number } = {}) => api.get<{ items: CalendarOverride[] }>('/calendar-overrides', query),
  create: (body: CalendarOverrideInput) => api.post<CalendarOverride>('/calendar-overrides', body),
  remove: (id: string) => api.delete(`/calendar-overrides/${id}`),
};

export const webhooksApi = {
  get: (unitId: string) => api.get<UnitWebhook>(`/units/${unitId}/webhook`),
  put: (unitId: string, body: UnitWebhookInput) => request<UnitWebhook>('PUT', `/units/${unitId}/webhook`, { body }),
};

export const settingsApi = {
  get: (regionId?: string) => api.get<SupervisionSettings>('/supervision-settings', { regionId }),
  put: (body: SupervisionSettingsInput) => request<SupervisionSettings>('PUT', '/supervision-settings', { body }),
};

/** A report period as the UI shows it: the server's Chinese label (2026年11月) in Chinese, the key (2026-11) otherwise. */
export const periodText = (r: { period: string; periodLabel?: string | null }, language: string) => (language === 'zh-CN' ? (r.periodLabel ?? r.period) : r.period);
