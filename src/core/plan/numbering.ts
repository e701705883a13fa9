/**
 * Outline numbering of Chinese official documents: 一、 （一） 1. 1、 (1) ① 第一章 and friends.
 * @internal
 */

/** Marker styles; the level of each is decided per document by order of appearance. */
export type MarkerStyle =
  | 'cn-chapter' // 第一章 / 第一部分 / 第一节
  | 'cn-dun' // 一、
  | 'cn-paren' // （一） (一)
  | 'ar' // 1. 1、 1．
  | 'ar-paren' // (1) （1）
  | 'ar-half' // 1) 1）
  | 'circled' // ①
  | 'cn-article'; // 第一条

export interface Marker {
  style: MarkerStyle;
  /** The number as printed, without brackets or punctuation: "一", "12", "①". */
  label: string;
  /** The number as an integer (一 -> 1, ⑫ -> 12). */
  value: number;
  /** Length of the marker in the text, including trailing spaces. */
  length: number;
}

const CN_DIGITS: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/**
 * Converts a Chinese numeral up to 九百九十九 into an integer.
 * @param s the numeral, e.g. "二十三"
 * @returns the value, or NaN when `s` is not a numeral
 * @example cnToInt('十二') // 12
 */
export function cnToInt(s: string): number {
  if (!s) return NaN;
  let total = 0;
  let cur = -1;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      cur = CN_DIGITS[ch];
    } else if (ch === '十') {
      total += (cur < 0 ? 1 : cur) * 10;
      cur = -1;
    } else if (ch === '百') {
      total += (cur < 0 ? 1 : cur) * 100;
      cur = -1;
    } else return NaN;
  }
  return total + (cur < 0 ? 0 : cur);
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const CN_NUM = '[一二三四五六七八九十百〇零两]{1,4}';

const RE_CHAPTER = new RegExp(`^第(${CN_NUM}|\\d{1,3})(章|部分|篇|节)[\\s\\u3000]*[、.．：:]?[\\s\\u3000]*`);
const RE_ARTICLE = new RegExp(`^第(${CN_NUM}|\\d{1,3})条[\\s\\u3000]*`);
const RE_CN_DUN = new RegExp(`^(${CN_NUM})[\\s\\u3000]*[、.．][\\s\\u3000]*`);
const RE_CN_PAREN = new RegExp(`^[（(][\\s\\u3000]*(${CN_NUM})[\\s\\u3000]*[)）][\\s\\u3000、.．]*`);
const RE_AR = /^(\d{1,3})[\s\u3000]*[.．、](?![\d.．])[\s\u3000]*/;
const RE_AR_PAREN = /^[（(][\s\u3000]*(\d{1,3})[\s\u3000]*[)）][\s\u3000、.．]*/;
const RE_AR_HALF = /^(\d{1,3})[)）](?![\d])[\s\u3000]*/;
const RE_CIRCLED = /^([①-⑳])[\s\u3000、.．]*/;

// "11.121人才梯队项目": item 11 whose title starts with a digit, when 11 is the next number due.
const RE_AR_BEFORE_DIGIT = /^(\d{1,3})[.．](?=\d)/;
// …but "2.5万人" / "3.5%" at the start of a line stay decimals.
const RE_DECIMAL_QUANTITY = /^\d+(?:[.．]\d+)?[\s\u3000]*(?:%|％|‰|万|亿|千|百|元|倍|个百分点)/;

/**
 * Reads the numbering marker that opens a paragraph, if any.
 * @param text paragraph text with leading whitespace already removed
 * @param nextAr the "1." number due next in the running sequence, if known: "11.121人才…" then reads
 *   as item 11 titled "121人才…" instead of the decimal 11.121
 * @returns the marker, or null when the paragraph is not numbered
 * @example readMarker('（三）优化服务') // { style: 'cn-paren', label: '三', value: 3, length: 3 }
 * @example readMarker('11.121人才梯队项目', 11) // { style: 'ar', label: '11', value: 11, length: 3 }
 */
export function readMarker(text: string, nextAr?: number): Marker | null {
  const c = text.charCodeAt(0);
  let m: RegExpExecArray | null;
  if (c >= 0x30 && c <= 0x39) {
    if ((m = RE_AR.exec(text))) return mk('ar', m[1], Number(m[1]), m[0].length, text);
    if ((m = RE_AR_HALF.exec(text))) return mk('ar-half', m[1], Number(m[1]), m[0].length, text);
    if (nextAr !== undefined && (m = RE_AR_BEFORE_DIGIT.exec(text)) && Number(m[1]) === nextAr && !RE_DECIMAL_QUANTITY.test(text.slice(m[0].length)))
      return mk('ar', m[1], nextAr, m[0].length, text);
    return null;
  }
  if (c === 0xff08 || c === 0x28) {
    if ((m = RE_AR_PAREN.exec(text))) return mk('ar-paren', m[1], Number(m[1]), m[0].length, text);
    if ((m = RE_CN_PAREN.exec(text))) return mk('cn-paren', m[1], cnToInt(m[1]), m[0].length, text);
    return null;
  }
  if (c >= 0x2460 && c <= 0x2473) {
    if ((m = RE_CIRCLED.exec(text))) return mk('circled', m[1], CIRCLED.indexOf(m[1]) + 1, m[0].length, text);
    return null;
  }
  if (text.charCodeAt(0) === 0x7b2c /* 第 */) {
    if ((m = RE_CHAPTER.exec(text))) return mk('cn-chapter', m[1], toInt(m[1]), m[0].length, text);
    if ((m = RE_ARTICLE.exec(text))) return mk('cn-article', m[1], toInt(m[1]), m[0].length, text);
    return null;
  }
  if ((m = RE_CN_DUN.exec(text))) {
    // "一、二审" or "十、百" are words, not numbering: a real chapter number is followed by text.
    return mk('cn-dun', m[1], cnToInt(m[1]), m[0].length, text);
  }
  return null;
}

function toInt(s: string): number {
  return /^\d+$/.test(s) ? Number(s) : cnToInt(s);
}

function mk(style: MarkerStyle, label: string, value: number, length: number, text: string): Marker | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  // A marker with nothing after it is still numbering (a heading may follow on the next line),
  // but a marker followed by a unit or time word is a quantity: "3、5个工作日" is rare enough to accept.
  const rest = text.charCodeAt(length);
  // "一、二审案件", "一、二级" are enumerations inside prose, not chapter numbers.
  if (style === 'cn-dun' && rest >= 0x4e00 && /^[二三四五六七八九十][、，,审级类星档批期是]/.test(text.slice(length, length + 2))) return null;
  return { style, label, value, length };
}

/** Arabic form of a marker number for ids: "（三）" -> "3". */
export function markerId(m: Marker): string {
  return String(m.value);
}

/** Chinese numeral for an ordinal (1 -> 一, 23 -> 二十三), used for synthetic paths. */
export function intToCn(n: number): string {
  const d = '〇一二三四五六七八九';
  if (n <= 0 || !Number.isInteger(n)) return String(n);
  if (n < 10) return d[n];
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  if (n < 100) return d[Math.floor(n / 10)] + '十' + (n % 10 ? d[n % 10] : '');
  return String(n);
}

/**
 * Regex source matching a marker of `style` with number `value` (for finding a run-on item inside a line).
 * @internal
 */
export function markerPattern(style: MarkerStyle, value: number): string | null {
  const cn = intToCn(value);
  switch (style) {
    case 'ar':
      return `${value}[\\s\\u3000]*[.．、](?![\\d.．])`;
    case 'ar-paren':
      return `[（(]${value}[)）]`;
    case 'ar-half':
      return `${value}[)）]`;
    case 'cn-paren':
      return `[（(]${cn}[)）]`;
    case 'cn-dun':
      return `${cn}[、.．]`;
    case 'circled':
      return value >= 1 && value <= 20 ? CIRCLED[value - 1] : null;
    default:
      return null;
  }
}
