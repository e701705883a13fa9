import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;
const segmenter = (): Jieba => (jieba ??= Jieba.withDict(dict));

/** Words too common in appeals to tell them apart. */
const STOPWORDS = new Set(
  '的 了 和 与 及 是 在 我 我们 公司 企业 你们 他们 有 没有 也 都 就 还 又 把 被 对 向 给 从 到 请 希望 要求 反映 问题 情况 相关 一个 一直 目前 现在 已经 由于 因为 所以 但是 而且 如果 能否 是否 能够 可以 进行 关于 这个 那个 什么 怎么 如何 帮助 解决 一下 非常 尽快 协调 诉求 市民 来电 来电人 称'.split(' '),
);

/**
 * Content words of an appeal text: jieba tokens without punctuation, digits-only tokens, single characters and
 * stopwords, in text order.
 *
 * @example tokenize('我公司办理营业执照变更一直没有办下来') // ['办理', '营业执照', '变更', '办下来']
 */
export function tokenize(text: string): string[] {
  return segmenter()
    .cut(text, false)
    .map((t) => t.trim())
    .filter((t) => t.length >= 2 && !STOPWORDS.has(t) && /\p{Script=Han}|[A-Za-z]{2,}/u.test(t) && !/^\d+$/.test(t));
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK64 = (1n << 64n) - 1n;

/** FNV-1a 64-bit hash of a string's UTF-8 bytes. @internal */
export function fnv1a64(s: string): bigint {
  let h = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(s)) {
    h ^= BigInt(byte);
    h = (h * FNV_PRIME) & MASK64;
  }
  return h;
}

/**
 * 64-bit simhash of a token list (each token weighted by its count), as 16 hex digits.
 * Near-identical texts differ in few bits; see {@link hammingDistance}.
 */
export function simhash(tokens: readonly string[]): string {
  const v = new Array<number>(64).fill(0);
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  for (const [t, w] of counts) {
    const h = fnv1a64(t);
    for (let i = 0; i < 64; i++) v[i] += (h >> BigInt(i)) & 1n ? w : -w;
  }
  let out = 0n;
  for (let i = 0; i < 64; i++) if (v[i] > 0) out |= 1n << BigInt(i);
  return out.toString(16).padStart(16, '0');
}

/** Bits that differ between two simhashes (hex strings from {@link simhash}). */
export function hammingDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let n = 0;
  while (x) { n += Number(x & 1n); x >>= 1n; }
  return n;
}

/** Jaccard similarity of two token sets (a second check beside simhash for short texts). */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  const A = new Set(a), B = new Set(b);
  if (A.size === 0 && B.size === 0) return 1;
  let inter = 0;
  for (const t of A) if (B.has(t)) inter += 1;
  return inter / (A.size + B.size - inter);
}

/** Hamming distance at or below which two appeals are near-identical. */
export const DUPLICATE_MAX_DISTANCE = 10;
/** Days within which one enterprise's near-identical appeals are proposed for merging. */
export const DUPLICATE_WINDOW_DAYS = 30;

export interface TextItem {
  id: string;
  tokens: readonly string[];
  hash: string;
}

/** Two items are similar when their simhashes are close or their token sets overlap strongly. */
export function isSimilar(a: TextItem, b: TextItem, maxDistance = DUPLICATE_MAX_DISTANCE, minJaccard = 0.5): boolean {
  return hammingDistance(a.hash, b.hash) <= maxDistance || jaccard(a.tokens, b.tokens) >= minJaccard;
}

/**
 * Groups items into clusters of similar texts (single linkage over {@link isSimilar}, union-find), largest first,
 * each with its most frequent tokens as keywords. Clusters smaller than `minSize` are dropped.
 */
export function clusterTexts(items: readonly TextItem[], options: { minSize?: number; maxDistance?: number; minJaccard?: number; keywords?: number } = {}) {
  const { minSize = 2, maxDistance = DUPLICATE_MAX_DISTANCE, minJaccard = 0.4, keywords = 5 } = options;
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (find(i) !== find(j) && isSimilar(items[i], items[j], maxDistance, minJaccard)) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, TextItem[]>();
  items.forEach((item, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), item]);
  });
  return [...groups.values()]
    .filter((g) => g.length >= minSize)
    .map((g) => {
      const freq = new Map<string, number>();
      for (const item of g) for (const t of new Set(item.tokens)) freq.set(t, (freq.get(t) ?? 0) + 1);
      const top = [...freq.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, keywords).map(([t]) => t);
      return { ids: g.map((x) => x.id), keywords: top, size: g.length };
    })
    .sort((a, b) => b.size - a.size || a.ids[0].localeCompare(b.ids[0]));
}

/** A dispatch catalogue entry: a category, its responsible unit, its 权责清单 basis and keywords. */
export interface CatalogueEntry {
  id: string;
  categoryCode: string;
  unitId: string;
  keywords: readonly string[];
}

/**
 * Proposes catalogue entries for an appeal text: entries scored by how many of their keywords appear among the
 * text's tokens (or as substrings of the text), best first; entries scoring 0 are left out.
 */
export function proposeDispatch(text: string, catalogue: readonly CatalogueEntry[], limit = 3): { entry: CatalogueEntry; score: number; matched: string[] }[] {
  const tokens = new Set(tokenize(text));
  return catalogue
    .map((entry) => {
      const matched = entry.keywords.filter((k) => tokens.has(k) || text.includes(k));
      return { entry, score: matched.length, matched };
    })
    .filter((p) => p.score > 0)
    .sort((a, b) => b.score - a.score || a.entry.id.localeCompare(b.entry.id))
    .slice(0, limit);
}

/**
 * 未诉先办: months in which a cluster recurs — a month (1..12) counts when the cluster had at least `minPerMonth`
 * appeals in that calendar month in at least two different years.
 */
export function seasonalMonths(dates: readonly string[], minPerMonth = 2): number[] {
  const byMonthYear = new Map<string, number>();
  for (const d of dates) byMonthYear.set(d.slice(0, 7), (byMonthYear.get(d.slice(0, 7)) ?? 0) + 1);
  const years = new Map<number, Set<string>>();
  for (const [ym, n] of byMonthYear) {
    if (n < minPerMonth) continue;
    const m = Number(ym.slice(5, 7));
    years.set(m, (years.get(m) ?? new Set()).add(ym.slice(0, 4)));
  }
  return [...years.entries()].filter(([, ys]) => ys.size >= 2).map(([m]) => m).sort((a, b) => a - b);
}
