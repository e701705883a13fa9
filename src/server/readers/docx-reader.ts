/** .docx -> text with mammoth, through HTML so that Word's automatic list numbers come back. */
import { AppError } from '../errors.ts';
import { checkArchive } from './archive-guard.ts';
import { htmlToText } from './html-reader.ts';
import { DocumentReadError } from './read-error.ts';

/**
 * Reads a .docx file.
 * @throws DocumentReadError PLAN_READ_CORRUPT when the package cannot be opened; AppError
 *   UPLOAD_ARCHIVE_TOO_LARGE / UPLOAD_ARCHIVE_INVALID from the archive guard, before anything expands
 */
export async function readDocx(buf: Uint8Array, filename: string): Promise<string> {
  const buffer = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  // Sizes and ratio from the central directory first: a 300 KB file must not expand to 100 MB in mammoth.
  try {
    await checkArchive(buffer);
  } catch (err) {
    if (err instanceof AppError && err.code === 'UPLOAD_ARCHIVE_INVALID') throw new DocumentReadError('PLAN_READ_CORRUPT', { filename, format: 'docx', cause: err.message });
    throw err;
  }
  // Loaded only for a package that passed the guard (mammoth and its XML stack take a while to load).
  const { default: mammoth } = await import('mammoth');
  try {
    const { value } = await mammoth.convertToHtml({ buffer }, { ignoreEmptyParagraphs: true, includeDefaultStyleMap: true });
    return htmlToText(value);
  } catch (err) {
    throw new DocumentReadError('PLAN_READ_CORRUPT', { filename, format: 'docx', cause: (err as Error).message });
  }
}
