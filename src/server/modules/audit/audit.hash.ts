import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** Plain JSON value: Dates become ISO strings, undefined fields are dropped. */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value ?? null));
}

/**
 * JSON with object keys sorted at every depth, so the same value always gives the same text
 * (jsonb does not keep key order, so the text must not depend on it).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export interface HashedAuditFields {
  id: string;
  /** The chain position (`chain_seq`). */
  seq: number;
  /** The insertion sequence (`seq`); hashed only where it differs from the chain position. */
  appendSeq?: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  regionId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
}

/**
 * sha256 over the canonical JSON of the row's content and the previous row's hash. Rows chained
 * before the chain moved off the commit path have `appendSeq === seq`, so their hashes are unchanged.
 */
export function hashAuditRow(fields: HashedAuditFields): string {
  const text = canonicalJson({
    id: fields.id,
    seq: fields.seq,
    at: fields.at.toISOString(),
    actorId: fields.actorId,
    actorName: fields.actorName,
    action: fields.action,
    entity: fields.entity,
    entityId: fields.entityId,
    regionId: fields.regionId,
    before: fields.before ?? null,
    after: fields.after ?? null,
    prevHash: fields.prevHash,
    ...(fields.appendSeq !== undefined && fields.appendSeq !== fields.seq ? { appendSeq: fields.appendSeq } : {}),
  });
  return createHash('sha256').update(text).digest('hex');
}
