import { describeLeaf } from './rule-describe.ts';
import type { Comparator, FigureName, RuleLeaf, SizeClass } from './rule-types.ts';

/** One proposed condition, linked to the words it came from. */
export interface DraftCondition {
  leaf: RuleLeaf;
  description: string;
  /** Character offsets into the pasted text, `[start, end)`. */
  span: { start: number; end: number; text: string };
  /** True when the registry can decide it (免申即享 possible); false when a person must verify it. */
  machineCheckable: boolean;
}

export interface DraftOptions {
  /** The region "本市/本区/本县" means. */
  region: { id: string; name: string };
  /** Legal reference stamped on every proposal (the office edits it per clause). */
  ref: string;
}

const NUM = '(\\d+(?:\\.\\d+)?)';
const AMOUNT = `${NUM}\\s*(亿元|万元|元)`;
const MORE = '(?:以上|及以上|\\(含\\)以上|（含）以上)';

interface Pattern {
  re: RegExp;
  build: (m: RegExpExecArray, opt: DraftOptions) => Omit<RuleLeaf, 'id' | 'ref'> | null;
}

const toWan = (n: string, unit: string): number => (unit === '亿元' ? Number(n) * 10_000 : unit === '元' ? Number(n) / 10_000 : Number(n));
const yearOffsetOf = (word: string | undefined): number => (word === '本年度' || word === '当年' ? 0 : word === '前两年' ? -2 : -1);

const figure = (name: FigureName, yearWord: string | undefined, cmp: Comparator, value: number) => ({ kind: 'figure' as const, figure: name, yearOffset: yearOffsetOf(yearWord), cmp, value });

/** Ordered: the first pattern that matches a stretch of text claims it. */
const PATTERNS: Pattern[] = [
  { re: /(?:注册地|注册登记地|税收户管地|工商注册)(?:和|、|及)?(?:税收户管地)?(?:均)?(?:在|位于|为)(?:本市|本区|本县|我市|我区|我县|市内)(?:行政区域内|范围内|辖区内)?/g, build: (_m, o) => ({ kind: 'region', regionId: o.region.id, regionName: o.region.name }) },
  { re: new RegExp(`(上年度|上一年度|本年度|当年|前两年)?(?:主营业务收入|营业收入|销售收入)(?:达到|达|不低于|在)?${AMOUNT}${MORE}?`, 'g'), build: (m) => figure('revenue', m[1], '>=', toWan(m[2], m[3])) },
  { re: new RegExp(`(上年度|上一年度|本年度|当年)?(?:资产总额|总资产)(?:达到|达|不低于|在)?${AMOUNT}${MORE}?`, 'g'), build: (m) => figure('assets', m[1], '>=', toWan(m[2], m[3])) },
  { re: /(上年度|上一年度|本年度|当年)?(?:从业人员|职工人数|员工人数|参保职工|从业人数)(?:达到|达|不少于|在)?(\d+)\s*(?:人|名)(?:以上|及以上)?/g, build: (m) => figure('employees', m[1], '>=', Number(m[2])) },
  { re: /(?:成立|注册|设立)(?:时间)?(?:满|已满|超过)(\d+)(?:个)?(?:周)?年(?:以上)?/g, build: (m) => ({ kind: 'age', cmp: '>=', years: Number(m[1]) }) },
  { re: /(?:成立|注册|设立)(?:时间)?(?:不满|未满|不超过|不足)(\d+)(?:个)?(?:周)?年/g, build: (m) => ({ kind: 'age', cmp: '<', years: Number(m[1]) }) },
  { re: /(?:国家级)?高新技术企业/g, build: () => ({ kind: 'tag', tag: '高新技术企业' }) },
  { re: /(?:专精特新“?小巨人”?企业|专精特新小巨人)/g, build: () => ({ kind: 'tag', tag: '专精特新小巨人' }) },
  { re: /专精特新(?:中小)?企业/g, build: () => ({ kind: 'tag', tag: '专精特新' }) },
  { re: /科技型中小企业/g, build: () => ({ kind: 'tag', tag: '科技型中小企业' }) },
  { re: /规模以上(?:工业)?企业|规上(?:工业)?企业/g, build: () => ({ kind: 'tag', tag: '规上' }) },
  { re: /(?:无|未被列入|未列入|没有)(?:严重)?(?:失信(?:被执行人)?|不良信用)(?:记录|名单|联合惩戒对象名单)?/g, build: () => ({ kind: 'credit_clear', flags: ['dishonest'] }) },
  { re: /(?:未被列入|未列入|不在)经营异常名录/g, build: () => ({ kind: 'credit_clear', flags: ['abnormal'] }) },
  { re: /(?:中小微企业|中小企业)/g, build: () => ({ kind: 'size', classes: ['medium', 'small', 'micro'] satisfies SizeClass[] }) },
  { re: /小微企业/g, build: () => ({ kind: 'size', classes: ['small', 'micro'] satisfies SizeClass[] }) },
  { re: /制造业企业|工业企业/g, build: () => ({ kind: 'industry', prefixes: ['C'] }) },
  { re: /软件和信息技术服务业/g, build: () => ({ kind: 'industry', prefixes: ['I65'] }) },
];

/** Clause boundaries in a 申报条件 text: sentence ends, semicolons, line breaks, enumerations like （一） 1. 1、 */
const CLAUSE = /[^。；;\n]+/g;
const ENUMERATION = /^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．])\s*/;

/**
 * Drafts conditions from a policy's 申报条件 text. Recognised phrases become machine-checkable leaves; every clause
 * with no recognised phrase becomes a person-verified (`manual`) leaf with the clause as its text, so nothing in the
 * text is silently dropped. Every proposal keeps the span of the words it came from; the office confirms or edits.
 * @example draftConditions('注册地在本市；上年度营业收入2000万元以上；无失信记录。', opts)
 *   // region (本市), figure revenue -1 >= 2000, credit_clear dishonest — all machine-checkable
 */
export function draftConditions(text: string, options: DraftOptions): DraftCondition[] {
  const drafts: DraftCondition[] = [];
  let n = 0;
  const nextId = () => `c${++n}`;
  for (const clause of text.matchAll(CLAUSE)) {
    const raw = clause[0];
    const lead = ENUMERATION.exec(raw)?.[0].length ?? 0;
    const body = raw.slice(lead);
    const offset = clause.index + lead;
    if (body.trim().length < 2) continue;
    const claimed: Array<[number, number]> = [];
    const found: DraftCondition[] = [];
    for (const pattern of PATTERNS) {
      pattern.re.lastIndex = 0;
      for (let m = pattern.re.exec(body); m; m = pattern.re.exec(body)) {
        const start = m.index;
        const end = m.index + m[0].length;
        if (claimed.some(([s, e]) => start < e && end > s)) continue;
        const built = pattern.build(m, options);
        if (!built) continue;
        claimed.push([start, end]);
        const leaf = { ...built, id: '', ref: options.ref } as RuleLeaf;
        found.push({ leaf, description: '', span: { start: offset + start, end: offset + end, text: m[0] }, machineCheckable: true });
      }
    }
    found.sort((a, b) => a.span.start - b.span.start);
    if (found.length === 0) {
      const trimmed = body.trim();
      const start = offset + body.indexOf(trimmed);
      found.push({ leaf: { kind: 'manual', id: '', ref: options.ref, text: trimmed }, description: '', span: { start, end: start + trimmed.length, text: trimmed }, machineCheckable: false });
    }
    for (const d of found) {
      d.leaf.id = nextId();
      d.description = describeLeaf(d.leaf);
      drafts.push(d);
    }
  }
  return drafts;
}
