import { foldUnitText } from './fold.ts';
import { DEFAULT_LOOKUP, type DepartmentLookup } from './lookup.ts';
import { normalizeUnitName, type NormalizedUnitName } from './normalize.ts';
import { regionInfo, relateRegions, type RegionInfo, type RegionRelation } from './region.ts';
import { expandShorthand } from './shorthand.ts';
import { bigrams, dice } from './similarity.ts';

/** A unit of the organisation registry, as the resolver needs it. */
export interface RegistryUnit {
  id: string;
  /** Official or usual name ('定西市发展和改革委员会' or '市发展改革委'). */
  name: string;
  /** Other names the office has recorded for this unit (kept after earlier resolutions). */
  aliases: readonly string[];
  /** Name of the region the unit belongs to ('定西市'); when absent, read from the name's prefix. */
  regionName?: string | null;
}

/** How a printed name was matched. */
export type MatchHow =
  /** the printed name (folded, framing stripped) equals the unit's name */
  | 'exact'
  /** it equals one of the unit's registry aliases */
  | 'alias'
  /** its core is the same department as the unit's through the dictionary, in a compatible region */
  | 'dictionary'
  /** only after inheriting the region prefix of an earlier entry ("州公安局、司法局") */
  | 'shorthand';

/** Why a unit is suggested. */
export type SuggestionReason =
  /** the same department (dictionary) but ambiguous or in another region */
  | 'same-department'
  /** a department the dictionary marks as often confused with this one */
  | 'related-department'
  /** similar characters (bigram Dice on the core name) */
  | 'similar-name'
  /** the local counterpart of a national or provincial body (生态环境部, 省商务厅 -> 市生态环境局, 市商务局) */
  | 'local-counterpart';

export interface UnitSuggestion {
  unitId: string;
  /** In [0, 1], rounded to 3 decimals; only suggestions with score >= `minScore` are returned. */
  score: number;
  reason: SuggestionReason;
  /** How the unit's region relates to the printed name's (inherited or plan) region. */
  region: RegionRelation;
}

export interface UnitResolution {
  /** As printed. */
  printed: string;
  /** With an inherited region prefix, otherwise the folded printed text ('州司法局'). */
  expanded: string;
  /** Region + dictionary canonical core ('州发展和改革委员会'). */
  canonical: string;
  /** A collective placeholder (各县区人民政府, 州直各有关部门) rather than one unit. */
  collective: boolean;
  match: { unitId: string; how: MatchHow } | null;
  /** Ranked candidates (best first, at most `maxSuggestions`); empty when `match` is set. */
  suggestions: UnitSuggestion[];
}

export interface ResolveUnitsOptions {
  /** Region of the plan ('定西市'): level-only prefixes (市, 州) and bare names refer to it. */
  planRegion?: string | null;
  /** Place aliases, folded name -> official name: { 巴州: '巴音郭楞蒙古自治州' }. */
  regionAliases?: Readonly<Record<string, string>>;
  /** Suggestions below this score are dropped. Default 0.55. */
  minScore?: number;
  /** At most this many suggestions per name. Default 5. */
  maxSuggestions?: number;
  /** Department dictionary; defaults to the built-in one. */
  lookup?: DepartmentLookup;
  /** Region prefix in force before the first printed name (see `expandShorthand`). */
  initialRegion?: string | null;
}

interface IndexedVariant {
  core: Set<string>;
  canonical: Set<string>;
  stem: Set<string>;
}

/** Generic department endings; similarity on what precedes them avoids ranking by "服务中心" alone. */
const GENERIC_ENDING = /(?:服务中心|管理中心|发展中心|中心|监督管理局|管理局|局|委员会|委|办公室|办)$/u;

/** @internal The distinctive part of a core name (the core itself when too little would remain). */
export function stemOf(core: string): string {
  const stem = core.replace(GENERIC_ENDING, '');
  return [...stem].length >= 2 ? stem : core;
}

interface IndexedUnit {
  unit: RegistryUnit;
  /** Region from regionName or the name, not yet resolved against a plan region. */
  regionText: string | null;
  canonicalCores: Set<string>;
  entries: Set<string>;
  variants: IndexedVariant[];
}

/** Default suggestion cut-off: below it the UI offers "create new unit" only. */
export const DEFAULT_MIN_SCORE = 0.55;

/** A registry prepared for repeated resolution; build once per registry version. */
export interface UnitIndex {
  readonly units: readonly IndexedUnit[];
  /** @internal folded name -> unit positions */
  readonly byName: ReadonlyMap<string, number[]>;
  /** @internal folded alias -> unit positions */
  readonly byAlias: ReadonlyMap<string, number[]>;
  /** @internal canonical core -> unit positions */
  readonly byCore: ReadonlyMap<string, number[]>;
  /** @internal bigram -> unit positions */
  readonly byBigram: ReadonlyMap<string, number[]>;
  readonly lookup: DepartmentLookup;
  /** @internal unit regions resolved per plan region and place aliases (a memo, not state) */
  readonly regionMemo: Map<string, RegionInfo[]>;
}

function push<K>(map: Map<K, number[]>, key: K, i: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

/**
 * Prepare a registry for `resolveUnits`: fold names and aliases, take every name apart with the
 * dictionary and index character bigrams. Pure; O(total name length).
 *
 * @param registry units with names, aliases and optional region names
 * @param lookup department dictionary (default built-in)
 * @returns an index to pass to `resolveUnits` instead of the registry
 * @example
 * const index = buildUnitIndex([{ id: 'u1', name: '定西市发展和改革委员会', aliases: [], regionName: '定西市' }]);
 */
export function buildUnitIndex(registry: readonly RegistryUnit[], lookup: DepartmentLookup = DEFAULT_LOOKUP): UnitIndex {
  const byName = new Map<string, number[]>();
  const byAlias = new Map<string, number[]>();
  const byCore = new Map<string, number[]>();
  const byBigram = new Map<string, number[]>();
  const knownPlaces = [...new Set(registry.map((u) => u.regionName).filter((r): r is string => !!r))];
  const units: IndexedUnit[] = registry.map((unit, i) => {
    const names = [unit.name, ...unit.aliases];
    const canonicalCores = new Set<string>();
    const entries = new Set<string>();
    const variants: IndexedVariant[] = [];
    let regionText: string | null = unit.regionName ? unit.regionName : null;
    names.forEach((name, k) => {
      const folded = foldUnitText(name);
      if (!folded) return;
      push(k === 0 ? byName : byAlias, folded, i);
      const n = normalizeUnitName(name, { lookup, knownPlaces });
      if (k === 0 && regionText === null && n.region !== null) regionText = n.region;
      if (!n.core) return;
      canonicalCores.add(n.canonicalCore);
      if (n.entry) entries.add(n.entry.canonical);
      push(byCore, n.canonicalCore, i);
      const variant = { core: bigrams(n.core), canonical: bigrams(n.canonicalCore), stem: bigrams(stemOf(n.core)) };
      variants.push(variant);
      for (const g of variant.core) push(byBigram, g, i);
      for (const g of variant.canonical) push(byBigram, g, i);
    });
    return { unit, regionText, canonicalCores, entries, variants };
  });
  return { units, byName, byAlias, byCore, byBigram, lookup, regionMemo: new Map() };
}

function isIndex(x: readonly RegistryUnit[] | UnitIndex): x is UnitIndex {
  return !Array.isArray(x);
}

/**
 * Resolve unit names as printed in a plan to units of the registry.
 *
 * Per printed name, in this order (the first tier that yields exactly one unit wins):
 * 1. `exact`: the folded name equals a unit's name; 2. `alias`: it equals a registry alias;
 * 3. `shorthand`: the name with the inherited prefix ("司法局" after "州公安局" -> 州司法局) equals a
 * name or alias, or is the same department in the inherited region; 4. `dictionary`: the same
 * department (dictionary canonical core) in the name's own region, or the plan's region for a bare
 * name. A bracketed alternate ("市政府办公室〔市大数据管理局〕") is tried when the main name fails.
 * Units in a different region never match; two or more equally good units give no match. Unmatched
 * names get ranked suggestions: the same department elsewhere (score 1), related departments
 * (≥ 0.7), or bigram Dice of the distinctive part of the core names (the whole core at 0.8 weight); +0.1 for the same region, −0.2 for a different one; kept
 * when ≥ `minScore` (0.55), ordered by score, then unit name, then id. Deterministic and pure.
 *
 * The printed list is expanded as one list (see `expandShorthand`); to let the cooperating units
 * inherit from the lead units of the same measure, pass them together.
 *
 * @param printed unit names as printed, in printed order
 * @param registry the registry, or an index from `buildUnitIndex` (faster when resolving often)
 * @param opts plan region, place aliases, cut-off, dictionary
 * @returns one resolution per printed name, same order
 * @example
 * resolveUnits(['州公安局', '司法局'], [{ id: 's', name: '巴音郭楞蒙古自治州司法局', aliases: [],
 *   regionName: '巴音郭楞蒙古自治州' }], { planRegion: '巴音郭楞蒙古自治州' })[1].match
 * // { unitId: 's', how: 'shorthand' }
 */
export function resolveUnits(
  printed: readonly string[],
  registry: readonly RegistryUnit[] | UnitIndex,
  opts: ResolveUnitsOptions = {},
): UnitResolution[] {
  const index = isIndex(registry) ? registry : buildUnitIndex(registry, opts.lookup);
  const aliases = opts.regionAliases ?? {};
  const planRegion = opts.planRegion ?? null;
  const planInfo = regionInfo(planRegion, planRegion, aliases);
  const memoKey = JSON.stringify([planRegion, aliases]);
  let unitRegions = index.regionMemo.get(memoKey);
  if (!unitRegions) {
    unitRegions = index.units.map((u) => regionInfo(u.regionText, planRegion, aliases));
    if (index.regionMemo.size > 64) index.regionMemo.clear();
    index.regionMemo.set(memoKey, unitRegions);
  }
  const ctx: Ctx = { index, unitRegions, plan: planInfo, minScore: opts.minScore ?? DEFAULT_MIN_SCORE, max: opts.maxSuggestions ?? 5 };
  const expanded = expandShorthand(printed, { lookup: index.lookup, initialRegion: opts.initialRegion ?? null });

  return expanded.map((e) => {
    const n = e.normalized;
    // A bare name is read as the plan's own unit, as the plan's shorthand implies.
    const own = n.region === null ? planInfo : regionInfo(n.region, planRegion, aliases);
    const effective = e.inherited ? regionInfo(e.region, planRegion, aliases) : own;
    const base = { printed: e.printed, expanded: e.expanded, canonical: e.canonical, collective: n.collective };

    const match = matchName(ctx, n, e.inherited ? foldUnitText(e.expanded) : null, own, effective);
    if (match) return { ...base, match, suggestions: [] };
    for (const alt of n.alternates) {
      const an = normalizeUnitName(alt, { lookup: index.lookup });
      const altInfo = an.region === null ? effective : regionInfo(an.region, planRegion, aliases);
      const m = matchName(ctx, an, null, altInfo, altInfo);
      if (m) return { ...base, match: m, suggestions: [] };
    }
    return { ...base, match: null, suggestions: suggest(ctx, n, effective) };
  });
}

interface Ctx {
  index: UnitIndex;
  /** The plan's own region: local counterparts are looked for there. */
  plan: RegionInfo;
  unitRegions: RegionInfo[];
  minScore: number;
  max: number;
}

function matchName(
  ctx: Ctx,
  n: NormalizedUnitName,
  expandedText: string | null,
  own: RegionInfo,
  effective: RegionInfo,
): UnitResolution['match'] {
  if (!n.text) return null;
  const { byName, byAlias, byCore } = ctx.index;
  const tiers: [MatchHow, number[] | undefined, RegionInfo][] = [
    ['exact', byName.get(n.text), own],
    ['alias', byAlias.get(n.text), own],
  ];
  if (expandedText !== null) {
    tiers.push(['shorthand', byName.get(expandedText), effective]);
    tiers.push(['shorthand', byAlias.get(expandedText), effective]);
  }
  if (!n.collective && n.core) {
    if (expandedText !== null) tiers.push(['shorthand', byCore.get(n.canonicalCore), effective]);
    else tiers.push(['dictionary', byCore.get(n.canonicalCore), own]);
  }
  for (const [how, candidates, region] of tiers) {
    const unit = pickOne(ctx, candidates, region);
    if (unit !== null) return { unitId: ctx.index.units[unit].unit.id, how };
  }
  return null;
}

/** The one candidate in the same region, else the one of unknown region; null if none or several. */
function pickOne(ctx: Ctx, candidates: number[] | undefined, region: RegionInfo): number | null {
  if (!candidates || candidates.length === 0) return null;
  const same: number[] = [];
  const unknown: number[] = [];
  for (const i of candidates) {
    const rel = relateRegions(region, ctx.unitRegions[i]);
    if (rel === 'same') same.push(i);
    else if (rel === 'unknown') unknown.push(i);
  }
  if (same.length > 0) return same.length === 1 ? same[0] : null;
  return unknown.length === 1 ? unknown[0] : null;
}

/** National and provincial prefixes of a body's name ("国家税务总局", "省商务厅", "中国人民银行"). */
const UPPER_PREFIX = /^(?:中华人民共和国|国务院|国家|中国|中央|全国|省|自治区|[\u4e00-\u9fa5]{2,3}省)/u;
/** Level endings of national and provincial bodies and their local form: 部/厅/总局/署 -> 局. */
const UPPER_SUFFIX: [RegExp, string][] = [
  [/总局$/u, '局'],
  [/部$/u, '局'],
  [/厅$/u, '局'],
  [/署$/u, '局'],
];

/**
 * Local-level candidates for a national or provincial body, as core names: 生态环境部 -> 生态环境局,
 * 省商务厅 -> 商务局, 国家发展改革委 -> 发展改革委, 国家税务总局 -> 税务局.
 */
function counterpartCores(printed: string): string[] {
  const t = foldUnitText(printed);
  const national = UPPER_PREFIX.test(t) || UPPER_SUFFIX.some(([re]) => re.test(t));
  if (!national) return [];
  const stripped = t.replace(UPPER_PREFIX, '');
  const out = new Set<string>();
  for (const base of [stripped, t]) {
    for (const [re, to] of UPPER_SUFFIX) if (re.test(base)) out.add(base.replace(re, to));
    if (/(?:委|局|办|中心|委员会)$/u.test(base) && base !== t) out.add(base);
  }
  return [...out].filter((c) => c.length >= 2);
}

/** Registry units of the plan's own region whose core is the local form of an upper-level body. */
function counterparts(ctx: Ctx, n: NormalizedUnitName): (UnitSuggestion & { name: string })[] {
  const out: (UnitSuggestion & { name: string })[] = [];
  for (const core of counterpartCores(n.text)) {
    const local = normalizeUnitName('市' + core, { lookup: ctx.index.lookup });
    for (const i of ctx.index.byCore.get(local.canonicalCore) ?? []) {
      if (relateRegions(ctx.plan, ctx.unitRegions[i]) === 'different') continue;
      const u = ctx.index.units[i];
      out.push({ unitId: u.unit.id, score: 0.9, reason: 'local-counterpart', region: 'same', name: u.unit.name });
    }
  }
  return out;
}

/** A printed place that is not a place ("试点城市政府", "各地政府"): any government would do, none is suggested. */
const GENERIC_PLACE = /^(?:试点|相关|有关|所在|属地|各|其他|当地|本级|同级|上级|下级)/u;

function suggest(ctx: Ctx, n: NormalizedUnitName, region: RegionInfo): UnitSuggestion[] {
  const upper = counterparts(ctx, n);
  if (upper.length > 0) {
    upper.sort((a, b) => cmp(a.name, b.name) || cmp(a.unitId, b.unitId));
    const seen = new Set<string>();
    return upper.filter((s) => !seen.has(s.unitId) && seen.add(s.unitId)).slice(0, ctx.max).map(({ name: _name, ...s }) => s);
  }
  if (!n.core) return [];
  if (n.region !== null && GENERIC_PLACE.test(n.region)) return [];
  const { index } = ctx;
  const core = bigrams(n.core);
  const canonical = bigrams(n.canonicalCore);
  const stem = bigrams(stemOf(n.core));
  const related = new Set(n.entry?.related ?? []);
  const candidates = new Set<number>(index.byCore.get(n.canonicalCore) ?? []);
  // Bigrams shared by a fifth of the registry (中心, 管理, 理局) alone never make a unit similar
  // enough, so they do not nominate candidates; this keeps large registries fast.
  const common = Math.max(50, index.units.length / 5);
  const grams = [...new Set([...core, ...canonical, ...stem])];
  const distinctive = grams.filter((g) => (index.byBigram.get(g)?.length ?? 0) <= common);
  for (const g of distinctive.length > 0 ? distinctive : grams) for (const i of index.byBigram.get(g) ?? []) candidates.add(i);
  for (const r of related) for (const i of index.byCore.get(r) ?? []) candidates.add(i);

  const out: (UnitSuggestion & { name: string })[] = [];
  for (const i of candidates) {
    const u = index.units[i];
    let reason: SuggestionReason = 'similar-name';
    let score = 0;
    for (const v of u.variants) {
      const whole = Math.max(dice(core, v.core), dice(canonical, v.canonical), dice(core, v.canonical));
      score = Math.max(score, dice(stem, v.stem), WHOLE_NAME_WEIGHT * whole);
    }
    if (u.canonicalCores.has(n.canonicalCore)) {
      reason = 'same-department';
      // The same department of another place is a weak guess: it cannot be the printed body.
      score = relateRegions(region, ctx.unitRegions[i]) === 'different' ? 0.8 : 1;
    } else if (related.size > 0 && intersects(u.entries, related)) {
      reason = 'related-department';
      score = Math.max(score, 0.7);
    }
    const rel = relateRegions(region, ctx.unitRegions[i]);
    score += rel === 'same' ? 0.1 : rel === 'different' ? -0.2 : 0;
    score = Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
    if (score >= ctx.minScore) out.push({ unitId: u.unit.id, score, reason, region: rel, name: u.unit.name });
  }
  out.sort((a, b) => b.score - a.score || cmp(a.name, b.name) || cmp(a.unitId, b.unitId));
  // Weak guesses (below 0.7) are capped at two; when more than two tie at the top, they tell
  // the reviewer nothing and none is shown.
  const strong = out.filter((s) => s.score >= WEAK_SCORE);
  const weak = out.filter((s) => s.score < WEAK_SCORE);
  const tiedWeak = weak.length > 2 && weak[2].score === weak[0].score;
  const kept = [...strong, ...(tiedWeak ? [] : weak.slice(0, 2))];
  return kept.slice(0, ctx.max).map(({ name: _name, ...s }) => s);
}

/** Whole-name Dice counts less than the stem's: shared endings (…服务中心) say little. */
const WHOLE_NAME_WEIGHT = 0.8;
/** Suggestions below this score are weak guesses. */
const WEAK_SCORE = 0.7;

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
