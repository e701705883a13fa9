const BRACKETS: Record<string, string> = {
  '〔': '(', '〕': ')', '【': '(', '】': ')', '[': '(', ']': ')', '〈': '(', '〉': ')',
  '《': '(', '》': ')', '{': '(', '}': ')', '〖': '(', '〗': ')', '﹝': '(', '﹞': ')',
};

/**
 * Fold the typographic variation of a printed unit name: Unicode NFKC (full-width letters, digits
 * and （） become half-width), every bracket kind becomes `(` `)`, and all whitespace and
 * zero-width characters are removed (Chinese unit names contain no meaningful spaces).
 *
 * @param text printed text
 * @returns folded text (possibly empty)
 * @example
 * foldUnitText(' 市政府办公室〔市大数据管理局〕 ') // '市政府办公室(市大数据管理局)'
 */
export function foldUnitText(text: string): string {
  return String(text)
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(BRACKET_CHARS, (ch) => BRACKETS[ch] ?? ch);
}

const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff]+/gu;
const BRACKET_CHARS = /[〔〕【】\[\]〈〉《》{}〖〗﹝﹞]/gu;
