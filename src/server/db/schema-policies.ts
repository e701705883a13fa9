import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Tables of the policies module (政策超市 / 免申即享). `Database` in schema.ts extends {@link PolicyTables}. Dates are
 * read through `to_char(…, 'YYYY-MM-DD')`; `numeric` comes back as a string.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;
type IsoDate = string;
type Numeric = ColumnType<string, string | number, string | number>;

export type PolicyItemMode = 'auto' | 'fast' | 'info';
export type GrantStatus = 'proposed' | 'awaiting_confirmation' | 'confirmed' | 'disbursed' | 'refused' | 'superseded';

export interface PolicyTable {
  id: Generated<string>;
  region_id: string;
  title: string;
  issuer: string;
  doc_number: string | null;
  effective_from: IsoDate;
  effective_to: IsoDate | null;
  legal_text: ColumnType<string, string | undefined, string>;
  contact: string | null;
  themes: ColumnType<string[], string | undefined, string>;
  is_example: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface PolicyItemTable {
  id: Generated<string>;
  policy_id: string;
  title: string;
  mode: PolicyItemMode;
  theme: ColumnType<string, string | undefined, string>;
  conditions_text: ColumnType<string, string | undefined, string>;
  status: ColumnType<'draft' | 'published', 'draft' | 'published' | undefined, 'draft' | 'published'>;
  published_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface PolicyRuleVersionTable {
  id: Generated<string>;
  item_id: string;
  version: number;
  valid_from: IsoDate;
  valid_to: IsoDate | null;
  rule: Json;
  benefit: Json;
  tests: Json;
  test_results: Json;
  hash: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface GrantBatchTable {
  id: Generated<string>;
  item_id: string;
  rule_version_id: string;
  region_id: string;
  period_label: string;
  as_of: IsoDate;
  status: ColumnType<'pending' | 'approved', 'pending' | 'approved' | undefined, 'pending' | 'approved'>;
  grant_count: ColumnType<number, number | undefined, number>;
  total_amount: ColumnType<string, string | number | undefined, string | number>;
  created_by: string;
  approved_by: string | null;
  approved_at: Date | null;
  created_at: Generated<Date>;
}

export interface GrantTable {
  id: Generated<string>;
  batch_id: string | null;
  item_id: string;
  enterprise_id: string;
  region_id: string;
  rule_version_id: string;
  rule_hash: string;
  as_of: IsoDate;
  snapshot: Json;
  snapshot_hash: string;
  trace: Json;
  result: 'true' | 'false' | 'unknown';
  amount: Numeric | null;
  amount_explanation: ColumnType<string, string | undefined, string>;
  status: GrantStatus;
  eligible_since: IsoDate;
  decided_at: Date | null;
  approver_id: string | null;
  approver_name: string | null;
  payload_hash: string | null;
  signature: string | null;
  sign_alg: string | null;
  key_id: string | null;
  confirmed_at: Date | null;
  confirmed_by: string | null;
  bank_account: string | null;
  disbursed_at: Date | null;
  review_of: string | null;
  review_reason: string | null;
  review_requested_at: Date | null;
  created_at: Generated<Date>;
}

export interface PolicyMessageTable {
  id: Generated<string>;
  enterprise_id: string;
  item_id: string;
  title: string;
  body: string;
  created_at: Generated<Date>;
  read_at: Date | null;
}

export interface PolicySubscriptionTable {
  enterprise_id: string;
  theme: string;
  created_at: Generated<Date>;
}

export interface PayeeAccountTable {
  enterprise_id: string;
  bank_name: string;
  account_name: string;
  account_no: string;
  updated_at: Timestamp;
}

export interface PolicyTables {
  policies: PolicyTable;
  policy_items: PolicyItemTable;
  policy_rule_versions: PolicyRuleVersionTable;
  grant_batches: GrantBatchTable;
  grants: GrantTable;
  policy_messages: PolicyMessageTable;
  policy_subscriptions: PolicySubscriptionTable;
  payee_accounts: PayeeAccountTable;
}

export type Policy = Selectable<PolicyTable>;
export type PolicyItem = Selectable<PolicyItemTable>;
export type Grant = Selectable<GrantTable>;
