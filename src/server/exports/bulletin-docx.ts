/**
 * The 通报 (bulletin) of a plan for a period, as a .docx laid out like a government document
 * (GB/T 9704—2012 党政机关公文格式): A4, margins 37/35/28/26 mm, title in 2号 小标宋, body in 3号 仿宋 with
 * fixed 28 pt lines and a two-character first-line indent, level-one headings in 黑体.
 * Fonts are named with the GB2312 names offices have installed and fall back to the system's 宋体/仿宋 in
 * Word and WPS. Built from plain data: the caller decides what the numbers are.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeightRule,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

/** One line of the ranking table. Rates are 0..1 or null (nothing to measure). */
export interface BulletinRankingRow {
  rank: number | null;
  unitName: string;
  tasks: number;
  done: number;
  overdue: number;
  onTimeRate: number | null;
  reportingRate: number | null;
  kpiAttainment: number | null;
  score: number | null;
  /** Listed but not ranked (few tasks / nothing to score). */
  flagged?: 'few-tasks' | 'no-score' | null;
}

/** One overdue task. */
export interface BulletinOverdueRow {
  unitName: string;
  measureNumber: string;
  title: string;
  dueDate: string;
  overdueWorkingDays: number;
}

export interface BulletinData {
  /** e.g. 关于《…》2026年3月落实情况的通报 */
  title: string;
  /** Issuing office, printed under the title and in the signature, e.g. 某市优化营商环境工作领导小组办公室 */
  issuer: string;
  /** 文号, e.g. 营商办〔2026〕3号; optional. */
  docNumber?: string | null;
  /** Period label as printed, e.g. 2026年3月 */
  periodLabel: string;
  /** Date of issue, `YYYY-MM-DD`. */
  issuedOn: string;
  /** Summary paragraphs (总体情况). */
  summary: string[];
  ranking: BulletinRankingRow[];
  overdue: BulletinOverdueRow[];
  /** 亮点 paragraphs. */
  highlights: string[];
  /** Closing requirements (下一步要求); optional. */
  requirements?: string[];
}

/** Column headers of the ranking table, in order (tests and the web read them). */
export const BULLETIN_RANKING_HEADERS = ['排名', '责任单位', '任务数', '已完成', '逾期', '按期完成率', '报送及时率', '指标达成率', '综合得分'] as const;
export const BULLETIN_OVERDUE_HEADERS = ['序号', '责任单位', '任务编号', '任务内容', '完成时限', '逾期（工作日）'] as const;

const FANGSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const XIAOBIAOSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体' };
const HEITI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };

// Half-points: 2号 = 22 pt, 3号 = 16 pt, 4号 = 14 pt, 小4 = 12 pt.
const SIZE_TITLE = 44;
const SIZE_BODY = 32;
const SIZE_TABLE = 24;
const LINE_FIXED_28PT = { line: 560, lineRule: LineRuleType.EXACT };
const MM = (mm: number) => Math.round((mm / 25.4) * 1440);
const INDENT_TWO_CHARS = 640;

const pct = (x: number | null) => (x === null ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`);

function body(text: string, opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: LINE_FIXED_28PT,
    indent: opts.indent === false ? undefined : { firstLine: INDENT_TWO_CHARS },
    children: [new TextRun({ text, font: FANGSONG, size: SIZE_BODY })],
  });
}

function heading1(text: string): Paragraph {
  return new Paragraph({
    spacing: LINE_FIXED_28PT,
    indent: { firstLine: INDENT_TWO_CHARS },
    children: [new TextRun({ text, font: HEITI, size: SIZE_BODY })],
  });
}

function cell(text: string, opts: { bold?: boolean; width: number; align?: 'left' | 'center' }): TableCell {
  return new TableCell({
    width: { size: opts.width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        alignment: opts.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: [new TextRun({ text, font: opts.bold ? HEITI : FANGSONG, size: SIZE_TABLE })],
      }),
    ],
  });
}

function table(headers: readonly string[], widths: number[], rows: string[][], leftColumns: number[] = []): Table {
  const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [
      new TableRow({
        tableHeader: true,
        height: { value: 480, rule: HeightRule.ATLEAST },
        children: headers.map((h, i) => cell(h, { bold: true, width: widths[i] })),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            height: { value: 420, rule: HeightRule.ATLEAST },
            children: r.map((text, i) => cell(text, { width: widths[i], align: leftColumns.includes(i) ? 'left' : 'center' })),
          }),
      ),
    ],
  });
}

/** The ranking table's text rows, as printed (also used by tests). */
export function rankingTableRows(rows: readonly BulletinRankingRow[]): string[][] {
  return rows.map((r) => [
    r.rank === null ? (r.flagged === 'few-tasks' ? '不排名' : '—') : String(r.rank),
    r.unitName,
    String(r.tasks),
    String(r.done),
    String(r.overdue),
    pct(r.onTimeRate),
    pct(r.reportingRate),
    pct(r.kpiAttainment),
    r.score === null ? '—' : r.score.toFixed(2),
  ]);
}

function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * Builds the bulletin.
 * @param data what the bulletin says
 * @returns the .docx file
 */
export async function buildBulletinDocx(data: BulletinData): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  if (data.docNumber) children.push(body(data.docNumber, { indent: false, align: AlignmentType.CENTER }));
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 280, after: 280, line: 700, lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: data.title, font: XIAOBIAOSONG, size: SIZE_TITLE })],
    }),
  );
  children.push(body(`统计期间：${data.periodLabel}`, { indent: false, align: AlignmentType.CENTER }));
  children.push(body(''));

  children.push(heading1('一、总体情况'));
  for (const p of data.summary) children.push(body(p));

  children.push(heading1('二、比晾晒排名'));
  const ranked = data.ranking.filter((r) => r.rank !== null).length;
  children.push(
    body(
      `按照按期完成率、逾期情况、报送及时率、指标达成率和完成率加权计分，对${ranked}个责任单位进行排名；任务数较少的单位列示但不参与排名，经批准延期的任务不计入逾期。`,
    ),
  );
  children.push(table(BULLETIN_RANKING_HEADERS, [620, 2200, 760, 760, 620, 1000, 1000, 1000, 900], rankingTableRows(data.ranking), [1]));

  children.push(heading1('三、逾期未完成任务'));
  if (data.overdue.length === 0) {
    children.push(body('本期无逾期未完成任务。'));
  } else {
    children.push(body(`截至${chineseDate(data.issuedOn)}，共有${data.overdue.length}项任务逾期未完成，请相关单位抓紧整改并书面说明原因。`));
    children.push(
      table(
        BULLETIN_OVERDUE_HEADERS,
        [620, 1900, 900, 3300, 1300, 860],
        data.overdue.map((o, i) => [String(i + 1), o.unitName, o.measureNumber, o.title, o.dueDate, String(o.overdueWorkingDays)]),
        [1, 3],
      ),
    );
  }

  children.push(heading1('四、工作亮点'));
  if (data.highlights.length === 0) children.push(body('本期暂无。'));
  for (const h of data.highlights) children.push(body(h));

  if (data.requirements?.length) {
    children.push(heading1('五、下一步工作要求'));
    for (const r of data.requirements) children.push(body(r));
  }

  children.push(body(''));
  children.push(body(data.issuer, { indent: false, align: AlignmentType.RIGHT }));
  children.push(body(chineseDate(data.issuedOn), { indent: false, align: AlignmentType.RIGHT }));

  const doc = new Document({
    creator: 'Yingshang',
    title: data.title,
    styles: { default: { document: { run: { font: FANGSONG, size: SIZE_BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: MM(210), height: MM(297) },
            margin: { top: MM(37), bottom: MM(35), left: MM(28), right: MM(26) },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
