/** .docx -> text with mammoth, through HTML so that Word's automatic list numbers come back. */
import mammoth from 'mammoth';
import { htmlToText } from './html-reader.ts';
import { DocumentReadError } from './read-error.ts';

/**
 * Reads a .docx file.
 * @throws DocumentReadError PLAN_READ_CORRUPT when the package cannot be opened
 */
export async function readDocx(buf: Uint8Array, filename: string): Promise<string> {
  const buffer = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  try {
    const { value } = await mammoth.convertToHtml({ buffer }, { ignoreEmptyParagraphs: true, includeDefaultStyleMap: true });
    return htmlToText(value);
  } catch (err) {
    throw new DocumentReadError('PLAN_READ_CORRUPT', { filename, format: 'docx', cause: (err as Error).message });
  }
}
