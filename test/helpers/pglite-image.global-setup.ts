import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { PGliteDialect, SessionLock } from '../../src/server/db/pglite-dialect.ts';
import type { Database } from '../../src/server/db/schema.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data-folder image with every migration applied, made once per run. */
    pgliteImagePath: string;
  }
}

/**
 * Runs the real migrations once per test run on an in-memory PGlite and saves its data folder, so
 * each test file starts its own database from that image instead of running initdb and the
 * migrations again (STYLE.md §5: globalSetup migrates once).
 */
export default async function setup(project: TestProject) {
  const pglite = await PGlite.create();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite, new SessionLock()) });
  await migrateToLatest(db);
  await db.destroy();
  const image = await pglite.dumpDataDir('none');
  await pglite.close();
  const path = join(tmpdir(), `ys-pglite-image-${process.pid}-${Date.now()}.tar`);
  writeFileSync(path, Buffer.from(await image.arrayBuffer()));
  project.provide('pgliteImagePath', path);
  return () => rmSync(path, { force: true });
}
