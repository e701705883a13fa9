import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../core/plan/index.ts';
import { DocumentReadError, detectFormat, readDocument } from './index.ts';
import { htmlToText } from './html-reader.ts';
import { makePdf } from './pdf-fixture.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = (name: string) => readFileSync(join(root, 'test/fixtures/plans', name), 'utf8');
const seedPath = join(root, 'test/fixtures/seeds/003_cb3a23dda335a852.txt');
const sut = readDocument;

const summary = (text: string) =>
  parsePlan(text, { baseYear: 2023 }).plan.measures.map((m) => [m.id, m.leadUnits.join('、'), m.cooperatingUnits.join('、')].join('|'));

async function readError(buf: Uint8Array, name: string): Promise<DocumentReadError> {
  try {
    await sut(buf, name);
  } catch (err) {
    if (err instanceof DocumentReadError) return err;
    throw err;
  }
  throw new Error('expected a DocumentReadError');
}

describe('readDocument', () => {
  const plain = fixture('national-style.txt');

  it('should read a .docx made from a plan into the same measures as the text', async () => {
    const doc = new Document({
      sections: [{ children: plain.split('\n').map((line) => new Paragraph({ children: [new TextRun(line.trim())] })) }],
    });
    const buf = await Packer.toBuffer(doc);
    const { text, format } = await sut(buf, 'plan.docx');
    expect(format).toBe('docx');
    expect(summary(text)).toEqual(summary(plain));
    expect(summary(text).length).toBe(6);
  });

  it('should give Word list items their numbers back', async () => {
    // Blocks stay separated by a blank line so that the parser never joins two of them.
    expect(htmlToText('<ol><li>政务环境<ol><li>优化服务。内容。</li><li>强化监管。</li></ol></li></ol>').split(/\n+/)).toEqual([
      '一、政务环境',
      '（一）优化服务。内容。',
      '（二）强化监管。',
    ]);
  });

  it('should read GBK and GB18030 text files', async () => {
    const text = readFileSync(seedPath, 'utf8');
    for (const enc of ['gbk', 'gb18030']) {
      const { text: got, format } = await sut(iconv.encode(text, enc), 'plan.txt');
      expect(format).toBe('txt');
      expect(summary(got)).toEqual(summary(text));
    }
  });

  it('should read UTF-8 with a BOM and UTF-16LE with a BOM', async () => {
    expect((await sut(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(plain)]), 'a.txt')).text).toBe(plain);
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(plain, 'utf16le')]);
    expect((await sut(u16, 'a.txt')).text).toBe(plain);
  });

  it('should turn an HTML page into paragraphs and drop scripts and styles', async () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>p{}</style><script>var a="1.不是举措。";</script></head><body>
      ${plain
        .split('\n')
        .map((l) => `<p>${l.replace(/&/g, '&amp;')}</p>`)
        .join('\n')}
      <table><tr><td>索引号</td><td>123</td></tr></table></body></html>`;
    const { text, format } = await sut(Buffer.from(html), 'plan.html');
    expect(format).toBe('html');
    expect(text).not.toContain('var a');
    expect(summary(text)).toEqual(summary(plain));
  });

  it('should read the text layer of a PDF and repair its line breaks and page numbers', async () => {
    const pdf = makePdf(plain.split('\n').filter((l) => l.trim()), { charsPerLine: 28, linesPerPage: 20 });
    const { text, format } = await sut(pdf, 'plan.pdf');
    expect(format).toBe('pdf');
    expect(text).not.toMatch(/^\s*\d+\s*$/m);
    expect(summary(text)).toEqual(summary(plain));
  });

  it('should detect the format from the content, not the extension', async () => {
    const pdf = makePdf(['一、任务', '1.推进改革。内容。（市发改委负责）']);
    expect(detectFormat(pdf, 'plan.docx')).toBe('pdf');
    expect((await sut(pdf, 'plan.docx')).format).toBe('pdf');
  });

  it('should reject a PDF without a text layer', async () => {
    const err = await readError(makePdf([]), 'scan.pdf');
    expect(err.code).toBe('PLAN_READ_NO_TEXT');
    expect(err.message).toContain('扫描件');
  });

  it('should reject an encrypted PDF', async () => {
    const err = await readError(makePdf(['一、任务'], { encrypted: true }), 'secret.pdf');
    expect(err.code).toBe('PLAN_READ_ENCRYPTED');
  });

  it('should reject images, other archives and corrupt Word files with a clear code', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect((await readError(png, 'plan.txt')).code).toBe('PLAN_READ_UNSUPPORTED');
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100, 1)]);
    expect((await readError(zip, 'plan.zip')).code).toBe('PLAN_READ_UNSUPPORTED');
    const badDocx = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('word/document.xml'), Buffer.alloc(50, 7)]);
    expect((await readError(badDocx, 'plan.docx')).code).toBe('PLAN_READ_CORRUPT');
    expect((await readError(Buffer.from('%PDF-1.4 garbage'), 'x.pdf')).code).toMatch(/PLAN_READ_(CORRUPT|NO_TEXT)/);
    expect((await readError(Buffer.alloc(0), 'empty.txt')).code).toBe('PLAN_READ_NO_TEXT');
  });
});
