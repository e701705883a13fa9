/**
 * HTML -> text: block elements become line breaks, list items get their numbers back,
 * scripts, styles and navigation are dropped, entities decoded. No DOM needed.
 */

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', ndash: '–', hellip: '…', middot: '·', emsp: '\u3000', ensp: ' ', times: '×', deg: '°' };

const BLOCK = /^(?:p|div|br|li|tr|h[1-6]|table|section|article|header|footer|blockquote|pre|ul|ol|dd|dt|hr|title)$/;

/**
 * Converts an HTML page to plain text with one line per block.
 * @param html the page
 * @returns text with paragraphs on their own lines
 */
export function htmlToText(html: string): string {
  let s = html.replace(/<!--[\s\S]*?-->/g, '');
  s = s.replace(/<(script|style|noscript|template|svg|head|nav)\b[\s\S]*?<\/\1\s*>/gi, '\n');
  const out: string[] = [];
  const listStack: { ordered: boolean; n: number }[] = [];
  const re = /<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|([^<]+)|</g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    if (m[2] !== undefined || m[0] === '<') {
      out.push(decode(m[2] ?? '<').replace(/[ \t\r\n]+/g, ' '));
      continue;
    }
    const tag = m[1].toLowerCase();
    const closing = m[0].startsWith('</');
    if (tag === 'ol' || tag === 'ul') {
      if (closing) listStack.pop();
      else listStack.push({ ordered: tag === 'ol', n: 0 });
      out.push('\n');
    } else if (tag === 'li' && !closing) {
      out.push('\n');
      const top = listStack[listStack.length - 1];
      if (top?.ordered) {
        top.n++;
        out.push(listNumber(listStack.length - 1, top.n));
      }
    } else if (tag === 'td' || tag === 'th') {
      if (!closing) out.push(' | ');
    } else if (BLOCK.test(tag)) out.push('\n');
  }
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/^[ |]+|[ |]+$/g, (x) => (x.includes('|') ? x.replace(/ /g, '') : '')).trim())
    .filter((l, i, a) => l.length > 0 || (i > 0 && a[i - 1].length > 0))
    .join('\n')
    .trim();
}

/** Official numbering by list depth: 一、 （一） 1. （1） — Word lists lose their printed numbers in HTML. */
export function listNumber(depth: number, n: number): string {
  const cn = '〇一二三四五六七八九';
  const c = n < 10 ? cn[n] : n < 20 ? '十' + (n % 10 ? cn[n % 10] : '') : cn[Math.floor(n / 10) % 10] + '十' + (n % 10 ? cn[n % 10] : '');
  switch (depth % 4) {
    case 0:
      return `${c}、`;
    case 1:
      return `（${c}）`;
    case 2:
      return `${n}.`;
    default:
      return `（${n}）`;
  }
}

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}
