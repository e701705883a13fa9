import { BUILTIN_METRIC_SYNONYMS, type MetricSynonym } from './synonyms.ts';
import { targetUnitInfo } from './units.ts';

/** Result of `normalizeMetric`. */
export interface NormalizedMetric {
  /** Canonical metric, or the cleaned metric itself when no synonym applies. */
  canonical: string;
  /** Which table matched: the caller's extra synonyms, the built-in table, or none. */
  matchedBy: 'extra' | 'builtin' | null;
  /** 'exact': the cleaned metric is a variant; 'contains': it contains one (longest wins). */
  how: 'exact' | 'contains' | null;
  /** The synonym entry that matched, if any. */
  synonym: MetricSynonym | null;
}

/** Options of `normalizeMetric`. */
export interface NormalizeMetricOptions {
  /** Target unit as printed; entries with a `kind` apply only to units of that kind. */
  unit?: string;
  /** Table to use instead of the built-in one (the extra synonyms still come first). */
  builtin?: readonly MetricSynonym[];
}

const QUOTES_AND_SPACE = /[\s“”"'‘’「」『』《》〈〉、，,·•・]/gu;
const SCOPE = /^(?:全[省市州县区旗盟]|[我本][省市州县区旗盟]|各[省市州县区])(?!场)/u;
/** Variants shorter than this are only matched exactly, never as a contained phrase. */
const MIN_CONTAINED = 2;

/**
 * Clean a printed metric for comparison: NFKC, quotes, spaces and list punctuation (、，) removed,
 * a leading scope word (全市, 我州, 本县) dropped. "全市“双随机、一公开”监管覆盖率" ->
 * "双随机一公开监管覆盖率".
 *
 * @param metric metric as printed
 * @returns the cleaned metric ('' for an empty one)
 * @example
 * cleanMetric(' 全市破产案件结案率 ') // '破产案件结案率'
 */
export function cleanMetric(metric: string): string {
  const text = String(metric ?? '').normalize('NFKC').replace(QUOTES_AND_SPACE, '');
  const scoped = text.replace(SCOPE, '');
  return scoped.length >= 2 ? scoped : text;
}

/**
 * Map a printed metric to its canonical name through the synonym tables: the office's
 * `extraSynonyms` first, then the built-in table. An exact variant wins over a contained one; among
 * contained variants the longest wins, extra before built-in, then table order. With `opts.unit`,
 * entries of another unit kind are skipped ("企业开办 1套" is not 企业开办时间). Never throws.
 *
 * @param metric metric as printed ('企业设立登记')
 * @param extraSynonyms the office's own entries, checked before the built-in ones
 * @param opts target unit and an alternative built-in table
 * @returns the canonical name and how it was found
 * @example
 * normalizeMetric('企业设立登记', [], { unit: '个工作日' })
 * // { canonical: '企业开办时间', matchedBy: 'builtin', how: 'exact', synonym: {…} }
 * normalizeMetric('拿地即开工时间', [{ canonical: '拿地即开工', variants: ['拿地即开工时间'] }]).matchedBy // 'extra'
 */
export function normalizeMetric(
  metric: string,
  extraSynonyms: readonly MetricSynonym[] = [],
  opts: NormalizeMetricOptions = {},
): NormalizedMetric {
  const key = cleanMetric(metric);
  const kind = opts.unit !== undefined ? targetUnitInfo(opts.unit).kind : null;
  const tables: ['extra' | 'builtin', readonly MetricSynonym[]][] = [
    ['extra', Array.isArray(extraSynonyms) ? extraSynonyms : []],
    ['builtin', opts.builtin ?? BUILTIN_METRIC_SYNONYMS],
  ];
  let contained: { len: number; source: 'extra' | 'builtin'; synonym: MetricSynonym } | null = null;
  if (key) {
    for (const [source, table] of tables) {
      for (const synonym of table) {
        if (!synonym || typeof synonym.canonical !== 'string') continue;
        if (synonym.kind && kind !== null && synonym.kind !== kind) continue;
        for (const variant of [synonym.canonical, ...(synonym.variants ?? [])]) {
          const v = cleanMetric(variant);
          if (!v) continue;
          if (v === key) return { canonical: synonym.canonical, matchedBy: source, how: 'exact', synonym };
          if (v.length < MIN_CONTAINED || !key.includes(v) || (contained && v.length <= contained.len)) continue;
          if (!(synonym.excludes ?? []).some((x) => key.includes(cleanMetric(x)))) {
            contained = { len: v.length, source, synonym };
          }
        }
      }
    }
  }
  if (contained) return { canonical: contained.synonym.canonical, matchedBy: contained.source, how: 'contains', synonym: contained.synonym };
  return { canonical: key, matchedBy: null, how: null, synonym: null };
}
