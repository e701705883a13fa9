/**
 * The 任务分解表: one row per measure, as office staff keep it in Excel/WPS.
 * Plain styles only (bold header, thin borders, wrapped text, frozen header row) so that it
 * opens the same in Excel and WPS.
 */
import ExcelJS from 'exceljs';
import type { Plan, Target, Deadline } from '../../core/plan/types.ts';

export const BREAKDOWN_SHEET = '任务分解表';
export const BREAKDOWN_COLUMNS = ['序号', '章节', '举措', '牵头单位', '配合单位', '时限', '量化目标'] as const;

const WIDTHS = [8, 22, 60, 24, 24, 16, 36];

/** "≥ 90%" style rendering of a target, with its deadline. */
export function formatTarget(t: Target): string {
  const op = t.op === '<=' ? '≤' : t.op === '>=' ? '≥' : '=';
  const by = t.by ? `（${t.by}前）` : '';
  return `${t.metric} ${op} ${t.value}${t.unit}${by}`;
}

export function formatDeadline(d: Deadline): string {
  return d.date ? `${d.date}（${d.text.replace(/\s+/g, '')}）` : d.text;
}

/**
 * Builds the 任务分解表 workbook of a plan.
 * @param plan a parsed (and possibly corrected) plan
 * @returns the .xlsx file as a Buffer
 */
export async function buildBreakdownWorkbook(plan: Plan): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yingshang';
  wb.created = new Date(0);
  const ws = wb.addWorksheet(BREAKDOWN_SHEET, { views: [{ state: 'frozen', ySplit: plan.title ? 2 : 1 }] });
  ws.columns = BREAKDOWN_COLUMNS.map((header, i) => ({ key: String(i), width: WIDTHS[i] }));
  const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  if (plan.title) {
    const r = ws.addRow([plan.title]);
    ws.mergeCells(r.number, 1, r.number, BREAKDOWN_COLUMNS.length);
    r.font = { bold: true, size: 14 };
    r.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    r.height = 28;
  }
  const header = ws.addRow([...BREAKDOWN_COLUMNS]);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.eachCell((c) => {
    c.border = border;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });
  for (const m of plan.measures) {
    const row = ws.addRow([
      m.id,
      m.section ?? (m.path.length > 1 ? m.path.slice(0, -1).join('.') : ''),
      m.text,
      m.leadUnits.join('、'),
      m.cooperatingUnits.join('、'),
      m.deadlines.map(formatDeadline).join('\n'),
      m.targets.map(formatTarget).join('\n'),
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    row.eachCell({ includeEmpty: true }, (c) => (c.border = border));
    row.getCell(1).alignment = { vertical: 'top', horizontal: 'center' };
  }
  if (plan.defaultUnits.length) {
    const r = ws.addRow([`注：以下单位负责落实全部举措：${plan.defaultUnits.join('、')}`]);
    ws.mergeCells(r.number, 1, r.number, BREAKDOWN_COLUMNS.length);
    r.alignment = { wrapText: true };
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
