import type { ColumnType, Generated } from 'kysely';

/** Tables of the indicators module (营商环境评价与动态监测). `Database` in schema.ts extends {@link IndicatorTables}. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** 'task_kpi': written when the office accepts a report whose task KPI is linked to the indicator. */
export type IndicatorValueSource = 'manual' | 'round' | 'import' | 'computed' | 'task_kpi';
export type RoundUnitStatus = 'pending' | 'submitted' | 'accepted' | 'returned';

export interface IndicatorSystemTable {
  id: Generated<string>;
  region_id: string;
  lineage_id: string;
  version: ColumnType<number, number | undefined, number>;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  is_template: ColumnType<boolean, boolean | undefined, boolean>;
  frontier_note: ColumnType<string, string | undefined, string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface IndicatorNodeTable {
  id: Generated<string>;
  system_id: string;
  key: string;
  parent_key: string | null;
  seq: number;
  name: string;
  weight: number;
  aggregation: 'weighted_mean' | 'mean';
  is_leaf: boolean;
  component: string | null;
  unit_label: string;
  direction: 'lower' | 'higher' | null;
  frontier_mode: 'fixed' | 'sample' | null;
  best: number | null;
  worst: number | null;
  transform: 'linear' | 'nonlinear';
  exponent: number | null;
  data_source: 'manual' | 'computed' | 'import';
  provider: string | null;
  cycle: 'year' | 'quarter' | 'month';
  responsible_unit_id: string | null;
}

export interface IndicatorValueTable {
  id: Generated<string>;
  system_id: string;
  node_key: string;
  region_id: string;
  period: string;
  value: number;
  source: IndicatorValueSource;
  round_id: string | null;
  /** The supervision task whose accepted KPI report wrote the value (source 'task_kpi'). */
  task_id: ColumnType<string | null, string | null | undefined, string | null>;
  evidence: ColumnType<string, string | undefined, string>;
  entered_by: string | null;
  entered_by_name: string | null;
  entered_at: Timestamp;
}

export interface IndicatorRoundTable {
  id: Generated<string>;
  system_id: string;
  region_id: string;
  period: string;
  title: string;
  /** ISO date, read through to_char. */
  due_date: string | null;
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  created_by: string | null;
  created_at: Generated<Date>;
  closed_at: Date | null;
}

export interface IndicatorRoundUnitTable {
  round_id: string;
  unit_id: string;
  status: ColumnType<RoundUnitStatus, RoundUnitStatus | undefined, RoundUnitStatus>;
  submitted_at: Date | null;
  reviewed_at: Date | null;
  review_comment: string | null;
}

export interface IndicatorRoundEntryTable {
  round_id: string;
  unit_id: string;
  node_key: string;
  region_id: string;
  value: number;
  evidence: ColumnType<string, string | undefined, string>;
  entered_by: string | null;
  entered_by_name: string | null;
  entered_at: Timestamp;
}

export interface IndicatorTargetLinkTable {
  id: Generated<string>;
  system_id: string;
  node_key: string;
  measure_id: string;
  target: number;
  target_text: ColumnType<string, string | undefined, string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface IndicatorAlertRuleTable {
  id: Generated<string>;
  system_id: string;
  node_key: string;
  kind: 'below' | 'wrong_way' | 'misses_target';
  threshold: number | null;
  open_task: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface IndicatorAlertTable {
  id: Generated<string>;
  rule_id: string;
  region_id: string;
  period: string;
  message: string;
  created_at: Generated<Date>;
  /** The supervision task opened from the alert (转督办), if any. */
  task_id: ColumnType<string | null, string | null | undefined, string | null>;
  plan_id: ColumnType<string | null, string | null | undefined, string | null>;
  tasked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface IndicatorPeriodStampTable {
  system_id: string;
  period: string;
  stamp: ColumnType<string, number | string | undefined, number | string>;
}

export interface IndicatorTables {
  indicator_period_stamps: IndicatorPeriodStampTable;
  indicator_systems: IndicatorSystemTable;
  indicator_nodes: IndicatorNodeTable;
  indicator_values: IndicatorValueTable;
  indicator_rounds: IndicatorRoundTable;
  indicator_round_units: IndicatorRoundUnitTable;
  indicator_round_entries: IndicatorRoundEntryTable;
  indicator_target_links: IndicatorTargetLinkTable;
  indicator_alert_rules: IndicatorAlertRuleTable;
  indicator_alerts: IndicatorAlertTable;
}
