import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRule, prepareProfile, truthOf } from '../../src/core/rules/rule-compile.ts';
import { evaluateRule } from '../../src/core/rules/rule-evaluate.ts';
import { ruleToSql } from '../../src/core/rules/rule-sql.ts';
import type { EnterpriseProfile, Truth } from '../../src/core/rules/rule-types.ts';
import { fragmentSql, loadEnterpriseProfiles } from '../../src/server/modules/enterprises/enterprise-profile.queries.ts';
import { makeCreditCode } from '../helpers/factories.ts';
import { AS_OF, REGION_IDS, profileArb, ruleArb } from '../helpers/rule-arbitraries.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-app.ts';

describe('rule paths agree: closures, trace and SQL', () => {
  let database: TestDatabase;
  let profiles: EnterpriseProfile[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.handle.db;
    const paths = [`/${REGION_IDS[0]}/`, `/${REGION_IDS[0]}/${REGION_IDS[1]}/`, `/${REGION_IDS[2]}/`];
    const parents = [null, REGION_IDS[0], null];
    for (let i = 0; i < 3; i++) {
      await db.insertInto('regions').values({ id: REGION_IDS[i], name: `区${i}`, kind: 'county', parent_id: parents[i], path: paths[i], code: null, updated_at: new Date() }).execute();
    }
    const sample = fc.sample(profileArb, { numRuns: 150, seed: 20261203 });
    for (const p of sample) {
      const regionId = REGION_IDS[paths.indexOf(p.regionPath!)];
      const e = await db
        .insertInto('enterprises')
        .values({ region_id: regionId, credit_code: makeCreditCode(), name: p.name, industry_code: p.industryCode, size_class: p.sizeClass, established_on: p.establishedOn, updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const f of p.figures) await db.insertInto('enterprise_figures').values({ enterprise_id: e.id, year: f.year, employees: f.employees, revenue: f.revenue, assets: f.assets, source: f.source, as_of: f.asOf }).execute();
      for (const t of p.tags) await db.insertInto('enterprise_tags').values({ enterprise_id: e.id, tag: t.tag, valid_from: t.validFrom, valid_to: t.validTo, source: t.source }).execute();
      for (const c of p.creditFlags) await db.insertInto('enterprise_credit_flags').values({ enterprise_id: e.id, kind: c.kind, since: c.since, until: c.until, source: c.source, note: null }).execute();
    }
    profiles = [...(await loadEnterpriseProfiles(db, (await db.selectFrom('enterprises').select('id').execute()).map((r) => r.id))).values()];
  }, 120_000);
  afterAll(async () => {
    await database.drop();
  });

  it('should load every profile back with its facts', () => {
    expect(profiles).toHaveLength(150);
    expect(profiles.some((p) => p.figures.length > 0 && p.tags.length > 0)).toBe(true);
  });

  it('should give the same three-valued answer on every path over random rules', async () => {
    const db = database.handle.db;
    const rules = fc.sample(ruleArb, { numRuns: 60, seed: 7 });
    for (const [i, rule] of rules.entries()) {
      const asOf = i % 2 === 0 ? AS_OF : '2024-02-29';
      const fragment = ruleToSql(rule, asOf);
      const rows = await db
        .selectFrom('enterprises as e')
        .innerJoin('regions as r', 'r.id', 'e.region_id')
        .select(['e.id', sql<boolean | null>`${fragmentSql(fragment)}`.as('v')])
        .execute();
      const bySql = new Map(rows.map((r) => [r.id, (r.v === null ? 'unknown' : r.v ? 'true' : 'false') as Truth]));
      const compiled = compileRule(rule, asOf);
      for (const p of profiles) {
        const traced = evaluateRule(rule, p, asOf).result;
        expect({ rule, id: p.enterpriseId, closure: truthOf(compiled(prepareProfile(p))) }).toEqual({ rule, id: p.enterpriseId, closure: traced });
        expect({ rule, id: p.enterpriseId, sql: bySql.get(p.enterpriseId) }).toEqual({ rule, id: p.enterpriseId, sql: traced });
      }
    }
  }, 120_000);
});
