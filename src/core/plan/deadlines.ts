import { parseChineseNumber } from './cn-number.ts';
import type { Deadline } from './types.ts';

// Building blocks. Every quantifier is bounded or applies to a single character class, so each
// regex runs in linear time on any input.
const SP = '[ \\t\\u3000]{0,3}';
const YEAR = '(?:19|20)\\d{2}|[今本明]';
const MONTH = '1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]';
const DAY = '3[01]|[12]\\d|0?[1-9]';
const QUARTER = `第?${SP}(?:[一二三四1-4])${SP}季度${SP}(?:末|底)?`;
const BEFORE = '(?:以前|之前|前)';
// A leading 到/至/于 is read from the character before a match (see leadAt): an optional group
// at the start of a pattern would make every position of the text a match attempt.

/** Year, month and day ("2022年5月31日前", "6月30日前"). */
const RE_DAY = new RegExp(
  `(?:(${YEAR})${SP}年${SP})?(${MONTH})${SP}月${SP}(${DAY})${SP}[日号]${SP}(${BEFORE})?`,
  'g',
);
/** Month ("6月底前", "2023年6月底前", "12 月底前", "3月中旬"). */
const RE_MONTH = new RegExp(
  `(?:(${YEAR})${SP}年${SP})?(${MONTH})${SP}月${SP}(底|末|上旬|中旬|下旬|份)?${SP}(${BEFORE})?`,
  'g',
);
/** Year-level ("2022年底前", "到2022年末", "到2022年", "2023年上半年", "2022年第三季度末"). */
const RE_YEAR = new RegExp(
  `(${YEAR})${SP}年${SP}(底|末|内|上半年|下半年|前三季度|${QUARTER})?${SP}(${BEFORE})?`,
  'g',
);
/** No year ("年底前", "年内", "全年", "上半年", "第三季度末"). */
const RE_BARE = new RegExp(
  `(年底|年末|年内|全年|上半年|下半年|前三季度|${QUARTER})${SP}(${BEFORE})?`,
  'g',
);

/**
 * A plan period ("5年内", "三年内") counted from the plan year or a printed start ("2012年起5年内").
 * Only read as a deadline under the conditions of `periodDeadline`.
 */
const RE_PERIOD = /(\d{1,2}|[一二两三四五六七八九十]{1,2})[ \t\u3000]{0,2}年内/g;
/** What may stand right before a plan period: a clause start, an aim word or a start year. */
const PERIOD_BEFORE = /(?:^|[，,。；;：:\n]|今后|未来|力争|争取|确保|计划|预计|起|开始)(?:在|用)?[ \t\u3000]{0,2}$/;
/** A printed start of the period: "2012年起", "从2012年开始，". */
const PERIOD_START = /((?:19|20)\d{2})[ \u3000]{0,2}年[ \u3000]{0,2}(?:起|开始)[ \u3000，,]{0,2}(?:在|用)?[ \u3000]{0,2}$/;
/** After a period, words that make it the length of a benefit or a duty ("5年内享受补贴"), not a limit. */
const PERIOD_DURATION_AFTER = /^[ \t\u3000]{0,2}(?:享受|给予|可|免|减|补|奖|有效|不得|不再|不|仍|按|每|累计|连续|分|暂|须|应|均)/;
/** A quantity ("30名", "1万名", "50场次", "90%"): a plan period binds only a sentence that has one. */
const QUANTITY = /\d[\d.]*[ \u3000]?[万亿]?[ \u3000]?(?:[%％‰]|(?![年月日号季])[\u4e00-\u9fff])/;
/** After a bare year, verbs that make the year a time limit ("2019年实现90%事项网上办"). */
const YEAR_GOAL_AFTER = /^[ \u3000]{0,2}(?:基本|全面|率先|初步)?(?:实现|完成|达到|建成)(?!的)/;
/** Before a date, words that make it a fact already reported ("已于2019年完成"). */
const FACT_BEFORE = /[已曾][ \u3000]{0,2}(?:在|于)?[ \u3000]{0,2}$/;

/** Words after which a bare year ("2025年") is a target date. */
const AIM_BEFORE = /(?:力争|争取|确保|预计|计划|目标|力求|要求)(?:在|到|于)?[ \u3000]{0,2}$/;
/** Words before a date that make it a baseline or a starting point, not a deadline. */
const BASELINE_BEFORE = /(?:截至|截止|截止到|自|从|比|较|与|同|对|凡|每|当|近|去|前|后)[ \u3000]{0,2}$/;
/** Words after a date that make it a starting point or a span, not a deadline. */
const BASELINE_AFTER = /^[ \u3000]{0,2}(?:起|以来|开始|至今|来|度|以后|之后|后|的|同期|相比|水平|基础)/;

interface Candidate {
  start: number;
  end: number;
  date: string | null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number | null, month: number, day: number | 'end'): string | null {
  if (year === null || !Number.isInteger(year) || year < 1000 || year > 9999) return null;
  let y = year;
  let m = month;
  if (m < 1) {
    y -= 1;
    m = 12;
  }
  const last = lastDayOfMonth(y, m);
  const d = day === 'end' ? last : Math.min(day, last);
  return `${y}-${pad(m)}-${pad(d)}`;
}

function resolveYear(raw: string | undefined, baseYear: number | null): number | null {
  if (raw === undefined) return baseYear;
  if (raw === '今' || raw === '本') return baseYear;
  if (raw === '明') return baseYear === null ? null : baseYear + 1;
  return Number(raw);
}

function toSmallNumber(raw: string): number | null {
  const n = /^\d+$/.test(raw) ? Number(raw) : parseChineseNumber(raw);
  return n === null || !Number.isFinite(n) ? null : n;
}

function quarterEnd(raw: string): number | null {
  const m = /([一二三四1-4])/.exec(raw);
  if (!m) return null;
  const q = toSmallNumber(m[1]);
  return q === null ? null : q * 3;
}

/** The text between the end of a match and the next clause boundary, at most `max` characters. */
function after(text: string, end: number, max: number): string {
  return text.slice(end, end + max);
}

function before(text: string, start: number, max: number): string {
  return text.slice(Math.max(0, start - max), start);
}

/** A bare "前" (without 底/末) followed by a relative clause ("2015年前颁布的文件") sets a scope. */
function isScope(text: string, end: number): boolean {
  const tail = after(text, end, 16);
  const clause = /^[^，,。；;：:！!？?\n]*/.exec(tail)?.[0] ?? '';
  return clause.includes('的');
}

/** "于" is not printed as part of the deadline; "到"/"至" are ("到2022年末"). */
function push(out: Candidate[], text: string, idx: number, lead: string | undefined, matchEnd: number, date: string | null): void {
  const start = lead === '于' ? idx + 1 : idx;
  let end = matchEnd;
  while (end > start && SPACE_CHARS.has(text[end - 1])) end--;
  out.push({ start, end, date });
}

const SPACE_CHARS = new Set([' ', '\t', '\u3000']);
const CUT_OFF_2 = /截$|截止$/;
const CUT_OFF_4 = /每(?:个)?(?:年度?|季度?|月|周)?[ \u3000]{0,2}$/;
const NUMBER_CHAR = /[\d零〇一二两三四五六七八九十百千万.]/;
const MONTH_DIGIT_AFTER = /^[ \u3000]{0,2}\d/;
const YEAR_DIGIT_AFTER = /^[ \u3000]{0,2}[\d零〇一二三四五六七八九十]/;
const BARE_PREV = /[\d零〇一二两三四五六七八九十百千万每当近去前后明今本个]/;
const CLAUSE_START_BEFORE = /(?:^|[，,。；;：:\n])$/;
const COMMA_AFTER = /^[，,]/;
const QUARTER_NUM = /^[ \u3000]{0,2}(?:[一二三四1-4]|第)/;
const QUARTER_ANY = /[一二三四1-4]/;
const WHOLE_YEAR_NOUN = /^[ \u3000]{0,2}(?:龄|候|无休|性|的)/;
const TODAY_WORD = /^[今本明]$/;

/** "截至2022年底" / "截止到6月底" report a baseline; the 至/到 belongs to 截至. "每年12月底前",
 * "每季度末": a recurring date, not the measure's limit. */
function cutOff(text: string, idx: number): boolean {
  return CUT_OFF_2.test(before(text, idx, 2)) || CUT_OFF_4.test(before(text, idx, 4));
}

function precededByNumber(text: string, i: number): boolean {
  return i > 0 && NUMBER_CHAR.test(text[i - 1]);
}

/** The 到/至/于 printed right before a match, which the deadline starts with. */
function leadAt(text: string, i: number): string | undefined {
  const c = text[i - 1];
  return c === '到' || c === '至' || c === '于' ? c : undefined;
}

function collectDays(text: string, baseYear: number | null, out: Candidate[]): void {
  RE_DAY.lastIndex = 0;
  for (let m = RE_DAY.exec(text); m; m = RE_DAY.exec(text)) {
    const lead = leadAt(text, m.index);
    const idx = lead ? m.index - 1 : m.index;
    const mEnd = m.index + m[0].length;
    if (cutOff(text, idx)) continue;
    const [, y, mo, d, bef] = m;
    if (!lead && !bef) continue; // an issue or event date, not a limit
    if (precededByNumber(text, idx)) continue;
    if (BASELINE_BEFORE.test(before(text, idx, 4)) && !lead) continue;
    if (BASELINE_AFTER.test(after(text, mEnd, 4)) && !bef) continue;
    const month = toSmallNumber(mo);
    const day = toSmallNumber(d);
    if (month === null || day === null || month < 1 || month > 12) continue;
    push(out, text, idx, lead, mEnd, iso(resolveYear(y, baseYear), month, day));
  }
}

function collectMonths(text: string, baseYear: number | null, out: Candidate[]): void {
  RE_MONTH.lastIndex = 0;
  for (let m = RE_MONTH.exec(text); m; m = RE_MONTH.exec(text)) {
    const lead = leadAt(text, m.index);
    const idx = lead ? m.index - 1 : m.index;
    const end = m.index + m[0].length;
    if (cutOff(text, idx)) continue;
    const [, y, mo, suffix, bef] = m;
    if (!suffix && !bef && !lead) continue;
    if (!suffix && !bef && lead && !y) continue; // "到6月" alone is too vague to be a limit
    if (precededByNumber(text, idx)) continue;
    if (MONTH_DIGIT_AFTER.test(after(text, end, 3)) && !bef && !suffix) continue;
    if (!lead && BASELINE_BEFORE.test(before(text, idx, 4))) continue;
    if (!bef && BASELINE_AFTER.test(after(text, end, 4))) continue;
    if (bef && !suffix && isScope(text, end)) continue;
    const month = toSmallNumber(mo);
    if (month === null || month < 1 || month > 12) continue;
    const year = resolveYear(y, baseYear);
    let date: string | null;
    if (suffix === '上旬') date = iso(year, month, 10);
    else if (suffix === '中旬') date = iso(year, month, 20);
    else if (!suffix && bef) date = iso(year, month - 1, 'end'); // "6月前": before June starts
    else date = iso(year, month, 'end');
    push(out, text, idx, lead, end, date);
  }
}

function collectYears(text: string, baseYear: number | null, out: Candidate[]): void {
  RE_YEAR.lastIndex = 0;
  for (let m = RE_YEAR.exec(text); m; m = RE_YEAR.exec(text)) {
    const lead = leadAt(text, m.index);
    const idx = lead ? m.index - 1 : m.index;
    const end = m.index + m[0].length;
    if (cutOff(text, idx)) continue;
    const [, y, part, bef] = m;
    if (precededByNumber(text, idx)) continue;
    if (TODAY_WORD.test(y) && !part && !bef) continue; // bare "今年" names the year, sets no limit
    if (!part && !bef && FACT_BEFORE.test(before(text, idx, 4))) continue; // "已于2021年建成"
    if (!lead && BASELINE_BEFORE.test(before(text, idx, 4))) continue;
    if (!part && !bef) {
      // A bare year is a deadline only when aimed at ("力争2025年", "到2022年") or opening a clause.
      if (BASELINE_AFTER.test(after(text, end, 4))) continue;
      if (YEAR_DIGIT_AFTER.test(after(text, end, 3))) continue; // a month follows
      const aimed = !!lead || AIM_BEFORE.test(before(text, idx, 6));
      const opensClause = CLAUSE_START_BEFORE.test(before(text, idx, 1)) && COMMA_AFTER.test(after(text, end, 1));
      // "2019年实现…" / "2025年基本建成…": the year is the limit of what follows, unless the
      // sentence reports a fact ("已于2019年完成") or a year before the plan's.
      const goal =
        YEAR_GOAL_AFTER.test(after(text, end, 8)) &&
        !(baseYear !== null && y.charCodeAt(0) < 128 && Number(y) < baseYear);
      if (!aimed && !opensClause && !goal) continue;
    }
    if (bef && !part && isScope(text, end)) continue;
    if (!part && bef && !lead && BASELINE_BEFORE.test(before(text, idx, 4))) continue;
    const year = resolveYear(y, baseYear);
    let date: string | null;
    if (part === '上半年') date = iso(year, 6, 'end');
    else if (part === '前三季度') date = iso(year, 9, 'end');
    else if (part && part.includes('季度')) {
      const q = quarterEnd(part);
      date = q === null ? null : iso(year, q, 'end');
    } else date = iso(year, 12, 'end');
    push(out, text, idx, lead, end, date);
  }
}

function collectBare(text: string, baseYear: number | null, out: Candidate[]): void {
  RE_BARE.lastIndex = 0;
  for (let m = RE_BARE.exec(text); m; m = RE_BARE.exec(text)) {
    const lead = leadAt(text, m.index);
    const idx = lead ? m.index - 1 : m.index;
    if (cutOff(text, idx)) continue;
    const part = m[1];
    // "三年内", "每年底前", "当年内", "2022年..." (handled above) are not plan-year limits.
    if (!lead && idx > 0 && BARE_PREV.test(text[idx - 1])) continue;
    if (part.includes('季度') && !QUARTER_NUM.test(part) && !QUARTER_ANY.test(part)) continue;
    if (part === '全年' && WHOLE_YEAR_NOUN.test(after(text, m.index + m[0].length, 3))) continue;
    let date: string | null;
    if (part === '上半年') date = iso(baseYear, 6, 'end');
    else if (part === '前三季度') date = iso(baseYear, 9, 'end');
    else if (part.includes('季度')) {
      const q = quarterEnd(part);
      date = q === null ? null : iso(baseYear, q, 'end');
    } else date = iso(baseYear, 12, 'end');
    push(out, text, idx, lead, m.index + m[0].length, date);
  }
}

function collect(text: string, baseYear: number | null): Candidate[] {
  const out: Candidate[] = [];
  const hasMonth = text.includes('月');
  const hasYear = text.includes('年');
  if (hasMonth) {
    collectDays(text, baseYear, out);
    collectMonths(text, baseYear, out);
  }
  if (hasYear) collectYears(text, baseYear, out);
  if (hasYear || text.includes('季度')) collectBare(text, baseYear, out);
  if (hasYear) periodDeadlines(text, baseYear, out);
  return out;
}

/**
 * Plan periods: "5年内重点引进30名…" in a five-year plan is due at the end of the period's last year,
 * (start year or baseYear) + N − 1. A period is a deadline only where it opens a clause (or follows
 * an aim word or a printed start year), the sentence holds a quantity to reach, and no duration
 * word follows ("5年内享受政府薪酬补贴", "3年内免征" give the length of a benefit).
 */
function periodDeadlines(text: string, baseYear: number | null, out: Candidate[]): void {
  RE_PERIOD.lastIndex = 0;
  for (let m = RE_PERIOD.exec(text); m; m = RE_PERIOD.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const lead = before(text, start, 16);
    if (!PERIOD_BEFORE.test(lead)) continue;
    if (PERIOD_DURATION_AFTER.test(after(text, end, 3))) continue;
    const n = toSmallNumber(m[1]);
    if (n === null || n < 1 || n > 10) continue;
    let sEnd = end;
    while (sEnd < text.length && !SENTENCE_END.has(text[sEnd])) sEnd++;
    if (!QUANTITY.test(text.slice(end, sEnd))) continue;
    const printed = PERIOD_START.exec(lead);
    const from = printed ? Number(printed[1]) : baseYear;
    out.push({ start, end, date: from === null ? null : iso(from + n - 1, 12, 'end') });
  }
}

const SENTENCE_END = new Set(['。', '！', '!', '？', '?', '\n', '\r']);

/**
 * Finds the time limits a piece of measure text states for itself and resolves them to dates.
 *
 * Recognised forms: "2022年底前", "到2022年末", "力争2025年", "6月底前", "12 月底前",
 * "2023年6月底前", "6月30日前", "年底前", "年内", "全年", "上半年", "第三季度末", "前三季度".
 * A missing year is taken from `baseYear`; the date is null when no year can be resolved.
 * Processing-time limits ("3个工作日内"), scope dates ("2015年前颁布的文件"), baselines
 * ("截至2022年底") and event dates ("2022年5月10日印发") are not deadlines.
 *
 * @param text measure or paragraph text as printed
 * @param opts.baseYear the plan year used when the text gives none
 * @returns deadlines in text order; `text` is as printed (spaces kept) and `span` indexes `text`
 * @example extractDeadlines('6 月底前，建立专家库', { baseYear: 2023 })
 *   // [{ text: '6 月底前', date: '2023-06-30', span: { start: 0, end: 5 } }]
 */
export function extractDeadlines(text: string, opts: { baseYear: number | null }): Deadline[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const baseYear = typeof opts?.baseYear === 'number' && Number.isInteger(opts.baseYear) ? opts.baseYear : null;
  const found = deadlinesOf(text, baseYear);
  const out: Deadline[] = new Array(found.length);
  for (let i = 0; i < found.length; i++) {
    const d = found[i];
    out[i] = { text: d.text, date: d.date, span: { start: d.span!.start, end: d.span!.end } };
  }
  return out;
}

// The structure parser asks for a measure's deadlines and then for its targets, which need the same
// deadlines: the last answer is kept so that the text is scanned once.
let memoText: string | null = null;
let memoYear: number | null = null;
let memo: readonly Deadline[] = [];

/**
 * The deadlines of `text`, shared and not to be modified (extractDeadlines hands out copies).
 * @internal used by the target extractor
 */
export function deadlinesOf(text: string, baseYear: number | null): readonly Deadline[] {
  if (text === memoText && baseYear === memoYear) return memo;
  const candidates = collect(text, baseYear);
  // Leftmost-longest, non-overlapping.
  if (candidates.length > 1) candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Deadline[] = [];
  let lastEnd = -1;
  for (const c of candidates) {
    if (c.start < lastEnd) continue;
    out.push({ text: text.slice(c.start, c.end), date: c.date, span: { start: c.start, end: c.end } });
    lastEnd = c.end;
  }
  memoText = text;
  memoYear = baseYear;
  memo = out;
  return out;
}
