import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AuditLogRow, Database } from '../../db/schema.ts';
import { GENESIS_HASH, hashAuditRow } from './audit.hash.ts';
import {
  findAuditChainHead,
  findLastAuditCheckpoint,
  hasUnchainedAuditRows,
  insertAuditCheckpoint,
  listUnchainedAuditRows,
  setAuditChainLinks,
  tryLockAuditChainer,
} from './audit.queries.ts';
import { signCheckpoint, type AuditCheckpoint, type AuditSigner } from './audit.signer.ts';

/** The hash of a stored row at a chain position, exactly as `audit verify` recomputes it. */
export function hashStoredAuditRow(row: AuditLogRow, chainSeq: number, prevHash: string): string {
  return hashAuditRow({
    id: row.id,
    seq: chainSeq,
    appendSeq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    regionId: row.region_id,
    before: row.before,
    after: row.after,
    prevHash,
  });
}

export interface ChainResult {
  chained: number;
  head: { chainSeq: number; hash: string } | null;
}

/**
 * Links the committed rows that have no chain position yet, in the order the chainer sees them
 * committed (insertion order among those visible), one batch per transaction. Another process
 * chaining at the same moment makes this call return `chained: 0` instead of waiting.
 */
export async function chainPendingAudit(db: Kysely<Database>, options: { batchSize?: number } = {}): Promise<ChainResult> {
  const batchSize = options.batchSize ?? 1000;
  let chained = 0;
  let head: ChainResult['head'] = null;
  for (;;) {
    if (!(await hasUnchainedAuditRows(db))) break;
    const step = await db.transaction().execute(async (trx) => {
      if (!(await tryLockAuditChainer(trx))) return null;
      const last = await findAuditChainHead(trx);
      const rows = await listUnchainedAuditRows(trx, batchSize);
      let chainSeq = last?.chain_seq ?? 0;
      let prevHash = last?.hash ?? GENESIS_HASH;
      const links = rows.map((row) => {
        const link = { id: row.id, chainSeq: ++chainSeq, prevHash, hash: hashStoredAuditRow(row, chainSeq, prevHash) };
        prevHash = link.hash;
        return link;
      });
      await setAuditChainLinks(trx, links);
      return { count: links.length, head: links.length > 0 ? { chainSeq, hash: prevHash } : null };
    });
    if (step === null) break;
    chained += step.count;
    if (step.head) head = step.head;
    if (step.count < batchSize) break;
  }
  return { chained, head };
}

export interface CheckpointOptions {
  signer: AuditSigner;
  /** Appended with one JSON line per checkpoint; `null` keeps checkpoints in the database only. */
  file?: string | null;
  log?: Pick<Logger, 'info' | 'warn' | 'error'>;
  now?: () => Date;
}

/**
 * Signs the current chain head if it moved since the last checkpoint, and writes the checkpoint
 * to the database, the checkpoint file and the log. Returns it, or `null` when nothing changed.
 */
export async function writeAuditCheckpoint(db: Kysely<Database>, options: CheckpointOptions): Promise<AuditCheckpoint | null> {
  const head = await findAuditChainHead(db);
  if (!head?.chain_seq || !head.hash) return null;
  const last = await findLastAuditCheckpoint(db);
  if (last && last.chain_seq >= head.chain_seq) return null;
  const checkpoint = signCheckpoint(options.signer, { chainSeq: head.chain_seq, hash: head.hash }, (options.now ?? (() => new Date()))());
  if (options.file) {
    mkdirSync(dirname(options.file), { recursive: true });
    appendFileSync(options.file, `${JSON.stringify(checkpoint)}\n`);
  }
  await insertAuditCheckpoint(db, { chain_seq: checkpoint.chainSeq, hash: checkpoint.hash, at: new Date(checkpoint.at), key_id: checkpoint.keyId, signature: checkpoint.signature });
  options.log?.info({ auditCheckpoint: checkpoint }, 'audit checkpoint');
  return checkpoint;
}

export interface AuditChainerOptions extends Partial<Omit<CheckpointOptions, 'signer'>> {
  /** Signs checkpoints; `null` chains without checkpoints (in-memory databases). */
  signer?: AuditSigner | null;
  /** How often the chainer looks for new rows (ms). */
  intervalMs?: number;
  /** At most one checkpoint per this many ms while the chain grows. */
  checkpointEveryMs?: number;
}

export interface AuditChainer {
  /** Chains everything committed so far and writes a checkpoint if the head moved. */
  flush(): Promise<void>;
  /** Stops the timer after a last flush. */
  stop(): Promise<void>;
}

/**
 * The background chainer of a server process: a timer (unref'd) that chains new rows every
 * `intervalMs` and signs a checkpoint at most every `checkpointEveryMs`. Errors are logged, never
 * thrown: an unchained row stays in the table and is chained on the next pass or the next start.
 */
export function startAuditChainer(db: Kysely<Database>, options: AuditChainerOptions): AuditChainer {
  const intervalMs = options.intervalMs ?? 200;
  const checkpointEveryMs = options.checkpointEveryMs ?? 5000;
  let lastCheckpointAt = 0;
  let dirty = false;
  let running: Promise<void> | null = null;
  let stopped = false;

  const pass = (forceCheckpoint: boolean) =>
    (running ??= (async () => {
      try {
        const { chained } = await chainPendingAudit(db);
        if (chained > 0) dirty = true;
        const due = Date.now() - lastCheckpointAt >= checkpointEveryMs;
        if (options.signer && (forceCheckpoint || lastCheckpointAt === 0 || (dirty && due))) {
          await writeAuditCheckpoint(db, { signer: options.signer, file: options.file, log: options.log, now: options.now });
          lastCheckpointAt = Date.now();
          dirty = false;
        }
      } catch (err) {
        if (!stopped) options.log?.error({ err }, 'audit chainer failed; unchained rows are retried');
      } finally {
        running = null;
      }
    })());

  const timer = setInterval(() => void pass(false), intervalMs);
  timer.unref();
  return {
    async flush() {
      if (running) await running;
      await pass(true);
    },
    async stop() {
      clearInterval(timer);
      if (running) await running;
      await pass(true);
      stopped = true;
    },
  };
}
