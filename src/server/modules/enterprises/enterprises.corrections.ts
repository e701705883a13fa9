import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { appendEnterpriseEvent } from './enterprises.events.ts';
import { canManageEnterprisesIn, canRequestCorrection } from './enterprises.permissions.ts';
import { actorRef, getReadableEnterpriseOrThrow, scopeFacts, updateEnterprise, type EnterprisePatch } from './enterprises.service.ts';

/** Fields an enterprise may ask to correct, with how they read in the record. */
export const CORRECTABLE = ['name', 'legalRepName', 'registrationAuthority', 'establishedOn', 'registeredCapital', 'industryCode', 'address'] as const;
export type CorrectableField = (typeof CORRECTABLE)[number];
export type CorrectionChanges = Partial<Record<CorrectableField, string | number | null>>;

const presentRequest = (r: { id: string; enterprise_id: string; changes: unknown; note: string | null; status: string; created_at: Date; decision_note: string | null; enterprise_name?: string }) => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name ?? null,
  changes: r.changes as CorrectionChanges,
  note: r.note,
  status: r.status,
  decisionNote: r.decision_note,
  createdAt: new Date(r.created_at).toISOString(),
});

/** The enterprise asks the office to correct its record. @throws AppError NOT_FOUND, FORBIDDEN */
export async function requestCorrection(db: Kysely<Database>, actor: Actor, enterpriseId: string, input: { changes: CorrectionChanges; note?: string | null }, now: Date) {
  const e = await getReadableEnterpriseOrThrow(db, actor, enterpriseId);
  if (!canRequestCorrection(actor, scopeFacts(e))) throw new AppError('FORBIDDEN');
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('enterprise_correction_requests')
      .values({ enterprise_id: e.id, requested_by: actor.id, changes: JSON.stringify(input.changes), note: input.note?.trim() || null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendEnterpriseEvent(trx, { enterpriseId: e.id, kind: 'correction.requested', title: '企业申请更正登记信息', refType: 'correction', refId: r.id, at: now });
    await recordAudit(trx, { actor: actorRef(actor), action: 'create', entity: 'enterprise_correction', entityId: r.id, regionId: e.region_id, after: { changes: input.changes, note: input.note ?? null } });
    return presentRequest(r);
  });
}

/** Own requests (enterprise) or the pending ones of the office's subtree. */
export async function listCorrections(db: Kysely<Database>, actor: Actor, filter: { enterpriseId?: string; status?: string }) {
  let q = db
    .selectFrom('enterprise_correction_requests as c')
    .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .innerJoin('regions as r', 'r.id', 'e.region_id')
    .selectAll('c')
    .select('e.name as enterprise_name');
  if (actor.role === 'enterprise') q = q.where('c.enterprise_id', '=', actor.enterpriseId ?? '00000000-0000-0000-0000-000000000000');
  else if (actor.role === 'office') q = q.where('r.path', 'like', `${actor.regionPath}%`);
  else if (actor.role !== 'admin') throw new AppError('FORBIDDEN');
  if (filter.enterpriseId) q = q.where('c.enterprise_id', '=', filter.enterpriseId);
  if (filter.status) q = q.where('c.status', '=', filter.status as never);
  const rows = await q.orderBy('c.created_at', 'desc').limit(200).execute();
  return { items: rows.map(presentRequest), total: rows.length };
}

/** The office accepts (the changes are applied as an edit, audited) or rejects. @throws AppError NOT_FOUND, FORBIDDEN, ENT_REQUEST_DECIDED */
export async function decideCorrection(db: Kysely<Database>, actor: Actor, id: string, decision: { accept: boolean; note?: string | null }, now: Date) {
  const r = await db.selectFrom('enterprise_correction_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  const e = await getReadableEnterpriseOrThrow(db, actor, r.enterprise_id);
  if (!canManageEnterprisesIn(actor, e.region_path)) throw new AppError(actor.role === 'enterprise' ? 'NOT_FOUND' : 'FORBIDDEN');
  if (r.status !== 'pending') throw new AppError('ENT_REQUEST_DECIDED');
  if (decision.accept) {
    const changes = r.changes as CorrectionChanges;
    const patch: EnterprisePatch = { version: e.version };
    for (const f of CORRECTABLE) if (changes[f] !== undefined) (patch as unknown as Record<string, unknown>)[f] = changes[f];
    await updateEnterprise(db, actor, e.id, patch, now);
  }
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('enterprise_correction_requests')
      .set({ status: decision.accept ? 'accepted' : 'rejected', decided_by: actor.id, decided_at: now, decision_note: decision.note?.trim() || null })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('ENT_REQUEST_DECIDED');
    await appendEnterpriseEvent(trx, { enterpriseId: e.id, kind: decision.accept ? 'correction.accepted' : 'correction.rejected', title: decision.accept ? '更正申请已通过' : '更正申请未通过', refType: 'correction', refId: id, at: now });
    await recordAudit(trx, { actor: actorRef(actor), action: decision.accept ? 'accept' : 'reject', entity: 'enterprise_correction', entityId: id, regionId: e.region_id, after: { note: decision.note ?? null } });
  });
  const after = await db.selectFrom('enterprise_correction_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return presentRequest(after);
}
