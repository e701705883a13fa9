import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { scopeOf, type Actor } from '../auth/auth.actor.ts';
import { canReadRegion } from '../regions/regions.permissions.ts';
import { findRegionById } from '../regions/regions.queries.ts';
import { officeToday } from '../supervision/supervision.clock.ts';
import { canManageEnterprisesIn, canReadEnterprise, canRevealPersonalData } from './enterprises.permissions.ts';
import { presentEnterpriseDetail, presentEnterpriseSummary } from './enterprises.presenter.ts';
import {
  findEnterpriseById,
  findEnterpriseSummary,
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
