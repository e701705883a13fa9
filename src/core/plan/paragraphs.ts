/**
 * Splits document text into logical paragraphs, repairing the artefacts that document
 * conversion leaves behind: lines broken inside words (PDF, web copies), page chrome
 * ("— 3 —", "第 3 页 共 9 页"), "[bookmark: …]" markers and runs of whitespace.
 * Every character of a paragraph keeps its offset in the source, for highlighting.
 * @internal
 */
import { readMarker, type Marker } from './numbering.ts';

export interface Paragraph {
  /** Text with whitespace folded (runs become one space, line joins become nothing). */
  text: string;
  /** Source offset (UTF-16) of each character of `text`. */
  offs: Int32Array;
  /** Source offset of the first character and one past the last. */
  start: number;
  end: number;
  /** Numbering marker that opens the paragraph, if any. */
  marker: Marker | null;
  /** The paragraph was found inside a line after the previous item (run-on numbering). */
  inline?: boolean;
}

interface Line {
  text: string;
  /** Source offsets of the characters of `text`: `lineOffs[offsAt .. offsAt + text.length)`. */
  offsAt: number;
  indent: boolean;
  width: number;
  blank: boolean;
  chrome: boolean;
}

/** Whitespace, zero-width and control characters, by code (faster than a regex per character). */
function isSpace(c: number): boolean {
  // CJK text and ASCII letters first: one comparison each.
  if (c > 0x3000) return c === 0xfeff;
  if (c > 32 && c < 0x85) return false;
  return c <= 32 || c === 0x3000 || c === 0xa0 || c === 0xfeff || c === 0x200b || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x85;
}
const RE_BOOKMARK = /\[(?:bookmark|image|anchor|footnote)[:：][^\]\n]{0,200}\]/gi;
const RE_CHROME =
  /^(?:[-—–－_\s]*\d{1,4}[-—–－_\s]*|[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*[/／]\s*\d{1,4}|[-—–－]?\s*[·•]?\s*\d{1,4}\s*[·•]?\s*[-—–－]?)$/;
const TERMINAL = /[。！？!?；;：:]$/;
/** A line that opens with a unit or time-limit label ("牵头单位：…") starts its own paragraph. */
const LABEL_LINE =
  /^(?:责任单位|牵头单位|配合单位|责任部门|牵头部门|配合部门|负责单位|负责部门|主责单位|协办单位|参与单位|完成时限|完成时间|时间节点|时限要求)[\s\u3000]*[:：]/;
const CLOSER = /[）)〕】」』”》]$/;


/**
 * Offsets of every folded line, back to back in one typed array: a folded line is never longer
 * than its source line, so the whole document fits in `src.length` slots and no per-character
 * arrays are allocated.
 */
interface OffsetBuffer {
  buf: Int32Array;
  used: number;
}

function readLines(src: string, offs: OffsetBuffer): Line[] {
  const lines: Line[] = [];
  const n = src.length;
  let i = 0;
  while (i <= n) {
    let j = i;
    while (j < n) {
      const c = src.charCodeAt(j);
      if (c === 10 || c === 13 || c === 12 || c === 0x2028 || c === 0x2029) break;
      j++;
    }
    lines.push(foldLine(src, i, j, offs));
    if (j >= n) break;
    // \r\n counts as one break
    i = src.charCodeAt(j) === 13 && src.charCodeAt(j + 1) === 10 ? j + 2 : j + 1;
  }
  return lines;
}

function foldLine(src: string, from: number, to: number, offsBuf: OffsetBuffer): Line {
  let raw = src.slice(from, to);
  // Bookmarks are removed by blanking them out so offsets stay aligned.
  if (raw.indexOf('[') >= 0) raw = raw.replace(RE_BOOKMARK, (m) => '\u0001'.repeat(m.length));
  let k = 0;
  while (k < raw.length && isSpace(raw.charCodeAt(k))) k++;
  const indentChars = raw.slice(0, k);
  const indent = k > 0 && (indentChars.includes('\u3000') || k >= 2 || indentChars.includes('\t'));
  let out = '';
  const offs = offsBuf.buf;
  const offsAt = offsBuf.used;
  let n = offsAt;
  let width = 0;
  let pendingSpace = -1;
  let runStart = -1;
  for (; k < raw.length; k++) {
    const c = raw.charCodeAt(k);
    if (c === 1 || isSpace(c)) {
      if (runStart >= 0) {
        out += raw.slice(runStart, k);
        runStart = -1;
      }
      if (c === 1) continue; // a removed bookmark
      if (out.length > 0 && pendingSpace < 0) pendingSpace = from + k;
      continue;
    }
    if (pendingSpace >= 0) {
      if (runStart >= 0) {
        out += raw.slice(runStart, k);
        runStart = -1;
      }
      out += ' ';
      offs[n++] = pendingSpace;
      width++;
      pendingSpace = -1;
    }
    if (runStart < 0) runStart = k;
    offs[n++] = from + k;
    width += c > 0x2e7f ? 2 : 1;
  }
  if (runStart >= 0) out += raw.slice(runStart);
  offsBuf.used = n;
  const blank = out.length === 0;
  const chrome = !blank && out.length <= 16 && RE_CHROME.test(out);
  return { text: out, offsAt, indent, width, blank, chrome };
}

/**
 * The typical width of a full line when the text was wrapped at a fixed width (PDF),
 * or 0 when lines are whole paragraphs.
 */
function wrapWidth(lines: Line[]): number {
  const counts = new Map<number, number>();
  let nonEmpty = 0;
  for (const l of lines) {
    if (l.blank || l.chrome) continue;
    nonEmpty++;
    if (l.width >= 30 && l.width <= 200) counts.set(l.width, (counts.get(l.width) ?? 0) + 1);
  }
  if (nonEmpty < 8) return 0;
  let best = 0;
  let bestCount = 0;
  for (const [w, _] of counts) {
    const c = (counts.get(w - 2) ?? 0) + (counts.get(w - 1) ?? 0) + (counts.get(w) ?? 0) + (counts.get(w + 1) ?? 0) + (counts.get(w + 2) ?? 0);
    if (c > bestCount || (c === bestCount && w > best)) {
      best = w;
      bestCount = c;
    }
  }
  if (bestCount < 5 || bestCount < nonEmpty * 0.3) return 0;
  // The full-line width is the top of that cluster.
  let top = best;
  for (let w = best - 2; w <= best + 2; w++) if ((counts.get(w) ?? 0) > 0) top = Math.max(top, w);
  return top;
}

function isHeadingLike(text: string): boolean {
  return text.length <= 40 && text.indexOf('。') < 0 && !/[，,、]$/.test(text);
}

/**
 * Splits `src` into paragraphs.
 * @param src the whole document text
 * @returns paragraphs in reading order, page chrome and blank lines removed
 */
export function splitParagraphs(src: string): Paragraph[] {
  const lineOffs: OffsetBuffer = { buf: new Int32Array(src.length), used: 0 };
  const lines = readLines(src, lineOffs);
  const wrap = wrapWidth(lines);
  const paras: Paragraph[] = [];
  // Paragraph offsets, back to back; each paragraph keeps a view of its own range. A Latin line
  // join adds one space per line beyond the source characters.
  const paraOffs = new Int32Array(lineOffs.used + lines.length);
  let used = 0;
  let curStart = 0;
  let curText = '';
  let curLines = 0;
  let lastLine: Line | null = null;
  let gapBlank = false;
  let gapChrome = false;
  let curNextAr: number | undefined;
  // The last "1." number seen, so that "11.121人才…" after item 10 reads as item 11.
  let lastAr: number | undefined;

  const flush = () => {
    if (curText.length > 0) {
      paras.push(makePara(curText, paraOffs.subarray(curStart, used), curNextAr));
    }
    curText = '';
    curStart = used;
    curLines = 0;
  };

  for (const line of lines) {
    if (line.blank) {
      gapBlank = true;
      continue;
    }
    if (line.chrome) {
      gapChrome = true;
      continue;
    }
    // Only where the previous line visibly ended: a wrapped "…全年新增\n2.3公里" stays a decimal.
    const ended = !lastLine || gapBlank || TERMINAL.test(lastLine.text) || CLOSER.test(lastLine.text);
    const nextAr = lastAr === undefined || !ended ? undefined : lastAr + 1;
    const marker = readMarker(line.text, nextAr);
    if (marker && marker.style === 'ar') lastAr = marker.value;
    let join = false;
    if (lastLine && curText.length > 0 && !marker && !LABEL_LINE.test(line.text)) {
      const transparentGap = !gapBlank || gapChrome;
      const prev = lastLine.text;
      const open = !TERMINAL.test(prev) && !CLOSER.test(prev);
      const wrapped = wrap > 0 && lastLine.width >= wrap - 3 && !line.indent;
      if (transparentGap) {
        if (wrapped) join = true;
        else if (open && !(curLines === 1 && isHeadingLike(curText)) && !line.indent) join = true;
        else if (open && /[，,、]$/.test(prev)) join = true;
      }
    }
    if (!join) {
      flush();
      curNextAr = nextAr;
    }
    // Joining a broken line: no space between CJK pieces; a space between Latin words.
    if (join && /[A-Za-z]$/.test(curText) && /^[A-Za-z]/.test(line.text)) {
      curText += ' ';
      paraOffs[used++] = lineOffs.buf[line.offsAt];
    }
    curText += line.text;
    paraOffs.set(lineOffs.buf.subarray(line.offsAt, line.offsAt + line.text.length), used);
    used += line.text.length;
    curLines++;
    lastLine = line;
    gapBlank = false;
    gapChrome = false;
  }
  flush();
  return paras;
}

function makePara(text: string, offs: Int32Array, nextAr: number | undefined): Paragraph {
  return { text, offs, start: offs[0], end: offs[offs.length - 1] + 1, marker: readMarker(text, nextAr) };
}

/** A sub-range of a paragraph as its own paragraph (used to split run-on numbering). */
export function sliceParagraph(p: Paragraph, from: number, to = p.text.length): Paragraph {
  const text = p.text.slice(from, to);
  const offs = p.offs.subarray(from, to);
  return { text, offs, start: offs[0] ?? p.start, end: offs.length ? offs[offs.length - 1] + 1 : p.start, marker: readMarker(text) };
}
