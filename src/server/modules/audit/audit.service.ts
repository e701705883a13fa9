import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { GENESIS_HASH, hashAuditRow, toJsonValue } from './audit.hash.ts';
import { canReadAudit } from './audit.permissions.ts';
import { presentAuditEntry } from './audit.presenter.ts';
import { findLastAuditRow, insertAuditRows, listAuditRows, listAuditRowsAfter, lockAuditChain } from './audit.queries.ts';

export interface AuditEntry {
  actor: { id: string | null; name: string } | null;
  action: string;
  entity: string;
  entityId: string | null;
  regionId?: string | null;
  before?: unknown;
  after?: unknown;
  at?: Date;
}

/**
 * Appends one entry to the audit chain inside the caller's transaction, so the entry exists if
 * and only if the write it describes commits. The advisory lock serialises writers of the chain
 * until that transaction ends.
 */
export async function recordAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  await recordAudits(trx, [entry]);
}

/**
 * Appends several entries, in order, with one lock, one read of the chain head and one insert.
 * The lock is held from here until the transaction ends, so callers on a hot path make this their
 * last statement before commit: the serialised section is then this call plus the commit.
 */
export async function recordAudits(trx: Transaction<Database>, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await lockAuditChain(trx);
  const last = await findLastAuditRow(trx);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = entries.map((entry) => {
    const fields = {
      id: randomUUID(),
      seq: ++seq,
      at: entry.at ?? new Date(),
      actorId: entry.actor?.id ?? null,
      actorName: entry.actor?.name ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      regionId: entry.regionId ?? null,
      before: toJsonValue(entry.before),
      after: toJsonValue(entry.after),
      prevHash,
    };
    prevHash = hashAuditRow(fields);
    return {
      id: fields.id,
      seq: fields.seq,
      at: fields.at,
      actor_id: fields.actorId,
      actor_name: fields.actorName,
      action: fields.action,
      entity: fields.entity,
      entity_id: fields.entityId,
      region_id: fields.regionId,
      before: fields.before === null ? null : JSON.stringify(fields.before),
      after: fields.after === null ? null : JSON.stringify(fields.after),
      prev_hash: fields.prevHash,
      hash: prevHash,
    };
  });
  await insertAuditRows(trx, rows);
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first row that does not fit the chain, and why. */
  broken: { seq: number; id: string | null; reason: string } | null;
}

/** Walks the whole chain in order, recomputing every hash. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await listAuditRowsAfter(db, expectedSeq - 1, 1000);
    if (rows.length === 0) return { ok: true, checked, broken: null };
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return { ok: false, checked, broken: { seq: expectedSeq, id: null, reason: `row ${expectedSeq} is missing (next is ${row.seq})` } };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, broken: { seq: row.seq, id: row.id, reason: 'prev_hash does not match the previous row' } };
      }
      const hash = hashAuditRow({
        id: row.id,
        seq: row.seq,
        at: row.at,
        actorId: row.actor_id,
        actorName: row.actor_name,
        action: row.action,
        entity: row.entity,
        entityId: row.entity_id,
        regionId: row.region_id,
        before: row.before,
        after: row.after,
        prevHash: row.prev_hash,
      });
      if (hash !== row.hash) {
        return { ok: false, checked, broken: { seq: row.seq, id: row.id, reason: 'content does not match its hash' } };
      }
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
}

export interface AuditListQuery {
  entity?: string;
  actorId?: string;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Kysely<Database>, actor: Actor, query: AuditListQuery) {
  if (!canReadAudit(actor)) throw new AppError('FORBIDDEN');
  const { rows, total } = await listAuditRows(db, {
    entity: query.entity,
    actorId: query.actorId,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: rows.map(presentAuditEntry), total };
}
