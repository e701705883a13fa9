/** Types of a parsed plan; the JSON contract is ../shared/plan-format/plan.schema.json. */

export type TargetOp = '<=' | '>=' | '=';

export interface Span {
  /** Offset of the first character in the source text (UTF-16 code units). */
  start: number;
  /** Offset one past the last character. */
  end: number;
}

export interface Deadline {
  text: string;
  /** ISO date (YYYY-MM-DD) of the last day allowed, or null when no year can be resolved. */
  date: string | null;
  span?: Span;
}

export interface Target {
  text: string;
  metric: string;
  op: TargetOp;
  value: number;
  unit: string;
  /** ISO date by which the target must hold, when the same sentence states a deadline. */
  by: string | null;
  span?: Span;
}

export interface Measure {
  id: string;
  path: string[];
  section: string | null;
  title: string | null;
  text: string;
  leadUnits: string[];
  cooperatingUnits: string[];
  deadlines: Deadline[];
  targets: Target[];
  span?: Span;
  /** Codes of what the parser was unsure about for this measure (shown as flags in review). */
  flags?: string[];
}

export interface Plan {
  source?: string;
  title: string | null;
  issuer: string | null;
  region: string | null;
  issuedOn: string | null;
  baseYear: number | null;
  defaultUnits: string[];
  goals: Target[];
  measures: Measure[];
}

export interface ParseIssue {
  code: string;
  message: string;
  measureId?: string;
  span?: Span;
}

export interface ParseOptions {
  baseYear?: number | null;
  source?: string;
}

export interface ParseResult {
  plan: Plan;
  issues: ParseIssue[];
}
