import type { Deadline, Measure as CoreMeasure, ParseIssue, Plan as CorePlan, Target } from '../../../core/plan/types.ts';
import type { PlanMeasure } from '../../db/schema.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { planPolicies } from './plans.permissions.ts';
import type { PlanWithRegion } from './plans.queries.ts';
import type { UnitRef } from './plans.schemas.ts';

type PlanFacts = Pick<PlanWithRegion, 'status' | 'region_path'>;

const facts = (plan: PlanFacts) => ({ status: plan.status, regionPath: plan.region_path });
const iso = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();

/** Registry names of the resolved units, for the review page (`unitName`, null when unresolved). */
export type UnitNames = ReadonlyMap<string, string>;

const withNames = (refs: unknown, names: UnitNames) =>
  (refs as UnitRef[]).map((r) => ({ printed: r.printed, unitId: r.unitId, unitName: (r.unitId && names.get(r.unitId)) || null }));

/** Every unitId a plan's refs name. */
export function unitIdsOf(plan: Pick<PlanWithRegion, 'default_units'>, measures: readonly PlanMeasure[]): string[] {
  const ids = new Set<string>();
  for (const refs of [plan.default_units, ...measures.flatMap((m) => [m.lead_units, m.cooperating_units])]) {
    for (const r of refs as UnitRef[]) if (r.unitId) ids.add(r.unitId);
  }
  return [...ids];
}

export function presentMeasure(m: PlanMeasure, names: UnitNames = new Map()) {
  return {
    id: m.id,
    seq: m.seq,
    number: m.number,
    path: m.path,
    section: m.section,
    title: m.title,
    text: m.text,
    leadUnits: withNames(m.lead_units, names),
    cooperatingUnits: withNames(m.cooperating_units, names),
    deadlines: m.deadlines as Deadline[],
    targets: m.targets as Target[],
    span: m.span_start !== null && m.span_end !== null ? { start: m.span_start, end: m.span_end } : null,
    flags: m.flags,
  };
}

export function presentPlan(plan: PlanWithRegion, measures: PlanMeasure[], actor: Actor, names: UnitNames = new Map()) {
  return {
    id: plan.id,
    regionId: plan.region_id,
    title: plan.title,
    issuer: plan.issuer,
    regionName: plan.region_name,
    issuedOn: plan.issued_on,
    baseYear: plan.base_year,
    status: plan.status,
    version: plan.version,
    sourceName: plan.source_name,
    sourceFormat: plan.source_format,
    sourceText: plan.source_text,
    defaultUnits: withNames(plan.default_units, names),
    goals: plan.goals as Target[],
    issues: plan.issues as ParseIssue[],
    measures: measures.map((m) => presentMeasure(m, names)),
    createdAt: iso(plan.created_at),
    updatedAt: iso(plan.updated_at),
    publishedAt: plan.published_at ? iso(plan.published_at) : null,
    policies: planPolicies(actor, facts(plan)),
  };
}

export interface PlanListRow {
  id: string;
  title: string;
  region_id: string;
  region_name: string | null;
  owner_region_name: string;
  status: PlanWithRegion['status'];
  base_year: number | null;
  updated_at: Date;
  region_path: string;
  measure_count: number | string | null;
}

export function presentPlanListItem(row: PlanListRow, actor: Actor) {
  return {
    id: row.id,
    title: row.title,
    regionId: row.region_id,
    regionName: row.region_name ?? row.owner_region_name,
    status: row.status,
    baseYear: row.base_year,
    measureCount: Number(row.measure_count ?? 0),
    updatedAt: iso(row.updated_at),
    policies: planPolicies(actor, facts(row)),
  };
}

const refsSnapshot = (refs: unknown) => (refs as UnitRef[]).map((u) => (u.unitId ? `${u.printed}=${u.unitId}` : u.printed));

/** What the audit log keeps of a plan: its fields and, per measure, what a reviewer edits. */
export function planSnapshot(plan: Omit<PlanWithRegion, 'source_text' | 'region_path' | 'owner_region_name' | 'created_at' | 'updated_at' | 'published_at' | 'issues' | 'created_by'>, measures: PlanMeasure[]) {
  return {
    title: plan.title,
    issuer: plan.issuer,
    regionName: plan.region_name,
    issuedOn: plan.issued_on,
    baseYear: plan.base_year,
    status: plan.status,
    version: plan.version,
    sourceName: plan.source_name,
    defaultUnits: refsSnapshot(plan.default_units),
    goalCount: (plan.goals as unknown[]).length,
    measureCount: measures.length,
    measures: measures.map((m) => ({
      id: m.id,
      number: m.number,
      title: m.title,
      text: m.text.length > 200 ? `${m.text.slice(0, 200)}…` : m.text,
      leadUnits: refsSnapshot(m.lead_units),
      cooperatingUnits: refsSnapshot(m.cooperating_units),
      deadlines: (m.deadlines as Deadline[]).map((d) => d.date ?? d.text),
      targets: (m.targets as Target[]).map((t) => `${t.metric}${t.op}${t.value}${t.unit}`),
    })),
  };
}

type NameUnits = (refs: unknown) => string[];

const printed: NameUnits = (refs) => (refs as UnitRef[]).map((u) => u.printed);
const ids = (refs: unknown): (string | null)[] => (refs as UnitRef[]).map((u) => u.unitId);
const withSpan = (start: number | null, end: number | null) => (start !== null && end !== null ? { span: { start, end } } : {});

/** The plan's fields in core's `Plan` shape, without its measures. */
function corePlanFields(plan: PlanWithRegion, names: NameUnits): Omit<CorePlan, 'measures'> {
  return {
    source: plan.source_name,
    title: plan.title,
    issuer: plan.issuer,
    region: plan.region_name,
    issuedOn: plan.issued_on,
    baseYear: plan.base_year,
    defaultUnits: names(plan.default_units),
    goals: plan.goals as Target[],
  };
}

function coreMeasure(m: PlanMeasure, names: NameUnits): CoreMeasure {
  return {
    id: m.number,
    path: m.path,
    section: m.section,
    title: m.title,
    text: m.text,
    leadUnits: names(m.lead_units),
    cooperatingUnits: names(m.cooperating_units),
    deadlines: m.deadlines as Deadline[],
    targets: m.targets as Target[],
  };
}

/**
 * The stored plan in the plan-format (../shared/plan-format/plan.schema.json): units as printed,
 * plus `leadUnitIds`/`cooperatingUnitIds` (the registry units, null where unresolved).
 */
export function planToFormat(plan: PlanWithRegion, measures: PlanMeasure[]) {
  return {
    ...corePlanFields(plan, printed),
    measures: measures.map((m) => ({
      ...coreMeasure(m, printed),
      ...withSpan(m.span_start, m.span_end),
      ...(m.flags.length > 0 ? { flags: m.flags } : {}),
      leadUnitIds: ids(m.lead_units),
      cooperatingUnitIds: ids(m.cooperating_units),
    })),
  };
}

/**
 * The plan as the 任务分解表 shows it: a resolved unit under its registry name (the reviewer's
 * correction), an unresolved one as printed.
 */
export function planToBreakdown(plan: PlanWithRegion, measures: PlanMeasure[], unitNames: ReadonlyMap<string, string>): CorePlan {
  const names: NameUnits = (refs) => (refs as UnitRef[]).map((u) => (u.unitId && unitNames.get(u.unitId)) || u.printed);
  return { ...corePlanFields(plan, names), measures: measures.map((m) => coreMeasure(m, names)) };
}
