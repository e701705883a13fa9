import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportStartupError } from '../../src/server/commands/cli-support.ts';
import { MigrationError, migrateToLatest } from '../../src/server/db/migrate.ts';
import { startJobs } from '../../src/server/jobs/registry.ts';
import { findSetting, upsertSetting } from '../../src/server/modules/settings/settings.queries.ts';
import { ROOT, createTestDatabase, testEnv, type TestDatabase } from '../helpers/test-app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SEED_STEPS, seedDemo } from '../../src/server/commands/demo-seeder.ts';
import { verifyAuditChain } from '../../src/server/modules/audit/audit.service.ts';
import { login } from '../../src/server/modules/auth/auth.service.ts';
import { isDemoInstall } from '../../src/server/modules/settings/settings.service.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createDatabase', () => {
  it('should keep a statement from outside a transaction out of it (PGlite has one session)', async () => {
    const key = `uncommitted-${randomUUID()}`;
    let inserted!: () => void;
    const insertedSignal = new Promise<void>((r) => (inserted = r));
    const writer = t.handle.db.transaction().execute(async (trx) => {
      await upsertSetting(trx, key, 1);
      inserted();
      await sleep(150);
      throw new Error('roll back');
    });
    await insertedSignal;
    const seen = await findSetting(t.handle.db, key);
    await expect(writer).rejects.toThrow('roll back');
    expect(seen).toBeUndefined();
    expect(await findSetting(t.handle.db, key)).toBeUndefined();
  });

  it('should run multi-statement SQL and parameterised SQL through executeSql (the pg-boss adapter)', async () => {
    const table = `exec_${randomUUID().slice(0, 8)}`;
    await t.handle.executeSql(`create table ${table} (n int); insert into ${table} values (1), (2);`);
    const { rows } = await t.handle.executeSql(`select sum(n)::int as total from ${table} where n >= $1`, [1]);
    expect(rows).toEqual([{ total: 3 }]);
  });
});

describe(migrateToLatest.name, () => {
  const folder = join(ROOT, 'tmp', `migrations-${randomUUID().slice(0, 8)}`);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('should throw a MigrationError naming the failed migration and apply nothing of the batch', async () => {
    mkdirSync(folder, { recursive: true });
    const table = `mig_${randomUUID().slice(0, 8)}`;
    writeFileSync(join(folder, '2030_01_01_0000_good.ts'), `export async function up(db) { await db.schema.createTable('${table}').addColumn('id', 'integer').execute(); }\n`);
    writeFileSync(join(folder, '2030_01_01_0001_broken.ts'), `export async function up(db) { await db.schema.createTable('${table}_b').addColumn('id', 'no_such_type').execute(); }\n`);
    const error = await migrateToLatest(t.handle.db, { folder, migrationTable: `kysely_migration_${table}` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toContain('2030_01_01_0001_broken failed');
    const exists = await sql<{ found: string | null }>`select to_regclass(${table}) as found`.execute(t.handle.db);
    expect(exists.rows[0].found).toBeNull();

    let stderr = '';
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
    try {
      expect(reportStartupError(error)).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    expect(stderr).toContain('database migration failed, nothing was started');
  });
});

describe(startJobs.name, () => {
  it('should run a job sent to pg-boss on this database, and stop cleanly', async () => {
    const name = `test-job-${randomUUID().slice(0, 8)}`;
    const done: unknown[] = [];
    const config = loadConfig(testEnv());
    const runner = await startJobs(
      t.handle,
      { db: t.handle.db, config, now: () => new Date(), log: { info() {}, warn() {}, error() {} } as never },
      [{ name, perform: async (_ctx, data) => void done.push(data) }],
      { schema: `${t.schema ?? 'pgboss'}_boss`.replace(/^pgboss_boss$/, 'pgboss'), pollingIntervalSeconds: 0.5 },
    );
    try {
      await runner.boss.send(name, { hello: 'world' });
      for (let i = 0; i < 60 && done.length === 0; i++) await sleep(250);
      expect(done).toEqual([{ hello: 'world' }]);
    } finally {
      await runner.stop();
    }
  }, 60_000);
});

describe(seedDemo.name, () => {
  it('should seed the foundation steps once, audited, with working demo accounts, and mark the install as demo', async () => {
    const steps = DEMO_SEED_STEPS.filter((s) => s.name === 'regions-and-units' || s.name === 'accounts');
    expect(await seedDemo(t.handle.db, { argon2MemoryKib: 1024, steps })).toEqual(['regions-and-units', 'accounts']);
    expect(await seedDemo(t.handle.db, { argon2MemoryKib: 1024, steps })).toEqual([]);
    expect(await isDemoInstall(t.handle.db)).toBe(true);

    const regions = await t.handle.db.selectFrom('regions').select(['name', 'kind']).where('code', 'in', ['620000', '621100', '620700', '620100', '652800', '330800']).execute();
    expect(regions).toHaveLength(6);
    const units = await t.handle.db.selectFrom('units').select(['name', 'aliases']).execute();
    expect(units.length).toBeGreaterThanOrEqual(12);
    expect(units.every((u) => u.aliases.length > 0)).toBe(true);
    const users = await t.handle.db.selectFrom('users').select(['username', 'role']).orderBy('username').execute();
    // The enterprise account comes with the enterprises step (it needs an enterprise), not run here.
    expect(users).toEqual(DEMO_ACCOUNTS.filter((a) => a.role !== 'enterprise').map((a) => ({ username: a.username, role: a.role })).sort((a, b) => a.username.localeCompare(b.username)));

    const deps = { db: t.handle.db, sessionSecret: 's'.repeat(32), sessionIdleMinutes: 30, sessionMaxHours: 12, argon2MemoryKib: 1024, sessionCacheMs: 0, now: () => new Date() };
    const office = await login(deps, 'office', DEMO_PASSWORD, { ip: null, userAgent: null });
    expect(office.actor).toMatchObject({ role: 'office', regionName: '定西市', unitName: '定西市营商环境建设局' });
    expect((await verifyAuditChain(t.handle.db)).ok).toBe(true);
  });
});
