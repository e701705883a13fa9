/** Chinese numeral parsing shared by the deadline and target extractors. */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };
/** Powers of ten of the place units, for exact decimal shifting. */
const PLACES: Record<string, number> = { 十: 1, 百: 2, 千: 3, 万: 4, 亿: 8 };

/**
 * Multiplies a decimal string by 10^places exactly, shifting the decimal point in the string
 * instead of multiplying floats ("5.19" × 10^4 -> 51900, where 5.19 * 1e4 gives 51900.00000000001).
 *
 * @param raw an unsigned decimal as printed ("5.19", "12", "0.5")
 * @param places how many places to shift left (0 or more)
 * @returns the scaled value, or NaN when `raw` is not an unsigned decimal
 * @example shiftDecimal('5.19', 4) // 51900
 */
export function shiftDecimal(raw: string, places: number): number {
  const dot = raw.indexOf('.');
  if (dot < 0) return Number(raw + '0'.repeat(places));
  const int = raw.slice(0, dot);
  const frac = raw.slice(dot + 1);
  if (frac.length <= places) return Number(int + frac + '0'.repeat(places - frac.length));
  return Number(`${int}${frac.slice(0, places)}.${frac.slice(places)}`);
}

/** Characters that can appear in a Chinese numeral (digits and place units). */
export const CN_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿';

/**
 * Parses a Chinese (or mixed Arabic/Chinese) numeral.
 *
 * Accepts positional numerals ("十二" -> 12, "一百零五" -> 105, "两千" -> 2000,
 * "三万五千" -> 35000), digit-by-digit forms ("二〇二二" -> 2022) and an Arabic number
 * followed by a place unit ("1.2万" -> 12000, "3亿" -> 300000000).
 *
 * @param text the numeral alone, without surrounding words or spaces
 * @returns the value, or null when `text` is not a well-formed numeral
 * @example parseChineseNumber('十二') // 12
 * @example parseChineseNumber('1.2万') // 12000
 */
export function parseChineseNumber(text: string): number | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > 40) return null;
  const mixed = /^(\d+(?:\.\d+)?)([十百千万亿]*)$/.exec(text);
  if (mixed) {
    let places = 0;
    for (const c of mixed[2]) places += PLACES[c] ?? 0;
    const v = shiftDecimal(mixed[1], places);
    return Number.isFinite(v) ? v : null;
  }
  for (const c of text) if (!(c in DIGITS) && !(c in SMALL_UNITS) && !(c in BIG_UNITS)) return null;
  // Digit-by-digit form (years such as 二〇二二): no place units, more than one digit.
  if (text.length > 1 && /^[零〇一二三四五六七八九]+$/.test(text) && /[〇零]|^[一二三四五六七八九]{3,}$/.test(text)) {
    let v = 0;
    for (const c of text) v = v * 10 + DIGITS[c];
    return v;
  }
  let total = 0; // completed 亿/万 groups
  let section = 0; // value below the current big unit
  let digit: number | null = null;
  let lastSmall = Infinity;
  let lastBig = Infinity;
  for (const c of text) {
    if (c in DIGITS) {
      if (digit !== null && digit !== 0 && DIGITS[c] !== 0) return null; // "三四" is not a numeral
      digit = DIGITS[c];
    } else if (c in SMALL_UNITS) {
      const u = SMALL_UNITS[c];
      if (u >= lastSmall) return null;
      // "十二": a leading 十 means 一十.
      section += (digit ?? 1) * u;
      digit = null;
      lastSmall = u;
    } else {
      const u = BIG_UNITS[c];
      if (u >= lastBig) return null;
      section += digit ?? 0;
      if (section === 0) return null;
      total += section * u;
      section = 0;
      digit = null;
      lastSmall = Infinity;
      lastBig = u;
    }
  }
  return total + section + (digit ?? 0);
}
