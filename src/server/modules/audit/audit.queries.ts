import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditLogRow, Database, NewAuditLogRow } from '../../db/schema.ts';

// One constant key: every writer of the chain takes the same transaction-scoped advisory lock.
const AUDIT_CHAIN_LOCK = 0x79736175; // "ysau"

export async function lockAuditChain(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
}

export function findLastAuditRow(trx: Kysely<Database>) {
  return trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function insertAuditRows(trx: Kysely<Database>, rows: readonly NewAuditLogRow[]): Promise<void> {
  await trx.insertInto('audit_log').values(rows).execute();
}

export function listAuditRowsAfter(db: Kysely<Database>, afterSeq: number, limit: number): Promise<AuditLogRow[]> {
  return db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
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
