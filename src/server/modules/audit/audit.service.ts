import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { hashStoredAuditRow } from './audit.chainer.ts';
import { GENESIS_HASH, toJsonValue } from './audit.hash.ts';
import { canReadAudit } from './audit.permissions.ts';
import { presentAuditEntry } from './audit.presenter.ts';
import { countUnchainedAuditRows, insertAuditRows, listAuditCheckpoints, listAuditRows, listChainedAuditRowsAfter } from './audit.queries.ts';
import { checkpointSignatureValid, readCheckpointFile, type AuditCheckpoint, type AuditSigner } from './audit.signer.ts';

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
 * Appends one entry to the audit log inside the caller's transaction, so the entry exists if and
 * only if the write it describes commits. No lock: the chainer links it shortly after commit.
 */
export async function recordAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  await recordAudits(trx, [entry]);
}

/**
 * Appends several entries, in order, with one INSERT and no lock (the insertion sequence keeps
 * their order). The background chainer (audit.chainer.ts) gives them their chain position and
 * hashes after commit, so concurrent writers never wait for each other here.
 */
export async function recordAudits(trx: Transaction<Database>, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((entry) => {
    const before = toJsonValue(entry.before);
    const after = toJsonValue(entry.after);
    return {
      id: randomUUID(),
      at: entry.at ?? new Date(),
      actor_id: entry.actor?.id ?? null,
      actor_name: entry.actor?.name ?? null,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      region_id: entry.regionId ?? null,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
    };
  });
  await insertAuditRows(trx, rows);
}

export interface AuditVerification {
  ok: boolean;
  /** Chained rows whose hash and link were recomputed. */
  checked: number;
  /** Committed rows the chainer has not linked yet (not an error; chained within a second). */
  unchained: number;
  /** Signed checkpoints checked (database and file). */
  checkpoints: number;
  /** The first thing that does not fit, and why. `seq` is the chain position. */
  broken: { seq: number; id: string | null; reason: string } | null;
}

export interface VerifyOptions {
  /**
   * The key whose checkpoints are trusted. Omitted: rows and links only (checkpoints not read).
   * `null`: checkpoints are read and, if any exist, fail for want of a key.
   */
  verifier?: AuditSigner | null;
  /** The checkpoint file written outside the database. */
  checkpointFile?: string | null;
}

/**
 * Walks the whole chain in chain order, recomputing every hash and link, then checks every signed
 * checkpoint (from the database and from the checkpoint file): its signature, and that the chain
 * still holds the row it signed with the same hash — so deleting the newest rows is found too.
 */
export async function verifyAuditChain(db: Kysely<Database>, options: VerifyOptions = {}): Promise<AuditVerification> {
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const hashes = new Map<number, string>();
  const fail = (seq: number, id: string | null, reason: string): AuditVerification => ({ ok: false, checked, unchained: 0, checkpoints: 0, broken: { seq, id, reason } });
  for (;;) {
    const rows = await listChainedAuditRowsAfter(db, expected - 1, 1000);
    if (rows.length === 0) break;
    for (const row of rows) {
      const chainSeq = row.chain_seq!;
      if (chainSeq !== expected) return fail(expected, null, `row ${expected} of the chain is missing (next is ${chainSeq})`);
      if (row.prev_hash !== prevHash) return fail(chainSeq, row.id, 'prev_hash does not match the previous row');
      if (hashStoredAuditRow(row, chainSeq, row.prev_hash!) !== row.hash) return fail(chainSeq, row.id, 'content does not match its hash');
      hashes.set(chainSeq, row.hash!);
      prevHash = row.hash!;
      expected += 1;
      checked += 1;
    }
  }
  const length = expected - 1;

  if (options.verifier === undefined) return { ok: true, checked, unchained: await countUnchainedAuditRows(db), checkpoints: 0, broken: null };
  const checkpoints: { checkpoint: AuditCheckpoint; source: string }[] = (await listAuditCheckpoints(db)).map((c) => ({
    checkpoint: { chainSeq: c.chain_seq, hash: c.hash, at: c.at.toISOString(), keyId: c.key_id, signature: c.signature },
    source: 'database',
  }));
  if (options.checkpointFile) {
    const lines = readCheckpointFile(options.checkpointFile);
    for (const [i, c] of lines.entries()) {
      if (c === null) return fail(length, null, `checkpoint file ${options.checkpointFile} line ${i + 1} is not a checkpoint`);
      checkpoints.push({ checkpoint: c, source: `${options.checkpointFile} line ${i + 1}` });
    }
  }
  for (const { checkpoint: c, source } of checkpoints) {
    if (!options.verifier) return fail(c.chainSeq, null, `checkpoint at row ${c.chainSeq} (${source}) cannot be checked: no audit public key`);
    if (!checkpointSignatureValid(options.verifier, c)) {
      return fail(c.chainSeq, null, `checkpoint at row ${c.chainSeq} (${source}) has an invalid signature (forged or altered)`);
    }
    if (c.chainSeq > length) {
      return fail(c.chainSeq, null, `the chain ends at row ${length} but a signed checkpoint (${source}) covers row ${c.chainSeq}: the newest rows were deleted`);
    }
    if (hashes.get(c.chainSeq) !== c.hash) {
      return fail(c.chainSeq, null, `row ${c.chainSeq} no longer has the hash its signed checkpoint (${source}) recorded: the chain was rewritten`);
    }
  }
  return { ok: true, checked, unchained: await countUnchainedAuditRows(db), checkpoints: checkpoints.length, broken: null };
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
