import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AppealStatus, ExclusionReason } from '../../core/appeals/index.ts';

/**
 * Tables of enterprise appeals (企业诉求). `Database` in schema.ts extends {@link AppealTables}. `date` columns are
 * read through `to_char` and typed as ISO strings, as in schema-supervision.ts.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;
type IsoDate = string;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export type AppealChannel = 'portal' | 'hotline' | 'counter' | 'import' | 'open311';

export interface AppealCategoryTable {
  id: Generated<string>;
  region_id: string;
  code: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  sign_days: ColumnType<number, number | undefined, number>;
  reply_days: ColumnType<number, number | undefined, number>;
  resolve_days: ColumnType<number, number | undefined, number>;
  keywords: TextArray;
  created_at: Generated<Date>;
}

export interface AppealCatalogueTable {
  id: Generated<string>;
  category_id: string;
  unit_id: string;
  /** The 权责清单 item that makes this unit responsible. */
  legal_basis: string;
  keywords: TextArray;
  created_at: Generated<Date>;
}

export interface AppealClusterTable {
  id: Generated<string>;
  region_id: string;
  region_path: string;
  keywords: TextArray;
  size: ColumnType<number, number | undefined, number>;
  enterprises: ColumnType<number, number | undefined, number>;
  first_at: Timestamp;
  last_at: Timestamp;
  task_id: string | null;
  plan_id: string | null;
  measured_at: Date | null;
  task_closed_at: Date | null;
}

export interface AppealTable {
  id: Generated<string>;
  number: string;
  region_id: string;
  region_path: string;
  enterprise_id: string | null;
  enterprise_name: string;
  contact_name: string | null;
  contact_phone: string | null;
  channel: AppealChannel;
  source_system: string | null;
  source_id: string | null;
  category_id: string;
  title: string;
  description: string;
  location: string | null;
  lat: number | null;
  lng: number | null;
  is_public: ColumnType<boolean, boolean | undefined, boolean>;
  confidential: ColumnType<boolean, boolean | undefined, boolean>;
  attachments: Json;
  status: ColumnType<AppealStatus, AppealStatus | undefined, AppealStatus>;
  unit_id: string | null;
  co_unit_ids: TextArray;
  catalogue_id: string | null;
  handler_id: string | null;
  received_at: Timestamp;
  dispatched_at: Date | null;
  signed_at: Date | null;
  replied_at: Date | null;
  callback_at: Date | null;
  rated_at: Date | null;
  closed_at: Date | null;
  sign_due: IsoDate | null;
  reply_due: IsoDate | null;
  resolve_due: IsoDate | null;
  signed_on_time: boolean | null;
  replied_on_time: boolean | null;
  closed_on_time: boolean | null;
  reply: string | null;
  solved: boolean | null;
  satisfied: boolean | null;
  rating: number | null;
  rating_comment: string | null;
  dispatch_count: ColumnType<number, number | undefined, number>;
  dispute_upheld: ColumnType<boolean, boolean | undefined, boolean>;
  reopen_count: ColumnType<number, number | undefined, number>;
  extension_days: ColumnType<number, number | undefined, number>;
  rectifications: ColumnType<number, number | undefined, number>;
  rectify_due: IsoDate | null;
  pauses: Json;
  exclusion: ExclusionReason | null;
  exclusion_note: string | null;
  merged_into: string | null;
  duplicate_of: string | null;
  cluster_id: string | null;
  tokens: TextArray;
  simhash: string;
  band0: string;
  band1: string;
  band2: string;
  band3: string;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface AppealEventTable {
  id: Generated<string>;
  appeal_id: string;
  kind: string;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  actor_role: string;
  unit_id: string | null;
  note: ColumnType<string, string | undefined, string>;
  detail: Json | null;
  /** Internal steps (dispute, decision, review) are not shown to the enterprise. */
  internal: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface Open311KeyTable {
  id: Generated<string>;
  name: string;
  key_hash: string;
  region_id: string;
  created_by: string | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
}

export interface AppealTables {
  appeal_categories: AppealCategoryTable;
  appeal_catalogue: AppealCatalogueTable;
  appeal_clusters: AppealClusterTable;
  appeals: AppealTable;
  appeal_events: AppealEventTable;
  open311_keys: Open311KeyTable;
}

export type AppealRow = Selectable<AppealTable>;
export type NewAppeal = Insertable<AppealTable>;
export type AppealCategoryRow = Selectable<AppealCategoryTable>;
