/**
 * Policy matching at scale. Prints one JSON line per figure ({"bench":"policies","figure":…}).
 *   1. 300,000 enterprises × 500 rules in Node: our compiled closures, hand-written closures for the same rules, and
 *      json-rules-engine on a sample (it is too slow for 150 million evaluations; its rate is scaled and says so).
 *   2. The SQL batch of one item over 300,000 enterprises inside PostgreSQL (TEST_DATABASE_URL; skipped without it).
 *   3. 政策体检 of one enterprise against 500 published items through the API (app.inject, embedded PGlite): p95.
 *   TEST_DATABASE_URL=postgres://… npm run -s bench:policies [-- --enterprises 300000 --rules 500]
 */
import { parseArgs } from 'node:util';
import { Engine } from 'json-rules-engine';
import pg from 'pg';
import { compileRule, prepareProfile, type PreparedProfile, type Truth3 } from '../src/core/rules/rule-compile.ts';
import { ruleToSql } from '../src/core/rules/rule-sql.ts';
import type { EnterpriseProfile, RuleNode, SizeClass } from '../src/core/rules/rule-types.ts';

const { values: args } = parseArgs({ options: { enterprises: { type: 'string', default: '300000' }, rules: { type: 'string', default: '500' }, 'jre-sample': { type: 'string', default: '400' }, 'skip-api': { type: 'boolean', default: false } } });
const N = Number(args.enterprises);
const R = Number(args.rules);
const JRE_SAMPLE = Number(args['jre-sample']);
const AS_OF = '2026-12-03';
const YEAR = 2025;
const emit = (figure: string, fields: Record<string, unknown>) => console.log(JSON.stringify({ bench: 'policies', figure, ...fields }));

let seed = 20261203;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const REGIONS = Array.from({ length: 12 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const CITY = REGIONS[0];
const INDUSTRIES = ['C3311', 'C3912', 'C2614', 'I6510', 'I6420', 'F5123', 'M7320', 'G5191', 'E4710'];
const SIZES: SizeClass[] = ['large', 'medium', 'small', 'micro'];
const TAGS = ['高新技术企业', '专精特新', '规上', '科技型中小企业'];

function makeProfile(i: number): EnterpriseProfile {
  const county = REGIONS[1 + (i % 11)];
  const tags = TAGS.filter(() => rand() < 0.25).map((tag) => ({ tag, validFrom: '2024-01-01', validTo: rand() < 0.8 ? '2027-12-31' : '2026-06-30', source: '科技局' }));
  return {
    enterpriseId: String(i),
    name: `企业${i}`,
    regionPath: `/${CITY}/${county}/`,
    regionName: null,
    industryCode: rand() < 0.03 ? null : pick(INDUSTRIES),
    sizeClass: rand() < 0.03 ? null : pick(SIZES),
    establishedOn: `${2000 + Math.floor(rand() * 26)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
    registrySource: '市场监管',
    registryAsOf: '2026-01-01',
    figures: rand() < 0.05 ? [] : [{ year: YEAR, employees: Math.floor(rand() * 800), revenue: Math.floor(rand() * 50000), assets: Math.floor(rand() * 60000), source: '统计', asOf: '2026-03-31' }],
    tags,
    creditFlags: rand() < 0.03 ? [{ kind: 'dishonest', since: '2025-05-01', until: null, source: '信用中国' }] : [],
  };
}

/** Rules in five shapes that real items take; each shape has a hand-written closure over the same parameters. */
interface Shaped {
  rule: RuleNode;
  hand: (p: PreparedProfile) => Truth3;
  jre: { all: unknown[] } | { any: unknown[] };
}

function makeRule(k: number): Shaped {
  const shape = k % 5;
  const region = rand() < 0.5 ? CITY : pick(REGIONS.slice(1));
  const frag = `/${region}/`;
  const threshold = Math.floor(rand() * 20000);
  const tag = pick(TAGS);
  const prefix = pick(['C', 'C3', 'I65', 'I', 'F', 'M']);
  const minAge = Math.floor(rand() * 6);
  const cutoff = `${2026 - minAge}-12-03`;
  const classes = SIZES.filter(() => rand() < 0.6);
  if (classes.length === 0) classes.push('small');
  const ref = '示例市政〔2026〕8号';
  const regionLeaf = { kind: 'region' as const, id: 'r', ref, regionId: region, regionName: '区' };
  const revLeaf = { kind: 'figure' as const, id: 'rev', ref, figure: 'revenue' as const, yearOffset: -1, cmp: '>=' as const, value: threshold };
  const tagLeaf = { kind: 'tag' as const, id: 't', ref, tag };
  const creditLeaf = { kind: 'credit_clear' as const, id: 'c', ref, flags: ['dishonest' as const] };
  const indLeaf = { kind: 'industry' as const, id: 'i', ref, prefixes: [prefix] };
  const ageLeaf = { kind: 'age' as const, id: 'a', ref, cmp: '>=' as const, years: minAge };
  const sizeLeaf = { kind: 'size' as const, id: 's', ref, classes };
  const set = new Set<string>(classes);
  // hand-written three-valued helpers, as a developer would inline them
  const rev = (p: PreparedProfile): Truth3 => {
    const f = p.figures[YEAR];
    const v = f === undefined ? null : f.revenue;
    return v === null ? 2 : v >= threshold ? 1 : 0;
  };
  const hasTag = (p: PreparedProfile): Truth3 => {
    const ts = p.tags[tag];
    if (ts) for (const t of ts) if ((t.validFrom === null || t.validFrom <= AS_OF) && (t.validTo === null || t.validTo >= AS_OF)) return 1;
    return 0;
  };
  const clear = (p: PreparedProfile): Truth3 => {
    for (const c of p.credit) if (c.kind === 'dishonest' && (c.since === null || c.since <= AS_OF) && (c.until === null || c.until > AS_OF)) return 0;
    return 1;
  };
  const and = (...xs: Truth3[]): Truth3 => (xs.includes(0) ? 0 : xs.includes(2) ? 2 : 1);
  const inRegion = (p: PreparedProfile): Truth3 => (p.regionPath === null ? 2 : p.regionPath.includes(frag) ? 1 : 0);
  const jreRegion = { fact: 'regionIds', operator: 'contains', value: region };
  const jreRev = { fact: 'revenue', operator: 'greaterThanInclusive', value: threshold };
  const jreTag = { fact: 'tags', operator: 'contains', value: tag };
  const jreClear = { fact: 'dishonest', operator: 'equal', value: false };
  switch (shape) {
    case 0:
      return { rule: { kind: 'all', items: [regionLeaf, revLeaf, tagLeaf, creditLeaf] }, hand: (p) => and(inRegion(p), rev(p), hasTag(p), clear(p)), jre: { all: [jreRegion, jreRev, jreTag, jreClear] } };
    case 1:
      return {
        rule: { kind: 'all', items: [regionLeaf, indLeaf, ageLeaf] },
        hand: (p) => and(inRegion(p), p.industryCode === null ? 2 : p.industryCode.startsWith(prefix) ? 1 : 0, p.establishedOn === null ? 2 : p.establishedOn <= cutoff ? 1 : 0),
        jre: { all: [jreRegion, { fact: 'industryCode', operator: 'startsWith', value: prefix }, { fact: 'establishedOn', operator: 'lessThanInclusive', value: Date.parse(cutoff) }] },
      };
    case 2:
      return {
        rule: { kind: 'all', items: [regionLeaf, sizeLeaf, creditLeaf] },
        hand: (p) => and(inRegion(p), p.sizeClass === null ? 2 : set.has(p.sizeClass) ? 1 : 0, clear(p)),
        jre: { all: [jreRegion, { fact: 'sizeClass', operator: 'in', value: classes }, jreClear] },
      };
    case 3:
      return {
        rule: { kind: 'all', items: [regionLeaf, { kind: 'any', items: [tagLeaf, revLeaf] }] },
        hand: (p) => {
          const r = inRegion(p);
          if (r === 0) return 0;
          const t = hasTag(p);
          const any: Truth3 = t === 1 ? 1 : rev(p);
          return and(r, any === 1 ? 1 : any === 2 || t === 2 ? 2 : 0);
        },
        jre: { all: [jreRegion, { any: [jreTag, jreRev] }] },
      };
    default:
      return {
        rule: { kind: 'all', items: [regionLeaf, { kind: 'figure', id: 'emp', ref, figure: 'employees', yearOffset: -1, cmp: '<', value: 300 }, { kind: 'not', item: { kind: 'tag', id: 't2', ref, tag: '规上' } }] },
        hand: (p) => {
          const f = p.figures[YEAR];
          const e = f === undefined ? null : f.employees;
          const ts = p.tags['规上'];
          let big: Truth3 = 0;
          if (ts) for (const t of ts) if ((t.validFrom === null || t.validFrom <= AS_OF) && (t.validTo === null || t.validTo >= AS_OF)) big = 1;
          return and(inRegion(p), e === null ? 2 : e < 300 ? 1 : 0, big === 1 ? 0 : 1);
        },
        jre: { all: [jreRegion, { fact: 'employees', operator: 'lessThan', value: 300 }, { not: { fact: 'tags', operator: 'contains', value: '规上' } }] },
      };
  }
}

function jreFacts(p: EnterpriseProfile) {
  const f = p.figures.find((x) => x.year === YEAR);
  return {
    regionIds: (p.regionPath ?? '').split('/').filter(Boolean),
    revenue: f?.revenue ?? null,
    employees: f?.employees ?? null,
    tags: p.tags.filter((t) => (t.validFrom ?? '') <= AS_OF && (t.validTo ?? '9999') >= AS_OF).map((t) => t.tag),
    dishonest: p.creditFlags.some((c) => c.kind === 'dishonest' && (c.since ?? '') <= AS_OF && (c.until === null || c.until > AS_OF)),
    industryCode: p.industryCode ?? '',
    sizeClass: p.sizeClass,
    establishedOn: p.establishedOn ? Date.parse(p.establishedOn) : null,
  };
}

async function nodeMatching(): Promise<void> {
  const t0 = performance.now();
  const profiles = Array.from({ length: N }, (_, i) => makeProfile(i));
  const prepared = profiles.map(prepareProfile);
  const rules = Array.from({ length: R }, (_, k) => makeRule(k));
  emit('setup', { enterprises: N, rules: R, seconds: +((performance.now() - t0) / 1000).toFixed(2) });

  const compiled = rules.map((r) => compileRule(r.rule, AS_OF));
  const hand = rules.map((r) => r.hand);
  const run = (fns: Array<(p: PreparedProfile) => Truth3>) => {
    const start = performance.now();
    let eligible = 0;
    for (let i = 0; i < prepared.length; i++) {
      const p = prepared[i];
      for (let j = 0; j < fns.length; j++) if (fns[j](p) === 1) eligible++;
    }
    return { seconds: (performance.now() - start) / 1000, eligible };
  };
  run(compiled.slice(0, 20)); // warm-up
  run(hand.slice(0, 20));
  const ours = run(compiled);
  const handRun = run(hand);
  const evals = N * R;
  emit('compiled_closures', { evaluations: evals, seconds: +ours.seconds.toFixed(2), evalsPerSecond: Math.round(evals / ours.seconds), eligible: ours.eligible });
  emit('hand_written_closures', { evaluations: evals, seconds: +handRun.seconds.toFixed(2), evalsPerSecond: Math.round(evals / handRun.seconds), eligible: handRun.eligible, agree: handRun.eligible === ours.eligible });

  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator('startsWith', (a: unknown, b: unknown) => typeof a === 'string' && a.startsWith(String(b)));
  rules.forEach((r, k) => engine.addRule({ conditions: r.jre as never, event: { type: String(k) }, name: String(k) }));
  const sample = profiles.slice(0, JRE_SAMPLE).map(jreFacts);
  const s0 = performance.now();
  let jreEligible = 0;
  for (const facts of sample) jreEligible += (await engine.run(facts)).events.length;
  const jreSeconds = (performance.now() - s0) / 1000;
  const jreEvals = sample.length * R;
  const jreRate = jreEvals / jreSeconds;
  emit('json_rules_engine', { evaluations: jreEvals, sampleEnterprises: sample.length, seconds: +jreSeconds.toFixed(2), evalsPerSecond: Math.round(jreRate), scaledFullRunSeconds: Math.round(evals / jreRate), note: 'sample only, full run time scaled from its rate; two-valued (no unknown)', sampleEligible: jreEligible });
  emit('ratios', { compiledVsJsonRulesEngine: +(evals / ours.seconds / jreRate).toFixed(1), compiledVsHandWritten: +(handRun.seconds / ours.seconds).toFixed(3), goals: '>= 100x json-rules-engine, >= 0.5 of hand-written' });
}

async function sqlBatch(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return emit('sql_batch', { skipped: 'TEST_DATABASE_URL not set' });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const schema = 'bench_policies';
  try {
    await client.query(`drop schema if exists ${schema} cascade; create schema ${schema}; set search_path = ${schema}`);
    await client.query(`
      create table regions (id uuid primary key, path text not null);
      create table enterprises (id uuid primary key, region_id uuid not null, name text not null, status text not null default 'active', industry_code text, size_class text, established_on date);
      create table enterprise_figures (enterprise_id uuid not null, year int not null, employees int, revenue numeric, assets numeric, primary key (enterprise_id, year));
      create table enterprise_tags (enterprise_id uuid not null, tag text not null, valid_from date, valid_to date);
      create index on enterprise_tags (enterprise_id);
      create table enterprise_credit_flags (enterprise_id uuid not null, kind text not null, since date, until date);
      create index on enterprise_credit_flags (enterprise_id);`);
    const regionValues = REGIONS.map((id, i) => `('${id}', '${i === 0 ? `/${CITY}/` : `/${CITY}/${id}/`}')`).join(',');
    await client.query(`insert into regions values ${regionValues}`);
    const l0 = performance.now();
    await client.query(`
      insert into enterprises (id, region_id, name, industry_code, size_class, established_on)
      select gen_random_uuid(), (array[${REGIONS.slice(1).map((r) => `'${r}'::uuid`).join(',')}])[1 + (g % 11)], '企业' || g,
             (array['C3311','C3912','I6510','F5123','M7320'])[1 + (g % 5)], (array['large','medium','small','micro'])[1 + (g % 4)],
             date '2000-01-01' + (g % 9000)
      from generate_series(1, ${N}) g;
      insert into enterprise_figures select id, ${YEAR}, (random() * 800)::int, round((random() * 50000)::numeric, 2), round((random() * 60000)::numeric, 2) from enterprises;
      insert into enterprise_tags select id, '高新技术企业', date '2024-01-01', date '2027-12-31' from enterprises where random() < 0.25;
      insert into enterprise_credit_flags select id, 'dishonest', date '2025-05-01', null from enterprises where random() < 0.03;
      analyze;`);
    emit('sql_setup', { enterprises: N, seconds: +((performance.now() - l0) / 1000).toFixed(1) });
    const rule: RuleNode = {
      kind: 'all',
      items: [
        { kind: 'region', id: 'r', ref: 'x', regionId: CITY, regionName: '市' },
        { kind: 'figure', id: 'rev', ref: 'x', figure: 'revenue', yearOffset: -1, cmp: '>=', value: 2000 },
        { kind: 'tag', id: 't', ref: 'x', tag: '高新技术企业' },
        { kind: 'credit_clear', id: 'c', ref: 'x', flags: ['dishonest'] },
        { kind: 'age', id: 'a', ref: 'x', cmp: '>=', years: 3 },
      ],
    };
    const frag = ruleToSql(rule, AS_OF);
    let text = frag.strings[0];
    frag.values.forEach((_, i) => (text += `$${i + 1}${frag.strings[i + 1]}`));
    const query = `select e.id, e.name from enterprises e join regions r on r.id = e.region_id where r.path like $${frag.values.length + 1} and e.status = 'active' and (${text}) is true`;
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < 4; i++) {
      const s = performance.now();
      rows = (await client.query(query, [...frag.values, `/${CITY}/%`])).rowCount ?? 0;
      times.push((performance.now() - s) / 1000);
    }
    emit('sql_batch_one_item', { enterprises: N, eligible: rows, firstSeconds: +times[0].toFixed(3), bestSeconds: +Math.min(...times).toFixed(3), goal: '< 2 s' });
  } finally {
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
}

async function apiCheckup(): Promise<void> {
  const { createDatabase } = await import('../src/server/db/database.ts');
  const { migrateToLatest } = await import('../src/server/db/migrate.ts');
  const { build } = await import('../src/server/app.ts');
  const { loadConfig } = await import('../src/server/config.ts');
  const { hashPassword } = await import('../src/server/modules/auth/auth.passwords.ts');
  const handle = await createDatabase({ databaseUrl: null, dataDir: null });
  await migrateToLatest(handle.db);
  const db = handle.db;
  const city = await db.insertInto('regions').values({ id: CITY, name: '示例市', kind: 'city', parent_id: null, path: `/${CITY}/`, code: null, updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  const ent = await db.insertInto('enterprises').values({ region_id: city.id, credit_code: '91110105MA00000001', name: '体检企业', industry_code: 'C3311', size_class: 'small', established_on: '2019-05-01', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('enterprise_figures').values({ enterprise_id: ent.id, year: YEAR, employees: 80, revenue: 2600, assets: 4000, source: '统计', as_of: '2026-03-31' }).execute();
  await db.insertInto('enterprise_tags').values({ enterprise_id: ent.id, tag: '高新技术企业', valid_from: '2024-01-01', valid_to: '2027-12-31', source: '科技局' }).execute();
  const password = 'bench-password-1';
  await db.insertInto('users').values({ username: 'bench-ent', display_name: 'bench', role: 'enterprise', region_id: city.id, enterprise_id: ent.id, password_hash: await hashPassword(password, 19456), updated_at: new Date(), password_changed_at: new Date() }).execute();
  const policy = await db.insertInto('policies').values({ region_id: city.id, title: '基准政策', issuer: '示例市', effective_from: '2026-01-01', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  for (let k = 0; k < R; k++) {
    const r = makeRule(k);
    const rule = JSON.parse(JSON.stringify(r.rule).replaceAll(/00000000-0000-4000-8000-0000000000(0[1-9]|1[01])/g, CITY));
    const item = await db.insertInto('policy_items').values({ policy_id: policy.id, title: `事项${k}`, mode: 'auto', status: 'published', published_at: new Date(), updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('policy_rule_versions').values({ item_id: item.id, version: 1, valid_from: '2026-01-01', valid_to: null, rule: JSON.stringify(rule), benefit: JSON.stringify({ kind: 'percent', figure: 'revenue', yearOffset: -1, percent: 1, cap: 500000 }), tests: '[]', test_results: '[]', hash: `h${k}` }).execute();
  }
  const config = loadConfig({ YINGSHANG_LOG_LEVEL: 'warn' }, { dataDir: null });
  const app = await build({ config, database: handle, now: () => new Date(`${AS_OF}T08:00:00Z`) });
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'bench-ent', password } });
  const cookie = `ys_sid=${login.cookies.find((c) => c.name === 'ys_sid')!.value}`;
  const times: number[] = [];
  let eligible = 0;
  for (let i = 0; i < 120; i++) {
    const s = performance.now();
    const res = await app.inject({ method: 'GET', url: `/api/v1/enterprises/${ent.id}/policy-matches`, headers: { cookie } });
    times.push(performance.now() - s);
    if (res.statusCode !== 200) throw new Error(`policy-matches ${res.statusCode} ${res.body.slice(0, 200)}`);
    eligible = res.json().summary.eligible;
  }
  const warm = times.slice(20).sort((a, b) => a - b);
  emit('api_policy_checkup', { items: R, requests: warm.length, eligible, p50Ms: +warm[Math.floor(warm.length * 0.5)].toFixed(1), p95Ms: +warm[Math.floor(warm.length * 0.95)].toFixed(1), database: 'embedded PGlite', goal: 'p95 < 50 ms' });
  await app.close();
  await handle.close();
}

await nodeMatching();
await sqlBatch();
if (!args['skip-api']) await apiCheckup();
