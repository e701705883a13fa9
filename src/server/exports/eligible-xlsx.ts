/** A policy item's eligible list (符合条件企业名单) as .xlsx: one row per enterprise with amount and the data used. */
import ExcelJS from 'exceljs';

export interface EligibleSheetRow {
  name: string;
  regionName: string | null;
  industryCode: string | null;
  sizeClass: string | null;
  estimatedAmount: number | null;
  amountExplanation: string;
  evidence: string;
}

export async function buildEligibleWorkbook(title: string, asOf: string, ruleVersion: string, rows: readonly EligibleSheetRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('符合条件企业', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([`${title}（测算日 ${asOf}，规则版本 ${ruleVersion}）`]);
  ws.addRow(['企业名称', '所在区域', '行业代码', '企业规模', '测算金额(元)', '测算依据', '所用数据']);
  for (const r of rows) ws.addRow([r.name, r.regionName ?? '', r.industryCode ?? '', r.sizeClass ?? '', r.estimatedAmount, r.amountExplanation, r.evidence]);
  ws.getRow(2).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = [36, 14, 10, 10, 14, 36, 80][i]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
