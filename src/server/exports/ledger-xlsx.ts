/**
 * The 台账 (ledger) of a plan as .xlsx, and reading it back for bulk progress import.
 *
 * Sheet 台账: one row per task. Columns A–Q describe the task as it stands; the next four (填报期次, 本期进度,
 * 本期进展, 是否最终报告) are for the unit to fill in and re-import; the last, 任务ID, carries the record id the
 * import needs (last, so that the sheet opens with the plan, not with an id). Sheet 指标: one row per KPI; its
 * last column (本期实际值) is filled in the same way, its first two carry the ids. The header texts are checked on
 * import, so a file in another layout is refused rather than misread.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../errors.ts';
import { checkSpreadsheetArchive } from '../readers/archive-guard.ts';

export const LEDGER_SHEET = '台账';
export const LEDGER_KPI_SHEET = '指标';

export const LEDGER_COLUMNS = [
  '方案',
  '章节',
  '编号',
  '举措',
  '责任单位',
  '配合单位',
  '完成时限',
  '状态',
  '亮灯',
  '亮灯原因',
  '当前进度(%)',
  '最新填报期次',
  '最新进展',
  '审核意见',
  '佐证材料',
  '指标及实际值',
  '填报期次',
  '本期进度(%)',
  '本期进展',
  '是否最终报告',
  '任务ID',
] as const;
/** 1-based column of a 台账 header. */
const col = (name: (typeof LEDGER_COLUMNS)[number]) => LEDGER_COLUMNS.indexOf(name) + 1;
const INPUT_FROM = col('填报期次');
const INPUT_TO = col('是否最终报告');
const ID_COL = col('任务ID');

export const LEDGER_KPI_COLUMNS = ['任务ID', '指标ID', '责任单位', '编号', '指标', '目标', '单位', '当前实际值', '本期实际值'] as const;

export interface LedgerKpi {
  id: string;
  metric: string;
  op: string;
  target: number;
  unit: string;
  actual: number | null;
}

export interface LedgerTask {
  id: string;
  planTitle: string;
  chapter: string | null;
  measureNumber: string;
  measureText: string;
  unitName: string;
  /** 配合单位 as printed or matched. */
  cooperatingUnits: string[];
  dueDate: string | null;
  /** Display text, e.g. 已签收. */
  status: string;
  /** Display text, e.g. 红灯. */
  light: string;
  reasons: string[];
  progress: number;
  latestPeriod: string | null;
  latestSummary: string | null;
  /** The latest report's review: 待审核, the reviewer's comment, or null before any report. */
  reviewComment: string | null;
  /** File names of the latest report's evidence. */
  evidence: string[];
  kpis: LedgerKpi[];
}

export interface LedgerData {
  title: string;
  /** e.g. 导出时间：2026-03-05 */
  subtitle?: string;
  tasks: LedgerTask[];
}

const OPS: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' };
const kpiText = (k: LedgerKpi) => `${k.metric}：${k.actual ?? '未填'}${k.unit}（目标${OPS[k.op] ?? k.op}${k.target}${k.unit}）`;

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const INPUT_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFF7E0' } };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFEFEFEF' } };

function header(ws: ExcelJS.Worksheet, titles: readonly string[], isInput: (col: number) => boolean) {
  const row = ws.addRow([...titles]);
  row.font = { bold: true };
  row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  row.eachCell((c, col) => {
    c.border = BORDER;
    c.fill = isInput(col) ? INPUT_FILL : HEADER_FILL;
  });
}
const isTaskInput = (c: number) => c >= INPUT_FROM && c <= INPUT_TO;

/**
 * Builds the ledger workbook.
 * @param data the tasks of one plan (or any selection) with their current state
 * @returns the .xlsx file
 */
export async function buildLedgerWorkbook(data: LedgerData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yingshang';
  wb.created = new Date(0);
  const ws = wb.addWorksheet(LEDGER_SHEET, { views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }] });
  ws.columns = [24, 18, 8, 50, 20, 24, 12, 10, 8, 36, 10, 12, 40, 24, 24, 36, 12, 10, 40, 12, 10].map((width) => ({ width }));
  const title = ws.addRow([data.subtitle ? `${data.title}（${data.subtitle}）` : data.title]);
  ws.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 28;
  header(ws, LEDGER_COLUMNS, isTaskInput);
  for (const t of data.tasks) {
    const row = ws.addRow([
      t.planTitle,
      t.chapter ?? '',
      t.measureNumber,
      t.measureText,
      t.unitName,
      t.cooperatingUnits.join('、'),
      t.dueDate ?? '长期',
      t.status,
      t.light,
      t.reasons.join('\n'),
      t.progress,
      t.latestPeriod ?? '',
      t.latestSummary ?? '',
      t.reviewComment ?? '',
      t.evidence.join('\n'),
      t.kpis.map(kpiText).join('\n'),
      null,
      null,
      null,
      null,
      t.id,
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    row.eachCell({ includeEmpty: true }, (c, col) => {
      c.border = BORDER;
      if (isTaskInput(col)) c.fill = INPUT_FILL;
    });
    row.getCell(ID_COL).font = { color: { argb: 'FF8C8C8C' }, size: 8 };
    row.getCell(col('是否最终报告')).dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
    row.getCell(col('本期进度(%)')).dataValidation = { type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, 100] };
  }

  const ks = wb.addWorksheet(LEDGER_KPI_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ks.columns = [10, 10, 20, 8, 30, 10, 8, 12, 12].map((width) => ({ width }));
  header(ks, LEDGER_KPI_COLUMNS, (c) => c === LEDGER_KPI_COLUMNS.length);
  for (const t of data.tasks) {
    for (const k of t.kpis) {
      const row = ks.addRow([t.id, k.id, t.unitName, t.measureNumber, k.metric, `${OPS[k.op] ?? k.op}${k.target}`, k.unit, k.actual, null]);
      row.eachCell({ includeEmpty: true }, (c, col) => {
        c.border = BORDER;
        if (col === LEDGER_KPI_COLUMNS.length) c.fill = INPUT_FILL;
      });
      row.getCell(1).font = { color: { argb: 'FF8C8C8C' }, size: 8 };
      row.getCell(2).font = { color: { argb: 'FF8C8C8C' }, size: 8 };
    }
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** One task row of an import: what the unit filled in. */
export interface LedgerImportRow {
  /** 1-based row number in the 台账 sheet. */
  row: number;
  taskId: string;
  period: string | null;
  progress: number | null;
  summary: string | null;
  isFinal: boolean;
  kpiValues: { kpiId: string; actual: number; row: number }[];
}

export interface LedgerImportIssue {
  sheet: string;
  row: number | null;
  column: string | null;
  message: string;
}

export interface LedgerImportParse {
  rows: LedgerImportRow[];
  issues: LedgerImportIssue[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/;

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result).trim();
    return '';
  }
  return String(v).trim();
}

function number(v: ExcelJS.CellValue): number | null | 'invalid' {
  const s = text(v).replace(/[%％]$/, '');
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : 'invalid';
}

function period(v: ExcelJS.CellValue): string | null | 'invalid' {
  if (v instanceof Date) return `${v.getUTCFullYear()}-${String(v.getUTCMonth() + 1).padStart(2, '0')}`;
  const s = text(v).replace(/年/, '-').replace(/月$/, '').replace(/-(\d)$/, '-0$1');
  if (s === '') return null;
  return PERIOD.test(s) ? s.slice(0, 7) : 'invalid';
}

/**
 * Reads a filled-in ledger. Only rows where something was entered in the input columns become import rows;
 * every problem found is listed with its sheet, row and column, and nothing is returned as importable when
 * there is any issue (the caller imports all or nothing).
 * @param file the .xlsx bytes
 * @returns rows to import and the issues found
 */
export async function parseLedgerWorkbook(file: Buffer): Promise<LedgerImportParse> {
  const issues: LedgerImportIssue[] = [];
  // The archive guard refuses bombs (413/422) before ExcelJS expands the workbook in memory.
  try {
    await checkSpreadsheetArchive(file);
  } catch (err) {
    if (err instanceof AppError && err.code === 'UPLOAD_ARCHIVE_INVALID') return { rows: [], issues: [{ sheet: '', row: null, column: null, message: '文件不是有效的 .xlsx 工作簿' }] };
    throw err;
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return { rows: [], issues: [{ sheet: '', row: null, column: null, message: '文件不是有效的 .xlsx 工作簿' }] };
  }
  const ws = wb.getWorksheet(LEDGER_SHEET);
  if (!ws) return { rows: [], issues: [{ sheet: LEDGER_SHEET, row: null, column: null, message: `缺少工作表“${LEDGER_SHEET}”，请使用导出的台账模板` }] };
  const headerRow = ws.getRow(2);
  const headers = LEDGER_COLUMNS.map((_, i) => text(headerRow.getCell(i + 1).value));
  const badHeader = LEDGER_COLUMNS.findIndex((h, i) => headers[i] !== h);
  if (badHeader >= 0) {
    return {
      rows: [],
      issues: [{ sheet: LEDGER_SHEET, row: 2, column: LEDGER_COLUMNS[badHeader], message: `表头应为“${LEDGER_COLUMNS[badHeader]}”，请使用导出的台账模板` }],
    };
  }

  const rows: LedgerImportRow[] = [];
  const byTask = new Map<string, LedgerImportRow>();
  for (let r = 3; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells = LEDGER_COLUMNS.map((_, i) => row.getCell(i + 1).value);
    const taskId = text(cells[ID_COL - 1]);
    const inputs = cells.slice(INPUT_FROM - 1, INPUT_TO).map(text);
    if (inputs.every((v) => v === '')) continue;
    const issue = (column: string, message: string) => issues.push({ sheet: LEDGER_SHEET, row: r, column, message });
    if (!UUID.test(taskId)) {
      issue('任务ID', '任务ID缺失或已被修改');
      continue;
    }
    if (byTask.has(taskId)) {
      issue('任务ID', `任务在第${byTask.get(taskId)!.row}行已出现`);
      continue;
    }
    const p = period(cells[INPUT_FROM - 1]);
    if (p === 'invalid') issue('填报期次', '填报期次应为“2026-03”或“2026年3月”');
    const progress = number(cells[INPUT_FROM]);
    if (progress === 'invalid' || (progress !== null && (progress < 0 || progress > 100))) issue('本期进度(%)', '本期进度应为 0 到 100 之间的数字');
    const summary = text(cells[INPUT_FROM + 1]);
    if (summary === '') issue('本期进展', '请填写本期进展');
    else if (summary.length > 5000) issue('本期进展', '本期进展不能超过 5000 字');
    const finalText = text(cells[INPUT_FROM + 2]);
    if (!['', '是', '否'].includes(finalText)) issue('是否最终报告', '是否最终报告应填“是”或“否”');
    const line: LedgerImportRow = {
      row: r,
      taskId,
      period: p === 'invalid' ? null : p,
      progress: typeof progress === 'number' ? progress : null,
      summary: summary || null,
      isFinal: finalText === '是',
      kpiValues: [],
    };
    rows.push(line);
    byTask.set(taskId, line);
  }

  const ks = wb.getWorksheet(LEDGER_KPI_SHEET);
  if (ks) {
    const kh = LEDGER_KPI_COLUMNS.map((_, i) => text(ks.getRow(1).getCell(i + 1).value));
    const bad = LEDGER_KPI_COLUMNS.findIndex((h, i) => kh[i] !== h);
    if (bad >= 0) {
      issues.push({ sheet: LEDGER_KPI_SHEET, row: 1, column: LEDGER_KPI_COLUMNS[bad], message: `表头应为“${LEDGER_KPI_COLUMNS[bad]}”，请使用导出的台账模板` });
    } else {
      for (let r = 2; r <= ks.rowCount; r++) {
        const row = ks.getRow(r);
        const value = number(row.getCell(LEDGER_KPI_COLUMNS.length).value);
        if (value === null) continue;
        const issue = (column: string, message: string) => issues.push({ sheet: LEDGER_KPI_SHEET, row: r, column, message });
        if (value === 'invalid') {
          issue('本期实际值', '本期实际值应为数字');
          continue;
        }
        const taskId = text(row.getCell(1).value);
        const kpiId = text(row.getCell(2).value);
        if (!UUID.test(taskId) || !UUID.test(kpiId)) {
          issue('指标ID', '任务ID或指标ID缺失或已被修改');
          continue;
        }
        const line = byTask.get(taskId);
        if (!line) {
          issue('本期实际值', '请在“台账”表中同时填写该任务的本期进展');
          continue;
        }
        line.kpiValues.push({ kpiId, actual: value, row: r });
      }
    }
  }
  return issues.length ? { rows: [], issues } : { rows, issues };
}
