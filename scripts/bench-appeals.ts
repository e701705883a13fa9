/**
 * Appeals benchmark on PostgreSQL (TEST_DATABASE_URL): BENCH_APPEALS appeals (default 1,000,000) over 3 years,
 * generated with one INSERT … SELECT generate_series, then p95 of the list, one appeal, the 三率 and the clusters
 * through app.inject, and intake throughput through the API (POST /api/v1/appeals: validation, jieba + simhash,
 * duplicate/cluster lookup, transaction with audit chain) beside raw INSERTs of the same rows in the same run.
 *   TEST_DATABASE_URL=postgres://… npx tsx scripts/bench-appeals.ts
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { build } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { createDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { hashPassword } from '../src/server/modules/auth/auth.passwords.ts';
import { simhash, tokenize } from '../src/core/appeals/index.ts';

const N = Number(process.env.BENCH_APPEALS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
const INTAKES = Number(process.env.BENCH_INTAKES ?? 200);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const PASSWORD = 'bench-password-1';
const emit = (line: Record<string, unknown>) => console.log(JSON.stringify({ bench: 'appeals', ...line }));
const p95 = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return Math.round(s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] * 10) / 10; };

const TEXTS = [
  '申请营业执照变更登记迟迟未办结', '食品经营许可证延续办理时间过长', '企业简易注销无法办理', '增值税留抵退税一直没有到账', '出口退税审核周期太长',
  '稳岗补贴迟迟没有到账', '企业招工难希望组织招聘会', '厂房不动产权证办理困难', '新增工业用地指标没有进展', '施工许可审批时间过长',
  '消防验收排期太久影响投产', '园区道路积水货车无法通行', '园区路灯不亮夜间不安全', '园区频繁停电影响生产', '网上办理系统经常登录不上',
  '窗口要求材料与指南不一致', '技改奖补资金至今未兑现', '中小企业融资难对接银行', '惠企政策申报入口找不到', '企业周边噪音扰民',
];

async function main() {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) { emit({ figure: 'skipped', reason: 'TEST_DATABASE_URL is not set (the appeals bench runs on PostgreSQL only)' }); return; }
  const schema = `bench_apl_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = await createDatabase({ databaseUrl: baseUrl, dataDir: null, schema, poolSize: 10 });
  const db = handle.db;
  try {
    await migrateToLatest(db);
    const t0 = performance.now();
    const city = randomUUID();
    const counties = [randomUUID(), randomUUID(), randomUUID()];
    await db.insertInto('regions').values([{ id: city, name: '基准市', kind: 'city', parent_id: null, path: `/${city}/`, updated_at: new Date() }, ...counties.map((id, i) => ({ id, name: `基准县${i + 1}`, kind: 'county' as const, parent_id: city, path: `/${city}/${id}/`, updated_at: new Date() }))]).execute();
    const units = Array.from({ length: 60 }, (_, i) => ({ id: randomUUID(), region_id: i < 30 ? city : counties[i % 3], name: `基准单位${i}`, kind: 'department' as const, updated_at: new Date() }));
    await db.insertInto('units').values(units).execute();
    const cats = ['license', 'tax', 'labour', 'land', 'construction', 'park', 'govservice', 'finance', 'other'];
    const catRows = await db.insertInto('appeal_categories').values(cats.map((code) => ({ region_id: city, code, name: code, keywords: [] }))).returning('id').execute();
    await db.insertInto('appeal_catalogue').values(catRows.map((c, i) => ({ category_id: c.id, unit_id: units[i].id, legal_basis: '权责清单', keywords: [] }))).execute();
    await sql`insert into enterprises (region_id, credit_code, name, updated_at)
      select (array[${sql.join(counties)}]::uuid[])[(g % 3) + 1], 'BENCH' || lpad(g::text, 13, '0'), '基准企业' || g, now() from generate_series(1, 5000) g`.execute(db);
    const hash = await hashPassword(PASSWORD, 1024);
    const ent = await db.selectFrom('enterprises').select(['id', 'region_id']).orderBy('credit_code').executeTakeFirstOrThrow();
    await db.insertInto('users').values([
      { username: 'bench-office', display_name: 'office', role: 'office', region_id: city, unit_id: null, enterprise_id: null, password_hash: hash, updated_at: new Date(), password_changed_at: new Date() },
      { username: 'bench-unit', display_name: 'unit', role: 'unit', region_id: city, unit_id: units[0].id, enterprise_id: null, password_hash: hash, updated_at: new Date(), password_changed_at: new Date() },
      { username: 'bench-ent', display_name: 'ent', role: 'enterprise', region_id: ent.region_id, unit_id: null, enterprise_id: ent.id, password_hash: hash, updated_at: new Date(), password_changed_at: new Date() },
    ]).execute();
    const texts = TEXTS.map((t) => { const tokens = tokenize(t); const h = simhash(tokens); return { t, tokens, h }; });
    const clusters = await db.insertInto('appeal_clusters').values(texts.map((x) => ({ region_id: city, region_path: `/${city}/`, keywords: x.tokens.slice(0, 5), size: Math.floor(N / texts.length), enterprises: 1000, first_at: new Date(Date.now() - 3 * 365 * 86_400_000), last_at: new Date() }))).returning('id').execute();
    await sql`create temporary table bench_texts (k int primary key, title text, tokens text[], hash text, cluster_id uuid)`.execute(db);
    for (const [i, x] of texts.entries()) await sql`insert into bench_texts values (${i + 1}, ${x.t}, ${x.tokens}::text[], ${x.h}, ${clusters[i].id})`.execute(db);
    // Status and lifecycle by residues; received evenly over three years back from now.
    const gen = performance.now();
    await sql`
      with g as (select i, (i % ${texts.length}) + 1 as k, now() - ((i::float / ${N}) * interval '1095 days') as rcv from generate_series(1, ${N}) i),
      e as (select e.id, e.region_id, r.path, e.name, row_number() over (order by e.id) as rn from enterprises e join regions r on r.id = e.region_id)
      insert into appeals (number, region_id, region_path, enterprise_id, enterprise_name, channel, category_id, title, description, status, unit_id,
        received_at, dispatched_at, signed_at, replied_at, callback_at, closed_at, sign_due, reply_due, resolve_due, signed_on_time, replied_on_time, closed_on_time,
        solved, satisfied, rating, dispatch_count, tokens, simhash, band0, band1, band2, band3, cluster_id, is_public, updated_at)
      select 'B' || lpad(g.i::text, 10, '0'), e.region_id, e.path, e.id, e.name, 'hotline', (array[${sql.join(catRows.map((c) => c.id))}]::uuid[])[(g.i % 9) + 1],
        t.title, t.title,
        case when g.rcv > now() - interval '20 days' then (array['received','dispatched','handling','replied','called_back'])[(g.i % 5) + 1] else 'closed' end,
        (array[${sql.join(units.map((u) => u.id))}]::uuid[])[(g.i % 60) + 1],
        g.rcv, g.rcv + interval '2 hours', g.rcv + interval '20 hours', g.rcv + interval '3 days', g.rcv + interval '4 days',
        case when g.rcv > now() - interval '20 days' then null else g.rcv + interval '5 days' end,
        (g.rcv + interval '1 day')::date, (g.rcv + interval '3 days')::date, (g.rcv + interval '21 days')::date,
        g.i % 10 <> 0, g.i % 7 <> 0, case when g.rcv > now() - interval '20 days' then null else g.i % 9 <> 0 end,
        g.i % 11 <> 0, g.i % 6 <> 0, case when g.i % 3 = 0 then null else 5 - (g.i % 5) end, 1,
        t.tokens, t.hash, substr(t.hash, 1, 4), substr(t.hash, 5, 4), substr(t.hash, 9, 4), substr(t.hash, 13, 4),
        t.cluster_id, g.i % 4 = 0, now()
      from g join e on e.rn = (g.i % 5000) + 1 join bench_texts t on t.k = g.k`.execute(db);
    await sql`analyze`.execute(db);
    emit({ figure: 'seeded', appeals: N, seconds: Math.round((performance.now() - gen) / 100) / 10, totalSeedSeconds: Math.round((performance.now() - t0) / 100) / 10 });

    const config = loadConfig({ YINGSHANG_LOG_LEVEL: 'silent', YINGSHANG_SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0', YINGSHANG_LOGIN_RATE_LIMIT: '100000', YINGSHANG_ARGON2_MEMORY_KIB: '1024' }, { dataDir: null });
    const app = await build({ config, database: handle });
    await app.ready();
    const login = async (username: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      return { cookie: `ys_sid=${res.cookies.find((c) => c.name === 'ys_sid')!.value}`, 'x-csrf-token': res.json().csrfToken as string };
    };
    const office = await login('bench-office');
    const unit = await login('bench-unit');
    const enterprise = await login('bench-ent');
    const one = await db.selectFrom('appeals').select('id').where('number', '=', `B${String(Math.floor(N / 2)).padStart(10, '0')}`).executeTakeFirstOrThrow();
    const endpoints = [
      { name: 'list (office, city subtree, page 1)', url: '/api/v1/appeals?page=1&pageSize=20', headers: office },
      { name: 'list (office, status=handling)', url: '/api/v1/appeals?status=handling&page=1&pageSize=20', headers: office },
      { name: 'list (unit, own)', url: '/api/v1/appeals?page=1&pageSize=20', headers: unit },
      { name: 'list (enterprise, own)', url: '/api/v1/appeals?page=1&pageSize=20', headers: enterprise },
      { name: 'one appeal (office)', url: `/api/v1/appeals/${one.id}`, headers: office },
      { name: '三率 by unit (default 6 months)', url: '/api/v1/appeal-stats?groupBy=unit', headers: office },
      { name: '三率 by month (one year)', url: `/api/v1/appeal-stats?groupBy=month&from=${new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)}`, headers: office },
      { name: 'clusters', url: '/api/v1/appeal-clusters', headers: office },
    ];
    for (const e of endpoints) {
      const warm = await app.inject({ url: e.url, headers: e.headers });
      if (warm.statusCode !== 200) throw new Error(`${e.name}: ${warm.statusCode} ${warm.body.slice(0, 300)}`);
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const s = performance.now();
        await app.inject({ url: e.url, headers: e.headers });
        times.push(performance.now() - s);
      }
      emit({ figure: 'p95_ms', endpoint: e.name, value: p95(times), samples: SAMPLES, goal: 200, appeals: N });
    }

    // Intake: the same rows through the API and as raw INSERTs, CLIENTS at a time.
    const bodies = Array.from({ length: INTAKES }, (_, i) => ({ description: `${TEXTS[i % TEXTS.length]}，第${i}次反映`, enterpriseId: ent.id, channel: 'hotline' as const }));
    const runPool = async (n: number, task: (i: number) => Promise<void>) => { let next = 0; await Promise.all(Array.from({ length: CLIENTS }, async () => { for (;;) { const i = next++; if (i >= n) return; await task(i); } })); };
    // One intake first: jieba loads its dictionary once per process.
    await app.inject({ method: 'POST', url: '/api/v1/appeals', headers: office, payload: { description: '预热：分词词典加载', enterpriseId: ent.id, channel: 'hotline' } });
    const a0 = performance.now();
    await runPool(INTAKES, async (i) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/appeals', headers: office, payload: bodies[i] });
      if (res.statusCode !== 201) throw new Error(`intake: ${res.statusCode} ${res.body.slice(0, 200)}`);
    });
    const apiPerSecond = INTAKES / ((performance.now() - a0) / 1000);
    const rows = await db.selectFrom('appeals').select(['region_id', 'region_path', 'enterprise_id', 'enterprise_name', 'category_id', 'title', 'description', 'tokens', 'simhash', 'band0', 'band1', 'band2', 'band3', 'resolve_due']).where('channel', '=', 'hotline').where('number', 'like', 'SQ%').limit(INTAKES).execute();
    const clients = await Promise.all(Array.from({ length: CLIENTS }, async () => { const c = new pg.Client({ connectionString: baseUrl, options: `-c search_path=${schema},public` }); await c.connect(); return c; }));
    const r0 = performance.now();
    let k = 0;
    await Promise.all(clients.map(async (c) => {
      for (;;) {
        const i = k++;
        if (i >= rows.length) return;
        const r = rows[i];
        await c.query(`insert into appeals (number, region_id, region_path, enterprise_id, enterprise_name, channel, category_id, title, description, received_at, resolve_due, tokens, simhash, band0, band1, band2, band3) values ($1,$2,$3,$4,$5,'hotline',$6,$7,$8,now(),$9,$10,$11,$12,$13,$14,$15)`,
          [`R${i}-${randomUUID().slice(0, 8)}`, r.region_id, r.region_path, r.enterprise_id, r.enterprise_name, r.category_id, r.title, r.description, r.resolve_due, r.tokens, r.simhash, r.band0, r.band1, r.band2, r.band3]);
      }
    }));
    const rawPerSecond = rows.length / ((performance.now() - r0) / 1000);
    await Promise.all(clients.map((c) => c.end()));
    emit({ figure: 'intake_per_second', api: Math.round(apiPerSecond), raw: Math.round(rawPerSecond), ratio: Math.round((apiPerSecond / rawPerSecond) * 100) / 100, goal: 0.5, rows: INTAKES, clients: CLIENTS,
      note: 'api: POST /api/v1/appeals via app.inject (validation, jieba+simhash, duplicate/cluster lookup over the band indexes, transaction, event, audit chain, notifications); raw: one INSERT per row of the same rows over pg' });
    await app.close();
  } finally {
    await handle.close();
    if (!process.env.BENCH_KEEP) {
      const drop = new pg.Client({ connectionString: baseUrl });
      await drop.connect();
      await drop.query(`drop schema ${schema} cascade`);
      await drop.end();
    } else emit({ figure: 'schema kept', schema });
  }
}

await main();
