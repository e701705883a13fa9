import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { NewEnterprise, EnterpriseUpdate } from '../../db/schema-enterprises.ts';
import type { Scope } from '../auth/auth.actor.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface EnterpriseFilter {
  /** Region and its subtree. */
  regionPath?: string;
  /** 门类 letter (`C`) or a code prefix (`C33`, `C3311`). */
  industry?: string;
  sizeClass?: string;
  tag?: string;
  creditFlag?: string;
  q?: string;
  /** ISO date the validity of tags and flags is judged on. */
  today: string;
  offset: number;
  limit: number;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Which enterprises a read scope covers, over `enterprises e` joined to `regions r`. Units see none. */
export function enterpriseScopeSql(scope: Scope): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  if (scope.kind === 'subtree') return sql<SqlBool>`r.path like ${`${escapeLike(scope.path)}%`}`;
  if (scope.kind === 'enterprise') return sql<SqlBool>`e.id = ${scope.enterpriseId}`;
  return sql<SqlBool>`false`;
}

function enterprisesWithRegion(db: Db) {
  return db.selectFrom('enterprises as e').innerJoin('regions as r', 'r.id', 'e.region_id');
}

const dateCol = (col: string) => sql<string | null>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

function listColumns() {
  return [
    'e.id',
    'e.credit_code',
    'e.name',
    'e.region_id',
    'r.name as region_name',
    'r.path as region_path',
    'e.industry_code',
    'e.size_class',
    'e.status',
  ] as const;
}

export async function listEnterprisesInScope(db: Db, scope: Scope, filter: EnterpriseFilter) {
  let query = enterprisesWithRegion(db).where(enterpriseScopeSql(scope));
  if (filter.regionPath) query = query.where('r.path', 'like', `${escapeLike(filter.regionPath)}%`);
  if (filter.industry) query = query.where('e.industry_code', 'like', `${escapeLike(filter.industry)}%`);
  if (filter.sizeClass) query = query.where('e.size_class', '=', filter.sizeClass as never);
  if (filter.tag) {
    const { tag, today } = filter;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('enterprise_tags as t')
          .select(sql`1`.as('one'))
          .whereRef('t.enterprise_id', '=', 'e.id')
          .where('t.tag', '=', tag)
          .where(sql<SqlBool>`(t.valid_from is null or t.valid_from <= ${today}::date) and (t.valid_to is null or t.valid_to >= ${today}::date)`),
      ),
    );
  }
  if (filter.creditFlag) {
    const { creditFlag, today } = filter;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('enterprise_credit_flags as f')
          .select(sql`1`.as('one'))
          .whereRef('f.enterprise_id', '=', 'e.id')
          .where('f.kind', '=', creditFlag as never)
          .where(sql<SqlBool>`(f.until is null or f.until >= ${today}::date)`),
      ),
    );
  }
  if (filter.q) {
    const q = filter.q;
    const code = q.toUpperCase();
    query = /^[0-9A-Z]{4,18}$/.test(code)
      ? query.where((eb) => eb.or([eb('e.credit_code', 'like', `${code}%`), eb('e.name', 'ilike', `%${escapeLike(q)}%`)]))
      : query.where('e.name', 'ilike', `%${escapeLike(q)}%`);
  }
  const today = filter.today;
  const [rows, count] = await Promise.all([
    query
      .select(listColumns())
      .select(() => [
        sql<string[]>`array(select t.tag from enterprise_tags t where t.enterprise_id = e.id and (t.valid_to is null or t.valid_to >= ${today}::date) and (t.valid_from is null or t.valid_from <= ${today}::date) order by t.tag)`.as('tags'),
        sql<string[]>`array(select distinct f.kind from enterprise_credit_flags f where f.enterprise_id = e.id and (f.until is null or f.until >= ${today}::date))`.as('credit_flags'),
      ])
      .orderBy('e.name')
      .orderBy('e.id')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export type EnterpriseListRow = Awaited<ReturnType<typeof listEnterprisesInScope>>['rows'][number];

export function findEnterpriseById(db: Db, id: string) {
  return enterprisesWithRegion(db)
    .selectAll('e')
    .select([dateCol('e.established_on').as('established_on_iso'), 'r.name as region_name', 'r.path as region_path', 'r.code as region_code'])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export type EnterpriseRow = NonNullable<Awaited<ReturnType<typeof findEnterpriseById>>>;

export function findEnterpriseByCreditCode(db: Db, creditCode: string) {
  return db.selectFrom('enterprises').selectAll().where('credit_code', '=', creditCode).executeTakeFirst();
}

export function insertEnterprise(db: Db, row: NewEnterprise) {
  return db.insertInto('enterprises').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateEnterpriseById(db: Db, id: string, update: EnterpriseUpdate) {
  return db.updateTable('enterprises').set(update).where('id', '=', id).executeTakeFirst();
}

export function listFigures(db: Db, enterpriseId: string) {
  return db
    .selectFrom('enterprise_figures')
    .select(['year', 'employees', 'revenue', 'assets', 'source', dateCol('as_of').as('as_of')])
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('year', 'desc')
    .execute();
}

export function listTags(db: Db, enterpriseId: string) {
  return db
    .selectFrom('enterprise_tags')
    .select(['id', 'tag', 'source', dateCol('valid_from').as('valid_from'), dateCol('valid_to').as('valid_to')])
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('tag')
    .execute();
}

export function listCreditFlags(db: Db, enterpriseId: string) {
  return db
    .selectFrom('enterprise_credit_flags')
    .select(['id', 'kind', 'source', 'note', dateCol('since').as('since'), dateCol('until').as('until')])
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('since', 'desc')
    .execute();
}

export function listContacts(db: Db, enterpriseId: string) {
  return db
    .selectFrom('enterprise_contacts')
    .select(['id', 'name', 'phone', 'title', 'is_primary'])
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('is_primary', 'desc')
    .orderBy('created_at')
    .execute();
}

export async function listEvents(db: Db, enterpriseId: string, page: { offset: number; limit: number }) {
  const base = db.selectFrom('enterprise_events').where('enterprise_id', '=', enterpriseId);
  const [rows, count] = await Promise.all([
    base.select(['id', 'at', 'kind', 'title', 'ref_type', 'ref_id', 'detail']).orderBy('at', 'desc').orderBy('id').offset(page.offset).limit(page.limit).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

/** The enterprise an enterprise user acts for, as `/me` shows it. */
export function findEnterpriseSummary(db: Db, id: string) {
  return db.selectFrom('enterprises').select(['id', 'name', 'credit_code']).where('id', '=', id).executeTakeFirst();
}
