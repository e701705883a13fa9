/**
 * Indicators at province scale: 120 regions × 300 leaves × 36 periods.
 * - core: full recompute of all 36 periods (goal < 1 s), and beside it in the same run an incremental recompute
 *   after one value changes (fixed frontier: the leaf's path in one region; sample frontier: the leaf's column);
 * - PostgreSQL (TEST_DATABASE_URL): the 1.3 M values generated in SQL in a fresh schema, then p50/p95 of
 *   GET /api/v1/evaluations through the real app (`build()` + `inject`): first request of each period (scored from
 *   the database) and repeated requests (cached scores, validated by the period's change stamp); goal p95 < 200 ms.
 * Prints one JSON line per figure.
 *   TEST_DATABASE_URL=postgres://… npm run -s bench:indicators
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { buildPeriodValues, compileTreeOrThrow, scorePeriod, updateValue, type IndicatorNodeSpec } from '../src/core/scoring/index.ts';
import { build } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { createDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { hashPassword } from '../src/server/modules/auth/auth.passwords.ts';

const REGIONS = 120;
const FIRST = 20;
const SECOND = 3;
const LEAVES_PER = 5; // 20 × 3 × 5 = 300 leaves
const PERIODS = 36;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
const PASSWORD = 'bench-password-1';

type Line = Record<string, string | number | boolean | null>;
const emit = (line: Line) => console.log(JSON.stringify({ bench: 'indicators', ...line }));
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[i], 1);
}

/** The tree: 20 first-level × 3 second-level × 5 leaves; every tenth leaf takes its frontier from the sample. */
function treeNodes(): IndicatorNodeSpec[] {
  const nodes: IndicatorNodeSpec[] = [];
  let leaf = 0;
  for (let a = 0; a < FIRST; a++) {
    nodes.push({ key: `F${a}`, parentKey: null, name: `一级${a}`, weight: 1 + (a % 3) });
    for (let b = 0; b < SECOND; b++) {
      nodes.push({ key: `F${a}.${b}`, parentKey: `F${a}`, name: `二级${a}.${b}`, weight: 1 });
      for (let c = 0; c < LEAVES_PER; c++, leaf++) {
        const sample = leaf % 10 === 0;
        nodes.push({
          key: `F${a}.${b}.${c}`, parentKey: `F${a}.${b}`, name: `末级${leaf}`, weight: 1 + (c % 2),
          leaf: { direction: c % 2 ? 'higher' : 'lower', frontier: sample ? { mode: 'sample' } : c % 2 ? { mode: 'fixed', best: 100, worst: 0 } : { mode: 'fixed', best: 0, worst: 100 }, transform: c === 4 ? 'nonlinear' : 'linear' },
        });
      }
    }
  }
  return nodes;
}

/** Deterministic value of (period, region, leaf), the same formula as the SQL generator below; ~2 % missing. */
const valueOf = (p: number, r: number, l: number) => ((r * 37 + l * 11 + p * 3) % 100) + ((r + l) % 7) / 10;
const isMissing = (p: number, r: number, l: number) => (p * 7 + r * 13 + l * 17) % 50 === 0;

function benchCore() {
  const nodes = treeNodes();
  const tree = compileTreeOrThrow(nodes);
  const regions = Array.from({ length: REGIONS }, (_, i) => `r${i}`);
  const L = tree.leafNodes.length;
  const periods = Array.from({ length: PERIODS }, (_, p) => {
    const values = new Float64Array(REGIONS * L);
    for (let r = 0; r < REGIONS; r++) for (let l = 0; l < L; l++) values[r * L + l] = isMissing(p, r, l) ? Number.NaN : valueOf(p, r, l);
    return { regions, values };
  });
  // Warm-up once (JIT), then the measured full recompute of every period.
  for (const p of periods) scorePeriod(tree, p);
  const runs: number[] = [];
  let scored = periods.map((p) => scorePeriod(tree, p));
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    scored = periods.map((p) => scorePeriod(tree, p));
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  emit({ figure: 'core full recompute (120 regions × 300 leaves × 36 periods)', values: REGIONS * L * PERIODS, medianMs: round(runs[2]), maxMs: round(runs[4]), goalMs: 1000, ok: runs[4] < 1000 });
  const fixedLeaf = tree.keys[tree.leafNodes[1]];
  const sampleLeaf = tree.keys[tree.leafNodes[0]];
  const inc = (leaf: string, value: (i: number) => number) => {
    const ms: number[] = [];
    let cells = 0;
    let moved = 0;
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      const s = updateValue(scored[i % PERIODS], regions[i % REGIONS], leaf, value(i));
      ms.push(performance.now() - t);
      cells = Math.max(cells, s.cells);
      if (s.frontierChanged) moved++;
    }
    ms.sort((a, b) => a - b);
    return { p50: ms[100], p95: ms[190], cells, moved };
  };
  const fixed = inc(fixedLeaf, (i) => 10 + (i % 50));
  emit({ figure: 'core incremental recompute after one value change (fixed frontier)', p50Ms: round(fixed.p50, 4), p95Ms: round(fixed.p95, 4), cellsRecomputed: fixed.cells, fullRecomputeOnePeriodMs: round(runs[2] / PERIODS, 3) });
  const moving = inc(sampleLeaf, (i) => (i % 2 ? -50 : 500));
  emit({ figure: 'core incremental recompute after one value change (sample frontier moves)', p50Ms: round(moving.p50, 4), p95Ms: round(moving.p95, 4), cellsRecomputedMax: moving.cells, changesThatMovedTheFrontier: moving.moved, fullRecomputeOnePeriodMs: round(runs[2] / PERIODS, 3) });
  // The incremental result equals a full recompute.
  const check = scorePeriod(tree, { regions, values: scored[0].values.slice() });
  let maxDiff = 0;
  for (let i = 0; i < check.scores.length; i++) {
    const a = check.scores[i];
    const b = scored[0].scores[i];
    if (Number.isNaN(a) !== Number.isNaN(b)) maxDiff = Infinity;
    else if (!Number.isNaN(a)) maxDiff = Math.max(maxDiff, Math.abs(a - b));
  }
  emit({ figure: 'core incremental equals full recompute', maxAbsDiff: maxDiff, ok: maxDiff < 1e-9 });
  return nodes;
}

async function benchPostgres(nodes: IndicatorNodeSpec[]) {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) {
    emit({ figure: 'endpoint skipped', reason: 'TEST_DATABASE_URL is not set (the evaluations endpoint bench runs on PostgreSQL)' });
    return;
  }
  const schema = `bench_ind_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = await createDatabase({ databaseUrl: baseUrl, dataDir: null, schema, poolSize: 10 });
  try {
    await migrateToLatest(handle.db);
    const db = handle.db;
    const t0 = performance.now();
    const province = randomUUID();
    await db.insertInto('regions').values({ id: province, name: '基准省', code: null, kind: 'province', parent_id: null, path: `/${province}/`, updated_at: new Date() }).execute();
    const regions = Array.from({ length: REGIONS }, (_, i) => ({ id: randomUUID(), i }));
    await db.insertInto('regions').values(regions.map((r) => ({ id: r.id, name: `基准市${String(r.i).padStart(3, '0')}`, code: null, kind: 'city' as const, parent_id: province, path: `/${province}/${r.id}/`, updated_at: new Date() }))).execute();
    await db.insertInto('users').values({ username: 'bench-office', display_name: '基准营商办', role: 'office', unit_id: null, region_id: province, enterprise_id: null, password_hash: await hashPassword(PASSWORD, 1024), updated_at: new Date(), password_changed_at: new Date() }).execute();
    const { id: systemId } = await db.insertInto('indicator_systems').values({ region_id: province, lineage_id: randomUUID(), version: 1, name: '基准体系', created_by: null, updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    const leafKeys: string[] = [];
    await db.insertInto('indicator_nodes').values(nodes.map((n, seq) => {
      if (n.leaf) leafKeys.push(n.key);
      return {
        system_id: systemId, key: n.key, parent_key: n.parentKey, seq, name: n.name, weight: n.weight, aggregation: 'weighted_mean' as const, is_leaf: !!n.leaf, component: null, unit_label: '',
        direction: n.leaf?.direction ?? null, frontier_mode: n.leaf?.frontier.mode ?? null, best: n.leaf?.frontier.mode === 'fixed' ? n.leaf.frontier.best : null, worst: n.leaf?.frontier.mode === 'fixed' ? n.leaf.frontier.worst : null,
        transform: n.leaf?.transform ?? 'linear', exponent: null, data_source: 'manual' as const, provider: null, cycle: 'year' as const, responsible_unit_id: null,
      };
    })).execute();
    // 1.3 M values generated in SQL with the same formula as the core bench.
    await sql`
      insert into indicator_values (system_id, node_key, region_id, period, value, source, entered_by_name, entered_at)
      select ${systemId}::uuid, lk.key, rg.id, (2023 + p / 12)::text || '-' || lpad((p % 12 + 1)::text, 2, '0'), ((rg.i * 37 + lk.l * 11 + p * 3) % 100) + ((rg.i + lk.l) % 7) / 10.0, 'import', 'bench', now()
      from generate_series(0, ${PERIODS - 1}) p
      cross join (select unnest(${sql.val(regions.map((r) => r.id))}::uuid[]) as id, generate_series(0, ${REGIONS - 1}) as i) rg
      cross join (select unnest(${sql.val(leafKeys)}::text[]) as key, generate_series(0, ${leafKeys.length - 1}) as l) lk
      where (p * 7 + rg.i * 13 + lk.l * 17) % 50 <> 0`.execute(db);
    await sql`analyze indicator_values`.execute(db);
    const n = await db.selectFrom('indicator_values').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    emit({ figure: 'seed', values: n.n, ms: Math.round(performance.now() - t0) });
    const periods = Array.from({ length: PERIODS }, (_, p) => `${2023 + Math.floor(p / 12)}-${String((p % 12) + 1).padStart(2, '0')}`);
    const config = loadConfig({ YINGSHANG_LOG_LEVEL: 'silent', YINGSHANG_SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0', YINGSHANG_LOGIN_RATE_LIMIT: '100000', YINGSHANG_ARGON2_MEMORY_KIB: '1024' });
    const app = await build({ config, database: handle });
    await app.ready();
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'bench-office', password: PASSWORD } });
    const headers = { cookie: `ys_sid=${res.cookies.find((c) => c.name === 'ys_sid')!.value}` };
    const get = async (period: string) => {
      const t = performance.now();
      const r = await app.inject({ url: `/api/v1/evaluations?systemId=${systemId}&period=${period}`, headers });
      if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body.slice(0, 300)}`);
      return performance.now() - t;
    };
    await get(periods[0]);
    const cold: number[] = [];
    for (const p of periods.slice(1)) cold.push(await get(p));
    cold.sort((a, b) => a - b);
    emit({ figure: 'GET /api/v1/evaluations (first request of a period: 36,000 values read and scored)', samples: cold.length, p50Ms: percentile(cold, 50), p95Ms: percentile(cold, 95), goalP95Ms: 200, ok: percentile(cold, 95) < 200 });
    const warm: number[] = [];
    for (let i = 0; i < SAMPLES; i++) warm.push(await get(periods[i % PERIODS]));
    warm.sort((a, b) => a - b);
    emit({ figure: 'GET /api/v1/evaluations (repeat: cached scores, change stamp checked)', samples: warm.length, p50Ms: percentile(warm, 50), p95Ms: percentile(warm, 95), goalP95Ms: 200, ok: percentile(warm, 95) < 200 });
    await app.close();
  } finally {
    await handle.close();
    const drop = new pg.Client({ connectionString: baseUrl });
    await drop.connect();
    await drop.query(`drop schema ${schema} cascade`);
    await drop.end();
  }
}

const nodes = benchCore();
await benchPostgres(nodes);
