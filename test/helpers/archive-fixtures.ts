/** Zip archives built byte by byte for the sweep and the reader fuzz tests (bombs, lies, truncation). */
import { crc32, deflateRawSync } from 'node:zlib';
import type { SweepUpload } from './api-sweep.ts';

export interface ZipEntrySpec {
  name: string;
  data: Buffer;
  /** Store instead of deflate. */
  store?: boolean;
  /** Declared sizes that lie (fuzz): override what the headers say. */
  declaredSize?: number;
  declaredCompressedSize?: number;
}

/** A zip file (local headers, data, central directory, end record) of `entries`. */
export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.store ? e.data : deflateRawSync(e.data);
    const crc = crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const csize = e.declaredCompressedSize ?? body.length;
    const method = e.store ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(csize >>> 0, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(csize >>> 0, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

/** A .docx whose word/document.xml expands to `mb` MB (the 306 KB → 100 MB bomb of issue 7). */
export function docxBomb(mb = 100): Buffer {
  const filler = Buffer.alloc(mb * 1024 * 1024, 0x20);
  const doc = Buffer.concat([Buffer.from('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>炸弹'), filler, Buffer.from('</w:t></w:r></w:p></w:body></w:document>')]);
  return buildZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: 'word/document.xml', data: doc },
  ]);
}

/** An .xlsx whose first sheet has `rows` empty `<row>` elements (1.5 million in issue 7). */
export function xlsxRowBomb(rows = 300_000): Buffer {
  const sheet = Buffer.concat([
    Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'),
    Buffer.from(Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${(i * 7919) % 100_003}</v></c></row>`).join('')),
    Buffer.from('</sheetData></worksheet>'),
  ]);
  return buildZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="台账" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>') },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ]);
}

/** A zip with `n` tiny entries. */
export function manyEntries(n = 5_000): Buffer {
  return buildZip(Array.from({ length: n }, (_, i) => ({ name: `word/e${i}.xml`, data: Buffer.from('<x/>'), store: true })));
}

/** Garbage and bombs under every upload name the readers know. */
export async function sweepUploads(): Promise<SweepUpload[]> {
  const garbage = Buffer.from('PK\u0003\u0004 not really a zip \u0000\u0001');
  return [
    { name: 'sweep.xlsx', data: garbage },
    { name: 'sweep.docx', data: docxBomb(40) },
    { name: 'bomb.xlsx', data: xlsxRowBomb(250_000) },
    { name: 'sweep.txt', data: Buffer.from('示范\u0000') },
  ];
}
