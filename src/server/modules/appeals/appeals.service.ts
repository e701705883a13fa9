import type { Kysely, Transaction, Updateable } from 'kysely';
import {
  computeClocks,
  DUPLICATE_WINDOW_DAYS,
  isSimilar,
  proposeDispatch,
  simhash,
  tokenize,
  transition,
  type AppealClock,
  type AppealEvent,
  type AppealPause,
  type AppealState,
  type ExclusionReason,
  type TransitionCode,
} from '../../../core/appeals/index.ts';
import type { WorkingCalendar } from '../../../core/calendar/index.ts';
import type { Database } from '../../db/schema.ts';
import type { AppealChannel, AppealTable } from '../../db/schema-appeals.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { scopeOf, type Actor } from '../auth/auth.actor.ts';
import { appendEnterpriseEvent } from '../enterprises/enterprises.events.ts';
import { CalendarCache } from '../supervision/supervision.calendar.ts';
import { officeDate, officeToday } from '../supervision/supervision.clock.ts';
import { notifyOffice, notifyUnit, queueWebhook } from '../supervision/supervision.notify.ts';
import { insertNotifications } from '../supervision/supervision.queries.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appealPolicies, canIntakeFor, canManageAppeal, canReadAppeal, canSeeContact, type AppealAction } from './appeals.permissions.ts';
import { appealFacts, presentAppeal, presentEvent } from './appeals.presenter.ts';
import {
  findAppealById,
  findEnterpriseForAppeal,
  findRegionForAppeal,
  findUnitInPath,
  insertAppeal,
  insertAppealEvents,
  insertCluster,
  listCatalogueForPath,
  listCategoriesForPath,
  listEnterpriseUserIds,
  listEscalationsOfAppeal,
  listEventsOfAppeal,
  listAppeals as queryAppeals,
  listSimilarCandidates,
  listTokensOfCluster,
  lockAppealById,
  nextAppealNumber,
  refreshCluster,
  rootRegionIdOf,
  setClusterOfAppeals,
  updateAppealById,
  type AppealFullRow,
} from './appeals.queries.ts';

export const actorRef = (actor: Actor) => ({ id: actor.id, name: actor.username });
const DAY_MS = 86_400_000;
/** Working days to rectify after a 差评 (德州's 5; §2.5 lists 5 / 7 / 15 locally). */
export const RECTIFY_DAYS = 5;
export const ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024;

const TRANSITION_TO_ERROR: Record<TransitionCode, ConstructorParameters<typeof AppError>[0]> = {
  APL_ILLEGAL_TRANSITION: 'APL_ILLEGAL_TRANSITION',
  APL_SAME_UNIT: 'APL_SAME_UNIT',
  APL_DISPUTE_UPHELD: 'APL_DISPUTE_UPHELD',
  APL_EXTENSION_USED: 'APL_EXTENSION_USED',
  APL_EXTENSION_TOO_LONG: 'APL_EXTENSION_TOO_LONG',
  APL_RATING_INVALID: 'APL_RATING_INVALID',
  APL_CLOSE_NEEDS_CALLBACK: 'APL_CLOSE_NEEDS_CALLBACK',
  APL_REOPEN_USED: 'APL_REOPEN_USED',
  APL_REOPEN_NOT_UNSATISFIED: 'APL_REOPEN_NOT_UNSATISFIED',
  APL_REASON_REQUIRED: 'APL_REASON_REQUIRED',
  APL_ALREADY_EXCLUDED: 'APL_ALREADY_EXCLUDED',
};

export const stateOf = (a: AppealFullRow): AppealState => ({
  status: a.status,
  unitId: a.unit_id,
  dispatchCount: a.dispatch_count,
  disputeUpheld: a.dispute_upheld,
  reopenCount: a.reopen_count,
  extensionDays: a.extension_days,
  solved: a.solved,
  satisfied: a.satisfied,
  rating: a.rating,
  rectifications: a.rectifications,
  exclusion: a.exclusion,
});

const pausesOf = (a: Pick<AppealFullRow, 'pauses'>): AppealPause[] => (Array.isArray(a.pauses) ? (a.pauses as AppealPause[]) : []);

/** The appeal's clocks on `today`, from its row. */
export function clocksOf(a: AppealFullRow, cal: WorkingCalendar, today: string): AppealClock[] {
  return computeClocks(
    cal,
    {
      receivedOn: officeDate(a.received_at)!,
      dispatchedOn: officeDate(a.dispatched_at),
      signedOn: officeDate(a.signed_at),
      repliedOn: officeDate(a.replied_at),
      closedOn: officeDate(a.closed_at),
      pauses: pausesOf(a),
      extensionDays: a.extension_days,
      limits: { signDays: a.sign_days, replyDays: a.reply_days, resolveDays: a.resolve_days },
    },
    today,
  );
}

/** The stored due dates and on-time flags that lists, stats and the scan read. */
export function clockColumns(clocks: readonly AppealClock[]): Updateable<AppealTable> {
  const [sign, reply, resolve] = clocks;
  const onTime = (c: AppealClock) => (c.state === 'met' ? true : c.state === 'missed' ? false : null);
  return { sign_due: sign.dueOn, reply_due: reply.dueOn, resolve_due: resolve.dueOn, signed_on_time: onTime(sign), replied_on_time: onTime(reply), closed_on_time: onTime(resolve) };
}

async function getReadableOrThrow(db: Kysely<Database>, actor: Actor, id: string): Promise<AppealFullRow> {
  const a = await findAppealById(db, id);
  if (!a || !canReadAppeal(actor, appealFacts(a))) throw new AppError('NOT_FOUND');
  return a;
}

/** Audits the read of a confidential appeal's contact (the issue asks for every read of it). */
async function auditContactRead(db: Kysely<Database>, actor: Actor, a: AppealFullRow, now: Date): Promise<void> {
  if (!a.confidential || !canSeeContact(actor, appealFacts(a))) return;
  await inTransaction(db, (trx) => recordAudit(trx, { actor: actorRef(actor), action: 'read_contact', entity: 'appeal', entityId: a.id, regionId: a.region_id, at: now }));
}

export async function getAppealDetail(db: Kysely<Database>, actor: Actor, id: string, now: Date) {
  const a = await getReadableOrThrow(db, actor, id);
  await auditContactRead(db, actor, a, now);
  const cal = await new CalendarCache(db).forRegionPath(a.region_path);
  const [events, escalations] = await Promise.all([listEventsOfAppeal(db, id), actor.role === 'enterprise' ? Promise.resolve([]) : listEscalationsOfAppeal(db, id)]);
  const visible = actor.role === 'enterprise' ? events.filter((e) => !e.internal) : events;
  const proposals = canManageAppeal(actor, appealFacts(a)) && a.status === 'received' ? await proposalsFor(db, a.region_path, `${a.title} ${a.description}`) : [];
  return { ...presentAppeal(a, actor, clocksOf(a, cal, officeToday(now))), timeline: visible.map(presentEvent), escalations, proposals };
}

export async function proposalsFor(db: Kysely<Database>, regionPath: string, text: string) {
  const catalogue = await listCatalogueForPath(db, regionPath);
  const entries = catalogue.map((k) => ({ id: k.id, categoryCode: k.category_code, unitId: k.unit_id, keywords: [...k.keywords, ...k.category_keywords] }));
  return proposeDispatch(text, entries, 3).map((p) => {
    const k = catalogue.find((x) => x.id === p.entry.id)!;
    return { catalogueId: k.id, categoryId: k.category_id, categoryName: k.category_name, unitId: k.unit_id, unitName: k.unit_name, legalBasis: k.legal_basis, score: p.score, matched: p.matched };
  });
}

export interface AppealListQuery {
  status?: string;
  unitId?: string;
  categoryId?: string;
  q?: string;
  overdue?: boolean;
  page: number;
  pageSize: number;
}

export async function listAppeals(db: Kysely<Database>, actor: Actor, query: AppealListQuery, now: Date) {
  const today = officeToday(now);
  const { items, total } = await queryAppeals(db, scopeOf(actor), { ...query, today });
  const calendars = new CalendarCache(db);
  const out = [];
  for (const a of items) out.push(presentAppeal(a, actor, clocksOf(a, await calendars.forRegionPath(a.region_path), today)));
  return { items: out, total };
}

export interface IntakeInput {
  enterpriseId?: string;
  enterpriseName?: string;
  regionId?: string;
  contactName?: string;
  contactPhone?: string;
  channel?: AppealChannel;
  categoryId?: string;
  categoryCode?: string;
  title?: string;
  description: string;
  location?: string;
  lat?: number;
  lng?: number;
  isPublic?: boolean;
  confidential?: boolean;
  attachments?: { name: string; contentType: string; dataBase64: string }[];
  sourceSystem?: string;
  sourceId?: string;
  receivedAt?: string;
}

interface IntakeTarget {
  regionId: string;
  regionPath: string;
  enterpriseId: string | null;
  enterpriseName: string;
  contactName: string | null;
  contactPhone: string | null;
}

async function intakeTargetOrThrow(db: Kysely<Database>, actor: Actor | null, input: IntakeInput, fallbackRegion?: { id: string; path: string }): Promise<IntakeTarget> {
  if (actor?.role === 'enterprise') {
    const e = actor.enterpriseId ? await findEnterpriseForAppeal(db, actor.enterpriseId) : undefined;
    if (!e) throw new AppError('FORBIDDEN');
    return { regionId: e.region_id, regionPath: e.region_path, enterpriseId: e.id, enterpriseName: e.name, contactName: input.contactName ?? actor.displayName, contactPhone: input.contactPhone ?? e.legal_rep_phone };
  }
  const inScope = (path: string) => !actor || actor.role === 'admin' || (actor.regionPath !== null && path.startsWith(actor.regionPath));
  if (input.enterpriseId) {
    const e = await findEnterpriseForAppeal(db, input.enterpriseId);
    if (!e || !inScope(e.region_path)) throw new AppError('NOT_FOUND', undefined, { field: 'enterpriseId' });
    return { regionId: e.region_id, regionPath: e.region_path, enterpriseId: e.id, enterpriseName: e.name, contactName: input.contactName ?? e.legal_rep_name, contactPhone: input.contactPhone ?? e.legal_rep_phone };
  }
  if (!input.enterpriseName?.trim()) throw new AppError('APL_ENTERPRISE_REQUIRED', undefined, { field: 'enterpriseName' });
  const regionId = input.regionId ?? actor?.regionId ?? fallbackRegion?.id;
  const region = regionId ? await findRegionForAppeal(db, regionId) : undefined;
  if (!region || !inScope(region.path)) throw new AppError('NOT_FOUND', undefined, { field: 'regionId' });
  return { regionId: region.id, regionPath: region.path, enterpriseId: null, enterpriseName: input.enterpriseName.trim(), contactName: input.contactName ?? null, contactPhone: input.contactPhone ?? null };
}

async function categoryOrThrow(db: Kysely<Database>, regionPath: string, input: { categoryId?: string; categoryCode?: string }, text: string) {
  const categories = await listCategoriesForPath(db, regionPath);
  if (categories.length === 0) throw new AppError('APL_CATEGORY_UNKNOWN', undefined, { field: 'categoryId' });
  if (input.categoryId || input.categoryCode) {
    const c = categories.find((x) => x.id === input.categoryId || x.code === input.categoryCode || x.name === input.categoryCode);
    if (!c) throw new AppError('APL_CATEGORY_UNKNOWN', undefined, { field: input.categoryId ? 'categoryId' : 'categoryCode' });
    return c;
  }
  // No category given (a phone call, an Open311 client): the catalogue's best guess, else the 'other' category.
  const proposal = (await proposalsFor(db, regionPath, text))[0];
  return categories.find((c) => c.id === proposal?.categoryId) ?? categories.find((c) => c.code === 'other') ?? categories[categories.length - 1];
}

/** Simhash bands (4 × 16 bits) used to find candidates: two hashes within 3 bits share a band. */
export const bandsOf = (hash: string): [string, string, string, string] => [hash.slice(0, 4), hash.slice(4, 8), hash.slice(8, 12), hash.slice(12, 16)];

/**
 * Takes an appeal in (受理): from the portal (the enterprise itself), an operator (hotline/counter, for an enterprise
 * in the registry or a named new one), the 12345 import or Open311. Proposes a duplicate of the same enterprise's
 * appeal within 30 days, joins or starts a cluster of similar appeals, and returns the dispatch proposals.
 */
export async function createAppeal(db: Kysely<Database>, actor: Actor | null, input: IntakeInput, now: Date, options: { channel?: AppealChannel; fallbackRegion?: { id: string; path: string }; by?: { id: string | null; name: string; role: string } } = {}) {
  if (actor && !canIntakeFor(actor)) throw new AppError('FORBIDDEN');
  const target = await intakeTargetOrThrow(db, actor, input, options.fallbackRegion);
  const text = `${input.title ?? ''} ${input.description}`;
  const category = await categoryOrThrow(db, target.regionPath, input, text);
  const attachments = (input.attachments ?? []).map((f) => {
    const size = Buffer.from(f.dataBase64, 'base64').length;
    if (size > ATTACHMENT_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', undefined, { field: 'attachments' });
    return { name: f.name, contentType: f.contentType, size, dataBase64: f.dataBase64 };
  });
  const channel: AppealChannel = options.channel ?? (actor?.role === 'enterprise' ? 'portal' : input.channel ?? 'hotline');
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  const tokens = tokenize(text);
  const hash = simhash(tokens);
  const bands = bandsOf(hash);
  const title = input.title?.trim() || input.description.trim().slice(0, 30);
  const by = options.by ?? (actor ? { id: actor.id, name: actor.displayName, role: actor.role } : { id: null, name: channel, role: 'system' });
  const id = await inTransaction(db, async (trx) => {
    const number = await nextAppealNumber(trx, officeToday(receivedAt));
    const cal = await new CalendarCache(trx).forRegionPath(target.regionPath);
    const resolveDue = cal.addWorkingDays(officeToday(receivedAt), category.resolve_days);
    const { id } = await insertAppeal(trx, {
      number,
      region_id: target.regionId,
      region_path: target.regionPath,
      enterprise_id: target.enterpriseId,
      enterprise_name: target.enterpriseName,
      contact_name: target.contactName,
      contact_phone: target.contactPhone,
      channel,
      source_system: input.sourceSystem ?? null,
      source_id: input.sourceId ?? null,
      category_id: category.id,
      title,
      description: input.description.trim(),
      location: input.location ?? null,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      is_public: input.isPublic ?? false,
      confidential: input.confidential ?? false,
      attachments: JSON.stringify(attachments),
      received_at: receivedAt,
      resolve_due: resolveDue,
      tokens,
      simhash: hash,
      band0: bands[0],
      band1: bands[1],
      band2: bands[2],
      band3: bands[3],
      created_by: actor?.id ?? null,
      updated_at: now,
    });
    await linkSimilar(trx, { id, enterpriseId: target.enterpriseId, tokens, hash, bands, receivedAt, regionId: target.regionId, regionPath: target.regionPath });
    await insertAppealEvents(trx, [{ appeal_id: id, kind: 'received', at: receivedAt, actor_id: by.id, actor_name: by.name, actor_role: by.role, note: `${channelLabel(channel)}受理` }]);
    await recordAudit(trx, { actor: by.id ? { id: by.id, name: by.name } : { id: null, name: by.name }, action: 'create', entity: 'appeal', entityId: id, regionId: target.regionId, at: now, after: { number, channel, categoryId: category.id, enterpriseId: target.enterpriseId, title } });
    if (target.enterpriseId) await appendEnterpriseEvent(trx, { enterpriseId: target.enterpriseId, kind: 'appeal.received', title: `诉求已受理：${title}`, refType: 'appeal', refId: id, at: receivedAt });
    await notifyOffice(trx, target.regionPath, { kind: 'appeal_received', title: `新诉求待派单：${title}`, regionId: target.regionId, entity: 'appeal', entityId: id, at: now });
    return id;
  });
  return id;
}

const CHANNEL_LABELS: Record<AppealChannel, string> = { portal: '企业端', hotline: '12345热线', counter: '窗口', import: '12345平台导入', open311: 'Open311' };
const channelLabel = (c: AppealChannel) => CHANNEL_LABELS[c];

/** Duplicate proposal (same enterprise, 30 days) and cluster membership for a new appeal. */
async function linkSimilar(trx: Transaction<Database>, a: { id: string; enterpriseId: string | null; tokens: string[]; hash: string; bands: string[]; receivedAt: Date; regionId: string; regionPath: string }): Promise<void> {
  if (a.tokens.length === 0) return;
  const root = `/${rootRegionIdOf(a.regionPath)}/`;
  const candidates = await listSimilarCandidates(trx, a.bands, new Date(a.receivedAt.getTime() - 180 * DAY_MS), root, a.id);
  const me = { id: a.id, tokens: a.tokens, hash: a.hash };
  const similar = candidates.filter((c) => isSimilar(me, { id: c.id, tokens: c.tokens, hash: c.simhash }));
  if (similar.length === 0) return;
  const dup = similar.find((c) => a.enterpriseId !== null && c.enterprise_id === a.enterpriseId && a.receivedAt.getTime() - new Date(c.received_at).getTime() <= DUPLICATE_WINDOW_DAYS * DAY_MS);
  const clustered = similar.find((c) => c.cluster_id);
  let clusterId = clustered?.cluster_id ?? null;
  if (!clusterId) ({ id: clusterId } = await insertCluster(trx, { region_id: a.regionId, region_path: root, keywords: a.tokens.slice(0, 5), size: 0, enterprises: 0, first_at: a.receivedAt, last_at: a.receivedAt }));
  await setClusterOfAppeals(trx, [a.id, ...similar.filter((c) => !c.cluster_id).map((c) => c.id)], clusterId);
  if (dup) await updateAppealById(trx, a.id, { duplicate_of: dup.id });
  const freq = new Map<string, number>();
  for (const r of await listTokensOfCluster(trx, clusterId)) for (const t of new Set(r.tokens)) freq.set(t, (freq.get(t) ?? 0) + 1);
  await refreshCluster(trx, clusterId, [...freq.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).slice(0, 5).map(([t]) => t));
}

export async function createAppealAndPresent(db: Kysely<Database>, actor: Actor, input: IntakeInput, now: Date) {
  const id = await createAppeal(db, actor, input, now);
  return getAppealDetail(db, actor, id, now);
}

// ---------------------------------------------------------------- steps

interface StepPlan {
  action: AppealAction;
  event: AppealEvent;
  /** Extra columns beside the state; may depend on the row and today. */
  columns?: (a: AppealFullRow, today: string, cal: WorkingCalendar) => Updateable<AppealTable>;
  note: string;
  kind?: string;
  internal?: boolean;
  detail?: unknown;
  /** Checks on the request beyond the state machine (units in the region …), inside the transaction. */
  check?: (trx: Transaction<Database>, a: AppealFullRow) => Promise<void>;
  /** Side effects after the update (notifications). */
  after?: (trx: Transaction<Database>, before: AppealFullRow, after: AppealFullRow, now: Date) => Promise<void>;
  enterpriseTitle?: (a: AppealFullRow) => string;
}

const stateColumns = (s: AppealState): Updateable<AppealTable> => ({
  status: s.status,
  unit_id: s.unitId,
  dispatch_count: s.dispatchCount,
  dispute_upheld: s.disputeUpheld,
  reopen_count: s.reopenCount,
  extension_days: s.extensionDays,
  solved: s.solved,
  satisfied: s.satisfied,
  rating: s.rating,
  rectifications: s.rectifications,
  exclusion: s.exclusion,
});

const snapshot = (a: AppealFullRow) => ({ status: a.status, unitId: a.unit_id, rating: a.rating, solved: a.solved, satisfied: a.satisfied, extensionDays: a.extension_days, exclusion: a.exclusion, reopenCount: a.reopen_count });

/** One step on an appeal: access, the state machine, the clocks, the timeline, the audit, the notices, in one transaction. */
async function step(db: Kysely<Database>, actor: Actor, id: string, plan: StepPlan, now: Date) {
  const first = await getReadableOrThrow(db, actor, id);
  if (!appealPolicies(actor, appealFacts(first))[plan.action]) {
    if (!roleMayEver(actor, first, plan.action)) throw new AppError('FORBIDDEN');
    // The caller may take this step on this appeal, only not in this status: say why, as the machine would.
    const r = transition(stateOf(first), plan.event);
    throw new AppError(r.ok ? 'APL_ILLEGAL_TRANSITION' : TRANSITION_TO_ERROR[r.code], undefined, { status: first.status, action: plan.action });
  }
  await inTransaction(db, async (trx) => {
    await lockAppealById(trx, id);
    const a = (await findAppealById(trx, id))!;
    const r = transition(stateOf(a), plan.event);
    if (!r.ok) throw new AppError(TRANSITION_TO_ERROR[r.code], undefined, { status: a.status, action: plan.action });
    if (plan.check) await plan.check(trx, a);
    const today = officeToday(now);
    const cal = await new CalendarCache(trx).forRegionPath(a.region_path);
    await updateAppealById(trx, id, { ...stateColumns(r.state), ...(plan.columns?.(a, today, cal) ?? {}), updated_at: now });
    const updated = (await findAppealById(trx, id))!;
    await updateAppealById(trx, id, clockColumns(clocksOf(updated, cal, today)));
    const after = (await findAppealById(trx, id))!;
    const kind = plan.kind ?? plan.event.type;
    await insertAppealEvents(trx, [{ appeal_id: id, kind, at: now, actor_id: actor.id, actor_name: actor.displayName, actor_role: actor.role, unit_id: actor.unitId, note: plan.note, detail: plan.detail === undefined ? null : JSON.stringify(plan.detail), internal: plan.internal ?? false }]);
    if (a.enterprise_id && !plan.internal) {
      await appendEnterpriseEvent(trx, { enterpriseId: a.enterprise_id, kind: `appeal.${kind}`, title: plan.enterpriseTitle?.(after) ?? `诉求「${a.title}」：${plan.note}`, refType: 'appeal', refId: id, at: now });
    }
    await plan.after?.(trx, a, after, now);
    await recordAudit(trx, { actor: actorRef(actor), action: kind, entity: 'appeal', entityId: id, regionId: a.region_id, at: now, before: snapshot(a), after: { ...snapshot(after), note: plan.note } });
  });
  return getAppealDetail(db, actor, id, now);
}

/** Whether the actor's role could ever take this action on this appeal (so a wrong status gets 409, a wrong role 403). */
function roleMayEver(actor: Actor, a: AppealFullRow, action: AppealAction): boolean {
  const f = appealFacts(a);
  const all = (['received', 'dispatched', 'disputed', 'handling', 'waiting', 'replied', 'called_back', 'rectifying', 'closed'] as const).map((status) => appealPolicies(actor, { ...f, status, reopenCount: 0, unsatisfied: true })[action]);
  return all.some(Boolean);
}

async function unitInRegionOrThrow(trx: Kysely<Database>, a: AppealFullRow, unitId: string, field: string) {
  const unit = await findUnitInPath(trx, unitId);
  const root = `/${rootRegionIdOf(a.region_path)}/`;
  if (!unit || !unit.path.startsWith(root)) throw new AppError('APL_UNIT_UNKNOWN', undefined, { field });
  return unit;
}

async function notifyEnterprise(trx: Kysely<Database>, a: AppealFullRow, title: string, now: Date) {
  if (!a.enterprise_id) return;
  const users = await listEnterpriseUserIds(trx, [a.enterprise_id]);
  if (users.length === 0) return;
  await insertNotifications(trx, users.map((u) => ({ user_id: u.id, region_id: a.region_id, kind: 'appeal', title, body: '', task_id: null, entity: 'appeal', entity_id: a.id, created_at: now })));
}

export interface DispatchInput {
  unitId: string;
  categoryId?: string;
  coUnitIds?: string[];
  catalogueId?: string;
  note?: string;
}

export function dispatchAppeal(db: Kysely<Database>, actor: Actor, id: string, input: DispatchInput, now: Date) {
  return step(db, actor, id, {
    action: 'dispatch',
    event: { type: 'dispatch', unitId: input.unitId },
    check: async (trx, a) => {
      await unitInRegionOrThrow(trx, a, input.unitId, 'unitId');
      for (const u of input.coUnitIds ?? []) await unitInRegionOrThrow(trx, a, u, 'coUnitIds');
      if (input.categoryId && !(await listCategoriesForPath(trx, a.region_path)).some((c) => c.id === input.categoryId)) throw new AppError('APL_CATEGORY_UNKNOWN', undefined, { field: 'categoryId' });
    },
    columns: () => ({ dispatched_at: now, co_unit_ids: (input.coUnitIds ?? []).filter((u) => u !== input.unitId), catalogue_id: input.catalogueId ?? null, ...(input.categoryId ? { category_id: input.categoryId } : {}) }),
    note: input.note?.trim() || '已派单',
    detail: { unitId: input.unitId, coUnitIds: input.coUnitIds ?? [], catalogueId: input.catalogueId ?? null },
    enterpriseTitle: (a) => `诉求「${a.title}」已派至${a.unit_name}办理`,
    after: async (trx, _b, a, at) => {
      const title = `派单：${a.title}（${a.number}），请于${a.sign_due}前签收`;
      await notifyUnit(trx, input.unitId, { kind: 'appeal_dispatched', title, regionId: a.region_id, entity: 'appeal', entityId: a.id, at });
      for (const u of input.coUnitIds ?? []) await notifyUnit(trx, u, { kind: 'appeal_dispatched', title: `协办：${a.title}（${a.number}）`, regionId: a.region_id, entity: 'appeal', entityId: a.id, at });
      await queueWebhook(trx, input.unitId, { event: 'appeal.dispatched', content: `【企业诉求】${a.unit_name}：${title}`, data: { appealId: a.id, number: a.number, signDue: a.sign_due } });
    },
  }, now);
}

export const signAppeal = (db: Kysely<Database>, actor: Actor, id: string, now: Date) =>
  step(db, actor, id, { action: 'sign', event: { type: 'sign' }, columns: () => ({ signed_at: now, handler_id: actor.id }), note: `${actor.unitName ?? ''}已签收`, enterpriseTitle: (a) => `诉求「${a.title}」已由${a.unit_name}签收办理` }, now);

export const disputeAppeal = (db: Kysely<Database>, actor: Actor, id: string, reason: string, now: Date) =>
  step(db, actor, id, {
    action: 'dispute',
    event: { type: 'dispute', reason },
    note: reason.trim(),
    internal: true,
    after: (trx, _b, a, at) => notifyOffice(trx, a.region_path, { kind: 'appeal_disputed', title: `派单异议：${a.unit_name}对「${a.title}」提出异议`, body: reason, regionId: a.region_id, entity: 'appeal', entityId: a.id, at }),
  }, now);

export function decideDispute(db: Kysely<Database>, actor: Actor, id: string, input: { decision: 'redispatch' | 'uphold'; unitId?: string; note?: string }, now: Date) {
  if (input.decision === 'redispatch' && !input.unitId) throw new AppError('VALIDATION', undefined, [{ field: 'body.unitId', message: 'required for redispatch', keyword: 'required' }]);
  const event: AppealEvent = input.decision === 'redispatch' ? { type: 'decide_dispute', decision: 'redispatch', unitId: input.unitId! } : { type: 'decide_dispute', decision: 'uphold' };
  return step(db, actor, id, {
    action: 'decideDispute',
    event,
    kind: input.decision === 'redispatch' ? 'redispatch' : 'uphold',
    check: async (trx, a) => { if (input.unitId) await unitInRegionOrThrow(trx, a, input.unitId, 'unitId'); },
    columns: () => (input.decision === 'redispatch' ? { dispatched_at: now, handler_id: null } : { dispatched_at: now }),
    note: input.note?.trim() || (input.decision === 'redispatch' ? '异议成立，改派' : '异议不成立，维持原派单'),
    internal: input.decision === 'uphold',
    enterpriseTitle: (a) => `诉求「${a.title}」已改派至${a.unit_name}办理`,
    after: (trx, _b, a, at) => notifyUnit(trx, a.unit_id!, { kind: 'appeal_dispatched', title: input.decision === 'redispatch' ? `改派：${a.title}（${a.number}）` : `异议未通过，请签收办理：${a.title}`, regionId: a.region_id, entity: 'appeal', entityId: a.id, at }),
  }, now);
}

export const pauseAppeal = (db: Kysely<Database>, actor: Actor, id: string, reason: string, now: Date) =>
  step(db, actor, id, {
    action: 'pause',
    event: { type: 'pause', reason },
    columns: (a, today) => ({ pauses: JSON.stringify([...pausesOf(a), { from: today, to: null, reason: reason.trim() }]) }),
    note: `等待企业补充：${reason.trim()}`,
    after: (trx, _b, a, at) => notifyEnterprise(trx, a, `诉求「${a.title}」需要您补充：${reason.trim()}`, at),
  }, now);

export const resumeAppeal = (db: Kysely<Database>, actor: Actor, id: string, now: Date) =>
  step(db, actor, id, {
    action: 'resume',
    event: { type: 'resume' },
    columns: (a, today, cal) => ({ pauses: JSON.stringify(pausesOf(a).map((p) => (p.to === null ? { ...p, to: today < p.from ? p.from : cal.isWorkingDay(today) ? cal.addWorkingDays(today, -1) < p.from ? p.from : cal.addWorkingDays(today, -1) : today } : p))) }),
    note: '企业已补充，恢复计时',
  }, now);

export const extendAppeal = (db: Kysely<Database>, actor: Actor, id: string, input: { days: number; reason: string }, now: Date) =>
  step(db, actor, id, { action: 'extend', event: { type: 'extend', days: input.days }, note: `批准延期${input.days}个工作日：${input.reason.trim()}`, detail: input }, now);

export const replyAppeal = (db: Kysely<Database>, actor: Actor, id: string, text: string, now: Date) =>
  step(db, actor, id, {
    action: 'reply',
    event: { type: 'reply', text },
    columns: () => ({ replied_at: now, reply: text.trim() }),
    note: text.trim(),
    enterpriseTitle: (a) => `诉求「${a.title}」已答复`,
    after: async (trx, _b, a, at) => {
      await notifyEnterprise(trx, a, `您的诉求「${a.title}」已答复，请查看并评价`, at);
      await notifyOffice(trx, a.region_path, { kind: 'appeal_replied', title: `待回访：${a.title}（${a.unit_name}已答复）`, regionId: a.region_id, entity: 'appeal', entityId: a.id, at });
    },
  }, now);

export const callbackAppeal = (db: Kysely<Database>, actor: Actor, id: string, input: { solved: boolean; satisfied: boolean; note?: string }, now: Date) =>
  step(db, actor, id, {
    action: 'callback',
    event: { type: 'callback', solved: input.solved, satisfied: input.satisfied },
    columns: () => ({ callback_at: now }),
    note: `回访：${input.solved ? '已解决' : '未解决'}，${input.satisfied ? '满意' : '不满意'}${input.note ? `。${input.note.trim()}` : ''}`,
    detail: input,
  }, now);

export const rateAppeal = (db: Kysely<Database>, actor: Actor, id: string, input: { rating: number; comment?: string }, now: Date) =>
  step(db, actor, id, {
    action: 'rate',
    event: { type: 'rate', rating: input.rating },
    columns: (a, today, cal) => {
      const bad = input.rating <= 2 && a.rectifications === 0 && a.exclusion === null;
      return { rated_at: now, rating_comment: input.comment?.trim() || null, ...(bad ? { rectify_due: cal.addWorkingDays(today, RECTIFY_DAYS), replied_at: null } : { closed_at: now }) };
    },
    note: `评价${input.rating}星${input.comment ? `：${input.comment.trim()}` : ''}`,
    detail: input,
    after: async (trx, _b, a, at) => {
      if (a.status === 'rectifying') {
        await notifyUnit(trx, a.unit_id!, { kind: 'appeal_rectify', title: `差评整改：${a.title}，请于${a.rectify_due}前整改并再次答复`, regionId: a.region_id, entity: 'appeal', entityId: a.id, at });
        await notifyOffice(trx, a.region_path, { kind: 'appeal_bad_rating', title: `差评：${a.title}（${a.unit_name}）`, regionId: a.region_id, entity: 'appeal', entityId: a.id, at });
      }
    },
  }, now);

export const closeAppeal = (db: Kysely<Database>, actor: Actor, id: string, note: string | undefined, now: Date) =>
  step(db, actor, id, { action: 'close', event: { type: 'close' }, columns: () => ({ closed_at: now }), note: note?.trim() || '已销号', enterpriseTitle: (a) => `诉求「${a.title}」已办结销号` }, now);

export const reopenAppeal = (db: Kysely<Database>, actor: Actor, id: string, reason: string, now: Date) =>
  step(db, actor, id, {
    action: 'reopen',
    event: { type: 'reopen' },
    columns: () => ({ closed_at: null, replied_at: null, callback_at: null, rated_at: null, reply: null }),
    note: `企业申请重新办理：${reason.trim()}`,
    after: async (trx, _b, a, at) => {
      if (a.unit_id) await notifyUnit(trx, a.unit_id, { kind: 'appeal_reopened', title: `重新办理：${a.title}（${a.number}）`, body: reason, regionId: a.region_id, entity: 'appeal', entityId: a.id, at });
      await notifyOffice(trx, a.region_path, { kind: 'appeal_reopened', title: `企业申请重新办理：${a.title}`, regionId: a.region_id, entity: 'appeal', entityId: a.id, at });
    },
  }, now);

export const excludeAppeal = (db: Kysely<Database>, actor: Actor, id: string, input: { reason: ExclusionReason; note: string }, now: Date) =>
  step(db, actor, id, { action: 'exclude', event: { type: 'exclude', reason: input.reason }, columns: () => ({ exclusion_note: input.note.trim() }), note: `审核认定不纳入考核（${input.reason}）：${input.note.trim()}`, internal: true, detail: input }, now);

export async function mergeAppeal(db: Kysely<Database>, actor: Actor, id: string, intoId: string, now: Date) {
  const target = await getReadableOrThrow(db, actor, intoId);
  if (target.id === id || target.status === 'merged') throw new AppError('APL_MERGE_TARGET', undefined, { field: 'intoId' });
  return step(db, actor, id, {
    action: 'merge',
    event: { type: 'merge' },
    check: async (_trx, a) => { if (rootRegionIdOf(a.region_path) !== rootRegionIdOf(target.region_path)) throw new AppError('APL_MERGE_TARGET', undefined, { field: 'intoId' }); },
    columns: () => ({ merged_into: intoId, closed_at: now }),
    note: `已并入诉求${target.number}一并办理`,
    enterpriseTitle: (a) => `诉求「${a.title}」已与${target.number}合并办理`,
  }, now);
}

// ---------------------------------------------------------------- catalogue

export async function listCatalogue(db: Kysely<Database>, actor: Actor) {
  if (actor.role === 'enterprise' || actor.role === 'unit') {
    const path = actor.role === 'unit' ? actor.regionPath : null;
    return { categories: await categoriesForActor(db, actor, path), catalogue: [] };
  }
  const path = actor.regionPath ?? '/';
  const categories = await categoriesForActor(db, actor, actor.regionPath);
  const catalogue = actor.regionPath ? await listCatalogueForPath(db, actor.regionPath) : [];
  return { categories, catalogue: catalogue.map((k) => ({ id: k.id, categoryId: k.category_id, categoryName: k.category_name, unitId: k.unit_id, unitName: k.unit_name, legalBasis: k.legal_basis, keywords: k.keywords })), path };
}

async function categoriesForActor(db: Kysely<Database>, actor: Actor, path: string | null) {
  let rows;
  if (actor.role === 'enterprise') {
    const e = actor.enterpriseId ? await findEnterpriseForAppeal(db, actor.enterpriseId) : undefined;
    rows = e ? await listCategoriesForPath(db, e.region_path) : [];
  } else rows = path ? await listCategoriesForPath(db, path) : [];
  return rows.map((c) => ({ id: c.id, code: c.code, name: c.name, description: c.description, limits: { signDays: c.sign_days, replyDays: c.reply_days, resolveDays: c.resolve_days } }));
}

export async function proposeForText(db: Kysely<Database>, actor: Actor, text: string) {
  if (!(actor.role === 'office' || actor.role === 'admin') || !actor.regionPath) throw new AppError('FORBIDDEN');
  return { proposals: await proposalsFor(db, actor.regionPath, text), tokens: tokenize(text) };
}

export async function getAttachment(db: Kysely<Database>, actor: Actor, id: string, index: number) {
  const a = await getReadableOrThrow(db, actor, id);
  const file = ((a.attachments as { name: string; contentType: string; dataBase64: string }[]) ?? [])[index];
  if (!file) throw new AppError('NOT_FOUND');
  return { name: file.name, contentType: file.contentType, data: Buffer.from(file.dataBase64, 'base64') };
}
