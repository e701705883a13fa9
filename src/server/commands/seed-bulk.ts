import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Bulk helpers for seed steps (the demo seeder runs each step in one transaction; a statement per row is what
 * made a cold demo start slow). Every helper sends one statement per `chunk` rows.
 */

/** PostgreSQL type of each column to update, e.g. `{ progress: 'integer', updated_at: 'timestamptz' }`. */
export type ColumnTypes = Record<string, string>;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * `UPDATE table SET col = v.col, … FROM jsonb_to_recordset($rows) WHERE table.id = v.id` — many rows, each its
 * own values, in one statement. Values are sent as JSON (Dates become ISO strings; jsonb columns take objects).
 */
export async function bulkUpdateById(
  db: Kysely<Database>,
  table: keyof Database & string,
  types: ColumnTypes,
  rows: readonly ({ id: string } & Record<string, unknown>)[],
  chunk = 1000,
): Promise<void> {
  const columns = Object.keys(types);
  for (const name of [table, ...columns, ...Object.values(types).map((t) => t.replace(/\[\]$/, '').replace(/ /g, '_'))]) {
    if (!IDENTIFIER.test(name)) throw new Error(`bulkUpdateById: unexpected identifier ${name}`);
  }
  const recordType = sql.raw(['id uuid', ...columns.map((c) => `${c} ${types[c]}`)].join(', '));
  const assignments = sql.raw(columns.map((c) => `${c} = v.${c}`).join(', '));
  for (let i = 0; i < rows.length; i += chunk) {
    const slice = rows.slice(i, i + chunk);
    await sql`update ${sql.table(table)} as t set ${assignments}
      from jsonb_to_recordset(${JSON.stringify(slice)}::jsonb) as v(${recordType})
      where t.id = v.id`.execute(db);
  }
}

/** INSERT of many rows, `chunk` rows per statement (Kysely builds the VALUES list). */
export async function bulkInsert<T extends keyof Database & string>(db: Kysely<Database>, table: T, rows: readonly Record<string, unknown>[], chunk = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await db.insertInto(table).values(rows.slice(i, i + chunk) as never).execute();
  }
}
