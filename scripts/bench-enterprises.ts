/**
 * The enterprise registry at scale, on PostgreSQL (TEST_DATABASE_URL), in a fresh schema:
 * - 300,000 enterprises (seeded in SQL with generate_series: a city and five counties, real GB/T 4754 codes, all four
 *   size classes, 10 % tagged, 3 % credit-flagged; codes are unique but not check-digit valid, which no read checks);
 * - p50/p95 of GET /api/v1/enterprises (list, filters, search by name and by code) through the real app
 *   (`build()` + `inject`: routing, auth, schemas and serialisation count);
 * - importing 100,000 new rows of a 市场监管-layout .csv through the import service (read, validate every cell, diff
 *   against the registry, all-or-nothing upsert with figures, tags, timeline and audit) beside PostgreSQL COPY
 *   (`psql \copy`) of the same rows into a copy of the enterprises table with its indexes, in the same run.
 * Prints one JSON line per figure: {"bench":"enterprises","figure":…,"p50Ms":…,"p95Ms":…}.
 *   TEST_DATABASE_URL=postgres://… npm run -s bench:enterprises
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '../src/core/enterprise/credit-code.ts';
import { build } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { createDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { Database } from '../src/server/db/schema.ts';
import type { Actor } from '../src/server/modules/auth/auth.actor.ts';
import { hashPassword } from '../src/server/modules/auth/auth.passwords.ts';
import { importEnterprises } from '../src/server/modules/enterprises/enterprises.import.ts';

const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 300_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
const PASSWORD = 'bench-password-1';
const COUNTIES = ['瑶海区', '庐阳区', '蜀山区', '包河区', '长丰县'];
const COUNTY_CODES = ['340102', '340103', '340104', '340111', '340121'];
const INDUSTRIES = ['C3311', 'C3484', 'C3670', 'C3981', 'C2927', 'E4710', 'F5175', 'F5211', 'G5431', 'H6210', 'I6513', 'K7020', 'L7212', 'M7320', 'A0141'];

type Line = Record<string, string | number | boolean | null>;
const emit = (line: Line) => console.log(JSON.stringify({ bench: 'enterprises', ...line }));
const round = (n: number) => Math.round(n * 10) / 10;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[i]);
}

async function seed(db: Kysely<Database>) {
  const t0 = performance.now();
  const city = randomUUID();
  const counties = COUNTIES.map(() => randomUUID());
  await db
    .insertInto('regions')
    .values([
      { id: city, name: '合肥市', code: '340100', kind: 'city', parent_id: null, path: `/${city}/`, updated_at: new Date() },
      ...counties.map((id, i) => ({ id, name: COUNTIES[i], code: COUNTY_CODES[i], kind: 'county' as const, parent_id: city, path: `/${city}/${id}/`, updated_at: new Date() })),
    ])
    .execute();
  const regionArray = `{${[city, ...counties].join(',')}}`;
  const industryArray = `{${INDUSTRIES.join(',')}}`;
  await sql`
    insert into enterprises (region_id, credit_code, name, legal_rep_name, legal_rep_phone, industry_code, size_class, size_rule, established_on, registered_capital, address, updated_at)
    select (${regionArray}::uuid[])[1 + i % 6],
      '91340100' || upper(substr(md5(i::text), 1, 10)),
      (array['恒达','华信','鑫源','瑞丰','泰和','盛世','博远','安泰','宏图','中天'])[1 + i % 10] || (array['机械','科技','商贸','物流','建设','软件','电子','食品'])[1 + (i / 10) % 8] || i || '有限公司',
      '王伟', '13800000000',
      (${industryArray}::text[])[1 + i % 15],
      (array['micro','micro','small','small','medium','large'])[1 + i % 6],
      '工信部联企业〔2011〕300号',
      date '2000-01-01' + (i % 9000),
      (i % 5000)::numeric, '基准路' || i || '号', now()
    from generate_series(1, ${ENTERPRISES}) as i`.execute(db);
  await sql`insert into enterprise_tags (enterprise_id, tag, valid_from, valid_to, source)
    select id, (array['高新技术企业','专精特新','规上'])[1 + (abs(hashtext(id::text)) % 3)], null, null, '基准' from enterprises where abs(hashtext(id::text)) % 10 = 0`.execute(db);
  await sql`insert into enterprise_credit_flags (enterprise_id, kind, since, until, source)
    select id, 'abnormal', date '2024-01-01', null, '基准' from enterprises where abs(hashtext(id::text || 'f')) % 33 = 0`.execute(db);
  await sql`analyze`.execute(db);
  const passwordHash = await hashPassword(PASSWORD, 1024);
  await db.insertInto('users').values({ username: 'bench-office', display_name: 'bench office', role: 'office', region_id: city, password_hash: passwordHash, updated_at: new Date() }).execute();
  emit({ figure: 'seed', enterprises: ENTERPRISES, seconds: round((performance.now() - t0) / 1000) });
  return { city, counties };
}

function importRows(n: number, counties: string[]): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    let body = '';
    let x = i + 7919;
    for (let k = 0; k < 9; k++) {
      body += CREDIT_CODE_ALPHABET[x % 31];
      x = Math.floor(x / 31) + k * 131;
    }
    const first17 = `92${COUNTY_CODES[i % 5]}${body}`;
    rows.push([
      first17 + creditCodeCheckChar(first17),
      `导入${i}号商贸有限公司`,
      '李娜',
      counties[i % 5],
      `${counties[i % 5]}市场监督管理局`,
      `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
      String(100 + (i % 900)),
      INDUSTRIES[i % 15].slice(1),
      `导入路${i}号`,
      String(5 + (i % 400)),
      String(50 + (i % 9000)),
      String(80 + (i % 7000)),
      i % 10 === 0 ? '高新技术企业（有效期至2028-12-31）' : '',
    ]);
  }
  return rows;
}

const csvLine = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');

async function main() {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) {
    emit({ figure: 'skipped', reason: 'TEST_DATABASE_URL is not set (the enterprises bench runs on PostgreSQL only)' });
    return;
  }
  const schema = `bench_ent_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const tmp = mkdtempSync(join(tmpdir(), 'ys-bench-ent-'));
  const handle = await createDatabase({ databaseUrl: baseUrl, dataDir: null, schema, poolSize: 10 });
  try {
    await migrateToLatest(handle.db);
    const { city } = await seed(handle.db);
    const config = loadConfig({
      YINGSHANG_LOG_LEVEL: 'silent',
      YINGSHANG_SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0',
      YINGSHANG_LOGIN_RATE_LIMIT: '100000',
      YINGSHANG_ARGON2_MEMORY_KIB: '1024',
    });
    const app = await build({ config, database: handle });
    await app.ready();
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'bench-office', password: PASSWORD } });
    const office = { cookie: `ys_sid=${res.cookies.find((c) => c.name === 'ys_sid')!.value}` };
    const county = (await handle.db.selectFrom('regions').select('id').where('name', '=', COUNTIES[2]).executeTakeFirstOrThrow()).id;
    const sampleCode = (await handle.db.selectFrom('enterprises').select('credit_code').orderBy('credit_code').offset(123_457 % ENTERPRISES).limit(1).executeTakeFirstOrThrow()).credit_code;

    const endpoints = [
      { figure: 'GET /api/v1/enterprises (office, page 1 of all)', url: '/api/v1/enterprises?pageSize=20' },
      { figure: 'GET /api/v1/enterprises (page 50)', url: '/api/v1/enterprises?pageSize=20&page=50' },
      { figure: 'GET /api/v1/enterprises (one county)', url: `/api/v1/enterprises?regionId=${county}` },
      { figure: 'GET /api/v1/enterprises (门类 C, medium)', url: '/api/v1/enterprises?industry=C&sizeClass=medium' },
      { figure: 'GET /api/v1/enterprises (tag 专精特新)', url: `/api/v1/enterprises?tag=${encodeURIComponent('专精特新')}` },
      { figure: 'GET /api/v1/enterprises (credit flag abnormal)', url: '/api/v1/enterprises?creditFlag=abnormal' },
      { figure: 'GET /api/v1/enterprises (search name 瑞丰物流12)', url: `/api/v1/enterprises?q=${encodeURIComponent('瑞丰物流12')}` },
      { figure: 'GET /api/v1/enterprises (search name 宏图, many hits)', url: `/api/v1/enterprises?q=${encodeURIComponent('宏图')}` },
      { figure: 'GET /api/v1/enterprises (search code prefix)', url: `/api/v1/enterprises?q=${sampleCode.slice(0, 12)}` },
    ];
    for (const e of endpoints) {
      const times: number[] = [];
      for (let i = 0; i < SAMPLES + 3; i++) {
        const t0 = performance.now();
        const r = await app.inject({ url: e.url, headers: office });
        const ms = performance.now() - t0;
        if (r.statusCode !== 200) throw new Error(`${e.url}: ${r.statusCode} ${r.body}`);
        if (i >= 3) times.push(ms);
      }
      times.sort((a, b) => a - b);
      emit({ figure: e.figure, samples: SAMPLES, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), goalP95Ms: 100, ok: percentile(times, 95) < 100 });
    }

    // Import beside COPY of the same rows.
    const counties = COUNTIES;
    const rows = importRows(IMPORT_ROWS, counties);
    const header = ['统一社会信用代码', '企业名称', '法定代表人', '所在区县', '登记机关', '成立日期', '注册资本（万元）', '行业代码', '地址', '从业人员', '营业收入（万元）', '资产总额（万元）', '资质/标签'];
    const csv = Buffer.from([header, ...rows].map(csvLine).join('\n'), 'utf8');
    const actorRow = await handle.db.selectFrom('users').select(['id', 'username', 'region_id']).where('username', '=', 'bench-office').executeTakeFirstOrThrow();
    const region = await handle.db.selectFrom('regions').select(['id', 'name', 'path']).where('id', '=', city).executeTakeFirstOrThrow();
    const actor: Actor = { id: actorRow.id, username: actorRow.username, displayName: 'bench', role: 'office', unitId: null, unitName: null, regionId: region.id, regionName: region.name, regionPath: region.path, enterpriseId: null, sessionId: '', csrfToken: '' };

    const regionIds = new Map((await handle.db.selectFrom('regions').select(['id', 'name']).execute()).map((r) => [r.name, r.id]));
    const copyFile = join(tmp, 'copy.csv');
    writeFileSync(copyFile, rows.map((r) => csvLine([regionIds.get(r[3])!, r[0], r[1], r[2], r[4], r[5], r[6], INDUSTRIES.find((c) => c.slice(1) === r[7])!, r[8]])).join('\n'));
    await sql.raw(`create table ${schema}.enterprises_copy (like ${schema}.enterprises including defaults including indexes including constraints)`).execute(handle.db);
    const copy = () => {
      const t0 = performance.now();
      execFileSync('psql', [baseUrl, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `\\copy ${schema}.enterprises_copy (region_id, credit_code, name, legal_rep_name, registration_authority, established_on, registered_capital, industry_code, address) from '${copyFile}' with (format csv)`]);
      return (performance.now() - t0) / 1000;
    };
    const copyBefore = copy();
    await sql.raw(`truncate ${schema}.enterprises_copy`).execute(handle.db);

    const dry0 = performance.now();
    const dry = await importEnterprises(handle.db, actor, csv, { dryRun: true, now: new Date(), fileName: 'bench.csv' });
    const drySeconds = (performance.now() - dry0) / 1000;
    const t0 = performance.now();
    const report = await importEnterprises(handle.db, actor, csv, { dryRun: false, now: new Date(), fileName: 'bench.csv' });
    const importSeconds = (performance.now() - t0) / 1000;
    const copyAfter = copy();
    const copySeconds = (copyBefore + copyAfter) / 2;
    const stored = await handle.db.selectFrom('enterprises').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    emit({
      figure: 'import 100k rows vs COPY',
      rows: IMPORT_ROWS,
      new: report.counts.new,
      refused: dry.counts.refused,
      dryRunSeconds: round(drySeconds),
      importSeconds: round(importSeconds),
      importRowsPerSecond: Math.round(IMPORT_ROWS / importSeconds),
      copySeconds: round(copySeconds),
      copyRowsPerSecond: Math.round(IMPORT_ROWS / copySeconds),
      copyBeforeSeconds: round(copyBefore),
      copyAfterSeconds: round(copyAfter),
      ratio: Math.round((copySeconds / importSeconds) * 1000) / 1000,
      goalRatio: 0.25,
      ok: copySeconds / importSeconds >= 0.25,
      enterprisesAfter: Number(stored.n),
    });
    await app.close();
  } finally {
    await handle.close();
    rmSync(tmp, { recursive: true, force: true });
    if (process.env.BENCH_KEEP_SCHEMA) emit({ figure: 'schema kept', schema });
    else {
      const drop = new pg.Client({ connectionString: baseUrl });
      await drop.connect();
      await drop.query(`drop schema ${schema} cascade`);
      await drop.end();
    }
  }
}

await main();
