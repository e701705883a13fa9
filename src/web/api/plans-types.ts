/**
 * Shapes of the plans API (docs/api-contract.md, "Plans"). Kept free of browser globals so that
 * pure modules using them can be tested under Node.
 */
import type { Policies } from './types.ts';

export type PlanStatus = 'draft' | 'published' | 'archived';
export const PLAN_STATUSES: readonly PlanStatus[] = ['draft', 'published', 'archived'];
export type SourceFormat = 'docx' | 'doc' | 'pdf' | 'html' | 'txt' | 'paste';
export type TargetOp = '<=' | '>=' | '=';
export const TARGET_OPS: readonly TargetOp[] = ['>=', '<=', '='];

export interface Span {
  start: number;
  end: number;
}

/** A unit as printed in the plan, and the registry unit it was resolved to (if any). */
export interface UnitRef {
  printed: string;
  unitId: string | null;
  /** Registry name, when the server sends it. */
  unitName?: string | null;
}

export interface Deadline {
  text: string;
  date: string | null;
  span?: Span | null;
}

export interface Target {
  text: string;
  metric: string;
  op: TargetOp;
  value: number;
  unit: string;
  by: string | null;
  span?: Span | null;
}

export interface PlanIssue {
  code: string;
  message: string;
  measureId?: string;
  span?: Span;
}

export interface Measure {
  id: string | null;
  seq: number;
  number: string;
  path: string[];
  section: string | null;
  title: string | null;
  text: string;
  leadUnits: UnitRef[];
  cooperatingUnits: UnitRef[];
  deadlines: Deadline[];
  targets: Target[];
  span: Span | null;
  flags: string[];
}

export interface PlanSummary {
  id: string;
  title: string | null;
  regionName: string | null;
  status: PlanStatus;
  baseYear: number | null;
  measureCount: number;
  updatedAt: string;
  sourceName?: string | null;
  policies?: Policies;
}

export interface PlanDetail {
  id: string;
  title: string | null;
  issuer: string | null;
  regionName: string | null;
  issuedOn: string | null;
  baseYear: number | null;
  status: PlanStatus;
  version: number;
  sourceName: string | null;
  sourceFormat: SourceFormat;
  sourceText: string;
  defaultUnits: UnitRef[];
  goals: Target[];
  issues: PlanIssue[];
  measures: Measure[];
  updatedAt?: string;
  policies?: Policies;
}

/** What the review page sends back: the whole reviewed draft. */
export interface PlanSaveInput {
  version: number;
  title: string | null;
  issuer: string | null;
  regionName: string | null;
  issuedOn: string | null;
  baseYear: number | null;
  defaultUnits: UnitRef[];
  goals: Target[];
  measures: Array<Omit<Measure, 'id'> & { id?: string }>;
}

/** The parser's own plan (plan-format): units are plain printed strings there. */
export interface ParsedPlan {
  title: string | null;
  issuer: string | null;
  region: string | null;
  issuedOn: string | null;
  baseYear: number | null;
  defaultUnits: string[];
  goals?: Target[];
  measures: Array<{
    id: string;
    path: string[];
    section: string | null;
    title: string | null;
    text: string;
    leadUnits: string[];
    cooperatingUnits: string[];
    deadlines: Deadline[];
    targets: Target[];
    flags?: string[];
  }>;
}

export interface ParsePreview {
  plan: ParsedPlan;
  issues: PlanIssue[];
  sourceText: string;
  format: SourceFormat;
  resolutions?: unknown;
}

export interface UnitSuggestion {
  unitId: string;
  name: string | null;
  score: number | null;
  reason?: string;
}

export interface UnitResolutionItem {
  printed: string;
  match: { unitId: string; name: string | null; how?: string } | null;
  suggestions: UnitSuggestion[];
}

export interface BenchmarkEntry {
  planId: string | null;
  planTitle: string | null;
  region: string | null;
  metric: string;
  op: TargetOp;
  value: number;
  unit: string;
  by: string | null;
  text: string | null;
  best: boolean;
  rank: number | null;
}

export interface BenchmarkGroup {
  canonical: string;
  unit: string;
  direction: 'lower' | 'higher' | null;
  entries: BenchmarkEntry[];
}

export interface MetricSynonymRow {
  id: string;
  canonical: string;
  variant: string;
  policies?: Policies;
}


/** The built-in synonym table the server ships (read-only on the page). */
export interface BuiltinMetricSynonym {
  canonical: string;
  variants: string[];
  better: string | null;
}
