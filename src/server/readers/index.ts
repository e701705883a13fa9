/**
 * Document readers at the edge: bytes of an uploaded plan -> plain text for the pure parser.
 * The format is detected from the content (magic bytes), the file name only breaks ties.
 */
import { readTextFile } from './text-reader.ts';
import { htmlToText } from './html-reader.ts';
import { DocumentReadError, type DocumentFormat } from './read-error.ts';

export { DocumentReadError, READ_ERRORS, type DocumentFormat, type ReadErrorCode } from './read-error.ts';

export interface ReadDocumentResult {
  text: string;
  format: DocumentFormat;
}

/** Largest document accepted (bytes). */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

/**
 * Detects the format of a document from its bytes.
 * @returns the format, or null for unknown binary content
 */
export function detectFormat(buf: Uint8Array, filename = ''): DocumentFormat | null {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  if (buf.length >= 5 && buf[0] === 0x25 && buf[1] === 0x50 && buf[2] === 0x44 && buf[3] === 0x46) return 'pdf'; // %PDF
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) {
    // A zip: .docx holds word/document.xml; .xlsx, .odt and others are not plans we read.
    const head = Buffer.from(buf.subarray(0, Math.min(buf.length, 64 * 1024))).toString('latin1');
    if (head.includes('word/')) return 'docx';
    if (ext === 'docx') return 'docx';
    return null;
  }
  if (buf.length >= 8 && buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0) return 'doc'; // OLE2
  if (buf.length >= 5 && buf[0] === 0x7b && buf[1] === 0x5c && buf[2] === 0x72 && buf[3] === 0x74 && buf[4] === 0x66) return 'rtf';
  if (looksBinary(buf)) return null;
  const head = Buffer.from(buf.subarray(0, 2048)).toString('latin1').toLowerCase();
  if (/<!doctype html|<html[\s>]|<body[\s>]|<p[\s>]|<div[\s>]|<meta[\s>]/.test(head) || ext === 'html' || ext === 'htm') return 'html';
  return 'txt';
}

function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  if (n === 0) return false;
  // UTF-16 text carries a BOM; other text has almost no control bytes.
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return false;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) ctrl++;
  }
  return ctrl / n > 0.02;
}

/**
 * Reads an uploaded document into text.
 * @param buf the file's bytes
 * @param filename the name it was uploaded under (used for messages and to break ties)
 * @returns the text and the detected format
 * @throws DocumentReadError with code PLAN_READ_UNSUPPORTED, PLAN_READ_ENCRYPTED, PLAN_READ_NO_TEXT,
 *   PLAN_READ_CORRUPT or PLAN_READ_TOO_LARGE
 */
export async function readDocument(buf: Uint8Array, filename: string): Promise<ReadDocumentResult> {
  if (buf.length > MAX_DOCUMENT_BYTES) throw new DocumentReadError('PLAN_READ_TOO_LARGE', { filename });
  if (buf.length === 0) throw new DocumentReadError('PLAN_READ_NO_TEXT', { filename });
  const format = detectFormat(buf, filename);
  if (!format || format === 'rtf') throw new DocumentReadError('PLAN_READ_UNSUPPORTED', { filename });
  let text: string;
  switch (format) {
    case 'pdf': {
      const { readPdf } = await import('./pdf-reader.ts');
      text = await readPdf(buf, filename);
      break;
    }
    case 'docx': {
      const { readDocx } = await import('./docx-reader.ts');
      text = await readDocx(buf, filename);
      break;
    }
    case 'doc': {
      const { readDoc } = await import('./doc-reader.ts');
      text = await readDoc(buf, filename);
      break;
    }
    case 'html':
      text = htmlToText(readTextFile(buf));
      break;
    default:
      text = readTextFile(buf);
  }
  text = text.replace(/\u0000/g, '');
  if (!/[\u4e00-\u9fffA-Za-z0-9]/.test(text)) throw new DocumentReadError('PLAN_READ_NO_TEXT', { filename, format });
  return { text, format };
}
