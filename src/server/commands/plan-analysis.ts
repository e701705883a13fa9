/**
 * The CPU-heavy half of plan ingestion, without the database: document bytes or pasted text ->
 * readers -> cleaned text -> core parser -> units resolved against registry rows read beforehand.
 * The document workers (src/server/readers/document-worker.ts) run it off the main thread;
 * plan-importer.ts runs it in-thread when no pool is given (CLI, demo seed, YINGSHANG_DOCUMENT_WORKERS=0).
 */
import { isIsoDate } from '../../core/calendar/index.ts';
import { parsePlan } from '../../core/plan/index.ts';
import type { ParseIssue, Plan as CorePlan } from '../../core/plan/types.ts';
import type { UnitResolution } from '../../core/units/index.ts';
import type { PlanSourceFormat } from '../db/schema.ts';
import { cleanDocumentText, type CleanedText } from '../http/text-guard.ts';
import type { RegistryUnitRow } from '../modules/plans/plans.queries.ts';
import { planUnitRegistryOf, presentResolutions, resolveUnitLists, type PlanRegion, type PlanUnitRegistry } from '../modules/plans/plans.resolver.ts';
import type { UnitRef } from '../modules/plans/plans.schemas.ts';
import { readDocument } from '../readers/index.ts';

export type PlanSource =
  | { kind: 'file'; data: Uint8Array; filename: string; sourceName?: string }
  | { kind: 'text'; text: string; sourceName?: string };

export interface ReadSource {
  text: string;
  format: PlanSourceFormat;
  sourceName: string;
}

export interface ParsedSource extends ReadSource {
  plan: CorePlan;
  issues: ParseIssue[];
  timing: { readMs: number; parseMs: number; resolveMs: number };
}

/** What one analysis needs: the source, the plan's year, its region and the registry rows around it. */
export interface PlanAnalysisInput {
  source: PlanSource;
  year?: number | null;
  region: PlanRegion;
  units: readonly RegistryUnitRow[];
}

export interface PlanAnalysis {
  parsed: ParsedSource;
  registry: PlanUnitRegistry;
  /** Resolutions list by list, in the order of `unitLists`. */
  lists: UnitResolution[][];
}

/** What storing a plan needs from its analysis (small enough to cross a thread boundary). */
export interface PlanForStore {
  parsed: ParsedSource;
  /** Unit references list by list, in the order of `unitLists`. */
  refs: UnitRef[][];
  unitsMatched: number;
  unitsTotal: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Reads the source into the text the parser sees.
 * @throws DocumentReadError (PLAN_READ_*) for an unreadable file
 */
export async function readPlanSource(source: PlanSource): Promise<ReadSource> {
  if (source.kind === 'text') return { text: source.text, format: 'paste', sourceName: source.sourceName?.trim() || '粘贴文本' };
  const { text, format } = await readDocument(source.data, source.filename);
  // The readers never return rtf (they reject it); the cast documents that.
  return { text, format: format as PlanSourceFormat, sourceName: source.sourceName?.trim() || source.filename };
}

/** Reads, cleans and parses a source (no units resolved). */
export async function readAndParse(source: PlanSource, year: number | null | undefined): Promise<ParsedSource> {
  const t0 = performance.now();
  const raw = await readPlanSource(source);
  const t1 = performance.now();
  // Documents and Word pastes carry NUL and broken surrogates that PostgreSQL refuses: dropped here, and said so.
  const cleaned = cleanDocumentText(raw.text);
  const read = { ...raw, text: cleaned.text, sourceName: cleanDocumentText(raw.sourceName).text };
  const { plan, issues } = parsePlan(read.text, { baseYear: year ?? null, source: read.sourceName });
  const t2 = performance.now();
  return { ...read, plan: dropImpossibleDates(plan), issues: [...textIssues(cleaned), ...issues], timing: { readMs: round(t1 - t0), parseMs: round(t2 - t1), resolveMs: 0 } };
}

function textIssues(cleaned: CleanedText): ParseIssue[] {
  const out: ParseIssue[] = [];
  if (cleaned.nulRemoved) out.push({ code: 'TEXT_NUL_REMOVED', message: `已删除文本中的 ${cleaned.nulRemoved} 个空字符（U+0000）` });
  if (cleaned.surrogatesReplaced) out.push({ code: 'TEXT_INVALID_CHAR_REPLACED', message: `已将 ${cleaned.surrogatesReplaced} 个无效字符替换为 �` });
  return out;
}

/** A date the parser read from the text that is no calendar day (2026年2月30日) is stored as unknown, never sent to the database. */
function dropImpossibleDates(plan: CorePlan): CorePlan {
  const day = (d: string | null) => (d !== null && isIsoDate(d) ? d : null);
  const targets = (list: CorePlan['goals']) => list.map((t) => ({ ...t, by: day(t.by) }));
  return {
    ...plan,
    issuedOn: day(plan.issuedOn),
    goals: targets(plan.goals),
    measures: plan.measures.map((m) => ({ ...m, deadlines: m.deadlines.map((d) => ({ ...d, date: day(d.date) })), targets: targets(m.targets) })),
  };
}

/** Every list of printed names in a parsed plan, in a fixed order: defaults, then lead/cooperating per measure. */
export function unitLists(plan: CorePlan): string[][] {
  return [plan.defaultUnits, ...plan.measures.flatMap((m) => [m.leadUnits, m.cooperatingUnits])];
}

/**
 * Reads, parses and resolves the printed units of one source against `units`.
 * @throws DocumentReadError for an unreadable file; AppError from the archive guard
 */
export async function analysePlanSource(input: PlanAnalysisInput): Promise<PlanAnalysis> {
  const parsed = await readAndParse(input.source, input.year);
  const t = performance.now();
  const registry = planUnitRegistryOf(input.units, input.region, parsed.plan.region);
  const lists = resolveUnitLists(registry, unitLists(parsed.plan));
  parsed.timing.resolveMs = round(performance.now() - t);
  return { parsed, registry, lists };
}

/** The parse preview the upload page shows (the body of POST /api/v1/plans/parse). */
export function presentPreview({ parsed, registry, lists }: PlanAnalysis) {
  return {
    plan: parsed.plan,
    issues: parsed.issues,
    sourceText: parsed.text,
    sourceName: parsed.sourceName,
    format: parsed.format,
    resolutions: presentResolutions(registry, lists),
    timing: parsed.timing,
  };
}

/**
 * The preview as UTF-8 JSON: a 5 MB plan's preview takes hundreds of milliseconds to serialize, so the
 * worker does it and the main thread only forwards the bytes.
 */
export function previewJson(analysis: PlanAnalysis): Buffer {
  return Buffer.from(JSON.stringify(presentPreview(analysis)), 'utf8');
}

const refsOf = (list: UnitResolution[]): UnitRef[] => list.map((r) => ({ printed: r.printed, unitId: r.match?.unitId ?? null }));

export function planForStore({ parsed, lists }: PlanAnalysis): PlanForStore {
  const all = lists.flat().filter((r) => !r.collective);
  return { parsed, refs: lists.map(refsOf), unitsMatched: all.filter((r) => r.match).length, unitsTotal: all.length };
}
