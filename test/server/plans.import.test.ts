import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SEED_STEPS, seedDemo } from '../../src/server/commands/demo-seeder.ts';
import { importPlan } from '../../src/server/commands/plan-importer.ts';
import { buildRegion } from '../helpers/factories.ts';
import { createTestDatabase, ROOT, type TestDatabase } from '../helpers/test-app.ts';
import { SEED_FILES, seedBytes } from './plans-helpers.ts';

const run = promisify(execFile);

describe('importPlan', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('should import each seed as a draft, audited as the system, in well under a second', async () => {
    const region = await buildRegion(database.handle.db, { name: '示范市' });
    const timings: number[] = [];
    for (const file of SEED_FILES) {
      const started = performance.now();
      const result = await importPlan(database.handle.db, { region, source: { kind: 'file', data: seedBytes(file), filename: file }, by: { id: null, name: 'test' } });
      timings.push(performance.now() - started);
      const stored = await database.handle.db.selectFrom('plans').selectAll().where('id', '=', result.id).executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ status: 'draft', version: 1, source_name: file, source_format: 'txt', region_id: region.id });
      const measures = await database.handle.db.selectFrom('plan_measures').select('seq').where('plan_id', '=', result.id).orderBy('seq').execute();
      expect(measures.map((m) => m.seq)).toEqual(Array.from({ length: result.measureCount }, (_, i) => i + 1));
      expect(result.measureCount).toBeGreaterThan(20);
      const audit = await database.handle.db.selectFrom('audit_log').select(['action', 'actor_id', 'actor_name']).where('entity_id', '=', result.id).execute();
      expect(audit).toEqual([{ action: 'import', actor_id: null, actor_name: 'test' }]);
    }
    // The first import pays for JIT warm-up; every later one must be fast.
    expect(Math.max(...timings.slice(1))).toBeLessThan(1000);
  });
});

describe('demo seed', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('should import the five seed plans as drafts of the demo city with mostly resolved units', async () => {
    // The steps up to the plans; the later supervision step publishes some of them (supervision.seed.test.ts).
    const steps = DEMO_SEED_STEPS.slice(0, DEMO_SEED_STEPS.findIndex((s) => s.name === 'plans') + 1);
    const ran = await seedDemo(database.handle.db, { argon2MemoryKib: 1024, steps });
    expect(ran).toEqual(steps.map((s) => s.name));
    const db = database.handle.db;
    // Each seed plan belongs to its own real region (GB/T 2260 codes; 兰州新区 620171).
    const plans = await db.selectFrom('plans').innerJoin('regions', 'regions.id', 'plans.region_id').select(['plans.id', 'plans.status', 'regions.code', 'plans.source_name']).orderBy('plans.source_name').execute();
    expect(plans.map((p) => p.source_name)).toEqual(SEED_FILES);
    expect(plans.every((p) => p.status === 'draft')).toBe(true);
    expect(plans.map((p) => p.code)).toEqual(['621100', '620700', '620171', '652800', '330800']);
    const ids = (await db.selectFrom('settings').select('value').where('key', '=', 'demo_seed_ids').executeTakeFirstOrThrow()).value as Record<string, string>;
    expect(ids['plan:000']).toBe(plans[0].id);

    const measures = await db.selectFrom('plan_measures').select(['lead_units', 'cooperating_units']).execute();
    const refs = measures.flatMap((m) => [...(m.lead_units as { printed: string; unitId: string | null }[]), ...(m.cooperating_units as { printed: string; unitId: string | null }[])]);
    const collective = /^各|有关|直各|域各/;
    const single = refs.filter((r) => !collective.test(r.printed));
    expect(single.length).toBeGreaterThan(200);
    expect(single.filter((r) => r.unitId).length / single.length).toBeGreaterThan(0.9);
    // A second start seeds nothing again.
    expect(await seedDemo(db, { argon2MemoryKib: 1024, steps })).toEqual([]);
  });
});

describe('CLI import and export', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ys-plans-cli-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('should import a seed into the only region, print its id, and export it as xlsx and json', async () => {
    // PGlite holds its folder exclusively: the children open it after this process closed it.
    const database = await createTestDatabase({ dataDir: join(dir, 'data') });
    await buildRegion(database.handle.db, { name: '示范市', code: 'demo' });
    const db = database.url ? ['--database-url', database.url] : ['--data-dir', join(dir, 'data')];
    if (!database.url) await database.drop();
    const bin = join(ROOT, 'bin/yingshang');
    const env = { ...process.env, TZ: 'UTC' };
    const file = join(ROOT, 'test/fixtures/seeds', SEED_FILES[3]);

    const missing = await run(bin, ['import', file, '--region', 'nope', ...db], { env }).catch((err) => err);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no region with code "nope"');

    const { stdout, stderr } = await run(bin, ['import', file, '--year', '2022', ...db], { env });
    const id = stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(stderr).toMatch(/measures/);

    const out = join(dir, 'plan.xlsx');
    await run(bin, ['export', id, '--format', 'xlsx', '--out', out, ...db], { env });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(wb.worksheets[0].name).toBe('任务分解表');
    expect(wb.worksheets[0].rowCount).toBeGreaterThan(30);

    const json = JSON.parse((await run(bin, ['export', id, '--format', 'json', ...db], { env })).stdout);
    expect(json).toMatchObject({ source: SEED_FILES[3], baseYear: 2022 });
    expect(json.measures.length).toBeGreaterThan(30);

    if (database.url) await database.drop();
  }, 120_000);
});
