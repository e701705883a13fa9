import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { DestinationStream } from 'pino';
import { inject } from 'vitest';
import { build } from '../../src/server/app.ts';
import { loadConfig, type Config } from '../../src/server/config.ts';
import { createDatabase, type DatabaseHandle } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Variables of .env.test, parsed as KEY=VALUE lines. */
export function testEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(ROOT, '.env.test'), 'utf8').split('\n')) {
    const m = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2].trim();
  }
  return env;
}

export type TestDbKind = 'pglite' | 'postgres';

export function testDbKind(): TestDbKind {
  const kind = process.env.YS_TEST_DB ?? 'pglite';
  if (kind === 'postgres' && !process.env.TEST_DATABASE_URL) throw new Error('YS_TEST_DB=postgres needs TEST_DATABASE_URL');
  return kind === 'postgres' ? 'postgres' : 'pglite';
}

export interface TestDatabase {
  handle: DatabaseHandle;
  /** PostgreSQL: the per-file schema; the URL below selects it for child processes. */
  schema: string | null;
  url: string | null;
  dataDir: string | null;
  drop(): Promise<void>;
}

/**
 * A migrated database for one test file: in-memory PGlite (or a folder when `dataDir` is given),
 * or a fresh schema on TEST_DATABASE_URL, so files never see each other's rows or audit chain.
 */
export async function createTestDatabase(options: { dataDir?: string } = {}): Promise<TestDatabase> {
  if (testDbKind() === 'pglite') {
    const imagePath = options.dataDir ? undefined : inject('pgliteImagePath');
    const image = imagePath ? new Blob([readFileSync(imagePath)]) : undefined;
    const handle = await createDatabase({ databaseUrl: null, dataDir: options.dataDir ?? null, image });
    // The image was migrated by the global setup of this run with the same files.
    if (!image) await migrateToLatest(handle.db);
    return { handle, schema: null, url: null, dataDir: options.dataDir ?? null, drop: () => handle.close() };
  }
  const baseUrl = process.env.TEST_DATABASE_URL!;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = await createDatabase({ databaseUrl: baseUrl, dataDir: null, schema, poolSize: 5 });
  await migrateToLatest(handle.db);
  const url = `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema},public`)}`;
  return {
    handle,
    schema,
    url,
    dataDir: null,
    async drop() {
      await handle.close();
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}

export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

function testClock(): TestClock {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
}

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  db: DatabaseHandle['db'];
  config: Config;
  clock: TestClock;
  close(): Promise<void>;
}

/** `build(config)` over a fresh test database; use `app.inject()`. */
export async function createTestApp(options: { env?: Record<string, string>; dataDir?: string; logStream?: DestinationStream } = {}): Promise<TestApp> {
  const database = await createTestDatabase({ dataDir: options.dataDir });
  const config = loadConfig({ ...testEnv(), ...options.env }, { dataDir: options.dataDir ?? null });
  const clock = testClock();
  const app = await build({ config, database: database.handle, now: clock.now, logStream: options.logStream });
  await app.ready();
  return {
    app,
    database,
    db: database.handle.db,
    config,
    clock,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
