/**
 * Tabular imports (.xlsx or .csv) -> header and rows of text, the one door every registry, appeal, ledger and
 * indicator import reads through, so that the limits on what a spreadsheet may expand to live in one place.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../errors.ts';
import { checkSpreadsheetArchive } from './archive-guard.ts';
import { readTextFile } from './text-reader.ts';

export type SpreadsheetErrorCode = 'SHEET_UNSUPPORTED' | 'SHEET_CORRUPT' | 'SHEET_TOO_MANY_ROWS' | 'SHEET_EMPTY';

export const SPREADSHEET_ERRORS: Record<SpreadsheetErrorCode, string> = {
  SHEET_UNSUPPORTED: '不支持的表格格式：请上传 .xlsx 或 .csv 文件。',
  SHEET_CORRUPT: '表格文件已损坏或与其扩展名不符，无法读取。',
  SHEET_TOO_MANY_ROWS: '表格行数超过上限，请拆分后分批导入。',
  SHEET_EMPTY: '表格中没有表头或数据行。',
};

export class SpreadsheetReadError extends Error {
  constructor(
    readonly code: SpreadsheetErrorCode,
    readonly details: { limit?: number; rows?: number; cause?: string } = {},
  ) {
    super(SPREADSHEET_ERRORS[code]);
    this.name = 'SpreadsheetReadError';
  }
}

export interface SpreadsheetRow {
  /** 1-based row number as the user sees it in Excel (the header is row `headerRow`). */
  rowNumber: number;
  cells: string[];
}

export interface Spreadsheet {
  format: 'xlsx' | 'csv';
  header: string[];
  headerRow: number;
  rows: SpreadsheetRow[];
}

export interface ReadSpreadsheetOptions {
  /** Data rows allowed (default 200,000); more is refused, never truncated. */
  maxRows?: number;
  /** Worksheet to read in an .xlsx (default: the first). */
  sheet?: string;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * Reads the first worksheet of an .xlsx, or a .csv (UTF-8 or GBK, comma-separated, RFC 4180 quotes), as trimmed
 * text cells. The header is the first non-empty row; blank rows are skipped; cell values are `cell.text` (what
 * Excel shows), dates as `YYYY-MM-DD`.
 * @throws SpreadsheetReadError for an unreadable file, no header, or more rows than `maxRows`; AppError
 *   UPLOAD_ARCHIVE_TOO_LARGE / UPLOAD_TOO_MANY_ROWS / UPLOAD_ARCHIVE_INVALID from the archive guard (before ExcelJS loads it)
 */
export async function readSpreadsheet(file: Buffer, options: ReadSpreadsheetOptions = {}): Promise<Spreadsheet> {
  const maxRows = options.maxRows ?? 200_000;
  const isZip = ZIP_MAGIC.every((b, i) => file[i] === b);
  const raw = isZip ? await readXlsx(file, options.sheet) : readCsv(file);
  const format = isZip ? 'xlsx' : 'csv';
  const firstIndex = raw.findIndex((r) => r.cells.some((c) => c !== ''));
  if (firstIndex < 0) throw new SpreadsheetReadError('SHEET_EMPTY');
  const header = raw[firstIndex].cells;
  const rows = raw.slice(firstIndex + 1).filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length > maxRows) throw new SpreadsheetReadError('SHEET_TOO_MANY_ROWS', { limit: maxRows, rows: rows.length });
  return { format, header, headerRow: raw[firstIndex].rowNumber, rows };
}

async function readXlsx(file: Buffer, sheetName: string | undefined): Promise<SpreadsheetRow[]> {
  // Entries, sizes and ratio from the central directory, then rows and cells streamed from the sheet XML:
  // ExcelJS holds the whole workbook in memory, so nothing reaches it that would not fit.
  try {
    await checkSpreadsheetArchive(file);
  } catch (err) {
    if (err instanceof AppError && err.code === 'UPLOAD_ARCHIVE_INVALID') throw new SpreadsheetReadError('SHEET_CORRUPT', { cause: err.message });
    throw err;
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch (err) {
    throw new SpreadsheetReadError('SHEET_CORRUPT', { cause: (err as Error).message });
  }
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!ws) throw new SpreadsheetReadError('SHEET_EMPTY');
  const out: SpreadsheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)));
    out.push({ rowNumber, cells });
  });
  return out;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v === null || v === undefined) return '';
  return String(cell.text ?? '').trim();
}

function readCsv(file: Buffer): SpreadsheetRow[] {
  if (file.includes(0)) throw new SpreadsheetReadError('SHEET_UNSUPPORTED');
  const text = readTextFile(file);
  const out: SpreadsheetRow[] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell.trim());
      out.push({ rowNumber: rowStart, cells: row });
      row = [];
      cell = '';
      line++;
      rowStart = line;
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell.trim());
    out.push({ rowNumber: rowStart, cells: row });
  }
  return out;
}
