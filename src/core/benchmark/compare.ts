import { normalizeMetric } from './metric.ts';
import type { MetricSynonym } from './synonyms.ts';
import { targetUnitInfo } from './units.ts';

/** One quantified target of one plan, as the 对标 page receives it. */
export interface TargetRow {
  planId: string;
  /** Region of the plan ('定西市'), null when unknown. */
  region: string | null;
  metric: string;
  op: '<=' | '>=' | '=';
  value: number;
  unit: string;
  /** ISO date by which the target must hold, or null. */
  by: string | null;
}

/** A row placed in its group. */
export interface BenchmarkEntry<R extends TargetRow = TargetRow> {
  row: R;
  /** The row's value in the group's display unit (equal to `row.value` unless converted). */
  value: number;
  /** Competition rank by `value` in the group's direction (1, 2, 2, 4); null when not ranked. */
  rank: number | null;
  best: boolean;
}

/** Targets of one canonical metric in one unit family. */
export interface BenchmarkGroup<R extends TargetRow = TargetRow> {
  /** Canonical metric ('企业开办时间') or the cleaned metric when no synonym applies. */
  canonical: string;
  /** Synonym table that named the group, as in `normalizeMetric`; null when none. */
  matchedBy: 'extra' | 'builtin' | null;
  /** Unit family ('time', 'money', 'unit:个工作日' …; see `targetUnitInfo`). */
  family: string;
  /** Display unit: the unit most rows print (ties: the larger unit, then code order). */
  unit: string;
  /** 'lower' or 'higher' is better; null when it cannot be told (then nothing is marked best). */
  direction: 'lower' | 'higher' | null;
  /** Best first (see `compareTargets` for the order). */
  entries: BenchmarkEntry<R>[];
}

/** Result of `compareTargets`. */
export interface BenchmarkResult<R extends TargetRow = TargetRow> {
  groups: BenchmarkGroup<R>[];
  /** Rows that cannot be compared (value not a finite number, or empty metric). */
  skipped: R[];
}

/** Values closer than this (relative) count as equal, so 24 小时 and 1 天 tie. */
const EPSILON = 1e-9;

/**
 * Line up quantified targets of several plans by metric for the 对标 page.
 *
 * Grouping: each row's metric goes through `normalizeMetric` (with the row's unit, so a synonym of
 * another unit kind does not apply); rows group by canonical metric and unit family. Units convert
 * only where exact: 分钟/小时/天/日 (24 小时 = 1 天) and 元/万元/亿元. 工作日, 个月, %, counts and
 * anything else stay in a group of their own unit, so 3 个工作日 is never compared with 3 天.
 *
 * Direction: the synonym's `better`; without one, the op most rows use ('<=' -> lower, '>=' ->
 * higher); a tie between ops, or only '=', leaves the direction null and nothing is best.
 *
 * Best and tie rules: only rows whose op agrees with the direction ('<=' for lower, '>=' for
 * higher) or is '=' are ranked. The best value is the lowest (lower) or highest (higher). Every row
 * with the best value is best, whatever its `by` date (a tie is shown as a tie; the earlier date sorts
 * first). Rank is competition ranking by value alone (1, 2, 2, 4).
 *
 * Order: groups by canonical name then family (code-unit order, locale-independent); entries by
 * rank (unranked last), then `by` (earliest first, null last), region, planId, metric, unit, value.
 *
 * @param rows targets of all plans; extra fields are kept in `entry.row`
 * @param extraSynonyms the office's own synonym entries (checked before the built-in ones)
 * @returns groups and the rows that could not be compared
 * @example
 * compareTargets([
 *   { planId: 'a', region: '定西市', metric: '企业开办', op: '<=', value: 1, unit: '天', by: null },
 *   { planId: 'b', region: '衢州市', metric: '企业开办时间', op: '<=', value: 4, unit: '小时', by: null },
 * ]).groups[0] // { canonical: '企业开办时间', family: 'time', unit: '天', entries: [b (value 1/6, best), a (1)] … }
 */
export function compareTargets<R extends TargetRow>(rows: readonly R[], extraSynonyms: readonly MetricSynonym[] = []): BenchmarkResult<R> {
  const skipped: R[] = [];
  const groups = new Map<string, { canonical: string; matchedBy: 'extra' | 'builtin' | null; better: 'lower' | 'higher' | null; family: string; rows: R[] }>();
  for (const row of rows) {
    if (!row || typeof row.value !== 'number' || !Number.isFinite(row.value)) {
      skipped.push(row);
      continue;
    }
    const norm = normalizeMetric(row.metric, extraSynonyms, { unit: row.unit });
    if (!norm.canonical) {
      skipped.push(row);
      continue;
    }
    const family = targetUnitInfo(row.unit).family;
    const key = `${norm.canonical}\u0000${family}`;
    const group = groups.get(key);
    if (group) {
      group.rows.push(row);
      // An office entry outranks a built-in one of the same canonical name, whatever the row order.
      if (rankSource(norm.matchedBy) > rankSource(group.matchedBy)) {
        group.matchedBy = norm.matchedBy;
        group.better = norm.synonym?.better ?? group.better;
      } else if (group.better === null && norm.matchedBy === group.matchedBy) group.better = norm.synonym?.better ?? null;
    } else {
      groups.set(key, { canonical: norm.canonical, matchedBy: norm.matchedBy, better: norm.synonym?.better ?? null, family, rows: [row] });
    }
  }

  const out = [...groups.values()].map((g) => buildGroup(g.canonical, g.matchedBy, g.better, g.family, g.rows));
  out.sort((a, b) => cmp(a.canonical, b.canonical) || cmp(a.family, b.family));
  return { groups: out, skipped };
}

function buildGroup<R extends TargetRow>(
  canonical: string,
  matchedBy: 'extra' | 'builtin' | null,
  better: 'lower' | 'higher' | null,
  family: string,
  rows: R[],
): BenchmarkGroup<R> {
  const unit = displayUnit(rows);
  const factor = targetUnitInfo(unit).factor;
  const direction = better ?? directionFromOps(rows);
  const agreeing = direction === 'lower' ? '<=' : '>=';
  const entries: BenchmarkEntry<R>[] = rows.map((row) => ({
    row,
    value: round((row.value * targetUnitInfo(row.unit).factor) / factor),
    rank: null,
    best: false,
  }));
  if (direction !== null) {
    const ranked = entries.filter((e) => e.row.op === agreeing || e.row.op === '=');
    const sign = direction === 'lower' ? 1 : -1;
    ranked.sort((a, b) => sign * (a.value - b.value));
    ranked.forEach((e, i) => {
      e.rank = i > 0 && same(e.value, ranked[i - 1].value) ? ranked[i - 1].rank : i + 1;
    });
    for (const e of ranked) e.best = e.rank === 1;
  }
  entries.sort(
    (a, b) =>
      (a.rank ?? Infinity) - (b.rank ?? Infinity) ||
      (direction === null ? a.value - b.value : 0) ||
      cmpDate(a.row.by, b.row.by) ||
      cmp(a.row.region ?? '', b.row.region ?? '') ||
      cmp(a.row.planId, b.row.planId) ||
      cmp(a.row.metric, b.row.metric) ||
      cmp(a.row.unit, b.row.unit) ||
      a.row.value - b.row.value ||
      cmp(a.row.op, b.row.op),
  );
  return { canonical, matchedBy, family, unit, direction, entries };
}

function rankSource(source: 'extra' | 'builtin' | null): number {
  return source === 'extra' ? 2 : source === 'builtin' ? 1 : 0;
}

function directionFromOps(rows: readonly TargetRow[]): 'lower' | 'higher' | null {
  let le = 0;
  let ge = 0;
  for (const r of rows) {
    if (r.op === '<=') le++;
    else if (r.op === '>=') ge++;
  }
  return le > ge ? 'lower' : ge > le ? 'higher' : null;
}

function displayUnit(rows: readonly TargetRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.unit, (counts.get(r.unit) ?? 0) + 1);
  return [...counts.entries()].sort(
    (a, b) => b[1] - a[1] || targetUnitInfo(b[0]).factor - targetUnitInfo(a[0]).factor || cmp(a[0], b[0]),
  )[0][0];
}

function round(x: number): number {
  return Number(x.toPrecision(12));
}

function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The earlier of two ISO dates; null (no date) is later than any date. */

function cmpDate(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return cmp(a, b);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
