import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AppealTables } from './schema-appeals.ts';
import type { EnterpriseTables } from './schema-enterprises.ts';
import type { EnterpriseRegistryTables } from './schema-enterprise-registry.ts';
import type { PolicyTables } from './schema-policies.ts';
import type { IndicatorTables } from './schema-indicators.ts';
import type { SupervisionTables } from './schema-supervision.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export type RegionKind = 'province' | 'city' | 'county' | 'district' | 'zone';
export type UnitKind = 'department' | 'government' | 'zone' | 'enterprise' | 'other';
export type Role = 'admin' | 'office' | 'leader' | 'unit' | 'enterprise';

export interface RegionTable {
  id: Generated<string>;
  name: string;
  code: string | null;
  kind: RegionKind;
  parent_id: string | null;
  path: string;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface UnitTable {
  id: Generated<string>;
  region_id: string;
  name: string;
  short_name: string | null;
  kind: UnitKind;
  aliases: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface UserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: Role;
  unit_id: string | null;
  region_id: string | null;
  /** Set for the `enterprise` role: the enterprise this 经办人 acts for. */
  enterprise_id: string | null;
  password_hash: string;
  /** OpenID Connect identity this account logs in with (both set or both null). */
  oidc_issuer: ColumnType<string | null, string | null | undefined, string | null>;
  oidc_subject: ColumnType<string | null, string | null | undefined, string | null>;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  failed_login_count: ColumnType<number, number | undefined, number>;
  last_failed_login_at: Date | null;
  locked_until: Date | null;
  last_login_at: Date | null;
  password_changed_at: Timestamp;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

/** Failed logins per (lower-cased username, client address); see auth.service.ts `login`. */
export interface LoginFailureTable {
  username: string;
  ip: string;
  failed_count: number;
  last_failed_at: Date;
  locked_until: Date | null;
}

export interface SessionTable {
  id: Generated<string>;
  token_hash: string;
  csrf_token: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: string;
  /** Insertion order (a sequence; rollbacks leave gaps). The chain position is `chain_seq`. */
  seq: Generated<number>;
  /** Gapless chain position, set by the chainer after commit; null until then. */
  chain_seq: ColumnType<number | null, never, number>;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  region_id: string | null;
  before: Json | null;
  after: Json | null;
  prev_hash: ColumnType<string | null, never, string>;
  hash: ColumnType<string | null, never, string>;
}

export interface AuditCheckpointTable {
  chain_seq: number;
  hash: string;
  at: Date;
  key_id: string;
  signature: string;
}

export interface SettingTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export type PlanStatus = 'draft' | 'published' | 'archived';
export type PlanSourceFormat = 'docx' | 'doc' | 'pdf' | 'html' | 'txt' | 'paste';

export interface PlanTable {
  id: Generated<string>;
  region_id: string;
  title: string;
  issuer: string | null;
  region_name: string | null;
  /** ISO date; the pg driver and PGlite both return `date` columns as text here (see plans.queries). */
  issued_on: string | null;
  base_year: number | null;
  status: ColumnType<PlanStatus, PlanStatus | undefined, PlanStatus>;
  source_name: string;
  source_format: PlanSourceFormat;
  source_text: string;
  default_units: Json;
  goals: Json;
  issues: Json;
  version: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  published_at: Date | null;
}

export interface PlanMeasureTable {
  id: Generated<string>;
  plan_id: string;
  seq: number;
  number: string;
  path: ColumnType<string[], string[] | undefined, string[]>;
  section: string | null;
  title: string | null;
  text: string;
  lead_units: Json;
  cooperating_units: Json;
  deadlines: Json;
  targets: Json;
  span_start: number | null;
  span_end: number | null;
  flags: ColumnType<string[], string[] | undefined, string[]>;
}

export interface MetricSynonymTable {
  id: Generated<string>;
  region_id: string;
  canonical: string;
  variant: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface Database extends SupervisionTables, EnterpriseTables, EnterpriseRegistryTables, AppealTables, PolicyTables, IndicatorTables {
  regions: RegionTable;
  units: UnitTable;
  users: UserTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  audit_log: AuditLogTable;
  audit_checkpoints: AuditCheckpointTable;
  settings: SettingTable;
  plans: PlanTable;
  plan_measures: PlanMeasureTable;
  metric_synonyms: MetricSynonymTable;
}

export type Region = Selectable<RegionTable>;
export type NewRegion = Insertable<RegionTable>;
export type RegionUpdate = Updateable<RegionTable>;
export type Unit = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Session = Selectable<SessionTable>;
export type NewSession = Insertable<SessionTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLogRow = Insertable<AuditLogTable>;
export type Plan = Selectable<PlanTable>;
export type NewPlan = Insertable<PlanTable>;
export type PlanUpdate = Updateable<PlanTable>;
export type PlanMeasure = Selectable<PlanMeasureTable>;
export type NewPlanMeasure = Insertable<PlanMeasureTable>;
export type MetricSynonymRow = Selectable<MetricSynonymTable>;
export type NewMetricSynonym = Insertable<MetricSynonymTable>;
