import { inTransaction } from '../../db/transaction.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportCycleName } from '../../db/schema-supervision.ts';
import { isUniqueViolation } from '../../db/pg-errors.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { scopeOf, type Actor } from '../auth/auth.actor.ts';
import { findUnitById } from '../units/units.queries.ts';
import { clearSharedCalendars, loadSupervisionSettings } from './supervision.calendar.ts';
import { canConfigureWebhook, canManageRegion, canReadRegionData } from './supervision.permissions.ts';
import {
  deleteOverrideById,
  deleteWebhook,
  findOverrideById,
  findRegionPath,
  findWebhookOfUnit,
  insertOverride,
  listNotificationsOfUser,
  listOverridesInScope,
  listRecentDeliveries,
  markLightsStaleUnder,
  markNotificationRead,
  upsertSupervisionSettings,
  upsertWebhook,
} from './supervision.queries.ts';
import { actorRef } from './tasks.service.ts';
import { checkWebhookTarget, resolveAll, type ResolveAll } from './webhook-target.ts';

// ---------------------------------------------------------------- notifications

export async function listNotifications(db: Kysely<Database>, actor: Actor, query: { unread?: boolean; page: number; pageSize: number }) {
  const { rows, total, unread } = await listNotificationsOfUser(db, actor.id, { unreadOnly: query.unread ?? false, offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
  return {
    items: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      taskId: n.task_id,
      entity: n.entity,
      entityId: n.entity_id,
      readAt: n.read_at ? n.read_at.toISOString() : null,
      createdAt: n.created_at.toISOString(),
    })),
    total,
    unread,
  };
}

/** Reading one's own notification is not audited (it changes nothing anyone else sees). */
export async function readNotification(db: Kysely<Database>, actor: Actor, id: string, now: Date): Promise<void> {
  if (!(await markNotificationRead(db, actor.id, id, now))) throw new AppError('NOT_FOUND');
}

// ---------------------------------------------------------------- calendar overrides

type OverrideRow = NonNullable<Awaited<ReturnType<typeof findOverrideById>>>;
const presentOverride = (o: OverrideRow, actor: Actor) => ({
  id: o.id,
  region: { id: o.region_id, name: o.region_name },
  date: o.date,
  kind: o.kind,
  name: o.name,
  policies: { delete: canManageRegion(actor, o.region_path) },
});

export async function listCalendarOverrides(db: Kysely<Database>, actor: Actor, query: { regionId?: string; year?: number }) {
  if (actor.role === 'unit') throw new AppError('FORBIDDEN');
  const rows = await listOverridesInScope(db, scopeOf(actor), query);
  return { items: rows.map((o) => presentOverride(o, actor)) };
}

async function getManageableRegionOrThrow(db: Kysely<Database>, actor: Actor, regionId: string | undefined) {
  const id = regionId ?? actor.regionId;
  if (!id) throw new AppError('VALIDATION', '请选择区域', [{ field: 'body.regionId', message: 'required' }]);
  const region = await findRegionPath(db, id);
  if (!region || !canReadRegionData(actor, region.path)) throw new AppError('NOT_FOUND', undefined, { field: 'regionId' });
  if (!canManageRegion(actor, region.path)) throw new AppError('FORBIDDEN');
  return region;
}

export async function createCalendarOverride(db: Kysely<Database>, actor: Actor, input: { regionId?: string; date: string; kind: 'workday' | 'holiday'; name?: string }, now: Date) {
  if (actor.role !== 'admin' && actor.role !== 'office') throw new AppError('FORBIDDEN');
  const region = await getManageableRegionOrThrow(db, actor, input.regionId);
  try {
    clearSharedCalendars();
    const id = await inTransaction(db, async (trx) => {
      const { id } = await insertOverride(trx, { region_id: region.id, date: input.date, kind: input.kind, name: input.name?.trim() || null, created_by: actor.id });
      await markLightsStaleUnder(trx, region.path);
      await recordAudit(trx, { actor: actorRef(actor), action: 'create', entity: 'calendar_override', entityId: id, regionId: region.id, at: now, after: { date: input.date, kind: input.kind, name: input.name ?? null } });
      return id;
    });
    // Again after commit: a calendar loaded while the transaction ran would still lack the override.
    clearSharedCalendars();
    return presentOverride((await findOverrideById(db, id))!, actor);
  } catch (err) {
    if (isUniqueViolation(err, 'calendar_overrides_region_id_date_key')) throw new AppError('SUP_CALENDAR_OVERRIDE_EXISTS');
    throw err;
  }
}

export async function deleteCalendarOverride(db: Kysely<Database>, actor: Actor, id: string, now: Date): Promise<void> {
  const o = await findOverrideById(db, id);
  if (!o || !canReadRegionData(actor, o.region_path)) throw new AppError('NOT_FOUND');
  if (!canManageRegion(actor, o.region_path)) throw new AppError('FORBIDDEN');
  clearSharedCalendars();
  await inTransaction(db, async (trx) => {
    await deleteOverrideById(trx, id);
    await markLightsStaleUnder(trx, o.region_path);
    await recordAudit(trx, { actor: actorRef(actor), action: 'delete', entity: 'calendar_override', entityId: id, regionId: o.region_id, at: now, before: { date: o.date, kind: o.kind, name: o.name } });
  });
  clearSharedCalendars();
}

// ---------------------------------------------------------------- settings

export async function getSettings(db: Kysely<Database>, actor: Actor, regionId: string | undefined) {
  const id = regionId ?? actor.regionId;
  if (!id) throw new AppError('VALIDATION', '请选择区域', [{ field: 'querystring.regionId', message: 'required' }]);
  const region = await findRegionPath(db, id);
  if (!region || !canReadRegionData(actor, region.path)) throw new AppError('NOT_FOUND');
  const s = await loadSupervisionSettings(db, region.path);
  return {
    regionId: region.id,
    cycle: s.cycle,
    nthWorkingDay: s.nthWorkingDay,
    dueSoonDays: s.dueSoonDays,
    progressLagPct: s.progressLagPct,
    remindBeforeDays: s.remindBeforeDays,
    escalationResponseDays: s.escalationResponseDays,
    policies: { update: canManageRegion(actor, region.path) },
  };
}

export interface SettingsInput {
  regionId?: string;
  cycle: ReportCycleName;
  nthWorkingDay: number;
  dueSoonDays: number;
  progressLagPct: number;
  remindBeforeDays: number;
  escalationResponseDays: number;
}

/** New defaults for plans published later; already published tasks keep the cycle they were given. */
export async function putSettings(db: Kysely<Database>, actor: Actor, input: SettingsInput, now: Date) {
  if (actor.role !== 'admin' && actor.role !== 'office') throw new AppError('FORBIDDEN');
  const region = await getManageableRegionOrThrow(db, actor, input.regionId);
  const before = await loadSupervisionSettings(db, region.path);
  await inTransaction(db, async (trx) => {
    await upsertSupervisionSettings(trx, region.id, {
      cycle: input.cycle,
      nth_working_day: input.nthWorkingDay,
      due_soon_days: input.dueSoonDays,
      progress_lag_pct: input.progressLagPct,
      remind_before_days: input.remindBeforeDays,
      escalation_response_days: input.escalationResponseDays,
    });
    const { regionId: _ignored, ...after } = input;
    await recordAudit(trx, { actor: actorRef(actor), action: 'update', entity: 'supervision_settings', entityId: region.id, regionId: region.id, at: now, before, after });
  });
  return getSettings(db, actor, region.id);
}

// ---------------------------------------------------------------- unit webhooks

const RESOLVE_TIMEOUT_MS = 2000;

function withTimeout(resolve: ResolveAll, ms: number): ResolveAll {
  return (host) =>
    new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error('timeout')), ms);
      resolve(host).then((a) => ok(a), fail).finally(() => clearTimeout(timer));
    });
}

async function getConfigurableUnitOrThrow(db: Kysely<Database>, actor: Actor, unitId: string) {
  const unit = await findUnitById(db, unitId);
  const facts = unit ? { id: unit.id, regionPath: unit.region_path } : null;
  if (!unit || !facts) throw new AppError('NOT_FOUND');
  const readable = canReadRegionData(actor, unit.region_path) || actor.unitId === unit.id || actor.role === 'admin';
  if (!readable) throw new AppError('NOT_FOUND');
  if (!canConfigureWebhook(actor, facts)) throw new AppError('FORBIDDEN');
  return unit;
}

export async function getWebhook(db: Kysely<Database>, actor: Actor, unitId: string) {
  await getConfigurableUnitOrThrow(db, actor, unitId);
  const hook = await findWebhookOfUnit(db, unitId);
  const deliveries = await listRecentDeliveries(db, unitId, 20);
  return {
    unitId,
    url: hook?.url ?? null,
    enabled: hook?.enabled ?? false,
    hasSecret: Boolean(hook?.secret),
    recentDeliveries: deliveries.map((d) => ({
      id: d.id,
      event: d.event,
      status: d.status,
      attempts: d.attempts,
      lastStatus: d.last_status,
      lastError: d.last_error,
      createdAt: d.created_at.toISOString(),
      sentAt: d.sent_at ? d.sent_at.toISOString() : null,
    })),
  };
}

/** `url: null` removes the webhook. The secret is write-only: omitted keeps it, null clears it. */
export async function putWebhook(
  db: Kysely<Database>,
  actor: Actor,
  unitId: string,
  input: { url: string | null; enabled?: boolean; secret?: string | null },
  now: Date,
  target: { allowPrivate: boolean; resolve: ResolveAll | null } = { allowPrivate: false, resolve: resolveAll },
) {
  const unit = await getConfigurableUnitOrThrow(db, actor, unitId);
  if (input.url !== null && !URL.canParse(input.url)) throw new AppError('VALIDATION', undefined, [{ field: 'body.url', message: 'must be a valid http(s) URL' }]);
  if (input.url !== null) {
    const check = await checkWebhookTarget(input.url, { ...target, resolve: target.resolve && withTimeout(target.resolve, RESOLVE_TIMEOUT_MS) });
    if (!check.ok && check.reason === 'protocol') throw new AppError('VALIDATION', undefined, [{ field: 'body.url', message: 'must be a valid http(s) URL' }]);
    // A name that does not resolve yet is accepted: every delivery checks the address again.
    if (!check.ok && check.reason === 'private') throw new AppError('SUP_WEBHOOK_PRIVATE_ADDRESS', undefined, { field: 'body.url' });
  }
  const existing = await findWebhookOfUnit(db, unitId);
  await inTransaction(db, async (trx) => {
    if (input.url === null) await deleteWebhook(trx, unitId);
    else {
      const secret = input.secret === undefined ? existing?.secret ?? null : input.secret;
      await upsertWebhook(trx, unitId, { url: input.url, secret, enabled: input.enabled ?? true, updated_by: actor.id });
    }
    // The URL may embed a robot access token: the audit keeps only its origin.
    const origin = (url: string | null | undefined) => (url ? new URL(url).origin : null);
    await recordAudit(trx, {
      actor: actorRef(actor),
      action: input.url === null ? 'delete' : existing ? 'update' : 'create',
      entity: 'unit_webhook',
      entityId: unitId,
      regionId: unit.region_id,
      at: now,
      before: existing ? { origin: origin(existing.url), enabled: existing.enabled, hasSecret: Boolean(existing.secret) } : null,
      after: input.url === null ? null : { origin: origin(input.url), enabled: input.enabled ?? true, hasSecret: input.secret === undefined ? Boolean(existing?.secret) : Boolean(input.secret) },
    });
  });
  return getWebhook(db, actor, unitId);
}
