/** Legacy Word .doc -> text with word-extractor. */
import WordExtractor from 'word-extractor';
import { DocumentReadError } from './read-error.ts';

/**
 * Reads a .doc (Word 97-2003) file.
 * @throws DocumentReadError PLAN_READ_ENCRYPTED for protected files, PLAN_READ_CORRUPT otherwise
 */
export async function readDoc(buf: Uint8Array, filename: string): Promise<string> {
  const buffer = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  try {
    const doc = await new WordExtractor().extract(buffer);
    return doc.getBody().replace(/\r\n?/g, '\n');
  } catch (err) {
    const msg = (err as Error).message ?? '';
    if (/encrypt|password/i.test(msg)) throw new DocumentReadError('PLAN_READ_ENCRYPTED', { filename, format: 'doc', cause: msg });
    throw new DocumentReadError('PLAN_READ_CORRUPT', { filename, format: 'doc', cause: msg });
  }
}
