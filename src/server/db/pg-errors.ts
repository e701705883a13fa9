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
