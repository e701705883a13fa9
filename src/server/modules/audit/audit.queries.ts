import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditCheckpointTable, AuditLogRow, Database, NewAuditLogRow } from '../../db/schema.ts';

/** One statement, no lock: the row gets its insertion `seq` from the sequence. */
export async function insertAuditRows(trx: Kysely<Database>, rows: readonly NewAuditLogRow[]): Promise<void> {
  await trx.insertInto('audit_log').values(rows).execute();
}

export async function hasUnchainedAuditRows(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('audit_log').select('seq').where('chain_seq', 'is', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * The chainer's lock: one chainer per database schema at a time (several server processes may run).
 * Only the chainer takes it; writers never wait for it.
 */
export async function tryLockAuditChainer(trx: Transaction<Database>): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext(current_schema() || '.audit_chain')) as locked`.execute(trx);
  return rows[0]?.locked === true;
}

export function findAuditChainHead(db: Kysely<Database>) {
  return db
    .selectFrom('audit_log')
    .select(['chain_seq', 'hash'])
    .where('chain_seq', 'is not', null)
    .orderBy('chain_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listUnchainedAuditRows(trx: Kysely<Database>, limit: number): Promise<AuditLogRow[]> {
  return trx.selectFrom('audit_log').selectAll().where('chain_seq', 'is', null).orderBy('seq').limit(limit).execute();
}

export async function setAuditChainLinks(trx: Kysely<Database>, links: readonly { id: string; chainSeq: number; prevHash: string; hash: string }[]): Promise<void> {
  if (links.length === 0) return;
  await sql`
    update audit_log as a
    set chain_seq = v.chain_seq, prev_hash = v.prev_hash, hash = v.hash
    from unnest(${links.map((l) => l.id)}::uuid[], ${links.map((l) => l.chainSeq)}::int8[],
                ${links.map((l) => l.prevHash)}::text[], ${links.map((l) => l.hash)}::text[]) as v(id, chain_seq, prev_hash, hash)
    where a.id = v.id and a.chain_seq is null`.execute(trx);
}

export function listChainedAuditRowsAfter(db: Kysely<Database>, afterChainSeq: number, limit: number): Promise<AuditLogRow[]> {
  return db.selectFrom('audit_log').selectAll().where('chain_seq', '>', afterChainSeq).orderBy('chain_seq').limit(limit).execute();
}

export async function countUnchainedAuditRows(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('chain_seq', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findLastAuditCheckpoint(db: Kysely<Database>) {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('chain_seq', 'desc').limit(1).executeTakeFirst();
}

export async function insertAuditCheckpoint(db: Kysely<Database>, row: AuditCheckpointTable): Promise<void> {
  await db.insertInto('audit_checkpoints').values(row).onConflict((oc) => oc.column('chain_seq').doNothing()).execute();
}

export function listAuditCheckpoints(db: Kysely<Database>) {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('chain_seq').execute();
}

export interface AuditFilter {
  entity?: string;
  actorId?: string;
  offset: number;
  limit: number;
}

export async function listAuditRows(db: Kysely<Database>, filter: AuditFilter) {
  let query = db.selectFrom('audit_log');
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('seq', 'desc').offset(filter.offset).limit(filter.limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}
