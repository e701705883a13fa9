/**
 * Plan ingestion across modules: document bytes or pasted text -> readers -> core parser ->
 * unit resolution against the registry -> a stored draft plan with its measures (audited).
 * Callers check access first (plans.service for HTTP, the CLI as the system actor).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Plan as CorePlan } from '../../core/plan/types.ts';
import { normalizeUnitName, type UnitResolution } from '../../core/units/index.ts';
import type { Database, NewPlanMeasure, UnitKind } from '../db/schema.ts';
import { insertUnit } from '../modules/units/units.queries.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { planSnapshot } from '../modules/plans/plans.presenter.ts';
import { findPlanById, findRegionByCode, insertMeasures, insertPlan, listMeasuresOfPlan, listRegistryUnitsAround, listRootRegions } from '../modules/plans/plans.queries.ts';
import { loadPlanUnitRegistry, resolveUnitLists, type PlanRegion, type PlanUnitRegistry } from '../modules/plans/plans.resolver.ts';
import { inThreadDocuments, type DocumentReader } from '../readers/document-pool.ts';
import { readAndParse, unitLists, type PlanAnalysisInput, type PlanForStore, type PlanSource } from './plan-analysis.ts';

export { readPlanSource, type PlanSource, type ReadSource } from './plan-analysis.ts';

/** Largest upload accepted by the HTTP API and the CLI (bytes). */
export const PLAN_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/** Runs `fn` in the caller's transaction when there is one (demo seed steps), else in a new one. */
function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** The registry rows the analysis resolves against (read here, on the main thread: workers never see the database). */
async function analysisInput(db: Kysely<Database>, region: PlanRegion, source: PlanSource, year: number | null | undefined): Promise<PlanAnalysisInput> {
  return { source, year, region, units: await listRegistryUnitsAround(db, region.path) };
}

/**
 * Parse preview for the upload page, nothing stored: the response body as UTF-8 JSON. With `documents`
 * (the server's worker pool) reading, parsing, resolving and serializing all happen off the main thread.
 * @throws DocumentReadError for an unreadable file; AppError DOCUMENT_WORKER_* when the worker failed
 */
export async function previewPlan(db: Kysely<Database>, region: PlanRegion, source: PlanSource, year?: number | null, documents: DocumentReader = inThreadDocuments): Promise<Buffer> {
  return documents.previewPlan(await analysisInput(db, region, source, year));
}

export interface ImportPlanOptions {
  region: PlanRegion;
  source: PlanSource;
  year?: number | null;
  /** Who imports: a user, or the system (CLI, demo seed) with `id: null`. */
  by: { id: string | null; name: string };
  /** The server's document worker pool; without it the document is read and parsed in-thread. */
  documents?: DocumentReader;
}

export interface ImportedPlan {
  id: string;
  measureCount: number;
  unitsMatched: number;
  unitsTotal: number;
  timing: { readMs: number; parseMs: number; resolveMs: number; storeMs: number };
}

/**
 * Reads, parses and stores a draft plan in `region`, resolving every printed unit against the
 * registry around it (automatic matches keep their `unitId`, the printed text stays beside it).
 * One transaction with its audit entry.
 * @throws DocumentReadError for an unreadable file; AppError DOCUMENT_WORKER_* when the worker failed
 */
export async function importPlan(db: Kysely<Database>, options: ImportPlanOptions): Promise<ImportedPlan> {
  const documents = options.documents ?? inThreadDocuments;
  return storeParsedPlan(db, options, await documents.analysePlan(await analysisInput(db, options.region, options.source, options.year)));
}

async function storeParsedPlan(db: Kysely<Database>, options: ImportPlanOptions, { parsed, refs, unitsMatched, unitsTotal }: PlanForStore): Promise<ImportedPlan> {
  const { plan } = parsed;
  const [defaults, ...perMeasure] = refs;
  const t = performance.now();
  const id = await inTransaction(db, async (trx) => {
    const planId = randomUUID();
    await insertPlan(trx, {
      id: planId,
      region_id: options.region.id,
      title: plan.title?.trim() || parsed.sourceName,
      issuer: plan.issuer,
      region_name: plan.region,
      issued_on: plan.issuedOn,
      base_year: plan.baseYear,
      source_name: parsed.sourceName,
      source_format: parsed.format,
      source_text: parsed.text,
      default_units: JSON.stringify(defaults),
      goals: JSON.stringify(plan.goals),
      issues: JSON.stringify(parsed.issues),
      created_by: options.by.id,
      updated_at: new Date(),
    });
    const rows: NewPlanMeasure[] = plan.measures.map((m, i) => ({
      plan_id: planId,
      seq: i + 1,
      number: m.id,
      path: m.path,
      section: m.section,
      title: m.title,
      text: m.text,
      lead_units: JSON.stringify(perMeasure[2 * i]),
      cooperating_units: JSON.stringify(perMeasure[2 * i + 1]),
      deadlines: JSON.stringify(m.deadlines),
      targets: JSON.stringify(m.targets),
      span_start: m.span?.start ?? null,
      span_end: m.span?.end ?? null,
      flags: m.flags ?? [],
    }));
    await insertMeasures(trx, rows);
    const stored = (await findPlanById(trx, planId))!;
    await recordAudit(trx as Transaction<Database>, {
      actor: options.by,
      action: 'import',
      entity: 'plan',
      entityId: planId,
      regionId: options.region.id,
      after: planSnapshot(stored, await listMeasuresOfPlan(trx, planId)),
    });
    return planId;
  });
  return { id, measureCount: plan.measures.length, unitsMatched, unitsTotal, timing: { ...parsed.timing, storeMs: round(performance.now() - t) } };
}

const GOVERNMENT = /人民政府$|政府$/u;
const ZONE = /(?:管委会|管理委员会)$/u;
const ENTERPRISE = /(?:公司|集团|银行|支行|分行)$/u;

function unitKindOf(name: string): UnitKind {
  if (GOVERNMENT.test(name)) return 'government';
  if (ZONE.test(name)) return 'zone';
  if (ENTERPRISE.test(name)) return 'enterprise';
  return 'department';
}

/** Name for a unit created from a printed one: a department of the plan's own region takes that region's name. */
function registryNameFor(resolution: UnitResolution, regionName: string): string {
  const n = normalizeUnitName(resolution.expanded);
  const ownRegion = n.region === null || [...n.region].every((c) => '省市州县区盟旗'.includes(c));
  return n.entry && ownRegion ? `${regionName}${n.canonicalCore}` : resolution.expanded;
}

/**
 * Creates registry units for the printed names of plans that resolve to nothing (collective
 * names aside), one per distinct name after resolution, so that names the dictionary knows as the
 * same department (市发改委, 发展改革委) become one unit. Each creation is audited. Used by the demo
 * seed; the same helps an office that starts from an empty registry.
 * @returns the names of the units created
 */
export async function createUnitsFromPlans(trx: Transaction<Database>, region: PlanRegion, plans: readonly CorePlan[], by: { id: string | null; name: string }): Promise<string[]> {
  const created: string[] = [];
  for (const plan of plans) {
    const registry = await loadPlanUnitRegistry(trx, region, plan.region);
    const known = new Set([...registry.units.values()].map((u) => u.name));
    const wanted = new Set<string>();
    for (const list of resolveUnitLists(registry, unitLists(plan))) {
      for (const r of list) if (!r.match && !r.collective && r.expanded) wanted.add(registryNameFor(r, region.name));
    }
    for (const name of wanted) {
      if (known.has(name) || [...name].length > 100) continue;
      known.add(name);
      const kind = unitKindOf(name);
      const { id } = await insertUnit(trx, { region_id: region.id, name, short_name: null, kind, aliases: [], updated_at: new Date() });
      await recordAudit(trx, { actor: by, action: 'create', entity: 'unit', entityId: id, regionId: region.id, after: { name, shortName: null, kind, regionId: region.id, aliases: [] } });
      created.push(name);
    }
  }
  return created;
}

/** Parses a plan file without storing it (demo seed, CLI). */
export async function parsePlanFile(data: Uint8Array, filename: string, year?: number | null): Promise<CorePlan> {
  return (await readAndParse({ kind: 'file', data, filename }, year)).plan;
}

/**
 * The region a CLI import goes to: the one with `code`, else the only top-level region.
 * @throws Error with a message for the terminal when there is no such region or several candidates
 */
export async function findImportRegion(db: Kysely<Database>, code: string | undefined): Promise<PlanRegion> {
  if (code) {
    const region = await findRegionByCode(db, code);
    if (!region) throw new Error(`no region with code "${code}"`);
    return { id: region.id, path: region.path, name: region.name };
  }
  const roots = await listRootRegions(db);
  if (roots.length !== 1) {
    const known = roots.map((r) => `${r.name}${r.code ? ` (${r.code})` : ''}`).join(', ') || 'none';
    throw new Error(`choose the plan's region with --region CODE (top-level regions: ${known})`);
  }
  return { id: roots[0].id, path: roots[0].path, name: roots[0].name };
}

export type { PlanRegion, PlanUnitRegistry };
