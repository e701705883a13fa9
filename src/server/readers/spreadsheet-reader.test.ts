import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readSpreadsheet, SpreadsheetReadError } from './spreadsheet-reader.ts';

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('readSpreadsheet', () => {
  it('should read an .xlsx header and rows as text with Excel row numbers, dates as ISO days', async () => {
    const file = await xlsx([['统一社会信用代码', '企业名称', '成立日期', '从业人员'], ['91350100M000100Y43', '甲公司', new Date('2019-03-01T00:00:00Z'), 12], [], ['x', '乙公司', '', '']]);
    const sheet = await readSpreadsheet(file);
    expect(sheet.format).toBe('xlsx');
    expect(sheet.header).toEqual(['统一社会信用代码', '企业名称', '成立日期', '从业人员']);
    expect(sheet.rows).toEqual([
      { rowNumber: 2, cells: ['91350100M000100Y43', '甲公司', '2019-03-01', '12'] },
      { rowNumber: 4, cells: ['x', '乙公司', '', ''] },
    ]);
  });

  it('should read a GBK .csv with quoted commas, doubled quotes and line breaks inside quotes', async () => {
    const text = '名称,地址\r\n"甲,公司","一路""1""号\n二楼"\r\n乙公司,二路\r\n';
    const sheet = await readSpreadsheet(iconv.encode(text, 'gbk'));
    expect(sheet.format).toBe('csv');
    expect(sheet.rows).toEqual([
      { rowNumber: 2, cells: ['甲,公司', '一路"1"号\n二楼'] },
      { rowNumber: 4, cells: ['乙公司', '二路'] },
    ]);
  });

  it('should refuse more rows than allowed instead of truncating', async () => {
    const csv = Buffer.from(['a', ...Array.from({ length: 11 }, (_, i) => String(i))].join('\n'));
    await expect(readSpreadsheet(csv, { maxRows: 10 })).rejects.toMatchObject({ code: 'SHEET_TOO_MANY_ROWS', details: { limit: 10, rows: 11 } });
  });

  it('should refuse a broken archive and an empty file with their codes', async () => {
    await expect(readSpreadsheet(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toBeInstanceOf(SpreadsheetReadError);
    await expect(readSpreadsheet(Buffer.from(''))).rejects.toMatchObject({ code: 'SHEET_EMPTY' });
  });
});
