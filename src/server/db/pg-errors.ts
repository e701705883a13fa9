/** PostgreSQL error fields as both node-postgres and PGlite expose them. */
interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as PgError | null;
  if (!e || e.code !== '23505') return false;
  return constraint === undefined || e.constraint === constraint || (e.detail ?? '').includes(constraint);
}

/** A row still references the one being deleted (or a new row references a missing one). */
export function isForeignKeyViolation(err: unknown): boolean {
  return (err as PgError | null)?.code === '23503';
}

/**
 * What the API answers for a PostgreSQL refusal that slipped past the service checks: a row still
 * referenced (23503, or 23001 for ON DELETE RESTRICT) is a 409, a value PostgreSQL cannot store (class 22: bad date, out of range,
 * invalid text encoding, NUL) a 400. Anything else stays a 500 (a bug).
 */
export function clientErrorOfDatabase(err: unknown): { code: 'RECORD_IN_USE' | 'DB_VALUE_REFUSED'; details: unknown } | null {
  const e = err as (PgError & { name?: string }) | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (!/^[0-9A-Z]{5}$/.test(code)) return null;
  if (code === '23503' || code === '23001') return { code: 'RECORD_IN_USE', details: { constraint: e?.constraint ?? null } };
  if (code.startsWith('22')) return { code: 'DB_VALUE_REFUSED', details: { sqlstate: code } };
  return null;
}
