/**
 * PDF -> text with pdfjs-dist (legacy build, no worker thread), rebuilding paragraphs from
 * positioned text: a line that runs to the right margin continues on the next line unless that
 * one is indented; page numbers and running headers are dropped.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocumentReadError } from './read-error.ts';

interface Line {
  y: number;
  x0: number;
  x1: number;
  text: string;
  size: number;
}

const require = createRequire(import.meta.url);

async function loadPdfjs() {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = dirname(require.resolve('pdfjs-dist/package.json'));
  if (!pdfjs.GlobalWorkerOptions.workerSrc) {
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(join(root, 'legacy/build/pdf.worker.mjs')).href;
  }
  return { pdfjs, root };
}

/**
 * Reads the text layer of a PDF.
 * @throws DocumentReadError PLAN_READ_ENCRYPTED (password), PLAN_READ_NO_TEXT (scanned/image-only),
 *   PLAN_READ_CORRUPT (unparseable)
 */
export async function readPdf(buf: Uint8Array, filename: string): Promise<string> {
  const { pdfjs, root } = await loadPdfjs();
  const data = new Uint8Array(buf.byteLength);
  data.set(buf);
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data,
      cMapUrl: join(root, 'cmaps') + '/',
      cMapPacked: true,
      standardFontDataUrl: join(root, 'standard_fonts') + '/',
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (err) {
    const e = err as Error;
    if (e?.name === 'PasswordException' || /password/i.test(e?.message ?? ''))
      throw new DocumentReadError('PLAN_READ_ENCRYPTED', { filename, format: 'pdf', cause: e.message });
    throw new DocumentReadError('PLAN_READ_CORRUPT', { filename, format: 'pdf', cause: e?.message });
  }
  try {
    const pages: Line[][] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      pages.push(toLines(content.items as unknown as PdfItem[]));
      page.cleanup();
    }
    const text = joinPages(pages);
    if (!/[\u4e00-\u9fffA-Za-z]/.test(text)) throw new DocumentReadError('PLAN_READ_NO_TEXT', { filename, format: 'pdf' });
    return text;
  } finally {
    await doc.destroy();
  }
}

interface PdfItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
  hasEOL?: boolean;
}

function toLines(items: PdfItem[]): Line[] {
  const lines: Line[] = [];
  const sorted = items
    .filter((it) => typeof it.str === 'string' && it.transform)
    .map((it) => ({ s: it.str!, x: it.transform![4], y: it.transform![5], w: it.width ?? 0, h: Math.abs(it.transform![3]) || it.height || 10 }));
  // Reading order: top to bottom (PDF y grows upwards), left to right within a line.
  sorted.sort((a, b) => b.y - a.y || a.x - b.x);
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - it.y) <= Math.max(2, it.h * 0.4)) {
      const gap = it.x - last.x1;
      last.text += gap > it.h * 0.8 && !/^\s/.test(it.s) && it.s ? (isCjk(last.text.slice(-1)) && isCjk(it.s[0]) ? '' : ' ') + it.s : it.s;
      last.x1 = Math.max(last.x1, it.x + it.w);
    } else if (it.s.trim().length > 0) {
      lines.push({ y: it.y, x0: it.x, x1: it.x + it.w, text: it.s, size: it.h });
    }
  }
  return lines.map((l) => ({ ...l, text: l.text.replace(/\s+$/, '') })).filter((l) => l.text.trim().length > 0);
}

function isCjk(c: string | undefined): boolean {
  return !!c && c.charCodeAt(0) > 0x2e7f;
}

const CHROME = /^[\s\-—–－·•]*(?:\d{1,4}|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)[\s\-—–－·•]*$/;

function joinPages(pages: Line[][]): string {
  const body: Line[] = [];
  for (const lines of pages) for (const l of lines) if (!CHROME.test(l.text)) body.push(l);
  if (body.length === 0) return '';
  // Margins from the body lines: the most common left edge and the right edge that full lines reach.
  const left = mode(body.map((l) => Math.round(l.x0)));
  const right = percentile(body.map((l) => l.x1), 0.9);
  const size = mode(body.map((l) => Math.round(l.size))) || 12;
  const out: string[] = [];
  let cur = '';
  let prev: Line | null = null;
  for (const l of body) {
    const indented = l.x0 - left > size * 1.2;
    const prevFull = prev !== null && right - prev.x1 < size * 1.5;
    const prevEnds = prev !== null && /[。！？；：:]$/.test(prev.text.trim());
    if (prev && prevFull && !indented && !(prevEnds && startsNumbered(l.text))) {
      const a = cur.slice(-1);
      const b = l.text.trimStart()[0];
      cur += /[A-Za-z0-9]/.test(a ?? '') && /[A-Za-z]/.test(b ?? '') ? ' ' + l.text.trim() : l.text.trim();
    } else {
      if (cur) out.push(cur);
      cur = (indented ? '\u3000\u3000' : '') + l.text.trim();
    }
    prev = l;
  }
  if (cur) out.push(cur);
  return out.join('\n');
}

function startsNumbered(t: string): boolean {
  return /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、](?!\d)|[①-⑳])/.test(t);
}

function mode(xs: number[]): number {
  const c = new Map<number, number>();
  let best = xs[0] ?? 0;
  let n = 0;
  for (const x of xs) {
    const v = (c.get(x) ?? 0) + 1;
    c.set(x, v);
    if (v > n || (v === n && x < best)) (best = x), (n = v);
  }
  return best;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
}
