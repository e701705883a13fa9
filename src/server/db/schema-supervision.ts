import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * Tables of the supervision module (督查督办). `Database` in schema.ts extends {@link SupervisionTables}.
 * Date columns (`date`) are read through `to_char(…, 'YYYY-MM-DD')` in the queries, never as driver values,
 * because node-postgres and PGlite turn them into Dates at different midnights; they are typed as the
 * ISO strings the queries select and insert.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;
type IsoDate = string;

export type ReportCycleName = 'weekly' | 'biweekly' | 'semimonthly' | 'monthly' | 'quarterly';
export type TaskStatusName = 'assigned' | 'signed' | 'in_progress' | 'closed';
export type LightName = 'green' | 'yellow' | 'red' | 'grey' | 'done';
export type ReportStatusName = 'draft' | 'submitted' | 'accepted' | 'returned';
export type RequestKind = 'extension' | 'transfer';
export type RequestStatus = 'pending' | 'approved' | 'refused';
export type DueKind = 'report' | 'deadline';

export interface SupervisionSettingsTable {
  region_id: string;
  cycle: ColumnType<ReportCycleName, ReportCycleName | undefined, ReportCycleName>;
  nth_working_day: ColumnType<number, number | undefined, number>;
  due_soon_days: ColumnType<number, number | undefined, number>;
  progress_lag_pct: ColumnType<number, number | undefined, number>;
  remind_before_days: ColumnType<number, number | undefined, number>;
  escalation_response_days: ColumnType<number, number | undefined, number>;
  escalation_prefix: ColumnType<string, string | undefined, string>;
  ranking_weights: ColumnType<unknown, string | undefined, string>;
  ranking_min_tasks: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
}

export interface CalendarOverrideTable {
  id: Generated<string>;
  region_id: string;
  date: IsoDate;
  kind: 'workday' | 'holiday';
  name: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TaskTable {
  id: Generated<string>;
  region_id: string;
  unit_id: string;
  plan_id: string;
  measure_id: string;
  status: ColumnType<TaskStatusName, TaskStatusName | undefined, TaskStatusName>;
  cooperating_units: ColumnType<unknown, string | undefined, string>;
  milestones: ColumnType<unknown, string | undefined, string>;
  start_on: IsoDate;
  due_date: IsoDate | null;
  extended_due_date: IsoDate | null;
  /** Deadline as the light reads it (extension, rolled to a working day); written with the light. */
  effective_due_date: IsoDate | null;
  progress: ColumnType<number, number | undefined, number>;
  cycle: ReportCycleName;
  nth_working_day: number;
  due_soon_days: number;
  progress_lag_pct: number;
  signed_at: Date | null;
  signed_by: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  completed_on: IsoDate | null;
  completed_on_time: boolean | null;
  transferred_from_unit_id: string | null;
  last_report_at: Date | null;
  light: ColumnType<LightName, LightName | undefined, LightName>;
  reasons: ColumnType<unknown, string | undefined, string>;
  light_computed_on: IsoDate | null;
  next_report_due: IsoDate | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface TaskKpiTable {
  id: Generated<string>;
  task_id: string;
  seq: number;
  metric: string;
  op: '>=' | '<=' | '=';
  target: number;
  unit: ColumnType<string, string | undefined, string>;
  by_date: IsoDate | null;
  baseline: number | null;
  text: string | null;
  actual: number | null;
  actual_at: Date | null;
  attainment: number | null;
}

export interface ReportTable {
  id: Generated<string>;
  task_id: string;
  region_id: string;
  unit_id: string;
  period: string;
  period_label: string;
  due_on: IsoDate | null;
  status: ReportStatusName;
  summary: ColumnType<string, string | undefined, string>;
  progress: number;
  is_final: ColumnType<boolean, boolean | undefined, boolean>;
  fill_seconds: number | null;
  field_count: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  submitted_at: Date | null;
  on_time: boolean | null;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  reviewer_name: string | null;
  review_comment: string | null;
}

export interface ReportKpiValueTable {
  report_id: string;
  kpi_id: string;
  actual: number;
}

export interface ReportEvidenceTable {
  id: Generated<string>;
  report_id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TaskRequestTable {
  id: Generated<string>;
  task_id: string;
  region_id: string;
  unit_id: string;
  kind: RequestKind;
  reason: string;
  new_due_date: IsoDate | null;
  to_unit_id: string | null;
  previous_due_date: IsoDate | null;
  status: ColumnType<RequestStatus, RequestStatus | undefined, RequestStatus>;
  created_by: string | null;
  created_at: Generated<Date>;
  decided_by: string | null;
  decider_name: string | null;
  decided_at: Date | null;
  decision_comment: string | null;
}

export interface InstructionTable {
  id: Generated<string>;
  task_id: string;
  region_id: string;
  author_id: string | null;
  author_name: string;
  author_role: string;
  text: string;
  created_at: Generated<Date>;
}

export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  region_id: string | null;
  kind: string;
  title: string;
  body: ColumnType<string, string | undefined, string>;
  task_id: string | null;
  entity: string | null;
  entity_id: string | null;
  read_at: Date | null;
  created_at: Generated<Date>;
}

export interface ReminderTable {
  id: Generated<string>;
  task_id: string;
  region_id: string;
  unit_id: string;
  kind: DueKind;
  period: string;
  due_on: IsoDate;
  created_at: Generated<Date>;
}

export interface EscalationTable {
  id: Generated<string>;
  task_id: string;
  region_id: string;
  unit_id: string;
  issuer_region_id: string;
  kind: DueKind;
  period: string;
  due_on: IsoDate;
  year: number;
  seq: number;
  number: string;
  issued_on: IsoDate;
  respond_by: IsoDate;
  response: string | null;
  responded_at: Date | null;
  responded_by: string | null;
  created_at: Generated<Date>;
}

export interface UnitWebhookTable {
  unit_id: string;
  url: string;
  secret: string | null;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface WebhookDeliveryTable {
  id: Generated<string>;
  unit_id: string;
  event: string;
  payload: Json;
  status: ColumnType<'pending' | 'sent' | 'failed', 'pending' | 'sent' | 'failed' | undefined, 'pending' | 'sent' | 'failed'>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  last_status: number | null;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

export interface SupervisionTables {
  supervision_settings: SupervisionSettingsTable;
  calendar_overrides: CalendarOverrideTable;
  tasks: TaskTable;
  task_kpis: TaskKpiTable;
  reports: ReportTable;
  report_kpi_values: ReportKpiValueTable;
  report_evidence: ReportEvidenceTable;
  task_requests: TaskRequestTable;
  instructions: InstructionTable;
  notifications: NotificationTable;
  reminders: ReminderTable;
  escalations: EscalationTable;
  unit_webhooks: UnitWebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
}

export type NewTask = Insertable<TaskTable>;
export type NewTaskKpi = Insertable<TaskKpiTable>;
export type NewReport = Insertable<ReportTable>;
export type NewNotification = Insertable<NotificationTable>;
export type TaskRequestRow = Selectable<TaskRequestTable>;
