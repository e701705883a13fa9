import type { Kysely, Transaction } from 'kysely';
import { checkCreditCode } from '../../../core/enterprise/credit-code.ts';
import { normalizeIndustryCode } from '../../../core/enterprise/industry-codes.ts';
import { classifySize } from '../../../core/enterprise/size-class.ts';
import type { EnterpriseUpdate } from '../../db/schema-enterprises.ts';
import { isUniqueViolation } from '../../db/pg-errors.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { scopeOf, type Actor } from '../auth/auth.actor.ts';
import { canReadRegion } from '../regions/regions.permissions.ts';
import { findRegionById } from '../regions/regions.queries.ts';
import { officeToday } from '../supervision/supervision.clock.ts';
import { canManageEnterprisesIn, canReadEnterprise, canRevealPersonalData } from './enterprises.permissions.ts';
import { appendEnterpriseEvent } from './enterprises.events.ts';
import { enterpriseSnapshot, presentEnterpriseDetail, presentEnterpriseSummary } from './enterprises.presenter.ts';
import {
  findEnterpriseById,
  findEnterpriseSummary,
  insertEnterprise,
  listContacts,
  listCreditFlags,
  listEnterprisesInScope,
  listEvents,
  listFigures,
  listTags,
  type EnterpriseRow,
} from './enterprises.queries.ts';

export interface EnterpriseListQuery {
  regionId?: string;
  industry?: string;
  sizeClass?: string;
  tag?: string;
  creditFlag?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export const actorRef = (actor: Actor) => ({ id: actor.id, name: actor.username });
export const scopeFacts = (row: { id: string; region_path: string }) => ({ id: row.id, regionPath: row.region_path });

/** Collection-level actions: registry upkeep is for admin and office staff. */
export const listPolicies = (actor: Actor) => {
  const manage = actor.role === 'admin' || (actor.role === 'office' && actor.regionPath !== null);
  return { create: manage, import: manage, export: manage };
};

export async function listEnterprises(db: Kysely<Database>, actor: Actor, query: EnterpriseListQuery, now: Date) {
  let regionPath: string | undefined;
  if (query.regionId) {
    const region = await findRegionById(db, query.regionId);
    // An unknown or out-of-scope region filters to nothing, like a region without enterprises.
    regionPath = region && canReadRegion(actor, region) ? region.path : '/-none-/';
  }
  const { rows, total } = await listEnterprisesInScope(db, scopeOf(actor), {
    regionPath,
    industry: query.industry,
    sizeClass: query.sizeClass,
    tag: query.tag?.trim() || undefined,
    creditFlag: query.creditFlag,
    q: query.q?.trim() || undefined,
    today: officeToday(now),
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: rows.map(presentEnterpriseSummary), total, policies: listPolicies(actor) };
}

/** @throws AppError NOT_FOUND when the enterprise does not exist or the actor may not see it (the same answer). */
export async function getReadableEnterpriseOrThrow(db: Kysely<Database>, actor: Actor, id: string): Promise<EnterpriseRow> {
  const row = await findEnterpriseById(db, id);
  if (!row || !canReadEnterprise(actor, scopeFacts(row))) throw new AppError('NOT_FOUND');
  return row;
}

/** @throws AppError NOT_FOUND out of scope; FORBIDDEN when readable but not manageable by the actor */
export async function getManageableEnterpriseOrThrow(db: Kysely<Database>, actor: Actor, id: string): Promise<EnterpriseRow> {
  const row = await getReadableEnterpriseOrThrow(db, actor, id);
  if (!canManageEnterprisesIn(actor, row.region_path)) throw new AppError('FORBIDDEN');
  return row;
}

export async function loadEnterpriseDetail(db: Kysely<Database>, actor: Actor, row: EnterpriseRow, options: { reveal: boolean; now: Date }) {
  const [figures, tags, flags, contacts] = await Promise.all([listFigures(db, row.id), listTags(db, row.id), listCreditFlags(db, row.id), listContacts(db, row.id)]);
  return presentEnterpriseDetail(row, { figures, tags, flags, contacts }, actor, { reveal: options.reveal, today: officeToday(options.now) });
}

/**
 * One profile. Personal data is masked unless the caller asks to reveal it and may (office/admin: the read is
 * audited; the enterprise itself sees its own unmasked, which is not another person's read).
 */
export async function getEnterprise(db: Kysely<Database>, actor: Actor, id: string, options: { reveal?: boolean; now: Date }) {
  const row = await getReadableEnterpriseOrThrow(db, actor, id);
  const own = actor.role === 'enterprise';
  if (options.reveal && !canRevealPersonalData(actor, scopeFacts(row))) throw new AppError('FORBIDDEN');
  const reveal = own || options.reveal === true;
  if (reveal && !own) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, { actor: actorRef(actor), action: 'reveal', entity: 'enterprise', entityId: row.id, regionId: row.region_id, after: { fields: ['legalRep', 'contacts'] } }),
    );
  }
  return loadEnterpriseDetail(db, actor, row, { reveal, now: options.now });
}

export async function getEnterpriseTimeline(db: Kysely<Database>, actor: Actor, id: string, page: { page: number; pageSize: number }) {
  const row = await getReadableEnterpriseOrThrow(db, actor, id);
  const { rows, total } = await listEvents(db, row.id, { offset: (page.page - 1) * page.pageSize, limit: page.pageSize });
  return {
    items: rows.map((e) => ({ id: e.id, at: new Date(e.at).toISOString(), kind: e.kind, title: e.title, refType: e.ref_type, refId: e.ref_id, detail: e.detail ?? null })),
    total,
  };
}

/** The enterprise `/api/v1/me` shows for an enterprise user; null for staff. */
export async function findMeEnterprise(db: Kysely<Database>, actor: Actor) {
  if (actor.role !== 'enterprise' || !actor.enterpriseId) return null;
  const row = await findEnterpriseSummary(db, actor.enterpriseId);
  return row ? { id: row.id, name: row.name, creditCode: row.credit_code } : null;
}

export interface EnterpriseInput {
  creditCode: string;
  name: string;
  regionId: string;
  legalRepName?: string | null;
  legalRepPhone?: string | null;
  legalRepIdNumber?: string | null;
  registrationAuthority?: string | null;
  establishedOn?: string | null;
  registeredCapital?: number | null;
  industryCode?: string | null;
  address?: string | null;
  contacts?: { name: string; phone?: string | null; title?: string | null; isPrimary?: boolean }[];
}

export interface EnterprisePatch extends Partial<Omit<EnterpriseInput, 'creditCode'>> {
  version: number;
  status?: string;
}

function industryOrThrow(code: string | null | undefined): string | null {
  if (code === undefined || code === null || code === '') return null;
  const normalized = normalizeIndustryCode(code);
  if (!normalized) throw new AppError('ENT_INDUSTRY_INVALID', undefined, { field: 'body.industryCode' });
  return normalized;
}

async function manageableRegionOrThrow(db: Kysely<Database>, actor: Actor, regionId: string) {
  const region = await findRegionById(db, regionId);
  if (!region || !canReadRegion(actor, region)) throw new AppError('NOT_FOUND', undefined, { field: 'regionId' });
  if (!canManageEnterprisesIn(actor, region.path)) throw new AppError('FORBIDDEN');
  return region;
}

async function sizeColumnsFor(db: Kysely<Database> | Transaction<Database>, enterpriseId: string | null, industryCode: string | null, now: Date) {
  const latest = enterpriseId
    ? await db.selectFrom('enterprise_figures').select(['employees', 'revenue', 'assets']).where('enterprise_id', '=', enterpriseId).orderBy('year', 'desc').executeTakeFirst()
    : undefined;
  const figures = { employees: latest?.employees ?? null, revenue: latest?.revenue == null ? null : Number(latest.revenue), assets: latest?.assets == null ? null : Number(latest.assets) };
  const result = classifySize(industryCode, figures, officeToday(now));
  return { size_class: result.ok ? result.sizeClass : null, size_rule: result.rule };
}

const clean = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);

async function replaceContacts(trx: Transaction<Database>, enterpriseId: string, contacts: NonNullable<EnterpriseInput['contacts']>) {
  await trx.deleteFrom('enterprise_contacts').where('enterprise_id', '=', enterpriseId).execute();
  if (contacts.length) {
    await trx
      .insertInto('enterprise_contacts')
      .values(contacts.map((c) => ({ enterprise_id: enterpriseId, name: c.name.trim(), phone: clean(c.phone) ?? null, title: clean(c.title) ?? null, is_primary: c.isPrimary ?? false })))
      .execute();
  }
}

/** @throws AppError FORBIDDEN, NOT_FOUND (region), ENT_CREDIT_CODE_INVALID, ENT_CREDIT_CODE_TAKEN, ENT_INDUSTRY_INVALID */
export async function createEnterprise(db: Kysely<Database>, actor: Actor, input: EnterpriseInput, now: Date) {
  if (!listPolicies(actor).create) throw new AppError('FORBIDDEN');
  const check = checkCreditCode(input.creditCode);
  if (!check.ok) throw new AppError('ENT_CREDIT_CODE_INVALID', undefined, { field: 'body.creditCode', problem: check.problem, expected: check.expected ?? null });
  const region = await manageableRegionOrThrow(db, actor, input.regionId);
  const industryCode = industryOrThrow(input.industryCode);
  try {
    const id = await db.transaction().execute(async (trx) => {
      const { id } = await insertEnterprise(trx, {
        region_id: region.id,
        credit_code: check.normalized,
        name: input.name.trim(),
        legal_rep_name: clean(input.legalRepName) ?? null,
        legal_rep_phone: clean(input.legalRepPhone) ?? null,
        legal_rep_id_number: clean(input.legalRepIdNumber) ?? null,
        registration_authority: clean(input.registrationAuthority) ?? null,
        established_on: input.establishedOn ?? null,
        registered_capital: input.registeredCapital ?? null,
        industry_code: industryCode,
        address: clean(input.address) ?? null,
        ...(await sizeColumnsFor(trx, null, industryCode, now)),
        updated_at: now,
      });
      if (input.contacts) await replaceContacts(trx, id, input.contacts);
      const row = (await findEnterpriseById(trx, id))!;
      await appendEnterpriseEvent(trx, { enterpriseId: id, kind: 'registry.created', title: '登记入库', at: now });
      await recordAudit(trx, { actor: actorRef(actor), action: 'create', entity: 'enterprise', entityId: id, regionId: region.id, after: enterpriseSnapshot(row) });
      return id;
    });
    return loadEnterpriseDetail(db, actor, (await findEnterpriseById(db, id))!, { reveal: true, now });
  } catch (err) {
    if (isUniqueViolation(err, 'enterprises_credit_code_key')) throw new AppError('ENT_CREDIT_CODE_TAKEN', undefined, { field: 'body.creditCode' });
    throw err;
  }
}

/** @throws AppError NOT_FOUND, FORBIDDEN, ENT_VERSION_CONFLICT, ENT_INDUSTRY_INVALID */
export async function updateEnterprise(db: Kysely<Database>, actor: Actor, id: string, patch: EnterprisePatch, now: Date) {
  const row = await getManageableEnterpriseOrThrow(db, actor, id);
  if (patch.version !== row.version) throw new AppError('ENT_VERSION_CONFLICT', undefined, { version: row.version });
  const update: EnterpriseUpdate = { updated_at: now, version: row.version + 1 };
  if (patch.name !== undefined) update.name = patch.name!.trim();
  if (patch.legalRepName !== undefined) update.legal_rep_name = clean(patch.legalRepName);
  if (patch.legalRepPhone !== undefined) update.legal_rep_phone = clean(patch.legalRepPhone);
  if (patch.legalRepIdNumber !== undefined) update.legal_rep_id_number = clean(patch.legalRepIdNumber);
  if (patch.registrationAuthority !== undefined) update.registration_authority = clean(patch.registrationAuthority);
  if (patch.establishedOn !== undefined) update.established_on = patch.establishedOn;
  if (patch.registeredCapital !== undefined) update.registered_capital = patch.registeredCapital;
  if (patch.address !== undefined) update.address = clean(patch.address);
  if (patch.status !== undefined) update.status = patch.status;
  if (patch.regionId !== undefined && patch.regionId !== row.region_id) update.region_id = (await manageableRegionOrThrow(db, actor, patch.regionId)).id;
  const industryChanged = patch.industryCode !== undefined;
  if (industryChanged) update.industry_code = industryOrThrow(patch.industryCode);
  await db.transaction().execute(async (trx) => {
    if (industryChanged) Object.assign(update, await sizeColumnsFor(trx, id, update.industry_code ?? null, now));
    const res = await trx.updateTable('enterprises').set(update).where('id', '=', id).where('version', '=', row.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('ENT_VERSION_CONFLICT');
    if (patch.contacts) await replaceContacts(trx, id, patch.contacts);
    const after = (await findEnterpriseById(trx, id))!;
    const changed = Object.keys(patch).filter((k) => k !== 'version');
    await appendEnterpriseEvent(trx, { enterpriseId: id, kind: 'registry.updated', title: '登记信息修改', detail: { fields: changed }, at: now });
    await recordAudit(trx, { actor: actorRef(actor), action: 'update', entity: 'enterprise', entityId: id, regionId: after.region_id, before: enterpriseSnapshot(row), after: { ...enterpriseSnapshot(after), contactsReplaced: patch.contacts !== undefined } });
  });
  return loadEnterpriseDetail(db, actor, (await findEnterpriseById(db, id))!, { reveal: true, now });
}
