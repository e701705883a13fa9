import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect, SessionLock } from './pglite-dialect.ts';
import { EmptyInListPlugin } from './empty-in-plugin.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface SqlResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** pg-boss's `db` adapter; on PGlite it shares the session lock with Kysely. */
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  /** A folder for PGlite, or `null` for an in-memory database. */
  dataDir: string | null;
  /** PostgreSQL only: schema put first on the search_path (tests isolate per file this way). */
  schema?: string;
  poolSize?: number;
  /** PGlite in memory only: start from this data-folder image (tests load a migrated one). */
  image?: Blob;
}

const INT8_OID = 20;

// Counters and ids of type bigint stay far below 2^53; numbers are simpler for every caller.
pg.types.setTypeParser(INT8_OID, (value: string) => Number(value));

export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? createPostgres(options.databaseUrl, options) : createPGlite(options.dataDir, options.image);
}

async function createPostgres(url: string, options: DatabaseOptions): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema},public` } : {}),
  });
  // An idle client's socket error (e.g. the server restarting) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new EmptyInListPlugin()] });
  let closed = false;
  return {
    db,
    kind: 'postgres',
    async executeSql(text, values) {
      const result = await pool.query(text, values as unknown[] | undefined);
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

async function createPGlite(dataDir: string | null, image?: Blob): Promise<DatabaseHandle> {
  let dir: string | undefined;
  // One process per data folder: a second one would run its own PostgreSQL over the same files.
  let folderLock: DataDirLock | undefined;
  let pglite: PGlite;
  try {
    if (dataDir) {
      folderLock = acquireDataDirLock(dataDir);
      dir = resolve(dataDir, 'pglite');
      if (!existsSync(join(dir, 'PG_VERSION'))) await initializePGliteDir(dir);
    }
    pglite = await PGlite.create({
      dataDir: dir,
      ...(image && !dir ? { loadDataDir: image } : {}),
      parsers: { [INT8_OID]: (value: string) => Number(value) },
    });
  } catch (err) {
    folderLock?.release();
    throw err;
  }
  const lock = new SessionLock();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite, lock), plugins: [new EmptyInListPlugin()] });
  let closed = false;
  return {
    db,
    kind: 'pglite',
    executeSql(text, values) {
      return lock.run(async () => {
        // pg-boss sends migrations and maintenance as several statements in one string, which only
        // the simple-query protocol (`exec`) accepts; parameters need the extended one (`query`).
        if (!values || values.length === 0) {
          const results = await pglite.exec(text);
          const last = results[results.length - 1];
          return { rows: (last?.rows ?? []) as Record<string, unknown>[], rowCount: last?.affectedRows ?? 0 };
        }
        const result = await pglite.query<Record<string, unknown>>(text, values);
        return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      // Waits for the statement in flight, then checkpoints so the data folder is consistent.
      try {
        await lock.run(() => pglite.close());
      } finally {
        folderLock?.release();
      }
    },
  };
}

function pgliteVersion(): string {
  try {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const root = entry.slice(0, entry.lastIndexOf('/dist/'));
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * A freshly initialised cluster (initdb, the slowest part of a first start: 15–40 s on a busy 2-core machine),
 * kept as a tar image in the user's cache folder (`YINGSHANG_CACHE_DIR`, default ~/.cache/yingshang) per PGlite
 * version, so that every data folder after the first on this machine skips initdb. A cache that cannot be
 * read or written is ignored.
 */
async function initdbImage(): Promise<Blob> {
  const cacheDir = process.env.YINGSHANG_CACHE_DIR || join(homedir(), '.cache', 'yingshang');
  const file = join(cacheDir, `pglite-${pgliteVersion()}-initdb.tar`);
  try {
    if (existsSync(file)) return new Blob([readFileSync(file)]);
  } catch {
    // unreadable cache: initdb below
  }
  const memory = await PGlite.create();
  const image = await memory.dumpDataDir('none');
  await memory.close();
  try {
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await image.arrayBuffer()));
    renameSync(partial, file);
  } catch {
    // read-only home: no cache
  }
  return image;
}

/**
 * Creates a new PGlite data folder. initdb writes thousands of small files, which is several
 * times slower on the real filesystem than in memory, so the cluster is initialised in memory and
 * its image written out once. It is written beside the target and renamed into place, so an
 * interrupted first start leaves no half-made folder behind.
 */
async function initializePGliteDir(dir: string): Promise<void> {
  const staging = `${dir}.init-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(resolve(dir, '..'), { recursive: true });
  const image = await initdbImage();
  const written = await PGlite.create({ dataDir: staging, loadDataDir: image });
  await written.close();
  if (existsSync(dir)) {
    if (readdirSync(dir).length > 0) {
      rmSync(staging, { recursive: true, force: true });
      throw new Error(`${dir} is not empty but holds no PostgreSQL data folder (no PG_VERSION); move it away and start again`);
    }
    rmSync(dir, { recursive: true });
  }
  renameSync(staging, dir);
}
