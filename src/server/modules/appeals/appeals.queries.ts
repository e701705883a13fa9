import { sql, type Kysely } from 'kysely';
import type { Scope } from '../auth/auth.actor.ts';
import type { Database } from '../../db/schema.ts';
import type { AppealTable, NewAppeal } from '../../db/schema-appeals.ts';
import type { Updateable } from 'kysely';
import { isoDateOf } from '../supervision/supervision.queries.ts';

const APPEAL_COLUMNS = [
  'a.id', 'a.number', 'a.region_id', 'a.region_path', 'a.enterprise_id', 'a.enterprise_name', 'a.contact_name', 'a.contact_phone', 'a.channel',
  'a.source_system', 'a.source_id', 'a.category_id', 'a.title', 'a.description', 'a.location', 'a.lat', 'a.lng', 'a.is_public', 'a.confidential',
  'a.attachments', 'a.status', 'a.unit_id', 'a.co_unit_ids', 'a.catalogue_id', 'a.handler_id', 'a.received_at', 'a.dispatched_at', 'a.signed_at',
  'a.replied_at', 'a.callback_at', 'a.rated_at', 'a.closed_at', 'a.signed_on_time', 'a.replied_on_time', 'a.closed_on_time', 'a.reply', 'a.solved',
  'a.satisfied', 'a.rating', 'a.rating_comment', 'a.dispatch_count', 'a.dispute_upheld', 'a.reopen_count', 'a.extension_days', 'a.rectifications',
  'a.pauses', 'a.exclusion', 'a.exclusion_note', 'a.merged_into', 'a.duplicate_of', 'a.cluster_id', 'a.tokens', 'a.simhash', 'a.created_at', 'a.updated_at',
] as const;

function appealSelect(db: Kysely<Database>) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('appeal_categories as c', 'c.id', 'a.category_id')
    .innerJoin('regions as r', 'r.id', 'a.region_id')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .select(APPEAL_COLUMNS)
    .select([
      isoDateOf('a.sign_due').as('sign_due'),
      isoDateOf('a.reply_due').as('reply_due'),
      isoDateOf('a.resolve_due').as('resolve_due'),
      isoDateOf('a.rectify_due').as('rectify_due'),
      'c.code as category_code',
      'c.name as category_name',
      'c.sign_days',
      'c.reply_days',
      'c.resolve_days',
      'r.name as region_name',
      'u.name as unit_name',
    ]);
}

export type AppealFullRow = NonNullable<Awaited<ReturnType<typeof findAppealById>>>;

export function findAppealById(db: Kysely<Database>, id: string) {
  return appealSelect(db).where('a.id', '=', id).executeTakeFirst();
}

export async function lockAppealById(db: Kysely<Database>, id: string): Promise<void> {
  await db.selectFrom('appeals').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export function updateAppealById(db: Kysely<Database>, id: string, values: Updateable<AppealTable>) {
  return db.updateTable('appeals').set(values).where('id', '=', id).execute();
}

export async function nextAppealNumber(db: Kysely<Database>, today: string): Promise<string> {
  const { rows } = await sql<{ n: string }>`select nextval('appeal_number_seq')::text as n`.execute(db);
  return `SQ${today.replaceAll('-', '')}${rows[0].n.padStart(6, '0')}`;
}

export function insertAppeal(db: Kysely<Database>, values: NewAppeal) {
  return db.insertInto('appeals').values(values).returning('id').executeTakeFirstOrThrow();
}

export interface AppealListFilter {
  status?: string;
  unitId?: string;
  categoryId?: string;
  q?: string;
  overdue?: boolean;
  today: string;
  page: number;
  pageSize: number;
}

/** Scope filter in SQL: the one place that says which appeals a scope reaches. */
function scoped<QB extends { where: any }>(qb: QB, scope: Scope): QB {
  switch (scope.kind) {
    case 'all':
      return qb;
    case 'subtree':
      return qb.where('a.region_path', 'like', `${scope.path}%`);
    case 'unit':
      return qb.where((eb: any) => eb.or([eb('a.unit_id', '=', scope.unitId), eb(sql.val(scope.unitId), '=', sql`any(${sql.ref('a.co_unit_ids')})`)]));
    case 'enterprise':
      return qb.where('a.enterprise_id', '=', scope.enterpriseId);
    case 'none':
      return qb.where(sql.lit(false) as any);
  }
}

export async function listAppeals(db: Kysely<Database>, scope: Scope, f: AppealListFilter) {
  let qb = scoped(appealSelect(db), scope);
  if (f.status) qb = qb.where('a.status', '=', f.status as never);
  if (f.unitId) qb = qb.where('a.unit_id', '=', f.unitId);
  if (f.categoryId) qb = qb.where('a.category_id', '=', f.categoryId);
  if (f.q) qb = qb.where((eb) => eb.or([eb('a.title', 'like', `%${f.q}%`), eb('a.number', '=', f.q!), eb('a.enterprise_name', 'like', `%${f.q}%`)]));
  if (f.overdue) {
    qb = qb.where('a.status', 'not in', ['closed', 'merged']).where((eb) =>
      eb.or([eb('a.resolve_due', '<', f.today), eb.and([eb('a.signed_at', 'is', null), eb('a.sign_due', '<', f.today)]), eb.and([eb('a.replied_at', 'is', null), eb('a.reply_due', '<', f.today)])]),
    );
  }
  const items = await qb.orderBy('a.received_at', 'desc').orderBy('a.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  // An exact count over a million rows is the slow part of a list; the list says "more" instead past 10,000.
  const countQb = scoped(db.selectFrom('appeals as a').select('a.id'), scope);
  let counted = countQb;
  if (f.status) counted = counted.where('a.status', '=', f.status as never);
  if (f.unitId) counted = counted.where('a.unit_id', '=', f.unitId);
  if (f.categoryId) counted = counted.where('a.category_id', '=', f.categoryId);
  if (f.q) counted = counted.where((eb) => eb.or([eb('a.title', 'like', `%${f.q}%`), eb('a.number', '=', f.q!), eb('a.enterprise_name', 'like', `%${f.q}%`)]));
  if (f.overdue) counted = counted.where('a.status', 'not in', ['closed', 'merged']).where('a.resolve_due', '<', f.today);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from (${counted.limit(10_001)}) t`.execute(db);
  return { items, total: rows[0].n };
}

export function listEventsOfAppeal(db: Kysely<Database>, appealId: string) {
  return db.selectFrom('appeal_events').selectAll().where('appeal_id', '=', appealId).orderBy('at').orderBy('id').execute();
}

export function insertAppealEvents(db: Kysely<Database>, rows: { appeal_id: string; kind: string; at: Date; actor_id: string | null; actor_name: string; actor_role: string; unit_id?: string | null; note?: string; detail?: string | null; internal?: boolean }[]) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('appeal_events').values(rows).execute();
}

export function listCategoriesForPath(db: Kysely<Database>, regionPath: string) {
  return db
    .selectFrom('appeal_categories as c')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .selectAll('c')
    .where(sql<boolean>`${regionPath} like r.path || '%'`)
    .orderBy('c.code')
    .execute();
}

export function listCategoriesInScope(db: Kysely<Database>, path: string | null) {
  let qb = db.selectFrom('appeal_categories as c').innerJoin('regions as r', 'r.id', 'c.region_id').selectAll('c');
  if (path) qb = qb.where((eb) => eb.or([eb('r.path', 'like', `${path}%`), sql<boolean>`${path} like r.path || '%'`]));
  return qb.orderBy('c.code').execute();
}

export function listCatalogueForPath(db: Kysely<Database>, regionPath: string) {
  return db
    .selectFrom('appeal_catalogue as k')
    .innerJoin('appeal_categories as c', 'c.id', 'k.category_id')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .innerJoin('units as u', 'u.id', 'k.unit_id')
    .select(['k.id', 'k.category_id', 'k.unit_id', 'k.legal_basis', 'k.keywords', 'c.code as category_code', 'c.name as category_name', 'c.keywords as category_keywords', 'u.name as unit_name'])
    .where(sql<boolean>`${regionPath} like r.path || '%'`)
    .orderBy('c.code')
    .execute();
}

export function findUnitInPath(db: Kysely<Database>, unitId: string) {
  return db.selectFrom('units as u').innerJoin('regions as r', 'r.id', 'u.region_id').select(['u.id', 'u.name', 'r.path']).where('u.id', '=', unitId).executeTakeFirst();
}

export function findEnterpriseForAppeal(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('enterprises as e')
    .innerJoin('regions as r', 'r.id', 'e.region_id')
    .select(['e.id', 'e.name', 'e.credit_code', 'e.region_id', 'r.path as region_path', 'e.legal_rep_name', 'e.legal_rep_phone'])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export function findEnterpriseByCreditCode(db: Kysely<Database>, creditCode: string) {
  return db.selectFrom('enterprises as e').innerJoin('regions as r', 'r.id', 'e.region_id').select(['e.id', 'e.name', 'e.region_id', 'r.path as region_path']).where('e.credit_code', '=', creditCode).executeTakeFirst();
}

export function findRegionForAppeal(db: Kysely<Database>, id: string) {
  return db.selectFrom('regions').select(['id', 'path', 'name']).where('id', '=', id).executeTakeFirst();
}

/** Recent appeals sharing a simhash band with `bands`, the candidates for duplicates and clusters. */
export function listSimilarCandidates(db: Kysely<Database>, bands: readonly string[], since: Date, rootPath: string, excludeId?: string) {
  let qb = db
    .selectFrom('appeals as a')
    .select(['a.id', 'a.enterprise_id', 'a.tokens', 'a.simhash', 'a.cluster_id', 'a.received_at', 'a.status', 'a.region_id'])
    .where((eb) => eb.or([eb('a.band0', '=', bands[0]), eb('a.band1', '=', bands[1]), eb('a.band2', '=', bands[2]), eb('a.band3', '=', bands[3])]))
    .where('a.received_at', '>=', since)
    .where('a.region_path', 'like', `${rootPath}%`)
    .where('a.status', '<>', 'merged');
  if (excludeId) qb = qb.where('a.id', '<>', excludeId);
  return qb.orderBy('a.received_at', 'desc').limit(200).execute();
}

export function insertCluster(db: Kysely<Database>, values: { region_id: string; region_path: string; keywords: string[]; size: number; enterprises: number; first_at: Date; last_at: Date }) {
  return db.insertInto('appeal_clusters').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Recounts a cluster from its appeals (size, distinct enterprises, first/last). */
export async function refreshCluster(db: Kysely<Database>, clusterId: string, keywords?: string[]): Promise<void> {
  await sql`
    update appeal_clusters k set
      size = s.size, enterprises = s.enterprises, first_at = s.first_at, last_at = s.last_at
      ${keywords ? sql`, keywords = ${keywords}::text[]` : sql``}
    from (select count(*)::int as size, count(distinct coalesce(enterprise_id::text, enterprise_name))::int as enterprises, min(received_at) as first_at, max(received_at) as last_at
          from appeals where cluster_id = ${clusterId} and status <> 'merged') s
    where k.id = ${clusterId}`.execute(db);
}

export function setClusterOfAppeals(db: Kysely<Database>, ids: readonly string[], clusterId: string) {
  return db.updateTable('appeals').set({ cluster_id: clusterId }).where('id', 'in', ids).where('cluster_id', 'is', null).execute();
}

export function listTokensOfCluster(db: Kysely<Database>, clusterId: string) {
  return db.selectFrom('appeals').select(['tokens']).where('cluster_id', '=', clusterId).limit(200).execute();
}

export function findClusterById(db: Kysely<Database>, id: string) {
  return db.selectFrom('appeal_clusters').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listClusters(db: Kysely<Database>, path: string | null, since: Date, limit: number) {
  let qb = db.selectFrom('appeal_clusters as k').selectAll('k').where('k.last_at', '>=', since).where('k.size', '>=', 2);
  // Clusters are kept at the root region (similar appeals across a province cluster together): an office sees those
  // under its region and the root clusters holding at least one appeal of its region.
  if (path) {
    qb = qb.where((eb) =>
      eb.or([
        eb('k.region_path', 'like', `${path}%`),
        eb.exists(eb.selectFrom('appeals as ca').select('ca.id').whereRef('ca.cluster_id', '=', 'k.id').where('ca.region_path', 'like', `${path}%`)),
      ]),
    );
  }
  return qb.orderBy('k.size', 'desc').orderBy('k.last_at', 'desc').limit(limit).execute();
}

/** Per cluster: appeals per month, top units and the received dates (for the seasonal flag). */
export async function listClusterFacts(db: Kysely<Database>, clusterIds: readonly string[], since: Date) {
  if (clusterIds.length === 0) return { months: [], units: [] };
  const [months, units] = await Promise.all([
    sql<{ cluster_id: string; month: string; n: number }>`
      select cluster_id, to_char(received_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*)::int as n
      from appeals where cluster_id in (${sql.join(clusterIds)}) and received_at >= ${since} and status <> 'merged' group by 1, 2 order by 1, 2`.execute(db),
    sql<{ cluster_id: string; unit_id: string; unit_name: string; n: number }>`
      select a.cluster_id, a.unit_id, u.name as unit_name, count(*)::int as n
      from appeals a join units u on u.id = a.unit_id where a.cluster_id in (${sql.join(clusterIds)}) and a.received_at >= ${since} and a.status <> 'merged' group by 1, 2, 3 order by 4 desc`.execute(db),
  ]);
  return { months: months.rows, units: units.rows };
}

export function listAppealsOfCluster(db: Kysely<Database>, clusterId: string) {
  return db.selectFrom('appeals').select(['id', 'number', 'enterprise_id', 'region_id', 'title', 'unit_id']).where('cluster_id', '=', clusterId).where('status', '<>', 'merged').orderBy('received_at').limit(1000).execute();
}

export function updateCluster(db: Kysely<Database>, id: string, values: { task_id?: string | null; plan_id?: string | null; measured_at?: Date; task_closed_at?: Date }) {
  return db.updateTable('appeal_clusters').set(values).where('id', '=', id).execute();
}

export function listClustersOfTask(db: Kysely<Database>, taskId: string) {
  return db.selectFrom('appeal_clusters').selectAll().where('task_id', '=', taskId).where('task_closed_at', 'is', null).execute();
}

export function listEnterpriseUserIds(db: Kysely<Database>, enterpriseIds: readonly string[]) {
  if (enterpriseIds.length === 0) return Promise.resolve([] as { id: string; enterprise_id: string | null }[]);
  return db.selectFrom('users').select(['id', 'enterprise_id']).where('enterprise_id', 'in', enterpriseIds).where('role', '=', 'enterprise').where('disabled', '=', false).execute();
}

export function findSourceIds(db: Kysely<Database>, system: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([] as { source_id: string | null }[]);
  return db.selectFrom('appeals').select('source_id').where('source_system', '=', system).where('source_id', 'in', ids).execute();
}

export type StatsGroup = 'unit' | 'region' | 'month' | 'category';

/** Aggregated rate counts per group over received_at in [from, to). */
export async function aggregateRates(db: Kysely<Database>, scope: Scope, group: StatsGroup, from: Date, to: Date) {
  const key = {
    unit: sql`a.unit_id::text`,
    region: sql`a.region_id::text`,
    month: sql`to_char(a.received_at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
    category: sql`a.category_id::text`,
  }[group];
  const label = {
    unit: sql`max(u.name)`,
    region: sql`max(r.name)`,
    month: sql`to_char(a.received_at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
    category: sql`max(c.name)`,
  }[group];
  const where = scopeSql(scope);
  const { rows } = await sql<{
    key: string | null; label: string | null; total: number; excluded: number; dispatched: number; signed_on_time: number; replied: number; replied_on_time: number;
    closed: number; closed_on_time: number; verdicts: number; solved: number; rated: number; satisfied: number; overdue: number;
  }>`
    select ${key} as key, ${label} as label,
      count(*)::int as total,
      count(*) filter (where a.exclusion is not null)::int as excluded,
      count(*) filter (where a.dispatched_at is not null)::int as dispatched,
      count(*) filter (where a.signed_on_time)::int as signed_on_time,
      count(*) filter (where a.replied_at is not null)::int as replied,
      count(*) filter (where a.replied_on_time)::int as replied_on_time,
      count(*) filter (where a.closed_at is not null)::int as closed,
      count(*) filter (where a.closed_on_time)::int as closed_on_time,
      count(*) filter (where a.exclusion is null and a.solved is not null)::int as verdicts,
      count(*) filter (where a.exclusion is null and a.solved)::int as solved,
      count(*) filter (where a.exclusion is null and (a.rating is not null or a.satisfied is not null))::int as rated,
      count(*) filter (where a.exclusion is null and (a.rating >= 3 or (a.rating is null and a.satisfied)))::int as satisfied,
      count(*) filter (where a.closed_on_time = false or a.signed_on_time = false)::int as overdue
    from appeals a
    left join units u on u.id = a.unit_id
    join regions r on r.id = a.region_id
    join appeal_categories c on c.id = a.category_id
    where a.status <> 'merged' and a.received_at >= ${from} and a.received_at < ${to} ${where}
    group by 1 order by 1`.execute(db);
  return rows;
}

function scopeSql(scope: Scope) {
  switch (scope.kind) {
    case 'all':
      return sql``;
    case 'subtree':
      return sql`and a.region_path like ${`${scope.path}%`}`;
    case 'unit':
      return sql`and a.unit_id = ${scope.unitId}`;
    case 'enterprise':
      return sql`and a.enterprise_id = ${scope.enterpriseId}`;
    case 'none':
      return sql`and false`;
  }
}

/** Most frequent tokens in the window (hot topics). */
export async function hotTokens(db: Kysely<Database>, scope: Scope, from: Date, to: Date, limit: number) {
  const { rows } = await sql<{ token: string; n: number }>`
    select t as token, count(*)::int as n
    from (select a.tokens from appeals a where a.status <> 'merged' and a.received_at >= ${from} and a.received_at < ${to} ${scopeSql(scope)} order by a.received_at desc limit 20000) x,
         unnest(x.tokens) t
    group by 1 order by 2 desc, 1 limit ${limit}`.execute(db);
  return rows;
}

/** Open appeals whose clocks are near or past due, for the supervision scan. */
export function listOpenAppealsForScan(db: Kysely<Database>, afterId: string | undefined, limit: number) {
  let qb = db
    .selectFrom('appeals as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .innerJoin('regions as r', 'r.id', 'a.region_id')
    .select(['a.id', 'a.number', 'a.title', 'a.region_id', 'a.region_path', 'a.unit_id', 'u.name as unit_name', 'a.status', 'a.signed_at', 'a.replied_at', 'a.enterprise_name'])
    .select([isoDateOf('a.sign_due').as('sign_due'), isoDateOf('a.reply_due').as('reply_due'), isoDateOf('a.resolve_due').as('resolve_due')])
    .where('a.status', 'in', ['dispatched', 'handling', 'rectifying', 'disputed'])
    .where('a.unit_id', 'is not', null);
  if (afterId) qb = qb.where('a.id', '>', afterId);
  return qb.orderBy('a.id').limit(limit).execute();
}

export type ScanAppealRow = Awaited<ReturnType<typeof listOpenAppealsForScan>>[number];

export async function listIssuedAppealKeys(db: Kysely<Database>, appealIds: readonly string[]) {
  if (appealIds.length === 0) return { reminders: new Set<string>(), escalations: new Set<string>() };
  const [reminders, escalations] = await Promise.all([
    sql<{ k: string }>`select appeal_id || '|' || kind || '|' || period as k from reminders where appeal_id in (${sql.join(appealIds)})`.execute(db),
    sql<{ k: string }>`select appeal_id || '|' || kind || '|' || period as k from escalations where appeal_id in (${sql.join(appealIds)})`.execute(db),
  ]);
  return { reminders: new Set(reminders.rows.map((r) => r.k)), escalations: new Set(escalations.rows.map((r) => r.k)) };
}

export async function insertAppealReminderOnce(db: Kysely<Database>, v: { appeal_id: string; region_id: string; unit_id: string; kind: string; period: string; due_on: string }) {
  const { rows } = await sql<{ id: string }>`
    insert into reminders (appeal_id, region_id, unit_id, kind, period, due_on) values (${v.appeal_id}, ${v.region_id}, ${v.unit_id}, ${v.kind}, ${v.period}, ${v.due_on})
    on conflict (appeal_id, kind, period) do nothing returning id`.execute(db);
  return rows[0]?.id;
}

export async function insertAppealEscalationOnce(db: Kysely<Database>, v: { appeal_id: string; region_id: string; unit_id: string; issuer_region_id: string; kind: string; period: string; due_on: string; year: number; seq: number; number: string; issued_on: string; respond_by: string }) {
  const { rows } = await sql<{ id: string }>`
    insert into escalations (appeal_id, region_id, unit_id, issuer_region_id, kind, period, due_on, year, seq, number, issued_on, respond_by)
    values (${v.appeal_id}, ${v.region_id}, ${v.unit_id}, ${v.issuer_region_id}, ${v.kind}, ${v.period}, ${v.due_on}, ${v.year}, ${v.seq}, ${v.number}, ${v.issued_on}, ${v.respond_by})
    on conflict (appeal_id, kind, period) do nothing returning id`.execute(db);
  return rows[0]?.id;
}

export async function listEscalationsOfAppeal(db: Kysely<Database>, appealId: string) {
  const { rows } = await sql<{ id: string; number: string; kind: string; due_on: string; issued_on: string; respond_by: string }>`
    select id, number, kind, to_char(due_on, 'YYYY-MM-DD') as due_on, to_char(issued_on, 'YYYY-MM-DD') as issued_on, to_char(respond_by, 'YYYY-MM-DD') as respond_by
    from escalations where appeal_id = ${appealId} order by created_at`.execute(db);
  return rows;
}

/** The top region of a path ('/a/b/' → 'a'), whose office issues the appeal's 督办. */
export function rootRegionIdOf(path: string): string {
  return path.split('/').filter(Boolean)[0];
}

export function insertOpen311Key(db: Kysely<Database>, v: { name: string; key_hash: string; region_id: string; created_by: string | null }) {
  return db.insertInto('open311_keys').values(v).returning(['id', 'name', 'region_id', 'created_at']).executeTakeFirstOrThrow();
}

export function findOpen311Key(db: Kysely<Database>, keyHash: string) {
  return db.selectFrom('open311_keys as k').innerJoin('regions as r', 'r.id', 'k.region_id').select(['k.id', 'k.name', 'k.region_id', 'r.path']).where('k.key_hash', '=', keyHash).where('k.revoked_at', 'is', null).executeTakeFirst();
}
