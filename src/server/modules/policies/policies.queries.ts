import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;
const d = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;
const dn = (col: string) => sql<string | null>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

export function policiesWithRegion(db: Db) {
  return db
    .selectFrom('policies as p')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select([
      'p.id',
      'p.region_id',
      'r.name as region_name',
      'r.path as region_path',
      'p.title',
      'p.issuer',
      'p.doc_number',
      d('p.effective_from').as('effective_from'),
      dn('p.effective_to').as('effective_to'),
      'p.legal_text',
      'p.contact',
      'p.themes',
      'p.is_example',
      'p.version',
      'p.created_at',
      'p.updated_at',
    ]);
}
export type PolicyRow = Awaited<ReturnType<ReturnType<typeof policiesWithRegion>['executeTakeFirstOrThrow']>>;

export function findPolicyById(db: Db, id: string) {
  return policiesWithRegion(db).where('p.id', '=', id).executeTakeFirst();
}

/** Policies whose region is in `subtree` or, with `governing`, above that path (the rules that reach it). */
export function listPolicies(db: Db, scope: { subtree?: string; governing?: string; all?: boolean }, filter: { q?: string }) {
  let q = policiesWithRegion(db).orderBy('p.effective_from', 'desc').orderBy('p.title');
  if (!scope.all) {
    q = q.where((eb) =>
      eb.or([
        ...(scope.subtree ? [eb('r.path', 'like', `${scope.subtree}%`)] : []),
        ...(scope.governing ? [sql<boolean>`starts_with(${scope.governing}::text, r.path)`] : []),
        sql<boolean>`false`,
      ]),
    );
  }
  if (filter.q) q = q.where((eb) => eb.or([eb('p.title', 'like', `%${filter.q}%`), eb('p.doc_number', 'like', `%${filter.q}%`)]));
  return q.execute();
}

export function itemsWithPolicy(db: Db) {
  return db
    .selectFrom('policy_items as i')
    .innerJoin('policies as p', 'p.id', 'i.policy_id')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select([
      'i.id',
      'i.policy_id',
      'i.title',
      'i.mode',
      'i.theme',
      'i.conditions_text',
      'i.status',
      'i.published_at',
      'p.title as policy_title',
      'p.doc_number',
      'p.region_id',
      'p.is_example',
      'r.path as region_path',
      'r.name as region_name',
    ]);
}
export type ItemRow = Awaited<ReturnType<ReturnType<typeof itemsWithPolicy>['executeTakeFirstOrThrow']>>;

export function findItemById(db: Db, id: string) {
  return itemsWithPolicy(db).where('i.id', '=', id).executeTakeFirst();
}

export function listItemsOfPolicies(db: Db, policyIds: readonly string[]) {
  if (policyIds.length === 0) return Promise.resolve([] as ItemRow[]);
  return itemsWithPolicy(db).where('i.policy_id', 'in', policyIds).orderBy('i.created_at').orderBy('i.title').execute();
}

/** Published items whose policy region governs `regionPath` (the region or one above it). */
export function listPublishedItemsGoverning(db: Db, regionPath: string) {
  return itemsWithPolicy(db).where('i.status', '=', 'published').where(sql<boolean>`starts_with(${regionPath}::text, r.path)`).orderBy('i.title').execute();
}

export function versionsQuery(db: Db) {
  return db
    .selectFrom('policy_rule_versions as v')
    .select(['v.id', 'v.item_id', 'v.version', d('v.valid_from').as('valid_from'), dn('v.valid_to').as('valid_to'), 'v.rule', 'v.benefit', 'v.tests', 'v.test_results', 'v.hash', 'v.created_at']);
}
export type VersionRow = Awaited<ReturnType<ReturnType<typeof versionsQuery>['executeTakeFirstOrThrow']>>;

export function listVersionsOfItems(db: Db, itemIds: readonly string[]) {
  if (itemIds.length === 0) return Promise.resolve([] as VersionRow[]);
  return versionsQuery(db).where('v.item_id', 'in', itemIds).orderBy('v.version').execute();
}

export function findVersionById(db: Db, id: string) {
  return versionsQuery(db).where('v.id', '=', id).executeTakeFirst();
}

export function batchesQuery(db: Db) {
  return db
    .selectFrom('grant_batches as b')
    .innerJoin('regions as r', 'r.id', 'b.region_id')
    .leftJoin('users as cu', 'cu.id', 'b.created_by')
    .leftJoin('users as au', 'au.id', 'b.approved_by')
    .select([
      'b.id',
      'b.item_id',
      'b.rule_version_id',
      'b.region_id',
      'r.path as region_path',
      'b.period_label',
      d('b.as_of').as('as_of'),
      'b.status',
      'b.grant_count',
      'b.total_amount',
      'b.created_by',
      'cu.display_name as created_by_name',
      'b.approved_by',
      'au.display_name as approved_by_name',
      'b.approved_at',
      'b.created_at',
    ]);
}
export type BatchRow = Awaited<ReturnType<ReturnType<typeof batchesQuery>['executeTakeFirstOrThrow']>>;

export function grantsQuery(db: Db) {
  return db
    .selectFrom('grants as g')
    .innerJoin('regions as r', 'r.id', 'g.region_id')
    .innerJoin('enterprises as e', 'e.id', 'g.enterprise_id')
    .innerJoin('policy_items as i', 'i.id', 'g.item_id')
    .innerJoin('policy_rule_versions as v', 'v.id', 'g.rule_version_id')
    .select([
      'g.id',
      'g.batch_id',
      'g.item_id',
      'i.title as item_title',
      'i.mode as item_mode',
      'g.enterprise_id',
      'e.name as enterprise_name',
      'e.credit_code',
      'g.region_id',
      'r.path as region_path',
      'r.name as region_name',
      'g.rule_version_id',
      'v.version as rule_version',
      'g.rule_hash',
      d('g.as_of').as('as_of'),
      'g.snapshot',
      'g.snapshot_hash',
      'g.trace',
      'g.result',
      'g.amount',
      'g.amount_explanation',
      'g.status',
      d('g.eligible_since').as('eligible_since'),
      'g.decided_at',
      'g.approver_id',
      'g.approver_name',
      'g.payload_hash',
      'g.signature',
      'g.sign_alg',
      'g.key_id',
      'g.confirmed_at',
      'g.bank_account',
      'g.disbursed_at',
      'g.review_of',
      'g.review_reason',
      'g.review_requested_at',
      'g.created_at',
    ]);
}
export type GrantRow = Awaited<ReturnType<ReturnType<typeof grantsQuery>['executeTakeFirstOrThrow']>>;

export function findGrantById(db: Db, id: string) {
  return grantsQuery(db).where('g.id', '=', id).executeTakeFirst();
}

export function lockGrantById(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('grants').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function lockBatchById(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('grant_batches').select(['id', 'status', 'created_by']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findPayeeAccount(db: Db, enterpriseId: string) {
  return db.selectFrom('payee_accounts').selectAll().where('enterprise_id', '=', enterpriseId).executeTakeFirst();
}

/** Inserts a portal message unless one exists for the item and enterprise; true when it was new. */
export async function insertMessageOnce(db: Db, message: { enterpriseId: string; itemId: string; title: string; body: string }): Promise<boolean> {
  const rows = await db
    .insertInto('policy_messages')
    .values({ enterprise_id: message.enterpriseId, item_id: message.itemId, title: message.title, body: message.body })
    .onConflict((oc) => oc.columns(['enterprise_id', 'item_id']).doNothing())
    .returning('id')
    .execute();
  return rows.length > 0;
}

/** The same message to many enterprises, skipping those that have one for the item; returns who got it now. */
export async function insertMessagesOnce(db: Db, message: { enterpriseIds: readonly string[]; itemId: string; title: string; body: string }): Promise<string[]> {
  if (message.enterpriseIds.length === 0) return [];
  const rows = await db
    .insertInto('policy_messages')
    .values(message.enterpriseIds.map((id) => ({ enterprise_id: id, item_id: message.itemId, title: message.title, body: message.body })))
    .onConflict((oc) => oc.columns(['enterprise_id', 'item_id']).doNothing())
    .returning('enterprise_id')
    .execute();
  return rows.map((r) => r.enterprise_id);
}

export function listMessagesOf(db: Db, enterpriseId: string) {
  return db.selectFrom('policy_messages').select(['id', 'item_id', 'title', 'body', 'created_at', 'read_at']).where('enterprise_id', '=', enterpriseId).orderBy('created_at', 'desc').limit(100).execute();
}

export function listSubscriptions(db: Db, enterpriseIds: readonly string[]) {
  if (enterpriseIds.length === 0) return Promise.resolve([] as Array<{ enterprise_id: string; theme: string }>);
  return db.selectFrom('policy_subscriptions').select(['enterprise_id', 'theme']).where('enterprise_id', 'in', enterpriseIds).execute();
}
