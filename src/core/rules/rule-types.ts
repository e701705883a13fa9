/**
 * The eligibility rule language (政策条件): a small typed condition tree, plain JSON, stored as-is in the database.
 * Leaves are comparisons on facts of the enterprise profile (企业画像); `all` / `any` / `not` combine them. Every leaf
 * carries a legal reference (`ref`: which clause of which document asks for it). Logic is three-valued: a fact the
 * registry lacks makes its leaf "unknown", never "false".
 */

export type SizeClass = 'large' | 'medium' | 'small' | 'micro';
export type CreditFlagKind = 'dishonest' | 'abnormal';
export type Comparator = '>=' | '>' | '<=' | '<' | '=';
export type FigureName = 'employees' | 'revenue' | 'assets';

export const SIZE_CLASSES: readonly SizeClass[] = ['large', 'medium', 'small', 'micro'];
export const CREDIT_FLAG_KINDS: readonly CreditFlagKind[] = ['dishonest', 'abnormal'];
export const COMPARATORS: readonly Comparator[] = ['>=', '>', '<=', '<', '='];
export const FIGURE_NAMES: readonly FigureName[] = ['employees', 'revenue', 'assets'];

interface LeafBase {
  /** Stable id inside the rule (trace entries and situation-test messages name it). */
  id: string;
  /** Legal reference: document number and clause, e.g. `示例市政〔2026〕8号 第三条(一)`. */
  ref: string;
  /** Optional wording shown instead of the generated description. */
  label?: string;
}

/** Registered in the region or in its subtree (注册地在本市). */
export interface RegionLeaf extends LeafBase { kind: 'region'; regionId: string; regionName: string }
/** GB/T 4754-2017 code starts with one of the prefixes (门类 letter, 大类 digits …). */
export interface IndustryLeaf extends LeafBase { kind: 'industry'; prefixes: string[] }
/** 划型 (工信部联企业〔2011〕300号) is one of these classes. */
export interface SizeLeaf extends LeafBase { kind: 'size'; classes: SizeClass[] }
/** Full years since 成立日期, on the evaluation date. */
export interface AgeLeaf extends LeafBase { kind: 'age'; cmp: Comparator; years: number }
/**
 * A yearly figure (从业人员 人, 营业收入 / 资产总额 万元) of a year: `yearOffset` relative to the evaluation date's year
 * (-1 = 上年度) or an absolute `year`; exactly one of the two.
 */
export interface FigureLeaf extends LeafBase { kind: 'figure'; figure: FigureName; yearOffset?: number; year?: number; cmp: Comparator; value: number }
/** Holds a tag (高新技术企业, 专精特新 …) valid on the evaluation date. */
export interface TagLeaf extends LeafBase { kind: 'tag'; tag: string }
/** No credit flag of these kinds in force on the evaluation date (无失信记录). */
export interface CreditClearLeaf extends LeafBase { kind: 'credit_clear'; flags: CreditFlagKind[] }
/** A condition a person verifies (人工核验); the machine answers "unknown". */
export interface ManualLeaf extends LeafBase { kind: 'manual'; text: string }

export type RuleLeaf = RegionLeaf | IndustryLeaf | SizeLeaf | AgeLeaf | FigureLeaf | TagLeaf | CreditClearLeaf | ManualLeaf;
export type RuleNode = RuleLeaf | { kind: 'all'; items: RuleNode[] } | { kind: 'any'; items: RuleNode[] } | { kind: 'not'; item: RuleNode };

/** Benefit formula, amounts in 元: a fixed sum, a percent of a yearly figure (万元) with an optional cap, or none (information only). */
export type Benefit =
  | { kind: 'fixed'; amount: number }
  | { kind: 'percent'; figure: FigureName; yearOffset: number; percent: number; cap: number | null }
  | { kind: 'none' };

/** Three-valued truth. */
export type Truth = 'true' | 'false' | 'unknown';

/** One year's figures with where they came from. */
export interface ProfileFigure {
  year: number;
  employees: number | null;
  revenue: number | null;
  assets: number | null;
  source: string;
  asOf: string;
}

export interface ProfileTag { tag: string; validFrom: string | null; validTo: string | null; source: string }
export interface ProfileCreditFlag { kind: CreditFlagKind; since: string | null; until: string | null; source: string }

/**
 * What rules may read about one enterprise (the profile schema the type checker knows). Scalar facts that are null
 * are unknown. Tags and credit flags are the registry's full lists: no tag means "does not hold it", no flag "clear".
 */
export interface EnterpriseProfile {
  enterpriseId: string;
  name: string;
  /** Materialised region path `/<id>/…/`. */
  regionPath: string | null;
  regionName: string | null;
  industryCode: string | null;
  sizeClass: SizeClass | null;
  establishedOn: string | null;
  /** Where the registry row came from and when (source of region, industry, size, establishment date). */
  registrySource: string;
  registryAsOf: string | null;
  figures: ProfileFigure[];
  tags: ProfileTag[];
  creditFlags: ProfileCreditFlag[];
}

/** One rule version in force for a period (OpenFisca-style dated formula). `validTo` inclusive, null = open. */
export interface RuleVersion {
  version: number;
  validFrom: string;
  validTo: string | null;
  rule: RuleNode;
  benefit: Benefit;
}

/** A situation test (OpenFisca YAML test): a profile, a date, the expected answer and optionally the amount. */
export interface SituationTest {
  name: string;
  asOf: string;
  profile: EnterpriseProfile;
  expected: Truth;
  expectedAmount?: number | null;
}

export const SIZE_LABELS: Record<SizeClass, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };
export const FIGURE_LABELS: Record<FigureName, { name: string; unit: string }> = {
  employees: { name: '从业人员', unit: '人' },
  revenue: { name: '营业收入', unit: '万元' },
  assets: { name: '资产总额', unit: '万元' },
};
export const CREDIT_LABELS: Record<CreditFlagKind, string> = { dishonest: '失信', abnormal: '经营异常' };
