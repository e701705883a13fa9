/**
 * Task tables flattened to text, one cell per line (what a .docx/.pdf table becomes in plain text):
 *
 *   序号 / 重点任务 / 具体举措 / 责任单位 / 完成时限      <- the header, one cell a line
 *   一、优化政务服务                                      <- a category row (optional)
 *   1 / 推进… / 全面推行… / 市政务服务中心 / 2024年6月底前
 *
 * Each numbered row is a measure. Paragraphs above the header (a covering notice, its summary) are not.
 * @internal
 */
import { readMarker } from './numbering.ts';

/** What a column holds. */
export type ColumnKind = 'no' | 'category' | 'name' | 'content' | 'goal' | 'lead' | 'coop' | 'time' | 'note';

const HEADER: [RegExp, ColumnKind][] = [
  [/^(?:序号|编号|序)$/, 'no'],
  [/^(?:类别|领域|板块|分类|方面|项目类别|任务类别|指标类别|一级指标|二级指标)$/, 'category'],
  [/^(?:举措|重点任务|工作任务|主要任务|具体任务|改革任务|任务|任务名称|改革举措|主要举措|重点举措|工作事项|事项|事项名称|工作重点|重点工作|项目名称|措施名称)$/, 'name'],
  [/^(?:内容|工作内容|任务内容|具体内容|主要内容|工作措施|具体措施|措施|具体举措|举措内容|政策措施|改革内容|工作举措|主要措施|任务举措|推进措施|实施内容)$/, 'content'],
  [/^(?:目标|工作目标|预期目标|预期成效|目标要求|工作标准|完成标志|成果形式|预期成果|量化指标|考核指标)$/, 'goal'],
  [/^(?:责任单位|牵头单位|责任部门|牵头部门|负责单位|主责单位|牵头责任单位|责任主体|责任领导)$/, 'lead'],
  [/^(?:配合单位|配合部门|协办单位|参与单位|协同单位|协助单位|配合责任单位)$/, 'coop'],
  [/^(?:完成时限|时限|完成时间|时间节点|进度安排|时间安排|时限要求|完成期限|推进时限)$/, 'time'],
  [/^(?:备注|说明|政策依据|文件依据|依据)$/, 'note'],
];

export interface TableCell {
  text: string;
  /** Source offset of each character of `text`. */
  offs: Int32Array;
}

export interface TableRow {
  /** The printed row number ("1"). */
  no: string;
  /** The category row in force ("一、优化政务服务" -> label "一", heading "优化政务服务"), if any. */
  category: { label: string | null; heading: string } | null;
  cells: { kind: ColumnKind; cell: TableCell }[];
  start: number;
  end: number;
}

export interface FlatTable {
  /** Source offset where the header starts: the text before it is the preamble. */
  start: number;
  columns: ColumnKind[];
  rows: TableRow[];
}

interface RawLine {
  text: string;
  offs: Int32Array;
}

function lines(src: string): RawLine[] {
  const out: RawLine[] = [];
  let i = 0;
  while (i <= src.length) {
    let j = src.indexOf('\n', i);
    if (j < 0) j = src.length;
    // Fold whitespace: runs inside the line become one space, the ends are trimmed.
    let text = '';
    const offs: number[] = [];
    let space = false;
    for (let k = i; k < j; k++) {
      const c = src[k];
      if (/[\s\u3000\u00a0\ufeff]/.test(c)) {
        space = text.length > 0;
        continue;
      }
      if (space) {
        text += ' ';
        offs.push(k - 1);
        space = false;
      }
      text += c;
      offs.push(k);
    }
    out.push({ text, offs: Int32Array.from(offs) });
    if (j >= src.length) break;
    i = j + 1;
  }
  return out;
}

function headerKind(text: string): ColumnKind | null {
  const t = text.replace(/[\s\u3000]+/g, '');
  if (t.length === 0 || t.length > 8) return null;
  for (const [re, k] of HEADER) if (re.test(t)) return k;
  return null;
}

const RE_ROW_NO = /^(\d{1,3})[.、．]?$/;
/** "一、优化政务服务", "（一）…", or a short heading with no full stop. */
function categoryOf(text: string): { label: string | null; heading: string } | null {
  if (text.length > 40 || /[。；;]/.test(text)) return null;
  const m = readMarker(text);
  if (m && (m.style === 'cn-dun' || m.style === 'cn-paren' || m.style === 'cn-chapter')) {
    return { label: m.label, heading: text.slice(m.length).trim() };
  }
  return null;
}

/**
 * Finds a task table flattened one cell per line.
 * @param src the document text
 * @returns the table (header columns and numbered rows), or null when the document has none
 *   with at least two rows
 */
export function readFlatTable(src: string): FlatTable | null {
  // Cheap exit: a header needs 序号 (or 编号) and a unit column on lines of their own.
  if (!/(?:^|\n)[\s\u3000]*(?:序[\s\u3000]*号|编号)[\s\u3000]*(?:\n|$)/.test(src)) return null;
  const ls = lines(src).filter((l) => l.text.length > 0);
  for (let i = 0; i < ls.length; i++) {
    if (headerKind(ls[i].text) !== 'no') continue;
    const columns: ColumnKind[] = ['no'];
    let j = i + 1;
    while (j < ls.length) {
      const k = headerKind(ls[j].text);
      if (!k || k === 'no') break;
      columns.push(k);
      j++;
    }
    if (columns.length < 3 || !columns.some((k) => k === 'lead' || k === 'coop')) continue;
    const rows = readRows(ls, j, columns);
    if (rows.length >= 2) return { start: ls[i].offs[0] ?? 0, columns, rows };
  }
  return null;
}

function readRows(ls: RawLine[], from: number, columns: ColumnKind[]): TableRow[] {
  const rows: TableRow[] = [];
  const kinds = columns.slice(1);
  let category: TableRow['category'] = null;
  let expected = 1;
  let i = from;
  // A category row before the first numbered row.
  while (i < ls.length && !RE_ROW_NO.test(ls[i].text)) {
    const c = categoryOf(ls[i].text);
    if (!c) return rows;
    category = c;
    i++;
  }
  while (i < ls.length) {
    const m = RE_ROW_NO.exec(ls[i].text);
    if (!m || Number(m[1]) !== expected) break;
    const start = ls[i].offs[0];
    i++;
    const body: RawLine[] = [];
    while (i < ls.length) {
      const n = RE_ROW_NO.exec(ls[i].text);
      if (n && Number(n[1]) === expected + 1) break;
      body.push(ls[i]);
      i++;
    }
    // A category line right before the next row belongs to the rows after it.
    let nextCategory: TableRow['category'] = null;
    if (i < ls.length && body.length > 1) {
      const c = categoryOf(body[body.length - 1].text);
      if (c) {
        nextCategory = c;
        body.pop();
      }
    }
    // Lines that fit no cell end the table (the text after it).
    const { cells, used } = assignCells(body, kinds);
    const last = body[used - 1];
    rows.push({ no: m[1], category, cells, start, end: last ? last.offs[last.offs.length - 1] + 1 : start + m[1].length });
    if (nextCategory) category = nextCategory;
    expected++;
    if (used < body.length) break;
  }
  return rows;
}

const RE_TIME_CELL =
  /^(?:(?:\d{4}\s*年)?(?:\d{1,2}\s*月)?(?:底|末|上旬|中旬|下旬|\d{1,2}\s*日)?(?:前|以前|之前)?(?:完成)?|年底前|年内|全年|长期|长期坚持|持续推进|持续开展|常态化推进|\d{4}\s*年\s*(?:起|开始)?持续推进|[，,、;；至—\-~ ])+$/;
const UNIT_END = /(?:局|委|办|厅|部|院|会|中心|公司|政府|集团|行|室|处|队|所|站|馆|社|联|署|府|团|组|庭|司|校|台|关|科|部门|单位|机构|园区|开发区|新区|高新区|县|市|区|州|镇|乡|街道|银行|党委|工委|法院|检察院|办公室|牵头|配合|参与|负责|[）)〕])$/;

function isTimeCell(t: string): boolean {
  return t.length <= 40 && /[年月底内期续]/.test(t) && RE_TIME_CELL.test(t);
}

function isUnitCell(t: string): boolean {
  if (t.length > 200 || /[。]/.test(t)) return false;
  const pieces = t.split(/[、，,；;\s]+/).filter(Boolean);
  return pieces.length > 0 && pieces.every((p) => p.length <= 30 && UNIT_END.test(p.replace(/等$/, '')));
}

/**
 * Lines of one row -> cells. When every cell is present the columns map in order; otherwise each
 * line goes to the next column whose kind it fits (an empty cell leaves no line), or continues the
 * cell before it when it is of the same kind (a cell wrapped over two lines). A line that fits
 * neither ends the row: the table is over.
 * @returns the cells and how many lines they took
 */
function assignCells(body: RawLine[], kinds: ColumnKind[]): { cells: { kind: ColumnKind; cell: TableCell }[]; used: number } {
  const cell = (l: RawLine): TableCell => ({ text: l.text, offs: l.offs });
  if (body.length === kinds.length) return { cells: body.map((l, k) => ({ kind: kinds[k], cell: cell(l) })), used: body.length };
  const out: { kind: ColumnKind; cell: TableCell }[] = [];
  let k = 0;
  let used = 0;
  for (const l of body) {
    const fit = (kind: ColumnKind) =>
      kind === 'time' ? isTimeCell(l.text) : kind === 'lead' || kind === 'coop' ? isUnitCell(l.text) : !isTimeCell(l.text) && !isUnitCell(l.text);
    let at = -1;
    for (let x = k; x < kinds.length; x++) {
      if (fit(kinds[x])) {
        at = x;
        break;
      }
    }
    const prev = out[out.length - 1];
    if (at < 0 && prev && prev.kind !== 'time' && fit(prev.kind)) {
      const joiner = prev.kind === 'lead' || prev.kind === 'coop' ? '、' : '';
      const offs = new Int32Array(prev.cell.offs.length + joiner.length + l.offs.length);
      offs.set(prev.cell.offs);
      if (joiner) offs[prev.cell.offs.length] = l.offs[0];
      offs.set(l.offs, prev.cell.offs.length + joiner.length);
      prev.cell = { text: prev.cell.text + joiner + l.text, offs };
      used++;
      continue;
    }
    if (at < 0) break;
    out.push({ kind: kinds[at], cell: cell(l) });
    k = at + 1;
    used++;
  }
  return { cells: out, used };
}
