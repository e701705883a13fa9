import * as CN from './cn-number.ts';
import { deadlinesOf } from './deadlines.ts';
import * as LEX from './target-lexicon.ts';
import type { Deadline, Target, TargetOp } from './types.ts';

// Local copies: an imported binding is read through a getter once the module is transpiled to
// CommonJS (tsx), which costs in hot loops.
const CHANGE_VERBS = LEX.CHANGE_VERBS;
const DURATION_FOLLOWERS = LEX.DURATION_FOLLOWERS;
const METRIC_LEAD = LEX.METRIC_LEAD;
const METRIC_TRAIL = LEX.METRIC_TRAIL;
const STRONG_GE = LEX.STRONG_GE;
const COMPARISON_WORDS = LEX.COMPARISON_WORDS;
const DESCRIPTIVE_AFTER = LEX.DESCRIPTIVE_AFTER;
const DESCRIPTIVE_BEFORE = LEX.DESCRIPTIVE_BEFORE;
const TIME_UNITS = LEX.TIME_UNITS;
const UNITS = LEX.UNITS;
const parseChineseNumber = CN.parseChineseNumber;
const shiftDecimal = CN.shiftDecimal;

/** How far back (characters) a number looks for its metric and comparison word. */
const LOOKBACK = 80;
/** How far forward a number looks for the rest of its clause. */
const LOOKAHEAD = 60;
/** Bracketed or quoted stretches longer than this are treated as unbalanced and ignored. */
const MAX_BRACKET = 300;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\%]/g, '\\$&');
const UNIT_RE = new RegExp(`(?:${UNITS.map(escape).join('|')})`, 'y');
/** Characters that continue a Chinese numeral (one starts at a K_NUMBER character, see layout). */
const CN_REST = new Uint8Array(0x10000);
for (const c of '零〇一二两三四五六七八九十百千万亿') CN_REST[c.charCodeAt(0)] = 1;
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
/** Comparison and descriptive words by first character, longest first: a trie of depth one. */
const WORDS_BY_FIRST = new Map<string, string[]>();
for (const w of [...COMPARISON_WORDS.map(([w]) => w), ...DESCRIPTIVE_BEFORE].sort((a, b) => b.length - a.length)) {
  const list = WORDS_BY_FIRST.get(w[0]) ?? [];
  list.push(w);
  WORDS_BY_FIRST.set(w[0], list);
}
const WORD_LAST_CHARS = new Set([...COMPARISON_WORDS.map(([w]) => w[w.length - 1]), '”', '」', '』', '’', '"']);
/** 1 at the code of each character that starts a comparison or descriptive word. */
const WORD_FIRST = new Uint8Array(0x10000);
for (const c of WORDS_BY_FIRST.keys()) WORD_FIRST[c.charCodeAt(0)] = 1;
const WORD_OP = new Map<string, TargetOp | 'describe'>([
  ...COMPARISON_WORDS.map(([w, op]) => [w, op] as [string, TargetOp]),
  ...DESCRIPTIVE_BEFORE.map((w) => [w, 'describe'] as [string, 'describe']),
]);
const TIME = new Set(TIME_UNITS);
/** 1 at the code of each character that starts a unit. */
const UNIT_FIRST = new Uint8Array(0x10000);
for (const u of UNITS) UNIT_FIRST[u.charCodeAt(0)] = 1;
/** How a metric name usually ends: a rate, a time, an amount. */
const METRIC_END = /[率间限量额数度比例费本积长重值效]$/;
const DESCRIPTIVE_AFTER_RE = new RegExp(`^[^，,。；;\\d]{0,12}?(?:${DESCRIPTIVE_AFTER.join('|')})`);
const CLAUSE_BREAK = /[，,；;。：:！!？?\n\r]/;
const SENTENCE_BREAK = /[。！!？?\n\r]/;
const SPACE = /[ \t\u3000\u00a0]/;
const OPEN_CLOSE: Record<string, string> = {
  '（': '）', '(': ')', '〔': '〕', '[': ']', '【': '】', '《': '》', '“': '”', '「': '」', '『': '』', '‘': '’',
};
const QUOTES = new Set(['“', '「', '『', '‘', '"']);
/** Between two counts of a chain: a short noun, no separator and no verb of a list ("街道"). */
const CHAIN_GAP = /^[\u4e00-\u9fff]{1,4}$/;
/** Units that count things (a chain of counts qualifies a noun phrase: "3个街道33个行政村"). */
const COUNT_UNITS = new Set(['个', '家', '户', '人', '名', '位', '所', '处', '座', '条', '项', '件', '村', '批']);
/** Whether a stretch holds a comparison, change or linking word: then it is no noun. */
function hasWord(s: string): boolean {
  if (/[至到为达于在由从]/.test(s)) return true;
  for (let i = 0; i < s.length; i++) {
    const list = WORDS_BY_FIRST.get(s[i]);
    if (list && list.some((w) => s.startsWith(w, i))) return true;
  }
  return false;
}
/** Separators of a printed list. */
const LIST_SEP = /[、和及与][ \u3000]?$/;
/** After a counted noun, the next counted item of a list ("、200名…", "和50名…"). */
const LIST_NEXT = /^[、和及与][ \u3000]?\d/;
/** The counted noun after a number, up to the next separator ("正职后备人才"). */
const COUNTED_NOUN = /^[^，,。；;：:！!？?、和及\n]{2,24}/;

/** One number with its unit, as found in the text. */
interface Token {
  numStart: number;
  numEnd: number;
  /** End of the value phrase: after the unit and any 以上/以内 suffix. */
  end: number;
  value: number;
  /** Upper bound of a range ("30-60个工作日"); `value` is then the lower bound. */
  high: number | null;
  unit: string;
  suffixOp: TargetOp | null;
  chinese: boolean;
  /** The suffix is followed by 的: a scope threshold ("500万元及以下的"). */
  scope: boolean;
}

// Character classes of the one pass over a text (see layout): brackets, quotes and breaks.
const K_OPEN = 1;
const K_CLOSE = 2;
const K_ASCII_QUOTE = 3;
const K_CLAUSE = 4;
const K_SENTENCE = 5; // also a clause break
const K_NUMBER = 6; // an ASCII digit or the first character of a Chinese numeral
const KIND = new Uint8Array(0x10000);
/** For an opening bracket, the code of its closer. */
const CLOSER_OF = new Uint16Array(0x10000);
for (const [o, c] of Object.entries(OPEN_CLOSE)) {
  KIND[o.charCodeAt(0)] = K_OPEN;
  CLOSER_OF[o.charCodeAt(0)] = c.charCodeAt(0);
}
for (const c of Object.values(OPEN_CLOSE)) KIND[c.charCodeAt(0)] = K_CLOSE;
KIND['"'.charCodeAt(0)] = K_ASCII_QUOTE;
for (const c of '，,；;：:') KIND[c.charCodeAt(0)] = K_CLAUSE;
for (const c of '。！!？?\n\r') KIND[c.charCodeAt(0)] = K_SENTENCE;
for (const c of '0123456789零〇一二两三四五六七八九十') KIND[c.charCodeAt(0)] = K_NUMBER;

/** Reused between calls (extractTargets is not re-entrant): grown, never shrunk. */
let blockedBuf = new Uint8Array(1024);
const openStack: number[] = [];

/** Brackets, clause and sentence breaks of a text, found in one pass. */
interface Layout {
  /** 1 for characters inside brackets, quotes and book titles (and, later, deadlines). */
  blocked: Uint8Array;
  /** Clause breaks (，；。： …) in text order; blocked ones are dropped by `dropBlockedBreaks`. */
  breaks: number[];
  /** Sentence breaks (。！？ and line ends) in text order, blocked or not. */
  sentences: number[];
  /** Where a number may start: digits and the first characters of Chinese numerals, in order. */
  numbers: number[];
}

/**
 * Marks the characters inside brackets, quotes and book titles: numbers there are names, slogans,
 * references or asides, not commitments. A quote that holds nothing but a value right after a
 * comparison word (合并为“1个环节”) stays open. Collects clause and sentence breaks on the way.
 */
function layout(text: string): Layout {
  const n = text.length;
  if (blockedBuf.length < n) blockedBuf = new Uint8Array(Math.max(n, blockedBuf.length * 2));
  const blocked = blockedBuf;
  blocked.fill(0, 0, n);
  const breaks: number[] = [];
  const sentences: number[] = [];
  const numbers: number[] = [];
  const stack = openStack;
  stack.length = 0; // pairs: closer code, position
  let asciiQuote = -1;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    const kind = KIND[code];
    if (kind === 0) continue;
    if (kind === K_NUMBER) numbers.push(i);
    else if (kind === K_CLAUSE) breaks.push(i);
    else if (kind === K_SENTENCE) {
      breaks.push(i);
      sentences.push(i);
    } else if (kind === K_OPEN) {
      if (stack.length > 128) stack.splice(0, 2);
      stack.push(CLOSER_OF[code], i);
    } else if (kind === K_CLOSE) {
      const min = Math.max(0, stack.length - 8);
      for (let k = stack.length - 2; k >= min; k -= 2) {
        if (stack[k] === code) {
          markBlock(text, blocked, stack[k + 1], i);
          stack.length = k;
          break;
        }
      }
    } else if (asciiQuote < 0) asciiQuote = i;
    else {
      markBlock(text, blocked, asciiQuote, i);
      asciiQuote = -1;
    }
  }
  return { blocked, breaks, sentences, numbers };
}

const QUOTED_VALUE = /^[ \u3000]?[\d.一二两三四五六七八九十]+[ \u3000]?[^\d\s]{1,4}$/;
const VALUE_QUOTE_BEFORE = /[为至到成]/;

function markBlock(text: string, blocked: Uint8Array, open: number, close: number): void {
  if (close - open > MAX_BRACKET) return;
  if (close - open <= 8 && QUOTES.has(text[open]) && VALUE_QUOTE_BEFORE.test(text[open - 1] ?? '')) {
    if (QUOTED_VALUE.test(text.slice(open + 1, close))) return;
  }
  blocked.fill(1, open, close + 1);
}

/** Keeps the clause breaks that lie outside brackets, quotes and deadlines. */
function dropBlockedBreaks(breaks: number[], blocked: Uint8Array): number[] {
  let k = 0;
  for (let i = 0; i < breaks.length; i++) if (!blocked[breaks[i]]) breaks[k++] = breaks[i];
  breaks.length = k;
  return breaks;
}

// Patterns of the hot paths, compiled once.
const STARTS_WITH_DIGIT = /^\d/;
const ENDS_WITH_BIG_UNIT = /[万亿]$/;
const MODEL_NAME_BEFORE = /[A-Za-z_./]/;
const LATIN = /[A-Za-z]/;
/** After a bare number: the next item of a list or the bound of a range ("2、3个", "30-60个"). */
const NEXT_ITEM_OR_BOUND = /^[ \u3000]?(?:、|和|及|与|或|[-－—–~～]{1,2}|至|到)[ \u3000]?\d/;
const INCLUSIVE = /^[(（]含[)）]/;
const LIMIT_SUFFIX = /^(?:及以上|以上|及以下|以下|以内|之内|内)/;
const CONJUNCTION = /[并且和及或均]/;
/** After 以上: who is in scope ("年营收2000万元以上企业"). */
const SCOPE_NOUN_AFTER = /^(?:企业|项目|单位|工程|用户|客户|商户|纳税人|经营主体|市场主体|工业|规模|人口|城市|医院|学校)/;
const RANGE_SEP = /^[ \u3000]?(?:[-－—–~～]{1,2}|至|到)[ \u3000]?$/;
const ITEM_SEP = /^[ \u3000]?(?:、|和|及|与|或)[ \u3000]?$/;
const ARITHMETIC = /[×xX*＊+＋/／]/;
const ARITHMETIC_AFTER = /^[ \u3000]?[×xX*＊+＋/／]/;
const LEVEL_AFTER = /^[一二三四五六七八九]级/;
const RATE_NAME_AFTER = /^[\u4e00-\u9fff]{0,6}率/;
const CJK_FIRST = /^[\u4e00-\u9fff]/;
const FROM_WORD = /[由从]/;
const ON_BASIS_AFTER = /^[^，,。；;]{0,20}基础上/;
const AS_OF_START = /^[ \u3000]{0,2}(?:截至|截止)/;
const MERGED_INTO_BEFORE = /(?:整合|合并|归并)[^，,。；;]{0,12}为[ \u3000]?$/;
const FREE_ISSUE = /免费(?:领取|发放|赠送|刻制)/;
const EACH_WORD = /[均分别都]/;
const EACH_AT_END = /[均都]$/;
const LEADING_SPACES = /^[ \u3000]*/;
const NOUN_START = /^[\u4e00-\u9fff“「]/;
const TRAILING_YI = /以$/;
const METRIC_SEP = /、|和|及|与/;
const WHITESPACE_RUN = /\s+/g;

function skipSpaces(text: string, i: number, max = 2): number {
  let j = i;
  while (j < text.length && j - i < max && SPACE.test(text[j])) j++;
  return j;
}

function prevNonSpace(text: string, i: number): string {
  let j = i - 1;
  while (j >= 0 && i - j <= 3 && SPACE.test(text[j])) j--;
  return j >= 0 ? text[j] : '';
}

/** Reads the unit, 万 folding and suffix after a number; null when the number is not a quantity. */
function readToken(text: string, numStart: number, raw: string): Token | null {
  let numEnd = numStart + raw.length;
  const chinese = !STARTS_WITH_DIGIT.test(raw);
  let value: number | null;
  let p: number;
  let unit = '';
  if (chinese) {
    // "五万元" is 5 万元, not 50000 元.
    if (ENDS_WITH_BIG_UNIT.test(raw) && text[numEnd] === '元' && raw.length > 1) {
      value = parseChineseNumber(raw.slice(0, -1));
      unit = raw.slice(-1) + '元';
      p = numEnd + 1;
    } else {
      value = parseChineseNumber(raw);
      p = numEnd;
    }
  } else {
    if (raw.replace('.', '').length > 15) return null;
    if (MODEL_NAME_BEFORE.test(text[numStart - 1] ?? '')) return null; // model names, versions
    if (LATIN.test(text[numEnd] ?? '')) return null; // "5G"
    value = Number(raw);
    p = skipSpaces(text, numEnd);
  }
  if (value === null || !Number.isFinite(value)) return null;
  if (!unit) {
    UNIT_RE.lastIndex = p;
    let u = UNIT_RE.exec(text);
    if (!u && text[p] === '万' && !chinese) {
      // 1.2万人次 -> 12000 人次; 8000 万立方 -> 80000000 立方.
      value = shiftDecimal(raw, 4);
      numEnd = p + 1;
      p = skipSpaces(text, p + 1);
      UNIT_RE.lastIndex = p;
      u = UNIT_RE.exec(text);
      if (!u) return null;
    }
    if (u) {
      unit = u[0] === '％' ? '%' : u[0];
      p += u[0].length;
    } else {
      // A bare number matters only as the first item of a list or range whose last item has the
      // unit ("2、3个工作日", "30-60个工作日"); Chinese numerals without a unit are words.
      if (chinese || !NEXT_ITEM_OR_BOUND.test(text.slice(numEnd, numEnd + 5))) return null;
      p = numEnd;
    }
  }
  // Suffix: "(含)以内", "以上", "内".
  let q = p;
  const incl = INCLUSIVE.exec(text.slice(q, q + 3));
  if (incl) q += incl[0].length;
  q = skipSpaces(text, q);
  const tail = text.slice(q, q + 3);
  const sfx = LIMIT_SUFFIX.exec(tail);
  let suffixOp: TargetOp | null = null;
  let end = p;
  let scope = false;
  if (sfx && (sfx[0] !== '内' || TIME.has(unit))) {
    suffixOp = sfx[0].endsWith('上') ? '>=' : '<=';
    end = q + sfx[0].length;
    // "500万元及以下的", "160千伏安及以下小微企业", "年营收2000万元以上企业": a threshold naming
    // who is in scope. A verb after 以上 ("90%以上实现网上办理") keeps the commitment.
    const nextChar = text[end] ?? '';
    scope =
      nextChar === '的' ||
      (suffixOp === '<=' && sfx[0].endsWith('下') && CJK_RE.test(nextChar) && !CONJUNCTION.test(nextChar)) ||
      (suffixOp === '>=' && SCOPE_NOUN_AFTER.test(text.slice(end, end + 5)));
  }
  if (!scope && isPermission(text, numStart, unit)) scope = true;
  return { numStart, numEnd, end, value, high: null, unit, suffixOp, chinese, scope };
}

/** Money and loan or deferral periods: the units a cap on a grant or a permission is stated in. */
const PERMISSION_UNIT = /^(?:元|万元|亿元|千元|个月|月|年|倍)$/;
/**
 * Words right before an amount that make it a cap or a permission, not a commitment:
 * "最高不超过300万元", "最长3年", "可申请延期1-2个月", "给予20万元奖励", "单户贷款额度1000万元".
 */
const PERMISSION_BEFORE =
  /(?:最高|最多|最长|最低|上限为?|单笔|单户|每户|每家|每个|每年|给予|可享受|可申请|可获得?|可延长|延期|缓缴|顺延|展期|贷款(?:额度|期限|金额)|授信额度|担保额度|补助|补贴|奖励|资助)(?:不超过|不高于|不低于|可达|达|可|为|给予|提供|一次性)?[^，,。；;：:\d]{0,4}$/;

/** Whether the amount at `numStart` only sets a cap, a grant or a permission ("最高不超过…", "延期1-2个月"). */
function isPermission(text: string, numStart: number, unit: string): boolean {
  if (!PERMISSION_UNIT.test(unit)) return false;
  return PERMISSION_BEFORE.test(text.slice(Math.max(0, numStart - 14), numStart));
}

interface Found {
  word: string;
  op: TargetOp | 'describe';
  start: number;
  end: number;
}

/**
 * Appends to `ctx.words` every comparison (or descriptive) word outside brackets and quotes that
 * starts in [from, to). Windows are asked for in text order and each character is looked at once,
 * so the whole text costs O(n) however many numbers it holds.
 */
function scanWords(ctx: Context, from: number, to: number): void {
  const { text, blocked, words } = ctx;
  // Back up a little so that a word straddling `from` is seen whole, not as its tail.
  let j = Math.max(from - 3, ctx.wordsScanned);
  if (j >= to) return;
  while (j < to) {
    if (!WORD_FIRST[text.charCodeAt(j)] || blocked[j]) {
      j++;
      continue;
    }
    const list = WORDS_BY_FIRST.get(text[j])!;
    let w: string | undefined;
    for (let k = 0; k < list.length; k++) {
      if (text.startsWith(list[k], j)) {
        w = list[k];
        break;
      }
    }
    // 到达, 下达, 传达, 达成, 达标 are not comparisons.
    if (!w || (w === '达' && (NOT_REACH_BEFORE.test(text[j - 1] ?? '') || NOT_REACH_AFTER.test(text[j + 1] ?? '')))) {
      j++;
      continue;
    }
    words.push({ word: w, op: WORD_OP.get(w) ?? '>=', start: j, end: j + w.length });
    j += w.length;
  }
  ctx.wordsScanned = Math.max(ctx.wordsScanned, j);
}

const NOT_REACH_BEFORE = /[到下传表发抵送通直转]/;
const NOT_REACH_AFTER = /[成标产]/;

/** The last word lying wholly inside [from, to). */
function lastWord(words: Found[], from: number, to: number): Found | null {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid].start < to) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && words[i].start >= from; i--) if (words[i].end <= to) return words[i];
  return null;
}

/** Index of the first element of the sorted array `xs` that is >= i. */
function lowerBound(xs: number[], i: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function clauseStart(breaks: number[], i: number, floor: number): number {
  const min = Math.max(floor, i - LOOKBACK);
  const k = lowerBound(breaks, i) - 1;
  return k >= 0 && breaks[k] >= min ? breaks[k] + 1 : min;
}

function clauseEnd(breaks: number[], textLength: number, i: number): number {
  const max = Math.min(textLength, i + LOOKAHEAD);
  const k = lowerBound(breaks, i);
  return k < breaks.length && breaks[k] < max ? breaks[k] : max;
}

/** Deadlines lying wholly inside [from, to); `deadlines` is in text order. */
function deadlinesBetween(deadlines: readonly Deadline[], from: number, to: number): Deadline[] {
  let lo = 0;
  let hi = deadlines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (deadlines[mid].span!.start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: Deadline[] = [];
  for (let i = lo; i < deadlines.length && deadlines[i].span!.start < to; i++) {
    if (deadlines[i].span!.end <= to) out.push(deadlines[i]);
  }
  return out;
}

/** [start, end) of the sentence holding position i. */
function sentenceAt(b: number[], textLength: number, i: number): [number, number] {
  const lo = lowerBound(b, i);
  return [lo > 0 ? b[lo - 1] + 1 : 0, lo < b.length ? b[lo] : textLength];
}

/** What a text's targets are read against, computed once per call. */
interface Context {
  text: string;
  blocked: Uint8Array;
  /** Clause breaks outside brackets, quotes and deadlines, in order. */
  breaks: number[];
  /** Words found so far (see scanWords), in text order. */
  words: Found[];
  wordsScanned: number;
  deadlines: readonly Deadline[];
  sents: number[];
}

const CJK_RE = /[\u4e00-\u9fff]/;

/**
 * Whether a count just repeats how many items a printed list right before it names
 * ("未央宫、汉城、六村堡3个街道": three names, "3个"): the count describes a scope.
 */
function countsPrintedList(text: string, t: Token, from: number): boolean {
  if (!Number.isInteger(t.value) || t.value < 2 || t.value > 30) return false;
  let seps = 0;
  let itemLen = 0;
  for (let j = t.numStart - 1; j >= from; j--) {
    const c = text[j];
    if (c === '、') {
      if (itemLen === 0) return false;
      seps++;
      itemLen = 0;
    } else if (CJK_RE.test(c)) itemLen++;
    else break;
  }
  return seps > 0 && itemLen > 0 && seps + 1 === t.value;
}

/**
 * Drops the parts of a total: counts listed one after another ("与14所县域高中、7所乡镇普通高中")
 * whose sum a later count of the same sentence states ("建设21个城乡学校共同体") make up that total,
 * which alone is the commitment.
 */
function dropPartsOfTotals(ctx: Context, out: Target[], src: Token[]): Target[] {
  const { text, sents } = ctx;
  const drop = new Uint8Array(out.length);
  for (let i = 0; i < out.length; i++) {
    let sum = out[i].value;
    const [, sEnd] = sentenceAt(sents, text.length, src[i].numStart);
    for (let j = i + 1; j < out.length && src[j] !== src[j - 1]; j++) {
      const gap = text.slice(src[j - 1].end, src[j].numStart);
      if (gap.length > 24 || !LIST_SEP.test(gap) || CLAUSE_BREAK.test(gap)) break;
      sum += out[j].value;
      for (let k = j + 1; k < out.length && src[k].numStart < sEnd; k++) {
        if (out[k].value === sum && src[k] !== src[j]) {
          drop.fill(1, i, j + 1);
          break;
        }
      }
    }
  }
  return drop.includes(1) ? out.filter((_, k) => !drop[k]) : out;
}

/** Splits a metric list ("处办率、办件满意率") into items, keeping "民事一、二审…" together. */
function splitMetrics(metric: string): string[] {
  const parts = metric.split(METRIC_SEP).filter((p) => p.length > 0);
  if (parts.length < 2) return [metric];
  const last = parts[parts.length - 1];
  const tailChar = last[last.length - 1];
  const out: string[] = [];
  let pending = '';
  for (const p of parts) {
    pending = pending ? `${pending}、${p}` : p;
    if (p.endsWith(tailChar) && p.length >= 2) {
      out.push(pending);
      pending = '';
    }
  }
  if (pending) {
    if (out.length) out[out.length - 1] += `、${pending}`;
    else out.push(pending);
  }
  return out;
}

function cleanMetric(s: string): string {
  let m = s.replace(WHITESPACE_RUN, ' ').trim();
  for (let k = 0; k < 3; k++) {
    const next = m.replace(METRIC_LEAD, '').replace(METRIC_TRAIL, '');
    if (next === m) break;
    m = next;
  }
  return m.trim();
}

/**
 * Finds the quantified commitments in a piece of measure or goal text.
 *
 * Each target is a number tied to what it measures and how it must compare:
 * "企业设立登记0.5个工作日" -> { metric: '企业设立登记', op: '<=', value: 0.5, unit: '个工作日' };
 * "满意率达到90%以上" -> { op: '>=', value: 90, unit: '%' }. Comparison words set `op`
 * (不超过/以内/压减至… -> "<=", 以上/不低于/达到/提升至… -> ">=", 合并为 -> "="); a bare duration is
 * "<=", a bare quota ">=". Ranges keep the bound that binds ("30-60个工作日" -> "<= 60"),
 * lists under one comparison give one target per item ("分别达75%、30%以上", "A率、B率均达99%"),
 * Chinese numerals are converted and 万 is folded into the value ("1.2万人次" -> 12000 人次) except
 * in 万元; 亿 stays in the unit ("350亿元"). Dates, ordinals, document numbers, quoted names and
 * slogans, bracketed asides, scope thresholds ("500万元及以下的"), baselines ("由30日压缩至10日":
 * only 10), ranks and rates per head ("每万人") are not targets.
 *
 * @param text measure or paragraph text as printed
 * @param opts.baseYear the plan year, used to date `by` from deadlines in the same sentence
 * @param opts.deadlines optional: `extractDeadlines(text, { baseYear })` when the caller has it
 *   already (spans indexing `text`), so that the text is not scanned for deadlines again
 * @returns targets in text order, `span` indexing `text`; never throws
 * @example extractTargets('2022年底前，纳税耗时不超过60小时。', { baseYear: 2022 })
 *   // [{ metric: '纳税耗时', op: '<=', value: 60, unit: '小时', by: '2022-12-31', text: '纳税耗时不超过60小时', … }]
 */
export function extractTargets(
  text: string,
  opts: { baseYear: number | null; deadlines?: readonly Deadline[] },
): Target[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  try {
    const baseYear = typeof opts?.baseYear === 'number' && Number.isInteger(opts.baseYear) ? opts.baseYear : null;
    const given = opts?.deadlines;
    return scan(text, Array.isArray(given) ? given : deadlinesOf(text, baseYear));
  } catch {
    // The scanner is written not to throw; this keeps the contract if a future edit slips.
    return [];
  }
}

function scan(text: string, deadlines: readonly Deadline[]): Target[] {
  const { blocked, breaks, sentences, numbers } = layout(text);
  for (const d of deadlines) if (d.span) blocked.fill(1, d.span.start, d.span.end);

  // 1. Numbers with their units: "12", "0.5" and Chinese numerals ("三", "一百零五", "两千").
  const tokens: Token[] = [];
  const n = text.length;
  let next = 0;
  for (let k = 0; k < numbers.length; k++) {
    const i = numbers[k];
    if (i < next) continue;
    const chinese = !isDigit(text.charCodeAt(i));
    let end = i + 1;
    if (!chinese) {
      while (end < n && isDigit(text.charCodeAt(end))) end++;
      if (text.charCodeAt(end) === 46 && isDigit(text.charCodeAt(end + 1))) {
        end += 2;
        while (end < n && isDigit(text.charCodeAt(end))) end++;
      }
    } else {
      while (end < n && end - i < 13 && CN_REST[text.charCodeAt(end)]) end++;
    }
    next = end;
    // A Chinese numeral is a quantity only with a unit right after it (一网通办, 进一步: words).
    if (blocked[i] || (chinese && !UNIT_FIRST[text.charCodeAt(end)])) continue;
    const t = readToken(text, i, text.slice(i, end));
    // Cheap pre-check of the Chinese-numeral rule applied in buildGroup: without a limit suffix,
    // the numeral must follow a comparison word (or a quote after one).
    if (t && !(t.chinese && !t.suffixOp && !WORD_LAST_CHARS.has(prevNonSpace(text, t.numStart)))) {
      tokens.push(t);
      next = Math.max(end, t.numEnd);
    }
  }

  // 2. Ranges ("30-60个工作日", "10%-15%").
  const merged: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const a = tokens[i];
    const b = tokens[i + 1];
    if (b && !a.chinese && !b.chinese && b.unit && (!a.unit || a.unit === b.unit) && !a.suffixOp) {
      const between = text.slice(a.end, b.numStart);
      if (RANGE_SEP.test(between) && b.value > a.value) {
        merged.push({ ...b, numStart: a.numStart, value: a.value, high: b.value });
        i++;
        continue;
      }
    }
    merged.push(a);
  }

  // A chain of counts qualifying one noun phrase ("3个街道33个行政村…饮水问题") sets a scope.
  for (let i = 0; i + 1 < merged.length; i++) {
    const a = merged[i];
    const b = merged[i + 1];
    if (a.chinese || b.chinese || a.suffixOp || !COUNT_UNITS.has(a.unit) || !COUNT_UNITS.has(b.unit)) continue;
    const gap = text.slice(a.end, b.numStart);
    if (CHAIN_GAP.test(gap) && !hasWord(gap)) a.scope = b.scope = true;
  }

  // 3. Lists under one comparison ("分别不超过5个、15个工作日", "分别达75%、30%以上").
  const groups: Token[][] = [];
  for (const t of merged) {
    const g = groups[groups.length - 1];
    const prev = g?.[g.length - 1];
    if (prev && ITEM_SEP.test(text.slice(prev.end, t.numStart)) && !prev.scope) {
      g.push(t);
    } else groups.push([t]);
  }

  const out: Target[] = [];
  const ctx: Context = {
    text,
    blocked,
    breaks: dropBlockedBreaks(breaks, blocked),
    words: [],
    wordsScanned: 0,
    deadlines,
    sents: sentences,
  };
  let prevEnd = 0;
  const src: Token[] = []; // the token each target was read from, aligned with `out`
  for (const group of groups) {
    const last = group[group.length - 1];
    for (const t of group) {
      if (!t.unit || (last.unit.startsWith(t.unit) && last.unit !== t.unit && TIME.has(last.unit))) t.unit = last.unit;
      if (!t.suffixOp && last.suffixOp) t.suffixOp = last.suffixOp;
    }
    const built = buildGroup(ctx, group, prevEnd, src);
    if (built.length) prevEnd = group[group.length - 1].end;
    out.push(...built);
  }
  return out.length > 2 ? dropPartsOfTotals(ctx, out, src) : out;
}

function opFor(text: string, t: Token, word: Found | null, cmp: TargetOp | null, eqByStructure: boolean): TargetOp {
  if (t.unit === '%' && (t.high ?? t.value) === 100 && !t.high) return '>=';
  if (TIME.has(t.unit)) {
    if (t.suffixOp === '>=' || (word && STRONG_GE.includes(word.word))) return '>=';
    return '<=';
  }
  if (t.suffixOp) return t.suffixOp;
  if (cmp) return cmp;
  if (eqByStructure) return '=';
  if (t.unit === '套' && SET_OF_PAPERS.test(text.slice(t.end, t.end + 3))) return '=';
  return '>=';
}

const SET_OF_PAPERS = /^[ \u3000]?材料/;

function emit(
  text: string,
  t: Token,
  metric: string,
  word: Found | null,
  cmp: TargetOp | null,
  eqByStructure: boolean,
  printed: string,
  by: string | null,
  span: { start: number; end: number },
  out: Target[],
  src: Token[],
): void {
  const op = opFor(text, t, word, cmp, eqByStructure);
  const value = t.high !== null ? (op === '<=' ? t.high : t.value) : t.value;
  out.push({ text: printed, metric, op, value, unit: t.unit, by, span: { start: span.start, end: span.end } });
  src.push(t);
}

function buildGroup(ctx: Context, group: Token[], prevEnd: number, src: Token[]): Target[] {
  const { text, blocked, breaks, words, deadlines, sents } = ctx;
  const first = group[0];
  const last = group[group.length - 1];
  const cStart = clauseStart(breaks, first.numStart, prevEnd);
  const cEnd = clauseEnd(breaks, text.length, last.end);
  scanWords(ctx, cStart, first.numStart);
  const word = lastWord(words, cStart, first.numStart);
  if (word?.op === 'describe') return [];
  const cmp: TargetOp | null = word ? (word.op as TargetOp) : null;
  const out: Target[] = [];
  const kept: Token[] = [];
  for (const t of group) {
    if (!t.unit || t.scope) continue;
    const prev = prevNonSpace(text, t.numStart);
    if (prev === '第' || prev === '每' || prev === '等') continue; // ordinals, rates per head, "等4个事项"
    if (prev === '月' && t.unit === '日') continue; // a calendar date: "10月10日"
    if (prev === '约' && !cmp) continue; // an estimate states a fact: "每日受理量约3000件"
    if (prev === '前' && (['名', '位'].includes(t.unit) || t.chinese)) continue; // ranks
    if (t.unit === '人' && text[t.end] === '才') continue; // a programme's name: "121人才梯队项目"
    if (t === first && !word && countsPrintedList(text, t, cStart)) continue; // "未央宫、汉城、六村堡3个街道"
    if (ARITHMETIC.test(prev) || ARITHMETIC_AFTER.test(text.slice(t.end, t.end + 2))) continue;
    const next = text.slice(t.end, t.end + 8);
    if (LEVEL_AFTER.test(next)) continue; // the shape of a hierarchy: "18个一级指标"
    // A number inside a name: "一日办结率", "15分钟服务圈", "24小时自助".
    if (!t.suffixOp && RATE_NAME_AFTER.test(next) && group.length === 1) continue;
    if (TIME.has(t.unit) && !t.suffixOp && CJK_FIRST.test(next) && !DURATION_FOLLOWERS.test(next)) continue;
    if (t.chinese) {
      // Chinese numerals are everywhere in names (一网通办, 三年行动); only a comparison word
      // right before them or a limit suffix makes them a quantity.
      const gap = word ? text.slice(word.end, t.numStart) : null;
      let adjacent = gap !== null;
      for (let k = 0; adjacent && k < gap!.length; k++) adjacent = SPACE.test(gap![k]) || blocked[word!.end + k] === 1;
      if (!t.suffixOp && !(adjacent && t === first)) continue;
      if (t.value === 1 && ['批', '些', '种', '类'].includes(t.unit)) continue; // 一批, 一种: not a count
    }
    kept.push(t);
  }
  if (!kept.length) return [];

  const before = text.slice(cStart, first.numStart);
  const afterClause = text.slice(last.end, cEnd);

  // Baselines: "由法定30日内压缩至10日内", "在已形成50个…基础上".
  if (FROM_WORD.test(before.slice(word ? word.end - cStart : 0)) && CHANGE_VERBS.test(afterClause)) return [];
  if (before.includes('在') && ON_BASIS_AFTER.test(afterClause)) return [];
  // Facts already achieved ("截至2022年底，全市已建成…2000个") commit to nothing.
  const [sStart, sEnd] = sentenceAt(sents, text.length, first.numStart);
  if (before.includes('已') || AS_OF_START.test(text.slice(sStart, sStart + 5))) return [];
  // Descriptive counts: "14个一级指标细化分解为…".
  if (DESCRIPTIVE_AFTER_RE.test(afterClause)) return [];


  // Comparison.
  const wholeClause = text.slice(clauseStart(breaks, first.numStart, 0), first.numStart);
  const eqByStructure =
    word?.op === '=' ||
    MERGED_INTO_BEFORE.test(before) ||
    FREE_ISSUE.test(wholeClause);
  // Metric: from the clause start (after any earlier target or deadline) to the comparison word.
  let mStart = cStart;
  const near = deadlinesBetween(deadlines, cStart, first.numStart);
  if (near.length) mStart = Math.max(mStart, near[near.length - 1].span!.end);
  const mEnd = word && word.start >= mStart ? word.start : first.numStart;
  let rawMetric = text.slice(mStart, mEnd);
  const baseline = FROM_WORD.exec(rawMetric);
  if (baseline && CHANGE_VERBS.test(text.slice(mStart + baseline.index, first.numStart))) {
    rawMetric = rawMetric.slice(0, baseline.index);
  }
  let metric = cleanMetric(rawMetric);
  if (!metric && word && word.end <= first.numStart) {
    // An aim word opens the clause ("争取新申报科技项目100项以上"): the metric follows it.
    metric = cleanMetric(text.slice(word.end, first.numStart));
  }
  if (metric.length < 2) metric = '';
  let tStart = text.indexOf(metric, mStart);
  if (!metric || tStart < 0 || tStart > first.numStart) tStart = word && word.start >= mStart ? word.start : first.numStart;

  // by: the nearest deadline in the same sentence, preferring one before the value.
  const inSentence = deadlinesBetween(deadlines, sStart, sEnd);
  const beforeIt = inSentence.filter((d) => d.span!.end <= first.numStart);
  const by = (beforeIt[beforeIt.length - 1] ?? inSentence[0])?.date ?? null;

  const between = text.slice(mEnd, first.numStart);
  const respectively = EACH_WORD.test(between) || EACH_AT_END.test(rawMetric.trim());
  let metrics = [metric];
  if (respectively || kept.length > 1) {
    // "执行到位率、首执案件结案率和平均结案时间分别达65％、95%、60天": one metric per value.
    const raw = metric.split(METRIC_SEP).filter((p) => p.length > 0);
    const named = raw.every((p) => METRIC_END.test(p));
    metrics = kept.length > 1 && raw.length === kept.length && named ? raw : splitMetrics(metric);
  }
  // A count before its noun ("打造2个城乡学校共同体", "形成100个套餐事项清单"): the noun names it,
  // and the span runs to its end. An item of a list under one verb ("选拔100名正职后备人才、200名
  // 副职后备人才") starts at its own number: what lies before it is the previous item's noun.
  let spanEnd = last.end;
  const listItem = prevEnd > 0 && mStart === prevEnd && LIST_SEP.test(rawMetric);
  if (listItem) tStart = first.numStart;
  if (
    kept.length === 1 &&
    metrics.length === 1 &&
    !TIME.has(kept[0].unit) &&
    kept[0].unit !== '%'
  ) {
    const lead = LEADING_SPACES.exec(afterClause)![0].length;
    const noun = COUNTED_NOUN.exec(afterClause.slice(lead))?.[0];
    // The first item of such a list: its noun is followed by the next counted item.
    const opensList = !!noun && LIST_NEXT.test(afterClause.slice(lead + noun.length));
    if (noun && NOUN_START.test(noun) && (metric.length <= 4 || listItem || opensList)) {
      const name = noun.replace(TRAILING_YI, '').replace(METRIC_TRAIL, '');
      metrics = [name];
      spanEnd = last.end + lead + name.length;
    }
  }
  const printed = text.slice(tStart, spanEnd).trim();

  const span = { start: tStart, end: spanEnd };
  if (kept.length === 1 && metrics.length > 1 && respectively) {
    for (const m of metrics) emit(text, kept[0], m, word, cmp, eqByStructure, printed, by, span, out, src);
  } else {
    for (let k = 0; k < kept.length; k++) {
      emit(text, kept[k], metrics.length === kept.length ? metrics[k] : metric, word, cmp, eqByStructure, printed, by, span, out, src);
    }
  }
  return out;
}
