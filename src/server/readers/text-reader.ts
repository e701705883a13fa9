/** Plain-text bytes -> string: UTF-8 (with or without BOM), UTF-16 with BOM, GBK/GB18030 via chardet. */
import chardet from 'chardet';
import iconv from 'iconv-lite';

/**
 * Decodes text bytes, detecting the encoding.
 * @param buf the bytes of a .txt or .html file
 * @returns the decoded text
 */
export function readTextFile(buf: Uint8Array): string {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  if (b[0] === 0xff && b[1] === 0xfe) return iconv.decode(b.subarray(2), 'utf16le');
  if (b[0] === 0xfe && b[1] === 0xff) return iconv.decode(b.subarray(2), 'utf16be');
  if (isValidUtf8(b)) return b.toString('utf8');
  // Not UTF-8: Chinese government files are GBK/GB18030 in practice; chardet breaks ties (Big5).
  const guess = (chardet.detect(b.subarray(0, 64 * 1024)) ?? '').toString().toLowerCase();
  const html = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(b.subarray(0, 2048).toString('latin1'));
  const declared = html?.[1]?.toLowerCase();
  const enc = declared && iconv.encodingExists(declared) && declared !== 'utf-8' ? declared : guess === 'big5' ? 'big5' : 'gb18030';
  return iconv.decode(b, enc);
}

/** Strict UTF-8 validation (fast path over ASCII). */
export function isValidUtf8(b: Uint8Array): boolean {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) need = 2;
    else if (c >= 0xf0 && c <= 0xf4) need = 3;
    else return false;
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return false;
    }
    i += need + 1;
  }
  return true;
}
