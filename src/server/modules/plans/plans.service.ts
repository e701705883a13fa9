import { inTransaction } from '../../db/transaction.ts';
import type { Kysely } from 'kysely';
import { propagateUnitChoices } from '../../../core/units/index.ts';
import type { Database, NewPlanMeasure, PlanMeasure, PlanStatus } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { buildBreakdownWorkbook } from '../../exports/plan-breakdown-xlsx.ts';
import { DocumentReadError } from '../../readers/index.ts';
import { importPlan, previewPlan, type PlanSource } from '../../commands/plan-importer.ts';
import type { DocumentReader } from '../../readers/document-pool.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { findRegionById } from '../regions/regions.queries.ts';
import {
  canCreatePlanIn,
  canDeletePlan,
  canImportPlans,
  canManagePlan,
  canReadPlan,
  canResolvePlanUnits,
  type PlanScopeFacts,
} from './plans.permissions.ts';
import { planSnapshot, planToBreakdown, planToFormat, presentPlan, presentPlanListItem, unitIdsOf } from './plans.presenter.ts';
import {
  deleteMeasuresOfPlan,
  deletePlanById,
  findPlanById,
  findUnitsByIds,
  insertMeasures,
  listMeasuresOfPlan,
  listPlansInScope,
  lockPlanById,
  updatePlanById,
  type PlanScope,
  type PlanWithRegion,
} from './plans.queries.ts';
import { loadPlanUnitRegistry, presentResolutions, resolveUnitLists } from './plans.resolver.ts';
import type { MeasureInput, UnitRef, UpdatePlanBody } from './plans.schemas.ts';

const actorRef = (actor: Actor) => ({ id: actor.id, name: actor.username });
const facts = (plan: PlanWithRegion): PlanScopeFacts => ({ status: plan.status, regionPath: plan.region_path });

export function planScopeOf(actor: Actor): PlanScope {
  if (actor.role === 'admin') return { kind: 'all' };
  if (actor.role === 'unit') return actor.regionPath ? { kind: 'governing', regionPath: actor.regionPath } : { kind: 'none' };
  return actor.regionPath ? { kind: 'subtree', path: actor.regionPath } : { kind: 'none' };
}

/** Maps a reader failure to the catalog (same code, Chinese message, 4xx). */
function toAppError(err: unknown): never {
  if (err instanceof DocumentReadError) throw new AppError(err.code, err.message, { filename: err.details.filename ?? null, format: err.details.format ?? null });
  throw err;
}

export interface PlanSourceInput {
  source: PlanSource | null;
  year?: number;
  regionId?: string;
}

/** The region a new plan belongs to: the one asked for, else the actor's own. */
async function importRegionOrThrow(db: Kysely<Database>, actor: Actor, regionId: string | undefined) {
  if (!canImportPlans(actor)) throw new AppError('FORBIDDEN');
  const id = regionId ?? actor.regionId;
  if (!id) throw new AppError('PLAN_REGION_REQUIRED', undefined, { field: 'regionId' });
  const region = await findRegionById(db, id);
  if (!region || !canCreatePlanIn(actor, region.path)) throw new AppError('NOT_FOUND', undefined, { field: 'regionId' });
  return { id: region.id, path: region.path, name: region.name };
}

function sourceOrThrow(input: PlanSourceInput): PlanSource {
  if (!input.source) throw new AppError('PLAN_SOURCE_MISSING', undefined, { field: 'file' });
  return input.source;
}

/** The parse preview as UTF-8 JSON (serialized where it was parsed: in a document worker). */
export async function previewPlanSource(db: Kysely<Database>, actor: Actor, input: PlanSourceInput, documents?: DocumentReader): Promise<Buffer> {
  const region = await importRegionOrThrow(db, actor, input.regionId);
  const source = sourceOrThrow(input);
  try {
    return await previewPlan(db, region, source, input.year, documents);
  } catch (err) {
    toAppError(err);
  }
}

export async function createPlan(db: Kysely<Database>, actor: Actor, input: PlanSourceInput, documents?: DocumentReader) {
  const region = await importRegionOrThrow(db, actor, input.regionId);
  const source = sourceOrThrow(input);
  let id: string;
  try {
    ({ id } = await importPlan(db, { region, source, year: input.year, by: actorRef(actor), documents }));
  } catch (err) {
    toAppError(err);
  }
  return getPlan(db, actor, id);
}

export interface PlanListQuery {
  status?: PlanStatus;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listPlans(db: Kysely<Database>, actor: Actor, query: PlanListQuery) {
  const { rows, total } = await listPlansInScope(db, planScopeOf(actor), {
    status: query.status,
    q: query.q?.trim() || undefined,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: rows.map((row) => presentPlanListItem(row, actor)), total };
}

/** @throws AppError NOT_FOUND when the plan does not exist or the actor may not read it */
export async function getReadablePlanOrThrow(db: Kysely<Database>, actor: Actor, id: string): Promise<PlanWithRegion> {
  const plan = await findPlanById(db, id);
  if (!plan || !canReadPlan(actor, facts(plan))) throw new AppError('NOT_FOUND');
  return plan;
}

async function unitNamesOf(db: Kysely<Database>, plan: PlanWithRegion, measures: PlanMeasure[]): Promise<Map<string, string>> {
  return new Map((await findUnitsByIds(db, unitIdsOf(plan, measures))).map((u) => [u.id, u.name]));
}

export async function getPlan(db: Kysely<Database>, actor: Actor, id: string) {
  const plan = await getReadablePlanOrThrow(db, actor, id);
  const measures = await listMeasuresOfPlan(db, id);
  return presentPlan(plan, measures, actor, await unitNamesOf(db, plan, measures));
}

interface UnitRefAt {
  field: string;
  unitId: string;
}

function collectUnitIds(body: UpdatePlanBody): UnitRefAt[] {
  const out: UnitRefAt[] = [];
  const add = (refs: readonly Pick<UnitRef, 'unitId'>[], field: string) => refs.forEach((r, i) => r.unitId && out.push({ field: `${field}.${i}.unitId`, unitId: r.unitId }));
  add(body.defaultUnits, 'body.defaultUnits');
  body.measures.forEach((m, i) => {
    add(m.leadUnits, `body.measures.${i}.leadUnits`);
    add(m.cooperatingUnits, `body.measures.${i}.cooperatingUnits`);
  });
  return out;
}

/** Every unitId must name a registry unit of the plan's region, below it or above it. */
async function checkUnitIds(db: Kysely<Database>, plan: PlanWithRegion, body: UpdatePlanBody): Promise<void> {
  const refs = collectUnitIds(body);
  const units = new Map((await findUnitsByIds(db, [...new Set(refs.map((r) => r.unitId))])).map((u) => [u.id, u.region_path]));
  const bad = refs.find((r) => {
    const path = units.get(r.unitId);
    return path === undefined || !(path.startsWith(plan.region_path) || plan.region_path.startsWith(path));
  });
  if (bad) throw new AppError('PLAN_UNIT_UNKNOWN', undefined, { field: bad.field });
}

/** A unit chosen once for a printed name (全篇默认 or in one measure) applies to every unresolved use of that name. */
function withUnitChoicesPropagated(body: UpdatePlanBody): UpdatePlanBody {
  const lists = propagateUnitChoices([body.defaultUnits, ...body.measures.flatMap((m) => [m.leadUnits, m.cooperatingUnits])]);
  return {
    ...body,
    defaultUnits: lists[0],
    measures: body.measures.map((m, i) => ({ ...m, leadUnits: lists[1 + 2 * i], cooperatingUnits: lists[2 + 2 * i] })),
  };
}

const storedRefs = (refs: readonly UnitRef[]): UnitRef[] => refs.map((r) => ({ printed: r.printed.trim(), unitId: r.unitId }));

function measureRows(planId: string, measures: MeasureInput[], keepIds: ReadonlySet<string>): NewPlanMeasure[] {
  const used = new Set<string>();
  return measures.map((m, i) => {
    // A measure keeps its id when it was one of this plan's (split halves after the first get new ones).
    const id = m.id && keepIds.has(m.id) && !used.has(m.id) ? m.id : undefined;
    if (id) used.add(id);
    return {
      ...(id ? { id } : {}),
      plan_id: planId,
      seq: i + 1,
      number: m.number,
      path: m.path,
      section: m.section,
      title: m.title,
      text: m.text,
      lead_units: JSON.stringify(storedRefs(m.leadUnits)),
      cooperating_units: JSON.stringify(storedRefs(m.cooperatingUnits)),
      deadlines: JSON.stringify(m.deadlines),
      targets: JSON.stringify(m.targets),
      span_start: m.span?.start ?? null,
      span_end: m.span?.end ?? null,
      flags: m.flags ?? [],
    };
  });
}

/**
 * Saves the whole reviewed draft: fields, and the measures replaced in one transaction.
 * @throws AppError PLAN_VERSION_CONFLICT when `body.version` is not the stored version
 */
export async function updatePlan(db: Kysely<Database>, actor: Actor, id: string, input: UpdatePlanBody) {
  const plan = await getReadablePlanOrThrow(db, actor, id);
  if (!canManagePlan(actor, facts(plan))) throw new AppError('FORBIDDEN');
  if (plan.status !== 'draft') throw new AppError('PLAN_NOT_DRAFT');
  await checkUnitIds(db, plan, input);
  const body = withUnitChoicesPropagated(input);
  await inTransaction(db, async (trx) => {
    const locked = await lockPlanById(trx, id);
    if (!locked) throw new AppError('NOT_FOUND');
    if (locked.status !== 'draft') throw new AppError('PLAN_NOT_DRAFT');
    if (locked.version !== body.version) throw new AppError('PLAN_VERSION_CONFLICT', undefined, { currentVersion: locked.version });
    const before = (await findPlanById(trx, id))!;
    const oldMeasures = await listMeasuresOfPlan(trx, id);
    await deleteMeasuresOfPlan(trx, id);
    await insertMeasures(trx, measureRows(id, body.measures, new Set(oldMeasures.map((m) => m.id))));
    await updatePlanById(trx, id, {
      title: body.title?.trim() || before.title,
      issuer: body.issuer,
      region_name: body.regionName,
      issued_on: body.issuedOn,
      base_year: body.baseYear,
      default_units: JSON.stringify(storedRefs(body.defaultUnits)),
      goals: JSON.stringify(body.goals),
      version: locked.version + 1,
      updated_at: new Date(),
    });
    const after = (await findPlanById(trx, id))!;
    await recordAudit(trx, {
      actor: actorRef(actor),
      action: 'update',
      entity: 'plan',
      entityId: id,
      regionId: plan.region_id,
      before: planSnapshot(before, oldMeasures),
      after: planSnapshot(after, await listMeasuresOfPlan(trx, id)),
    });
  });
  return getPlan(db, actor, id);
}

export async function deletePlan(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  const plan = await getReadablePlanOrThrow(db, actor, id);
  if (!canManagePlan(actor, facts(plan))) throw new AppError('FORBIDDEN');
  if (!canDeletePlan(actor, facts(plan))) throw new AppError('PLAN_NOT_DRAFT');
  await inTransaction(db, async (trx) => {
    const locked = await lockPlanById(trx, id);
    if (!locked) throw new AppError('NOT_FOUND');
    if (locked.status !== 'draft') throw new AppError('PLAN_NOT_DRAFT');
    const measures = await listMeasuresOfPlan(trx, id);
    await deletePlanById(trx, id);
    await recordAudit(trx, { actor: actorRef(actor), action: 'delete', entity: 'plan', entityId: id, regionId: plan.region_id, before: planSnapshot(plan, measures) });
  });
}

export async function resolvePlanUnits(db: Kysely<Database>, actor: Actor, id: string) {
  const plan = await getReadablePlanOrThrow(db, actor, id);
  if (!canResolvePlanUnits(actor, facts(plan))) throw new AppError('FORBIDDEN');
  const measures = await listMeasuresOfPlan(db, id);
  const printed = (refs: unknown) => (refs as UnitRef[]).map((r) => r.printed);
  const lists = [printed(plan.default_units), ...measures.flatMap((m) => [printed(m.lead_units), printed(m.cooperating_units)])];
  const registry = await loadPlanUnitRegistry(db, { id: plan.region_id, path: plan.region_path, name: plan.owner_region_name }, plan.region_name);
  return { items: presentResolutions(registry, resolveUnitLists(registry, lists)) };
}

const UNSAFE_FILENAME = /[\\/:*?"<>|\u0000-\u001f]+/g;

/** A file name from the plan title: no path or reserved characters, at most 60 characters. */
export function exportFileName(title: string, suffix: string): string {
  const base = [...title.replace(UNSAFE_FILENAME, ' ').replace(/\s+/g, ' ').trim()].slice(0, 60).join('') || '方案';
  return `${base}${suffix}`;
}

export async function exportPlanBreakdown(db: Kysely<Database>, actor: Actor, id: string) {
  const plan = await getReadablePlanOrThrow(db, actor, id);
  const measures = await listMeasuresOfPlan(db, id);
  const names = await unitNamesOf(db, plan, measures);
  const buffer = await buildBreakdownWorkbook(planToBreakdown(plan, measures, names));
  return { filename: exportFileName(plan.title, '-任务分解表.xlsx'), buffer };
}

export async function exportPlanFormat(db: Kysely<Database>, actor: Actor, id: string) {
  const plan = await getReadablePlanOrThrow(db, actor, id);
  const measures = await listMeasuresOfPlan(db, id);
  return { filename: exportFileName(plan.title, '.json'), plan: planToFormat(plan, measures) };
}
