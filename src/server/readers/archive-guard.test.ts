import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildZip, docxBomb, manyEntries, xlsxRowBomb } from '../../../test/helpers/archive-fixtures.ts';
import { AppError } from '../errors.ts';
import { parseLedgerWorkbook } from '../exports/ledger-xlsx.ts';
import { checkArchive, checkSpreadsheetArchive } from './archive-guard.ts';
import { DocumentReadError, readDocument } from './index.ts';
import { readSpreadsheet, SpreadsheetReadError } from './spreadsheet-reader.ts';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError || err instanceof DocumentReadError || err instanceof SpreadsheetReadError) return err.code;
    throw err;
  }
}

describe('archive guard: checked before anything expands', () => {
  it('refuses the 100 MB document.xml docx bomb from its central directory (413), in every reader', async () => {
    const bomb = docxBomb(100);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    expect(await codeOf(checkArchive(bomb))).toBe('UPLOAD_ARCHIVE_TOO_LARGE');
    expect(await codeOf(readDocument(bomb, 'plan.docx'))).toBe('UPLOAD_ARCHIVE_TOO_LARGE');
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses an .xlsx with too many rows by streaming the sheet XML (413), in readSpreadsheet and the ledger import', async () => {
    const bomb = xlsxRowBomb(250_000);
    expect(await codeOf(checkSpreadsheetArchive(bomb))).toBe('UPLOAD_TOO_MANY_ROWS');
    expect(await codeOf(readSpreadsheet(bomb))).toBe('UPLOAD_TOO_MANY_ROWS');
    expect(await codeOf(parseLedgerWorkbook(bomb))).toBe('UPLOAD_TOO_MANY_ROWS');
    expect(await checkSpreadsheetArchive(xlsxRowBomb(10), { sheet: { maxRows: 100, maxCells: 100 } })).toEqual({ rows: 10, cells: 10 });
    expect(await codeOf(checkSpreadsheetArchive(xlsxRowBomb(1_000), { sheet: { maxRows: 999, maxCells: 10_000 } }))).toBe('UPLOAD_TOO_MANY_ROWS');
  });

  it('refuses too many entries and a ratio over the limit', async () => {
    expect(await codeOf(checkArchive(manyEntries(3_000)))).toBe('UPLOAD_ARCHIVE_TOO_LARGE');
    const ratio = buildZip([{ name: 'a.xml', data: Buffer.alloc(5 * 1024 * 1024, 0x41) }]);
    await expect(checkArchive(ratio)).rejects.toMatchObject({ code: 'UPLOAD_ARCHIVE_TOO_LARGE', details: { reason: 'ratio' } });
  });

  it('refuses sizes that lie (declared small, inflates big) while streaming, as an invalid archive', async () => {
    const liar = buildZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<row/>'.repeat(100_000)), declaredSize: 100 }]);
    expect(await codeOf(checkSpreadsheetArchive(liar))).toBe('UPLOAD_ARCHIVE_INVALID');
  });
});

const CATALOG = new Set(['UPLOAD_ARCHIVE_TOO_LARGE', 'UPLOAD_TOO_MANY_ROWS', 'UPLOAD_ARCHIVE_INVALID', 'PLAN_READ_CORRUPT', 'PLAN_READ_UNSUPPORTED', 'PLAN_READ_NO_TEXT', 'PLAN_READ_ENCRYPTED', 'PLAN_READ_TOO_LARGE', 'SHEET_CORRUPT', 'SHEET_EMPTY', 'SHEET_UNSUPPORTED', 'SHEET_TOO_MANY_ROWS', 'ok']);
const NAMES = ['[Content_Types].xml', 'word/document.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', '_rels/.rels', '../evil', 'a/b/c.xml'];

const arbEntry = fc.record({
  name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 20 })),
  data: fc.oneof(fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)), fc.constantFrom(Buffer.from('<row><c/></row>'.repeat(50)), Buffer.from('<w:document><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>'))),
  store: fc.boolean(),
  declaredSize: fc.option(fc.nat({ max: 2 ** 32 - 1 }), { nil: undefined }),
});

const arbZip = fc.oneof(
  fc.array(arbEntry, { maxLength: 6 }).map((entries) => buildZip(entries)),
  // truncated or with flipped bytes
  fc.tuple(fc.array(arbEntry, { minLength: 1, maxLength: 4 }), fc.nat(), fc.nat({ max: 255 })).map(([entries, at, byte]) => {
    const zip = buildZip(entries);
    const out = at % 2 ? zip.subarray(0, at % zip.length) : Buffer.from(zip);
    if (!(at % 2)) out[at % out.length] = byte;
    return out;
  }),
  fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(a)])),
);

describe('reader fuzz: random, truncated and lying zips', () => {
  it('every reader answers with a catalog error or a result, never another throw', async () => {
    await fc.assert(
      fc.asyncProperty(arbZip, async (zip) => {
        for (const read of [() => readDocument(zip, 'x.docx'), () => readSpreadsheet(zip), () => parseLedgerWorkbook(zip), () => checkArchive(zip)]) {
          const code = await codeOf(read());
          expect(CATALOG.has(code), code).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
