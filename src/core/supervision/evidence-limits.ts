/**
 * Limits on a report's evidence (佐证材料), shared by the server (multipart limit, service check) and the
 * web form (size check before upload, help text), so that the number the form says is the one enforced.
 */

/** One evidence file at most this many bytes (10 MB); stored in the database. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** At most this many evidence files on one report. */
export const EVIDENCE_MAX_FILES = 10;

/**
 * The limit in whole megabytes, for messages.
 * @param bytes a byte count
 * @returns megabytes rounded down, e.g. `megabytes(10 * 1024 * 1024)` is `10`
 */
export function megabytes(bytes: number): number {
  return Math.floor(bytes / (1024 * 1024));
}
