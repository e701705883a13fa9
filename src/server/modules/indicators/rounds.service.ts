import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { isAdmin, isOwnUnit } from '../auth/auth.permissions.ts';
import { notifyOffice, notifyUnit } from '../supervision/supervision.notify.ts';
import { canManageSystem, canReadSystem, canSeeRegion } from './indicators.permissions.ts';
import {
  closeRound,
  findRoundById,
  findRoundUnit,
  findSystemById,
  insertRound,
  insertRoundUnits,
  listChildRegions,
  listNodesWithUnits,
  listRoundEntries,
  listRounds as listRoundRows,
  listRoundUnits,
  listTaskKpiValues,
  listValuesOfPeriod,
  updateRoundUnit,
  upsertRoundEntries,
  type RoundRow,
} from './indicators.queries.ts';
import { actorRef, assertPeriod, storeValues, type ValueIssue } from './indicators.service.ts';

/**
 * Collection rounds (填报): the office opens a round for a period; each responsible unit is asked only for the
 * leaves it owns that the platform does not compute itself (never ask for a number it already has); the unit
 * fills and submits; the office accepts (the values enter the scores, source 'round') or returns with a comment.
 * Notifications and reminders go through the supervision notifications.
 */
const manualLeavesOf = async (db: Kysely<Database>, systemId: string) => (await listNodesWithUnits(db, systemId)).filter((n) => n.is_leaf && n.data_source !== 'computed' && !n.provider);

const canManageRound = (actor: Actor, r: RoundRow) => canManageSystem(actor, { regionPath: r.region_path });
const isAskedUnit = (actor: Actor, units: ReadonlyArray<{ unit_id: string }>) => actor.role === 'unit' && units.some((u) => isOwnUnit(actor, u.unit_id));

async function getRoundOrThrow(db: Kysely<Database>, actor: Actor, id: string) {
  const r = await findRoundById(db, id);
  if (!r) throw new AppError('NOT_FOUND');
  const units = await listRoundUnits(db, id);
  const office = isAdmin(actor) || ((actor.role === 'office' || actor.role === 'leader') && canSeeRegion(actor, r.region_path));
  if (!office && !isAskedUnit(actor, units)) throw new AppError('NOT_FOUND');
  return { r, units };
}

export async function openRound(db: Kysely<Database>, actor: Actor, input: { systemId: string; period: string; title?: string; dueDate?: string }, now: Date) {
  assertPeriod(input.period, 'body.period');
  const s = await findSystemById(db, input.systemId);
  if (!s || !canReadSystem(actor, { regionPath: s.region_path })) throw new AppError('NOT_FOUND', undefined, { field: 'systemId' });
  if (!canManageSystem(actor, { regionPath: s.region_path })) throw new AppError('FORBIDDEN');
  const leaves = await manualLeavesOf(db, s.id);
  const unitIds = [...new Set(leaves.map((l) => l.responsible_unit_id).filter((u): u is string => u !== null))];
  const title = input.title ?? `${input.period}年度营商环境指标填报`;
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await insertRound(trx, { system_id: s.id, region_id: s.region_id, period: input.period, title, due_date: input.dueDate ?? null, created_by: actor.id });
    await insertRoundUnits(trx, id, unitIds);
    for (const unitId of unitIds) {
      const n = leaves.filter((l) => l.responsible_unit_id === unitId).length;
      await notifyUnit(trx, unitId, { kind: 'indicator_round', title: `请填报：${title}`, body: `本单位负责的 ${n} 项指标待填报${input.dueDate ? `，截止 ${input.dueDate}` : ''}。`, regionId: s.region_id, entity: 'indicator_round', entityId: id, at: now });
    }
    await recordAudit(trx, { actor: actorRef(actor), action: 'create', entity: 'indicator_round', entityId: id, regionId: s.region_id, after: { systemId: s.id, period: input.period, units: unitIds.length } });
    return id;
  });
  return getRound(db, actor, id);
}

export async function listRounds(db: Kysely<Database>, actor: Actor) {
  if (actor.role === 'enterprise') throw new AppError('FORBIDDEN');
  const rows =
    actor.role === 'unit'
      ? actor.unitId ? await listRoundRows(db, { unitId: actor.unitId }) : []
      : await listRoundRows(db, { regionPath: actor.role === 'admin' ? null : (actor.regionPath ?? '/__none__/') });
  const items = [];
  for (const r of rows) {
    const units = await listRoundUnits(db, r.id);
    const mine = actor.role === 'unit' ? units.find((u) => isOwnUnit(actor, u.unit_id)) : undefined;
    items.push({ id: r.id, systemId: r.system_id, systemName: r.system_name, period: r.period, title: r.title, dueDate: r.due_date, status: r.status, units: units.length, submitted: units.filter((u) => u.status === 'submitted').length, accepted: units.filter((u) => u.status === 'accepted').length, myStatus: mine?.status ?? null });
  }
  return { items, total: items.length };
}

/** A round: the units and their status; for a unit its own leaves × regions (with last period's value as a hint). */
export async function getRound(db: Kysely<Database>, actor: Actor, id: string) {
  const { r, units } = await getRoundOrThrow(db, actor, id);
  const manage = canManageRound(actor, r);
  const [leaves, regions, entries] = await Promise.all([manualLeavesOf(db, r.system_id), listChildRegions(db, r.region_id), listRoundEntries(db, id, actor.role === 'unit' ? actor.unitId! : undefined)]);
  const myUnit = actor.role === 'unit' ? units.find((u) => isOwnUnit(actor, u.unit_id)) : undefined;
  const shown = myUnit ? leaves.filter((l) => l.responsible_unit_id === myUnit.unit_id) : leaves;
  const prevPeriod = /^\d{4}$/.test(r.period) ? String(Number(r.period) - 1) : null;
  const prev = prevPeriod ? await listValuesOfPeriod(db, r.system_id, prevPeriod) : [];
  const prevBy = new Map(prev.map((p) => [`${p.region_id}|${p.node_key}`, p.value]));
  const entryBy = new Map(entries.map((e) => [`${e.region_id}|${e.node_key}`, e]));
  // Cells the platform already has from an accepted task KPI report: shown filled, never asked for again.
  const fromTask = new Map((await listTaskKpiValues(db, r.system_id, r.period)).map((v) => [`${v.region_id}|${v.node_key}`, v]));
  const visibleRegions = myUnit ? regions : regions.filter((x) => canSeeRegion(actor, x.path));
  return {
    id: r.id,
    systemId: r.system_id,
    systemName: r.system_name,
    period: r.period,
    title: r.title,
    dueDate: r.due_date,
    status: r.status,
    units: units.map((u) => ({ unitId: u.unit_id, unitName: u.unit_name, status: u.status, submittedAt: u.submitted_at?.toISOString() ?? null, reviewComment: u.review_comment, leaves: leaves.filter((l) => l.responsible_unit_id === u.unit_id).length })),
    regions: visibleRegions.map((x) => ({ id: x.id, name: x.name })),
    leaves: shown.map((l) => ({ key: l.key, name: l.name, unitLabel: l.unit_label, component: l.component, direction: l.direction, unitId: l.responsible_unit_id, unitName: l.unit_name })),
    entries: shown.flatMap((l) =>
      visibleRegions.map((x) => {
        const e = entryBy.get(`${x.id}|${l.key}`);
        const k = e ? undefined : fromTask.get(`${x.id}|${l.key}`);
        return { nodeKey: l.key, regionId: x.id, value: e?.value ?? k?.value ?? null, evidence: e?.evidence ?? k?.evidence ?? '', enteredBy: e?.entered_by_name ?? null, previous: prevBy.get(`${x.id}|${l.key}`) ?? null, fromTaskId: k?.task_id ?? null };
      }),
    ),
    myStatus: myUnit?.status ?? null,
    policies: {
      fill: r.status === 'open' && !!myUnit && (myUnit.status === 'pending' || myUnit.status === 'returned'),
      review: r.status === 'open' && manage,
      close: r.status === 'open' && manage,
      remind: r.status === 'open' && manage,
    },
  };
}

export async function fillRound(db: Kysely<Database>, actor: Actor, id: string, input: { entries: Array<{ nodeKey: string; regionId: string; value: number; evidence?: string }>; submit?: boolean }, now: Date) {
  const { r, units } = await getRoundOrThrow(db, actor, id);
  const mine = actor.role === 'unit' ? units.find((u) => isOwnUnit(actor, u.unit_id)) : undefined;
  if (!mine) throw new AppError('FORBIDDEN');
  if (r.status !== 'open') throw new AppError('IND_ROUND_CLOSED');
  if (mine.status === 'submitted' || mine.status === 'accepted') throw new AppError('IND_ROUND_SUBMITTED');
  const [leaves, regions] = await Promise.all([manualLeavesOf(db, r.system_id), listChildRegions(db, r.region_id)]);
  const own = new Set(leaves.filter((l) => l.responsible_unit_id === mine.unit_id).map((l) => l.key));
  const regionIds = new Set(regions.map((x) => x.id));
  const issues: ValueIssue[] = [];
  input.entries.forEach((e, row) => {
    if (!own.has(e.nodeKey)) issues.push({ row, column: 'nodeKey', message: `指标 ${e.nodeKey} 不由本单位填报` });
    if (!regionIds.has(e.regionId)) issues.push({ row, column: 'regionId', message: '地区不在本轮填报范围' });
    if (!Number.isFinite(e.value)) issues.push({ row, column: 'value', message: '数值须为数字' });
  });
  if (issues.length) throw new AppError('IND_VALUES_INVALID', undefined, { issues });
  await db.transaction().execute(async (trx) => {
    await upsertRoundEntries(trx, input.entries.map((e) => ({ round_id: id, unit_id: mine.unit_id, node_key: e.nodeKey, region_id: e.regionId, value: e.value, evidence: e.evidence ?? '', entered_by: actor.id, entered_by_name: actor.displayName, entered_at: now })));
    if (input.submit) {
      const filled = await listRoundEntries(trx, id, mine.unit_id);
      const entered = new Set(filled.map((e) => `${e.region_id}|${e.node_key}`));
      const covered = (await listTaskKpiValues(trx, r.system_id, r.period)).filter((v) => own.has(v.node_key) && regionIds.has(v.region_id) && !entered.has(`${v.region_id}|${v.node_key}`)).length;
      const need = own.size * regions.length - covered;
      if (filled.length < need) throw new AppError('IND_VALUES_INVALID', `尚有 ${need - filled.length} 项未填写`, { issues: [{ row: -1, column: 'value', message: `尚有 ${need - filled.length} 项未填写` }] });
      await updateRoundUnit(trx, id, mine.unit_id, { status: 'submitted', submitted_at: now });
      await notifyOffice(trx, r.region_path, { kind: 'indicator_round_submitted', title: `${actor.unitName ?? ''}已提交指标填报，待审核`, body: r.title, regionId: r.region_id, entity: 'indicator_round', entityId: id, at: now });
    }
    await recordAudit(trx, { actor: actorRef(actor), action: input.submit ? 'submit' : 'update', entity: 'indicator_round_entries', entityId: id, regionId: r.region_id, after: { unitId: mine.unit_id, entries: input.entries.length } });
  });
  return getRound(db, actor, id);
}

export async function reviewRound(db: Kysely<Database>, actor: Actor, id: string, unitId: string, input: { decision: 'accept' | 'return'; comment?: string }, now: Date) {
  const { r } = await getRoundOrThrow(db, actor, id);
  if (!canManageRound(actor, r)) throw new AppError('FORBIDDEN');
  if (r.status !== 'open') throw new AppError('IND_ROUND_CLOSED');
  const ru = await findRoundUnit(db, id, unitId);
  if (!ru) throw new AppError('NOT_FOUND', undefined, { field: 'unitId' });
  if (ru.status !== 'submitted') throw new AppError('IND_ROUND_NOT_SUBMITTED');
  if (input.decision === 'return' && !input.comment?.trim()) throw new AppError('SUP_COMMENT_REQUIRED');
  const entries = await listRoundEntries(db, id, unitId);
  await db.transaction().execute(async (trx) => {
    await updateRoundUnit(trx, id, unitId, { status: input.decision === 'accept' ? 'accepted' : 'returned', reviewed_at: now, review_comment: input.comment ?? null });
    await notifyUnit(trx, unitId, { kind: 'indicator_round_reviewed', title: input.decision === 'accept' ? `指标填报已通过审核：${r.title}` : `指标填报被退回：${r.title}`, body: input.comment ?? '', regionId: r.region_id, entity: 'indicator_round', entityId: id, at: now });
    await recordAudit(trx, { actor: actorRef(actor), action: input.decision, entity: 'indicator_round_unit', entityId: id, regionId: r.region_id, after: { unitId, comment: input.comment ?? null } });
  });
  if (input.decision === 'accept') {
    // Each value keeps who entered it and when; the office's acceptance is in the audit log.
    for (const by of [...new Set(entries.map((e) => e.entered_by_name ?? ''))]) {
      const mine = entries.filter((e) => (e.entered_by_name ?? '') === by);
      await storeValues(db, { id: mine[0].entered_by, name: by }, { id: r.system_id, region_id: r.region_id }, r.period, mine.map((e) => ({ regionId: e.region_id, nodeKey: e.node_key, value: e.value, evidence: e.evidence })), 'round', now, id);
    }
  }
  return getRound(db, actor, id);
}

/** 催办: remind the units that have not submitted (pending or returned). */
export async function remindRound(db: Kysely<Database>, actor: Actor, id: string, now: Date) {
  const { r, units } = await getRoundOrThrow(db, actor, id);
  if (!canManageRound(actor, r)) throw new AppError('FORBIDDEN');
  if (r.status !== 'open') throw new AppError('IND_ROUND_CLOSED');
  const late = units.filter((u) => u.status === 'pending' || u.status === 'returned');
  await db.transaction().execute(async (trx) => {
    for (const u of late) await notifyUnit(trx, u.unit_id, { kind: 'reminder', title: `催办：请尽快完成指标填报（${r.title}）`, body: r.due_date ? `截止 ${r.due_date}` : '', regionId: r.region_id, entity: 'indicator_round', entityId: id, at: now });
    await recordAudit(trx, { actor: actorRef(actor), action: 'remind', entity: 'indicator_round', entityId: id, regionId: r.region_id, after: { units: late.map((u) => u.unit_id) } });
  });
  return { reminded: late.length };
}

export async function closeRoundById(db: Kysely<Database>, actor: Actor, id: string, now: Date) {
  const { r } = await getRoundOrThrow(db, actor, id);
  if (!canManageRound(actor, r)) throw new AppError('FORBIDDEN');
  if (r.status !== 'open') throw new AppError('IND_ROUND_CLOSED');
  await db.transaction().execute(async (trx) => {
    await closeRound(trx, id, now);
    await recordAudit(trx, { actor: actorRef(actor), action: 'close', entity: 'indicator_round', entityId: id, regionId: r.region_id });
  });
  return getRound(db, actor, id);
}
