import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Tables of the enterprise registry (企业库). `Database` in schema.ts extends {@link EnterpriseTables}. As in
 * schema-supervision.ts, `date` columns are read through `to_char(…, 'YYYY-MM-DD')` and typed as ISO strings;
 * `numeric` columns come back from both drivers as strings and are typed so.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;
type IsoDate = string;
type Numeric = ColumnType<string, string | number, string | number>;

export type SizeClass = 'large' | 'medium' | 'small' | 'micro';
export type CreditFlagKind = 'dishonest' | 'abnormal';

export interface EnterpriseTable {
  id: Generated<string>;
  region_id: string;
  /** 统一社会信用代码 (GB 32100-2015), 18 characters, upper case. */
  credit_code: string;
  name: string;
  legal_rep_name: string | null;
  legal_rep_phone: string | null;
  legal_rep_id_number: string | null;
  registration_authority: string | null;
  established_on: IsoDate | null;
  /** 注册资本, 万元. */
  registered_capital: Numeric | null;
  /** GB/T 4754-2017 code with its 门类 letter (e.g. `C3311`). */
  industry_code: string | null;
  address: string | null;
  size_class: SizeClass | null;
  /** Which threshold row of 工信部联企业〔2011〕300号 gave `size_class`, in words. */
  size_rule: string | null;
  status: ColumnType<string, string | undefined, string>;
  version: ColumnType<number, number | undefined, number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

/** One year's 从业人员 / 营业收入 / 资产总额 (万元), each row with its source and as-of date. */
export interface EnterpriseFigureTable {
  enterprise_id: string;
  year: number;
  employees: number | null;
  revenue: Numeric | null;
  assets: Numeric | null;
  source: string;
  as_of: IsoDate;
}

/** 高新技术企业, 专精特新, 规上, 外资 … with validity dates (null = open-ended). */
export interface EnterpriseTagTable {
  id: Generated<string>;
  enterprise_id: string;
  tag: string;
  valid_from: IsoDate | null;
  valid_to: IsoDate | null;
  source: string;
}

/** 失信 (dishonest) / 经营异常 (abnormal) with source; `until` null while in force. */
export interface EnterpriseCreditFlagTable {
  id: Generated<string>;
  enterprise_id: string;
  kind: CreditFlagKind;
  since: IsoDate | null;
  until: IsoDate | null;
  source: string;
  note: string | null;
}

/**
 * The enterprise's timeline (一企一档). Other modules append through the enterprises module's
 * `appendEnterpriseEvent`, never by writing the table themselves. `kind` is dotted: `appeal.submitted`,
 * `policy.matched`, `grant.decided`, `registry.updated` …; `ref_type`/`ref_id` point at the record.
 */
export interface EnterpriseEventTable {
  id: Generated<string>;
  enterprise_id: string;
  at: Timestamp;
  kind: string;
  title: string;
  ref_type: string | null;
  ref_id: string | null;
  detail: Json | null;
}

export interface EnterpriseTables {
  enterprises: EnterpriseTable;
  enterprise_figures: EnterpriseFigureTable;
  enterprise_tags: EnterpriseTagTable;
  enterprise_credit_flags: EnterpriseCreditFlagTable;
  enterprise_events: EnterpriseEventTable;
}

export type Enterprise = Selectable<EnterpriseTable>;
export type NewEnterprise = Insertable<EnterpriseTable>;
export type EnterpriseUpdate = Updateable<EnterpriseTable>;
export type EnterpriseFigure = Selectable<EnterpriseFigureTable>;
export type EnterpriseTag = Selectable<EnterpriseTagTable>;
export type EnterpriseCreditFlag = Selectable<EnterpriseCreditFlagTable>;
export type EnterpriseEvent = Selectable<EnterpriseEventTable>;
export type NewEnterpriseEvent = Insertable<EnterpriseEventTable>;
