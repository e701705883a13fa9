/**
 * Supervision at scale, on PostgreSQL (TEST_DATABASE_URL): 50 plans × 40 measures × 3 lead units = 6,000 tasks and
 * 100,000 progress reports in a fresh schema, then
 * - p50/p95 of GET /api/v1/tasks (office page, unit "mine"), GET /api/v1/dashboard, GET /api/v1/rankings (by unit
 *   and by county), through the real app (`build()` + `inject`, so routing, auth, schemas and serialisation count);
 * - report-submit throughput (POST /api/v1/tasks/:id/reports with submit, through the app, BENCH_CLIENTS concurrent
 *   clients) beside raw PostgreSQL insert throughput in the same run: the same number of report-shaped rows, one
 *   autocommitted single-row INSERT each, from the same number of concurrent connections, into a copy of the reports
 *   table with its indexes (measured just before and just after the submits; the ratio uses their mean).
 * Prints one JSON line per figure, e.g. {"bench":"supervision","figure":"GET /api/v1/dashboard","p50Ms":…,"p95Ms":…}.
 *   TEST_DATABASE_URL=postgres://… npm run -s bench:supervision
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { build } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { createDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { Database } from '../src/server/db/schema.ts';
import { verifyAuditChain } from '../src/server/modules/audit/audit.service.ts';
import { hashPassword } from '../src/server/modules/auth/auth.passwords.ts';
import { officeToday } from '../src/server/modules/supervision/supervision.clock.ts';
import { addDays, createWorkingCalendar } from '../src/core/calendar/index.ts';
import { effectiveDueDate } from '../src/core/supervision/index.ts';

const PLANS = 50;
const MEASURES = 40;
const LEADS = 3;
const UNITS = 60;
const REPORTS = 100_000;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 200);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const PASSWORD = 'bench-password-1';

type Line = Record<string, string | number | boolean | null>;
const emit = (line: Line) => console.log(JSON.stringify({ bench: 'supervision', ...line }));

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i] * 10) / 10;
}

async function seed(db: Kysely<Database>, today: string) {
  const t0 = performance.now();
  const city = randomUUID();
  const counties = [randomUUID(), randomUUID(), randomUUID()];
  await db
    .insertInto('regions')
    .values([
      { id: city, name: '基准市', code: null, kind: 'city', parent_id: null, path: `/${city}/`, updated_at: new Date() },
      ...counties.map((id, i) => ({ id, name: `基准县${i + 1}`, code: null, kind: 'county' as const, parent_id: city, path: `/${city}/${id}/`, updated_at: new Date() })),
    ])
    .execute();
  const units = Array.from({ length: UNITS }, (_, i) => ({
    id: randomUUID(),
    region_id: i < 20 ? city : counties[i % 3],
    name: `基准单位${String(i + 1).padStart(2, '0')}`,
    short_name: null,
    kind: 'department' as const,
    aliases: [],
    updated_at: new Date(),
  }));
  await db.insertInto('units').values(units).execute();
  const hash = await hashPassword(PASSWORD, 1024);
  const user = (username: string, role: 'office' | 'unit', unitId: string | null, regionId: string) => ({
    username,
    display_name: username,
    role,
    unit_id: unitId,
    region_id: regionId,
    password_hash: hash,
    updated_at: new Date(),
    password_changed_at: new Date(),
  });
  await db
    .insertInto('users')
    .values([user('bench-office', 'office', null, city), ...units.slice(0, 4).map((u, i) => user(`bench-unit-${i}`, 'unit', u.id, u.region_id))])
    .execute();

  const start = addDays(today, -500);
  const plans = Array.from({ length: PLANS }, (_, i) => ({
    id: randomUUID(),
    region_id: city,
    title: `基准方案${i + 1}`,
    issuer: null,
    region_name: '基准市',
    issued_on: null,
    base_year: Number(start.slice(0, 4)),
    status: 'published' as const,
    source_name: 'bench.txt',
    source_format: 'txt' as const,
    source_text: '…',
    default_units: '[]',
    goals: '[]',
    issues: '[]',
    created_by: null,
    updated_at: new Date(),
    published_at: new Date(),
  }));
  await db.insertInto('plans').values(plans).execute();
  const measures = plans.flatMap((p) =>
    Array.from({ length: MEASURES }, (_, j) => ({
      id: randomUUID(),
      plan_id: p.id,
      seq: j + 1,
      number: String(j + 1),
      section: `第${Math.floor(j / 8) + 1}章`,
      title: null,
      text: `${p.title}第${j + 1}项举措：压缩办理时限，提升服务效能。`,
      lead_units: '[]',
      cooperating_units: '[]',
      deadlines: '[]',
      targets: '[]',
      span_start: null,
      span_end: null,
    })),
  );
  for (let i = 0; i < measures.length; i += 500) await db.insertInto('plan_measures').values(measures.slice(i, i + 500)).execute();

  let k = 0;
  const calendar = createWorkingCalendar();
  const tasks = measures.flatMap((m, mi) =>
    Array.from({ length: LEADS }, (_, r) => {
      const unit = units[(mi * LEADS + r) % UNITS];
      const n = k++;
      const closed = n % 5 === 0;
      const due = addDays(today, (n % 400) - 200);
      return {
        id: randomUUID(),
        region_id: unit.region_id,
        unit_id: unit.id,
        plan_id: m.plan_id,
        measure_id: m.id,
        status: closed ? ('closed' as const) : ('in_progress' as const),
        start_on: start,
        due_date: due,
        extended_due_date: n % 37 === 0 ? addDays(due, 60) : null,
        // As the light computation stores it (the rows are written as computed today).
        effective_due_date: effectiveDueDate({ due, extendedTo: n % 37 === 0 ? addDays(due, 60) : null }, calendar),
        progress: closed ? 100 : n % 100,
        cycle: 'monthly' as const,
        nth_working_day: 5,
        due_soon_days: 3,
        progress_lag_pct: 20,
        signed_at: new Date(),
        closed_at: closed ? new Date(`${addDays(due, (n % 7) - 3)}T10:00:00+08:00`) : null,
        completed_on: closed ? addDays(due, (n % 7) - 3) : null,
        completed_on_time: closed ? (n % 7) - 3 <= 0 : null,
        light: closed ? ('done' as const) : due < today ? ('red' as const) : n % 3 === 0 ? ('yellow' as const) : ('green' as const),
        reasons: JSON.stringify([{ code: 'ON_TRACK', severity: 'green', message: '按计划推进', params: {} }]),
        light_computed_on: today,
        updated_at: new Date(),
      };
    }),
  );
  for (let i = 0; i < tasks.length; i += 500) await db.insertInto('tasks').values(tasks.slice(i, i + 500)).execute();
  // One KPI on every other task.
  await sql`insert into task_kpis (task_id, seq, metric, op, target, unit, actual, attainment)
    select id, 1, '办理时限', '<=', 5, '个工作日', case when random() < 0.8 then 5 + random() * 3 end, null from tasks where (hashtext(id::text) & 1) = 0`.execute(db);
  await sql`update task_kpis set attainment = least(1, 5 / actual) where actual is not null`.execute(db);
  // 100,000 reports: the monthly reports of every task, oldest periods first, most accepted and on time.
  const perTask = Math.ceil(REPORTS / tasks.length);
  await sql`insert into reports (task_id, region_id, unit_id, period, period_label, due_on, status, summary, progress, is_final, fill_seconds, field_count, created_at, updated_at, submitted_at, on_time, reviewed_at, reviewer_name)
    select t.id, t.region_id, t.unit_id, to_char(m, 'YYYY-MM'), to_char(m, 'YYYY"年"FMMM"月"'), (m + interval '1 month 6 days')::date,
      case when g % 10 = 0 then 'returned' else 'accepted' end, '本月按计划推进，完成阶段性工作。', least(100, g * 6), false,
      60 + (g * 37) % 600, 3, now(), now(), (m + interval '1 month 4 days' + (g % 4) * interval '1 day')::timestamptz, (g % 4) < 3, now(), '基准审核人'
    from (select id, region_id, unit_id, row_number() over (order by id) as rn from tasks) t
    cross join generate_series(1, ${perTask}) g
    cross join lateral (select (date_trunc('month', ${start}::date) + (g - 1) * interval '1 month')::date as m) mm
    where (t.rn - 1) * ${perTask} + g <= ${REPORTS}`.execute(db);
  await sql`vacuum analyze`.execute(db);
  const counts = await sql<{ tasks: number; reports: number }>`select (select count(*) from tasks)::int as tasks, (select count(*) from reports)::int as reports`.execute(db);
  emit({ figure: 'seed', tasks: counts.rows[0].tasks, reports: counts.rows[0].reports, ms: Math.round(performance.now() - t0) });
  return { city, units, plans };
}

async function main() {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) {
    emit({ figure: 'skipped', reason: 'TEST_DATABASE_URL is not set (the supervision bench runs on PostgreSQL only)' });
    return;
  }
  const schema = `bench_sup_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = await createDatabase({ databaseUrl: baseUrl, dataDir: null, schema, poolSize: 20 });
  try {
    await migrateToLatest(handle.db);
    const now = new Date();
    const today = officeToday(now);
    const { plans } = await seed(handle.db, today);
    const config = loadConfig({
      YINGSHANG_LOG_LEVEL: 'silent',
      YINGSHANG_SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0',
      YINGSHANG_LOGIN_RATE_LIMIT: '100000',
      YINGSHANG_ARGON2_MEMORY_KIB: '1024',
    });
    const app = await build({ config, database: handle });
    await app.ready();
    const login = async (username: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      return { cookie: `ys_sid=${res.cookies.find((c) => c.name === 'ys_sid')!.value}`, 'x-csrf-token': res.json().csrfToken as string };
    };
    const office = await login('bench-office');
    if (process.env.BENCH_SEED_ONLY) return;
    const unit = await login('bench-unit-0');

    const endpoints: { figure: string; url: string; headers: Record<string, string> }[] = [
      { figure: 'GET /api/v1/tasks (office, page 1 of 6000)', url: '/api/v1/tasks?pageSize=20', headers: office },
      { figure: 'GET /api/v1/tasks (office, one plan, red)', url: `/api/v1/tasks?planId=${plans[7].id}&light=red&pageSize=50`, headers: office },
      { figure: 'GET /api/v1/tasks?mine=true (unit)', url: '/api/v1/tasks?mine=true&pageSize=20', headers: unit },
      { figure: 'GET /api/v1/dashboard (all plans)', url: '/api/v1/dashboard', headers: office },
      { figure: 'GET /api/v1/dashboard?planId', url: `/api/v1/dashboard?planId=${plans[3].id}`, headers: office },
      { figure: 'GET /api/v1/rankings (by unit, all plans)', url: '/api/v1/rankings', headers: office },
      { figure: 'GET /api/v1/rankings?by=region', url: '/api/v1/rankings?by=region', headers: office },
      { figure: 'GET /api/v1/rankings?planId', url: `/api/v1/rankings?planId=${plans[3].id}`, headers: office },
    ];
    for (const e of endpoints) {
      for (let i = 0; i < 3; i++) {
        const res = await app.inject({ url: e.url, headers: e.headers });
        if (res.statusCode !== 200) throw new Error(`${e.url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      }
      const ms: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const t = performance.now();
        await app.inject({ url: e.url, headers: e.headers });
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      emit({ figure: e.figure, samples: SAMPLES, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95), goalP95Ms: 100, ok: percentile(ms, 95) < 100 });
    }

    // Report submission: open tasks of the liaison accounts, one submitted report each, at 1, 4 and 16 clients.
    const unitIds = (await handle.db.selectFrom('users').select('unit_id').where('username', 'like', 'bench-unit-%').execute()).map((u) => u.unit_id!);
    const allTargets = await handle.db
      .selectFrom('tasks')
      .innerJoin('users', 'users.unit_id', 'tasks.unit_id')
      .select(['tasks.id', 'users.username'])
      .where('tasks.unit_id', 'in', unitIds)
      .where('tasks.status', '<>', 'closed')
      .orderBy('tasks.id')
      .execute();
    const sessions = new Map<string, Record<string, string>>();
    for (const u of new Set(allTargets.map((t) => t.username))) sessions.set(u, await login(u));
    const runClients = async (clients: number, count: number, work: (i: number, client: number) => Promise<void>) => {
      let next = 0;
      const started = performance.now();
      await Promise.all(Array.from({ length: clients }, async (_, client) => {
        for (let i = next++; i < count; i = next++) await work(i, client);
      }));
      return count / ((performance.now() - started) / 1000);
    };
    const submitPayload = { summary: '本月完成系统对接和窗口培训。', progress: 60, kpiValues: [], isFinal: false, submit: true, fillSeconds: 90 };
    const submitOne = (target: { id: string; username: string }) =>
      app.inject({ method: 'POST', url: `/api/v1/tasks/${target.id}/reports`, headers: sessions.get(target.username)!, payload: submitPayload });

    // The probe: one submit whose transaction is captured statement by statement (pg's Client.query), to
    // replay with pgbench — the physical limit of this work is what PostgreSQL does with those statements alone.
    const probe = allTargets.shift()!;
    const captured: { text: string; values: unknown[] }[] = [];
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const [q, v] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
      if (typeof q === 'string') captured.push({ text: q, values: v ?? [] });
      else if (q && typeof q === 'object' && 'text' in q) captured.push({ text: q.text, values: q.values ?? v ?? [] });
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    const probed = await submitOne(probe);
    pg.Client.prototype.query = original;
    if (probed.statusCode !== 201) throw new Error(`probe submit: ${probed.statusCode} ${probed.body}`);
    const begin = captured.findIndex((c) => /^begin/i.test(c.text));
    const commit = captured.findIndex((c, i) => i > begin && /^commit/i.test(c.text));
    const transaction = captured.slice(begin, commit + 1);
    const reportId = probed.json().id as string;
    const auditIds = new Set((await handle.db.selectFrom('audit_log').select('id').where('entity_id', '=', reportId).execute()).map((r) => r.id));
    const probePeriod = probed.json().period as string;
    const { prepareValue } = (await import('node:module')).createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue(v: unknown): unknown };
    const literal = (value: unknown): string => {
      if (value === null || value === undefined) return 'null';
      if (value === probe.id) return '(select id from pgb_targets where n = :n)';
      if (typeof value === 'string' && auditIds.has(value)) return 'gen_random_uuid()';
      if (value === probePeriod) return `('pgb-' || :n || '-' || md5(random()::text))`;
      const text = prepareValue(value);
      return typeof text === 'string' ? `'${text.replace(/'/g, "''")}'` : String(text);
    };
    const pgbenchScript = ['\\set n random(1, :scale)', ...transaction.map((c) => {
      let text = c.text;
      for (let i = c.values.length; i >= 1; i--) text = text.split(`$${i}`).join(literal(c.values[i - 1]));
      return `${text.replace(/\s+/g, ' ').trim()};`;
    })].join('\n');
    emit({ figure: 'submit transaction', roundTrips: transaction.length, statements: transaction.map((c) => c.text.replace(/\s+/g, ' ').slice(0, 60)).join(' | ') });

    // Raw PostgreSQL: single-row autocommitted INSERTs of report-shaped rows into raw_reports (the reports table's
    // columns, defaults, checks and indexes; no foreign keys), one connection per client.
    const raws = await Promise.all(
      Array.from({ length: 16 }, async () => {
        const c = new pg.Client({ connectionString: baseUrl, options: `-c search_path=${schema},public` });
        await c.connect();
        return c;
      }),
    );
    await raws[0].query('create table raw_reports (like reports including all)');
    const userId = (await handle.db.selectFrom('users').select('id').where('username', '=', probe.username).executeTakeFirst())?.id ?? null;
    const taskRows = await handle.db.selectFrom('tasks').select(['id', 'region_id', 'unit_id']).where('id', 'in', allTargets.map((t) => t.id)).execute();
    let rawRound = 0;
    const rawInserts = async (clients: number, count: number) => {
      const round = rawRound++;
      return runClients(clients, count, async (i, client) => {
        const t = taskRows[i % taskRows.length];
        await raws[client].query(
          `insert into raw_reports (task_id, region_id, unit_id, period, period_label, due_on, status, summary, progress, is_final, fill_seconds, field_count, created_by, created_at, updated_at, submitted_at, on_time)
           values ($1, $2, $3, $4, $5, $6, 'submitted', $7, 60, false, 90, 2, $8, now(), now(), now(), true)`,
          [t.id, t.region_id, t.unit_id, `raw-${round}-${i}`, '2026年1月', today, '本月完成系统对接和窗口培训。', userId],
        );
      });
    };
    // pgbench over the same schema: a table of open tasks to draw from (other than the app's targets).
    await raws[0].query(`create table pgb_targets as select row_number() over (order by id)::int as n, id from tasks where status <> 'closed'`);
    await raws[0].query('alter table pgb_targets add primary key (n)');
    const scale = Number((await raws[0].query('select count(*)::int as n from pgb_targets')).rows[0].n);
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { spawnSync } = await import('node:child_process');
    const scriptFile = join(mkdtempSync(join(tmpdir(), 'ys-pgbench-')), 'submit.sql');
    writeFileSync(scriptFile, pgbenchScript + '\n');
    const pgbenchBin = ['/usr/lib/postgresql/15/bin/pgbench', 'pgbench'].find((b) => spawnSync(b, ['--version']).status === 0);
    const url = new URL(baseUrl);
    const pgbench = (clients: number, seconds: number): number | null => {
      if (!pgbenchBin) return null;
      const res = spawnSync(
        pgbenchBin,
        ['-n', '-f', scriptFile, '-D', `scale=${scale}`, '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), '-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres'), url.pathname.slice(1)],
        { encoding: 'utf8', env: { ...process.env, PGOPTIONS: `-c search_path=${schema},public` } },
      );
      const m = /tps = ([\d.]+)/.exec(res.stdout);
      if (!m) emit({ figure: 'pgbench error', clients, stderr: res.stderr.slice(0, 400) });
      return m ? Number(m[1]) : null;
    };

    // The audit chainer runs as in the server (every 200 ms), so its work competes with the submits.
    const { startAuditChainer } = await import('../src/server/modules/audit/audit.chainer.ts');
    const chainer = startAuditChainer(handle.db, { signer: null });
    const LEVELS = (process.env.BENCH_CLIENT_LEVELS ?? '1,4,16').split(',').map(Number);
    const perLevel = Math.min(SUBMITS, Math.floor(allTargets.length / LEVELS.length));
    const bySubmit = new Map<number, number>();
    let offset = 0;
    let failed = 0;
    for (const clients of LEVELS) {
      const targets = allTargets.slice(offset, offset + perLevel);
      offset += perLevel;
      const rawBefore = await rawInserts(clients, perLevel);
      const started = performance.now();
      const submitPerSecond = await runClients(clients, targets.length, async (i) => {
        const res = await submitOne(targets[i]);
        if (res.statusCode !== 201) {
          failed++;
          if (failed === 1) emit({ figure: 'submit error', status: res.statusCode, body: res.body.slice(0, 300) });
        }
      });
      const seconds = Math.max(3, Math.round((performance.now() - started) / 1000));
      const rawAfter = await rawInserts(clients, perLevel);
      const replay = pgbench(clients, seconds);
      const rawPerSecond = (rawBefore + rawAfter) / 2;
      bySubmit.set(clients, submitPerSecond);
      emit({
        figure: 'report submit throughput',
        clients,
        submits: targets.length,
        submitPerSecond: Math.round(submitPerSecond * 10) / 10,
        pgbenchSameStatementsPerSecond: replay === null ? null : Math.round(replay * 10) / 10,
        ratioToPgbench: replay === null ? null : Math.round((submitPerSecond / replay) * 1000) / 1000,
        goalRatioToPgbench: 0.5,
        rawInsertPerSecond: Math.round(rawPerSecond * 10) / 10,
        ratioToRawInsert: Math.round((submitPerSecond / rawPerSecond) * 1000) / 1000,
        submit: 'POST /api/v1/tasks/:id/reports (submit=true, no KPIs) through app.inject: auth, validation, the transaction, response',
        reference: `pgbench -c ${clients} replaying the probe submit's ${transaction.length} statements (BEGIN…COMMIT, literals inlined, a random open task each); raw: single-row autocommit INSERT into raw_reports`,
      });
    }
    if (bySubmit.has(1) && bySubmit.has(16)) {
      const scaling = bySubmit.get(16)! / bySubmit.get(1)!;
      emit({ figure: 'submit scaling 16 vs 1 client', value: Math.round(scaling * 100) / 100, goal: 2.5, ok: scaling >= 2.5 });
    }
    await chainer.stop();
    await Promise.all(raws.map((c) => c.end()));
    const { chainPendingAudit } = await import('../src/server/modules/audit/audit.chainer.ts');
    const chained = await chainPendingAudit(handle.db);
    const audit = await verifyAuditChain(handle.db);
    emit({ figure: 'audit chain after the submits', chainedAfterwards: chained.chained, rows: audit.checked, ok: audit.ok, failedSubmits: failed });
    await app.close();
  } finally {
    await handle.close();
    if (process.env.BENCH_KEEP_SCHEMA) {
      emit({ figure: 'schema kept', schema });
      return;
    }
    const drop = new pg.Client({ connectionString: baseUrl });
    await drop.connect();
    await drop.query(`drop schema ${schema} cascade`);
    await drop.end();
  }
}

await main();
