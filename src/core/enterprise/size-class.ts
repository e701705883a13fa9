/**
 * Size class (大/中/小/微) of an enterprise by 《中小企业划型标准规定》 from its GB/T 4754 industry code and yearly
 * figures, with the rule that gave it in words. Pure; the thresholds are data in size-standards.ts.
 */
import { SIZE_STANDARDS, sizeStandardOn, type SizeMeasure, type SizeRow, type SizeStandard, type Threshold } from './size-standards.ts';

export type SizeClass = 'large' | 'medium' | 'small' | 'micro';

export interface SizeFigures {
  employees: number | null;
  /** 营业收入, 万元 */
  revenue: number | null;
  /** 资产总额, 万元 */
  assets: number | null;
}

export type SizeResult =
  | { ok: true; sizeClass: SizeClass; standard: string; row: string; rowName: string; rule: string }
  | { ok: false; problem: 'no-industry' | 'not-applicable' | 'no-standard'; rule: string }
  | { ok: false; problem: 'missing-figures'; standard: string; row: string; rowName: string; missing: SizeMeasure[]; rule: string };

export const SIZE_CLASS_NAMES: Record<SizeClass, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };
const MEASURE_NAMES: Record<SizeMeasure, string> = { employees: '从业人员', revenue: '营业收入', assets: '资产总额' };
const unit = (m: SizeMeasure) => (m === 'employees' ? '人' : '万元');
const fmt = (t: Threshold, op: string) => `${MEASURE_NAMES[t.measure]}${op}${t.value}${unit(t.measure)}`;

/** The row of a standard that an industry code falls in: the longest matching prefix, else 其他未列明行业. */
export function sizeRowFor(industryCode: string, standard: SizeStandard): SizeRow {
  let best: SizeRow | undefined;
  let bestLength = -1;
  for (const row of standard.rows) {
    for (const prefix of row.prefixes) {
      if (industryCode.startsWith(prefix) && prefix.length > bestLength) {
        best = row;
        bestLength = prefix.length;
      }
    }
  }
  return best ?? standard.rows.find((row) => row.prefixes.length === 0)!;
}

/**
 * Classifies by the standard in force on `on`.
 * @param industryCode normalised GB/T 4754-2017 code with its 门类 letter (`C3311`), or null
 * @param figures the year's 从业人员 / 营业收入 / 资产总额; only the measures the row uses are needed
 * @param on ISO date the classification is for (picks the standard version)
 * @returns the class with the standard, row and rule in words, or why it cannot be classified
 * @example classifySize('C3311', { employees: 300, revenue: 2000, assets: null }, '2026-01-01')
 *   // { ok: true, sizeClass: 'medium', row: 'industry', rule: '工信部联企业〔2011〕300号 工业：从业人员≥300人且营业收入≥2000万元 → 中型', … }
 */
export function classifySize(industryCode: string | null, figures: SizeFigures, on: string, standards: readonly SizeStandard[] = SIZE_STANDARDS): SizeResult {
  const standard = sizeStandardOn(on, standards);
  if (!standard) return { ok: false, problem: 'no-standard', rule: `${on} 无适用的划型标准` };
  if (!industryCode) return { ok: false, problem: 'no-industry', rule: '缺少行业代码，无法划型' };
  const excluded = standard.notApplicable.find((n) => industryCode.startsWith(n.prefix));
  if (excluded) return { ok: false, problem: 'not-applicable', rule: `${standard.id}：${excluded.reason}` };
  const row = sizeRowFor(industryCode, standard);
  const measures = [...new Set([...row.ceiling, ...row.medium, ...row.small].map((t) => t.measure))];
  const missing = measures.filter((m) => figures[m] === null || figures[m] === undefined || Number.isNaN(figures[m]));
  const head = `${standard.id} ${row.name}：`;
  if (missing.length) {
    return { ok: false, problem: 'missing-figures', standard: standard.id, row: row.key, rowName: row.name, missing, rule: `${head}缺少${missing.map((m) => MEASURE_NAMES[m]).join('、')}，无法划型` };
  }
  const v = (t: Threshold) => figures[t.measure] as number;
  const done = (sizeClass: SizeClass, text: string): SizeResult => ({ ok: true, sizeClass, standard: standard.id, row: row.key, rowName: row.name, rule: `${head}${text} → ${SIZE_CLASS_NAMES[sizeClass]}` });
  const belowCeiling = row.ceiling.some((t) => v(t) < t.value);
  if (!belowCeiling) return done('large', row.ceiling.map((t) => fmt(t, '≥')).join('且'));
  if (row.medium.every((t) => v(t) >= t.value)) return done('medium', row.medium.map((t) => fmt(t, '≥')).join('且'));
  if (row.small.every((t) => v(t) >= t.value)) return done('small', row.small.map((t) => fmt(t, '≥')).join('且'));
  return done('micro', row.small.map((t) => fmt(t, '<')).join('或'));
}
