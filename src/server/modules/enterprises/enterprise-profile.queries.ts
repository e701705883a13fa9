import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { SqlFragment } from '../../../core/rules/rule-sql.ts';
import type { EnterpriseProfile } from '../../../core/rules/rule-types.ts';
import type { Database } from '../../db/schema.ts';

/**
 * The one loader through which the policies module reads the enterprise registry (企业库) for rules: profiles with
 * their yearly figures, tags and credit flags (each with source and as-of date), and the SQL batch that runs a compiled
 * rule inside PostgreSQL. Nothing else outside the enterprises module reads these tables for rules.
 */

const CHUNK = 5000;
const num = (v: string | null): number | null => (v === null ? null : Number(v));

/** Profiles by enterprise id (ids that do not exist are absent from the map). */
export async function loadEnterpriseProfiles(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, EnterpriseProfile>> {
  const out = new Map<string, EnterpriseProfile>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    if (chunk.length === 0) continue;
    const [rows, figures, tags, flags] = await Promise.all([
      db
        .selectFrom('enterprises as e')
        .innerJoin('regions as r', 'r.id', 'e.region_id')
        .select([
          'e.id',
          'e.name',
          'e.industry_code',
          'e.size_class',
          'e.registration_authority',
          'r.path',
          'r.name as region_name',
          sql<string | null>`to_char(e.established_on, 'YYYY-MM-DD')`.as('established_on'),
          sql<string>`to_char(e.updated_at at time zone 'UTC', 'YYYY-MM-DD')`.as('as_of'),
        ])
        .where('e.id', 'in', chunk)
        .execute(),
      db
        .selectFrom('enterprise_figures')
        .select(['enterprise_id', 'year', 'employees', 'revenue', 'assets', 'source', sql<string>`to_char(as_of, 'YYYY-MM-DD')`.as('as_of')])
        .where('enterprise_id', 'in', chunk)
        .orderBy('year')
        .execute(),
      db
        .selectFrom('enterprise_tags')
        .select(['enterprise_id', 'tag', 'source', sql<string | null>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from'), sql<string | null>`to_char(valid_to, 'YYYY-MM-DD')`.as('valid_to')])
        .where('enterprise_id', 'in', chunk)
        .orderBy('tag')
        .orderBy('valid_from')
        .execute(),
      db
        .selectFrom('enterprise_credit_flags')
        .select(['enterprise_id', 'kind', 'source', sql<string | null>`to_char(since, 'YYYY-MM-DD')`.as('since'), sql<string | null>`to_char(until, 'YYYY-MM-DD')`.as('until')])
        .where('enterprise_id', 'in', chunk)
        .orderBy('since')
        .execute(),
    ]);
    for (const r of rows) {
      out.set(r.id, {
        enterpriseId: r.id,
        name: r.name,
        regionPath: r.path,
        regionName: r.region_name,
        industryCode: r.industry_code,
        sizeClass: r.size_class,
        establishedOn: r.established_on,
        registrySource: r.registration_authority ?? '企业库',
        registryAsOf: r.as_of,
        figures: [],
        tags: [],
        creditFlags: [],
      });
    }
    for (const f of figures) out.get(f.enterprise_id)?.figures.push({ year: f.year, employees: f.employees, revenue: num(f.revenue), assets: num(f.assets), source: f.source, asOf: f.as_of });
    for (const t of tags) out.get(t.enterprise_id)?.tags.push({ tag: t.tag, validFrom: t.valid_from, validTo: t.valid_to, source: t.source });
    for (const c of flags) out.get(c.enterprise_id)?.creditFlags.push({ kind: c.kind, since: c.since, until: c.until, source: c.source });
  }
  return out;
}

/** A compiled rule fragment (core `ruleToSql`, aliases `e` and `r.path`) as a Kysely expression. */
export function fragmentSql(fragment: SqlFragment): RawBuilder<SqlBool> {
  const strings = Object.assign([...fragment.strings], { raw: [...fragment.strings] }) as unknown as TemplateStringsArray;
  return sql<SqlBool>(strings, ...fragment.values);
}

/**
 * Runs a compiled rule over the registry inside the database: ids (and names) of active enterprises in the region
 * subtree for which the rule is `true` (or, with `truth: 'unknown'`, NULL).
 */
export async function findEnterprisesWhere(
  db: Kysely<Database>,
  fragment: SqlFragment,
  regionPath: string,
  options: { truth?: 'true' | 'unknown' | 'false'; limit?: number } = {},
): Promise<Array<{ id: string; name: string }>> {
  const cond = fragmentSql(fragment);
  let q = db
    .selectFrom('enterprises as e')
    .innerJoin('regions as r', 'r.id', 'e.region_id')
    .select(['e.id', 'e.name'])
    .where('r.path', 'like', `${regionPath}%`)
    .where('e.status', '=', 'active')
    .where(options.truth === 'unknown' ? sql<SqlBool>`(${cond}) is null` : options.truth === 'false' ? sql<SqlBool>`(${cond}) is false` : sql<SqlBool>`(${cond}) is true`)
    .orderBy('e.name')
    .orderBy('e.id');
  if (options.limit) q = q.limit(options.limit);
  return q.execute();
}

/** Counts enterprises by rule outcome in the subtree (coverage denominators). */
export async function countEnterprisesWhere(db: Kysely<Database>, fragment: SqlFragment, regionPath: string): Promise<number> {
  const cond = fragmentSql(fragment);
  const row = await db
    .selectFrom('enterprises as e')
    .innerJoin('regions as r', 'r.id', 'e.region_id')
    .select(sql<string>`count(*)`.as('n'))
    .where('r.path', 'like', `${regionPath}%`)
    .where('e.status', '=', 'active')
    .where(sql<SqlBool>`(${cond}) is true`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The region path of an enterprise, for scope checks (undefined when it does not exist). */
export async function findEnterpriseScope(db: Kysely<Database>, id: string): Promise<{ id: string; name: string; regionId: string; regionPath: string } | undefined> {
  return db
    .selectFrom('enterprises as e')
    .innerJoin('regions as r', 'r.id', 'e.region_id')
    .select(['e.id', 'e.name', 'e.region_id as regionId', 'r.path as regionPath'])
    .where('e.id', '=', id)
    .executeTakeFirst();
}
