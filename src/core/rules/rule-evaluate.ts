import { describeLeaf, figureYear, formatNumber, gapWords } from './rule-describe.ts';
import { fullYearsBetween, shiftYears } from './rule-dates.ts';
import {
  CREDIT_LABELS,
  FIGURE_LABELS,
  SIZE_LABELS,
  type Comparator,
  type EnterpriseProfile,
  type RuleLeaf,
  type RuleNode,
  type Truth,
} from './rule-types.ts';

/** One leaf as evaluated: the value used, its source and as-of date, and the gap when it failed. */
export interface LeafTrace {
  id: string;
  kind: RuleLeaf['kind'];
  label: string;
  ref: string;
  result: Truth;
  /** The fact used, in words ("营业收入1900万元"), or null when missing. */
  value: string | null;
  source: string | null;
  asOf: string | null;
  /** Why it failed or is unknown ("营业收入1900万元，低于2000万元", "缺少2025年度营业收入"); null when it holds. */
  gap: string | null;
  machine: boolean;
}

export type TraceNode =
  | { kind: 'leaf'; result: Truth; leaf: LeafTrace }
  | { kind: 'all' | 'any'; result: Truth; items: TraceNode[] }
  | { kind: 'not'; result: Truth; item: TraceNode };

export interface Evaluation {
  result: Truth;
  trace: TraceNode;
  /** The leaves in rule order (convenient for lists and gap summaries). */
  leaves: LeafTrace[];
}

/** Kleene conjunction. */
export function and3(values: readonly Truth[]): Truth {
  let unknown = false;
  for (const v of values) {
    if (v === 'false') return 'false';
    if (v === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'true';
}

/** Kleene disjunction. */
export function or3(values: readonly Truth[]): Truth {
  let unknown = false;
  for (const v of values) {
    if (v === 'true') return 'true';
    if (v === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'false';
}

export function not3(value: Truth): Truth {
  return value === 'unknown' ? 'unknown' : value === 'true' ? 'false' : 'true';
}

const truth = (b: boolean): Truth => (b ? 'true' : 'false');

/** `actual cmp threshold` on numbers. */
export function compare(actual: number, cmp: Comparator, threshold: number): boolean {
  switch (cmp) {
    case '>=':
      return actual >= threshold;
    case '>':
      return actual > threshold;
    case '<=':
      return actual <= threshold;
    case '<':
      return actual < threshold;
    case '=':
      return actual === threshold;
  }
}

/** True when a date-bounded record is in force on `asOf` (`from` inclusive, `to` exclusive when `toInclusive` is false). */
export function inForce(from: string | null, to: string | null, asOf: string, toInclusive: boolean): boolean {
  if (from !== null && from > asOf) return false;
  if (to === null) return true;
  return toInclusive ? to >= asOf : to > asOf;
}

/**
 * Evaluates one leaf against a profile on a date, with the value used and the gap. This is the reference semantics;
 * {@link compileRule} and the SQL compiler must agree with it (a property test checks all three).
 */
export function evaluateLeaf(leaf: RuleLeaf, profile: EnterpriseProfile, asOf: string): LeafTrace {
  const base = { id: leaf.id, kind: leaf.kind, label: describeLeaf(leaf), ref: leaf.ref, machine: leaf.kind !== 'manual' };
  const registry = { source: profile.registrySource, asOf: profile.registryAsOf };
  const missing = (what: string): LeafTrace => ({ ...base, result: 'unknown', value: null, ...registry, gap: `缺少${what}数据` });
  switch (leaf.kind) {
    case 'region': {
      if (profile.regionPath === null) return missing('注册地');
      const ok = profile.regionPath.includes(`/${leaf.regionId}/`);
      const where = profile.regionName ?? '其他区域';
      return { ...base, result: truth(ok), value: `注册地${where}`, ...registry, gap: ok ? null : `注册地在${where}，不在${leaf.regionName}` };
    }
    case 'industry': {
      if (profile.industryCode === null) return missing('行业代码');
      const code = profile.industryCode;
      const ok = leaf.prefixes.some((p) => code.startsWith(p));
      return { ...base, result: truth(ok), value: `行业代码${code}`, ...registry, gap: ok ? null : `行业代码${code}，不属于${leaf.prefixes.join('、')}` };
    }
    case 'size': {
      if (profile.sizeClass === null) return missing('企业规模');
      const ok = leaf.classes.includes(profile.sizeClass);
      const label = SIZE_LABELS[profile.sizeClass];
      return { ...base, result: truth(ok), value: `${label}企业`, ...registry, gap: ok ? null : `企业规模为${label}，不属于${leaf.classes.map((c) => SIZE_LABELS[c]).join('、')}` };
    }
    case 'age': {
      if (profile.establishedOn === null) return missing('成立日期');
      const age = fullYearsBetween(profile.establishedOn, asOf);
      const ok = ageHolds(profile.establishedOn, leaf.cmp, leaf.years, asOf);
      const value = `成立于${profile.establishedOn}（满${Math.max(age, 0)}年）`;
      return { ...base, result: truth(ok), value, ...registry, gap: ok ? null : `成立满${Math.max(age, 0)}年，${gapWords(leaf.cmp, String(leaf.years), '年')}` };
    }
    case 'figure': {
      const year = figureYear(leaf, asOf);
      const row = profile.figures.find((f) => f.year === year);
      const f = FIGURE_LABELS[leaf.figure];
      const actual = row ? row[leaf.figure] : null;
      if (!row || actual === null) {
        return { ...base, result: 'unknown', value: null, source: row?.source ?? null, asOf: row?.asOf ?? null, gap: `缺少${year}年度${f.name}数据` };
      }
      const ok = compare(actual, leaf.cmp, leaf.value);
      const value = `${year}年度${f.name}${formatNumber(actual)}${f.unit}`;
      const gap = ok ? null : `${f.name}${formatNumber(actual)}${f.unit}，${gapWords(leaf.cmp, formatNumber(leaf.value), f.unit)}`;
      return { ...base, result: truth(ok), value, source: row.source, asOf: row.asOf, gap };
    }
    case 'tag': {
      const held = profile.tags.filter((t) => t.tag === leaf.tag);
      const valid = held.find((t) => inForce(t.validFrom, t.validTo, asOf, true));
      if (valid) {
        const until = valid.validTo ? `，有效期至${valid.validTo}` : '';
        return { ...base, result: 'true', value: `${leaf.tag}${until}`, source: valid.source, asOf: valid.validFrom, gap: null };
      }
      const lapsed = held[0];
      const gap = lapsed ? `“${leaf.tag}”认定在${asOf}不在有效期内（${lapsed.validFrom ?? '—'} 至 ${lapsed.validTo ?? '—'}）` : `无“${leaf.tag}”认定`;
      return { ...base, result: 'false', value: null, source: lapsed?.source ?? profile.registrySource, asOf: lapsed?.validTo ?? profile.registryAsOf, gap };
    }
    case 'credit_clear': {
      const flag = profile.creditFlags.find((c) => leaf.flags.includes(c.kind) && inForce(c.since, c.until, asOf, false));
      if (!flag) return { ...base, result: 'true', value: '无在列记录', ...registry, gap: null };
      const gap = `有在列的${CREDIT_LABELS[flag.kind]}记录（自${flag.since ?? '—'}起，来源：${flag.source}）`;
      return { ...base, result: 'false', value: `${CREDIT_LABELS[flag.kind]}记录`, source: flag.source, asOf: flag.since, gap };
    }
    case 'manual':
      return { ...base, result: 'unknown', value: null, source: null, asOf: null, gap: '须人工核验' };
  }
}

/** `age cmp years` through the date cut-off shared with the compiled and SQL paths. */
export function ageHolds(establishedOn: string, cmp: Comparator, years: number, asOf: string): boolean {
  const atLeast = (n: number) => establishedOn <= shiftYears(asOf, -n);
  switch (cmp) {
    case '>=':
      return atLeast(years);
    case '>':
      return atLeast(years + 1);
    case '<':
      return !atLeast(years);
    case '<=':
      return !atLeast(years + 1);
    case '=':
      return atLeast(years) && !atLeast(years + 1);
  }
}

/**
 * Evaluates a rule with its full trace (the explanation path: 政策体检, eligible lists, grant decisions).
 * @param rule a type-checked rule
 * @param profile the enterprise profile
 * @param asOf the evaluation date (YYYY-MM-DD); figures of "上年度" are read relative to it
 * @returns the three-valued result, the trace tree and the leaves in order
 */
export function evaluateRule(rule: RuleNode, profile: EnterpriseProfile, asOf: string): Evaluation {
  const leaves: LeafTrace[] = [];
  const visit = (node: RuleNode): TraceNode => {
    if (node.kind === 'all' || node.kind === 'any') {
      const items = node.items.map(visit);
      const results = items.map((i) => i.result);
      return { kind: node.kind, result: node.kind === 'all' ? and3(results) : or3(results), items };
    }
    if (node.kind === 'not') {
      const item = visit(node.item);
      return { kind: 'not', result: not3(item.result), item };
    }
    const leaf = evaluateLeaf(node, profile, asOf);
    leaves.push(leaf);
    return { kind: 'leaf', result: leaf.result, leaf };
  };
  const trace = visit(rule);
  return { result: trace.result, trace, leaves };
}

export type MatchStatus = 'eligible' | 'near' | 'pending' | 'ineligible';

/**
 * Sorts an evaluation for the 政策体检: eligible (true); pending (unknown: data missing or a person must verify);
 * near (false, and flipping one failed leaf would make the rule hold); ineligible otherwise. The failed leaves give
 * the "why not". Only a gap the enterprise can close makes a near miss (a figure, a tag, a credit record, an age to reach):
 * being registered elsewhere, in another industry or of another size class is what it is, not "almost".
 */
export function classifyMatch(rule: RuleNode, evaluation: Evaluation): { status: MatchStatus; failed: LeafTrace[] } {
  const failed = evaluation.leaves.filter((l) => l.result === 'false');
  if (evaluation.result === 'true') return { status: 'eligible', failed };
  if (evaluation.result === 'unknown') return { status: 'pending', failed };
  const nearMiss = failed.some((f) => isClosable(rule, f.id) && flipHolds(rule, evaluation, f.id));
  return { status: nearMiss ? 'near' : 'ineligible', failed };
}

/** A gap time or effort can close: a figure, a tag, a credit record, or an age still to be reached (not one exceeded). */
function isClosable(rule: RuleNode, leafId: string): boolean {
  const find = (node: RuleNode): RuleLeaf | undefined =>
    node.kind === 'all' || node.kind === 'any' ? node.items.map(find).find(Boolean) : node.kind === 'not' ? find(node.item) : node.id === leafId ? node : undefined;
  const leaf = find(rule);
  if (!leaf) return false;
  if (leaf.kind === 'age') return leaf.cmp === '>=' || leaf.cmp === '>';
  return leaf.kind === 'figure' || leaf.kind === 'tag' || leaf.kind === 'credit_clear';
}

function flipHolds(rule: RuleNode, evaluation: Evaluation, flippedId: string): boolean {
  const byId = new Map(evaluation.leaves.map((l) => [l.id, l.result] as const));
  const visit = (node: RuleNode): Truth => {
    if (node.kind === 'all') return and3(node.items.map(visit));
    if (node.kind === 'any') return or3(node.items.map(visit));
    if (node.kind === 'not') return not3(visit(node.item));
    return node.id === flippedId ? 'true' : (byId.get(node.id) ?? 'unknown');
  };
  return visit(rule) !== 'false';
}
