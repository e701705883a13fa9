/**
 * Builds small PDFs with a Chinese text layer for tests (no PDF tool is installed on the build
 * machines): a Type0 font with the predefined UniGB-UCS2-H CMap, so no font has to be embedded.
 * Lines are wrapped at a fixed width, pages end with a centred page number.
 * @internal test helper
 */
export interface PdfOptions {
  charsPerLine?: number;
  linesPerPage?: number;
  encrypted?: boolean;
}

function hex(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c > 0xffff) continue;
    out += c.toString(16).padStart(4, '0');
  }
  return out;
}

export function makePdf(paragraphs: string[], opts: PdfOptions = {}): Buffer {
  const per = opts.charsPerLine ?? 30;
  const perPage = opts.linesPerPage ?? 40;
  const size = 12;
  const lines: { text: string; indent: boolean }[] = [];
  for (const p of paragraphs) {
    const t = p.trim();
    const numbered = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、])/.test(t);
    for (let i = 0; i < t.length; i += per) lines.push({ text: t.slice(i, i + per), indent: i === 0 && !numbered });
  }
  const pages: string[] = [];
  for (let i = 0; i < lines.length || (i === 0 && pages.length === 0); i += perPage) {
    const chunk = lines.slice(i, i + perPage);
    let s = '';
    chunk.forEach((l, k) => {
      const x = 72 + (l.indent ? 2 * size : 0);
      const y = 770 - k * size * 1.6;
      s += `BT /F1 ${size} Tf 1 0 0 1 ${x} ${y} Tm <${hex(l.text)}> Tj ET\n`;
    });
    if (chunk.length) s += `BT /F1 10 Tf 1 0 0 1 290 40 Tm <${hex(String(pages.length + 1))}> Tj ET\n`;
    pages.push(s);
    if (lines.length === 0) break;
  }
  const objs: string[] = [];
  const add = (s: string) => objs.push(s) ;
  add('<< /Type /Catalog /Pages 2 0 R >>'); // 1
  const firstPage = 6;
  const kids = pages.map((_, i) => `${firstPage + i * 2} 0 R`).join(' ');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`); // 2
  add('<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>'); // 3
  add('<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 >>'); // 4
  add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>'); // 5
  pages.forEach((content, i) => {
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${firstPage + i * 2 + 1} 0 R >>`);
    add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`);
  });
  let encryptRef = '';
  if (opts.encrypted) {
    const junk = '(' + 'A'.repeat(32) + ')';
    add(`<< /Filter /Standard /V 1 /R 2 /O ${junk} /U ${junk} /P -4 >>`);
    encryptRef = ` /Encrypt ${objs.length} 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]`;
  }
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R${encryptRef} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
