/**
 * The one check every archive-based upload (.docx, .xlsx) passes BEFORE anything expands it:
 * the zip's central directory is read (sizes as declared, nothing inflated) and refused when it
 * holds too many entries, too many bytes, or a suspicious compression ratio; for a spreadsheet
 * the sheet XML is then streamed (inflated a chunk at a time, never held whole) counting `<row>`
 * and `<c>` elements. Refusals are catalog errors (413/422) with a clear Chinese message.
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { AppError } from '../errors.ts';

export interface ArchiveLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** Sum of the declared uncompressed sizes (bytes). */
  maxTotalBytes: number;
  /** Declared uncompressed size of one entry (bytes). */
  maxEntryBytes: number;
  /** Uncompressed ÷ compressed of one entry, checked for entries over `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export interface SheetLimits {
  /** `<row>` elements over all worksheets. */
  maxRows: number;
  /** `<c>` (cell) elements over all worksheets. */
  maxCells: number;
}

export const ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 2_000,
  maxTotalBytes: 100 * 1024 * 1024,
  maxEntryBytes: 30 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export const SHEET_LIMITS: SheetLimits = { maxRows: 200_100, maxCells: 2_000_000 };

export interface ArchiveEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

function invalid(cause: string): AppError {
  return new AppError('UPLOAD_ARCHIVE_INVALID', undefined, { cause: cause.slice(0, 200) });
}

function tooLarge(reason: 'entries' | 'total' | 'entry' | 'ratio', limit: number, actual: number, entry?: string): AppError {
  return new AppError('UPLOAD_ARCHIVE_TOO_LARGE', undefined, { reason, limit, actual, ...(entry ? { entry } : {}) });
}

async function openZip(file: Uint8Array): Promise<yauzl.ZipFile> {
  const buffer = Buffer.isBuffer(file) ? file : Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  try {
    return await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, autoClose: false });
  } catch (err) {
    throw invalid((err as Error).message);
  }
}

/**
 * Reads the central directory of `file` and refuses it when it declares more than `limits`.
 * @returns the entries (name and declared sizes); nothing was inflated
 * @throws AppError UPLOAD_ARCHIVE_TOO_LARGE (413) or UPLOAD_ARCHIVE_INVALID (422)
 */
export async function checkArchive(file: Uint8Array, limits: ArchiveLimits = ARCHIVE_LIMITS): Promise<ArchiveEntryInfo[]> {
  const zip = await openZip(file);
  try {
    if (zip.entryCount > limits.maxEntries) throw tooLarge('entries', limits.maxEntries, zip.entryCount);
    const entries: ArchiveEntryInfo[] = [];
    let total = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        if (entry.isEncrypted()) throw invalid('encrypted entry');
        const info = { name: entry.fileName, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize };
        entries.push(info);
        if (entries.length > limits.maxEntries) throw tooLarge('entries', limits.maxEntries, entries.length);
        if (info.uncompressedSize > limits.maxEntryBytes) throw tooLarge('entry', limits.maxEntryBytes, info.uncompressedSize, info.name);
        total += info.uncompressedSize;
        if (total > limits.maxTotalBytes) throw tooLarge('total', limits.maxTotalBytes, total);
        if (info.uncompressedSize > limits.ratioFloorBytes) {
          const ratio = info.uncompressedSize / Math.max(1, info.compressedSize);
          if (ratio > limits.maxRatio) throw tooLarge('ratio', limits.maxRatio, Math.round(ratio), info.name);
        }
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw invalid((err as Error).message);
    }
    return entries;
  } finally {
    zip.close();
  }
}

const ROW = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g;
const CELL = /<(?:[A-Za-z_][\w.-]*:)?c[\s>/]/g;
const CARRY = 32;

function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

/**
 * `checkArchive`, then streams every worksheet (`xl/worksheets/*.xml`) counting rows and cells,
 * stopping at the first limit passed. Inflation is bounded by the declared sizes already checked
 * (yauzl refuses a stream longer than its entry declares).
 * @throws AppError UPLOAD_ARCHIVE_TOO_LARGE, UPLOAD_TOO_MANY_ROWS (413) or UPLOAD_ARCHIVE_INVALID (422)
 */
export async function checkSpreadsheetArchive(file: Uint8Array, limits: { archive?: ArchiveLimits; sheet?: SheetLimits } = {}): Promise<{ rows: number; cells: number }> {
  await checkArchive(file, limits.archive);
  const sheet = limits.sheet ?? SHEET_LIMITS;
  const zip = await openZip(file);
  let rows = 0;
  let cells = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.fileName)) continue;
      let stream: Readable;
      try {
        stream = await zip.openReadStreamPromise(entry);
      } catch (err) {
        throw invalid((err as Error).message);
      }
      let carry = '';
      try {
        for await (const chunk of stream) {
          const text = carry + (chunk as Buffer).toString('latin1');
          // Count in the part that cannot hold the start of a tag cut by the chunk boundary.
          const cut = Math.max(0, text.length - CARRY);
          const head = text.slice(0, text.lastIndexOf('<', cut) > 0 ? text.lastIndexOf('<', cut) : cut);
          rows += count(ROW, head);
          cells += count(CELL, head);
          carry = text.slice(head.length);
          if (rows > sheet.maxRows) throw new AppError('UPLOAD_TOO_MANY_ROWS', undefined, { limit: sheet.maxRows, actual: rows, entry: entry.fileName });
          if (cells > sheet.maxCells) throw new AppError('UPLOAD_TOO_MANY_ROWS', undefined, { limit: sheet.maxCells, actual: cells, entry: entry.fileName });
        }
      } catch (err) {
        stream.destroy();
        if (err instanceof AppError) throw err;
        throw invalid((err as Error).message);
      }
      rows += count(ROW, carry);
      cells += count(CELL, carry);
      if (rows > sheet.maxRows) throw new AppError('UPLOAD_TOO_MANY_ROWS', undefined, { limit: sheet.maxRows, actual: rows, entry: entry.fileName });
      if (cells > sheet.maxCells) throw new AppError('UPLOAD_TOO_MANY_ROWS', undefined, { limit: sheet.maxCells, actual: cells, entry: entry.fileName });
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalid((err as Error).message);
  } finally {
    zip.close();
  }
  return { rows, cells };
}
