import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Database } from './schema.ts';

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly results: MigrationResultSet['results'],
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * Reads `YYYY_MM_DD_HHMM_name.ts` files. Kysely's FileMigrationProvider imports from inside
 * node_modules, where test runners do not transform TypeScript; importing here, they do.
 */
export class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    const files = (await fs.readdir(this.folder)).filter((f) => /^\d{4}_\d{2}_\d{2}_\d{4}_[a-z0-9_]+\.ts$/.test(f)).sort();
    for (const file of files) {
      const module = (await import(pathToFileURL(path.join(this.folder, file)).href)) as Partial<Migration>;
      if (typeof module.up !== 'function') throw new Error(`migration ${file} does not export up()`);
      migrations[file.slice(0, -3)] = { up: module.up, down: module.down };
    }
    return migrations;
  }
}

export interface MigrateOptions {
  folder?: string;
  /** Bookkeeping table; tests point a second folder at its own table. */
  migrationTable?: string;
}

/**
 * The bookkeeping tables live in the connection's current schema, named explicitly: Kysely otherwise looks for its
 * lock table in every schema, and on a PostgreSQL shared by several schemas (one per test file) it finds another
 * schema's and never creates its own.
 */
async function migrator(db: Kysely<Database>, options: MigrateOptions): Promise<Migrator> {
  const table = options.migrationTable;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return new Migrator({
    db,
    provider: new FolderMigrationProvider(options.folder ?? MIGRATIONS_FOLDER),
    migrationTableSchema: rows[0]?.schema ?? 'public',
    ...(table ? { migrationTableName: table, migrationLockTableName: `${table}_lock` } : {}),
  });
}

/**
 * Applies every pending migration. `Migrator` reports failure in `result.error` instead of
 * throwing; this turns it into a `MigrationError` naming the migration that failed.
 * @returns the names of the migrations applied by this call.
 */
export async function migrateToLatest(db: Kysely<Database>, options: MigrateOptions = {}): Promise<string[]> {
  const { error, results = [] } = await (await migrator(db, options)).migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    const cause = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      failed ? `migration ${failed.migrationName} failed: ${cause}` : `migrations failed: ${cause}`,
      results,
    );
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
