/**
 * The editable copy of a plan on the review page, and the edits that need more than a field change:
 * splitting a measure at the cursor and merging it with the next. Pure functions, no React.
 */
import type { Deadline, Measure, PlanDetail, PlanSaveInput, Span, Target, UnitRef } from '../../api/plans-types.ts';

/** A measure being edited; `key` is stable across edits (server id, or a local one after a split). */
export interface DraftMeasure extends Measure {
  key: string;
}

export interface PlanDraft {
  title: string | null;
  issuer: string | null;
  regionName: string | null;
  issuedOn: string | null;
  baseYear: number | null;
  defaultUnits: UnitRef[];
  goals: Target[];
  measures: DraftMeasure[];
}

let localCounter = 0;
/** A key for a measure that does not exist on the server yet. */
export function newLocalKey(): string {
  localCounter += 1;
  return `new-${Date.now().toString(36)}-${localCounter}`;
}

function unitRefs(raw: unknown): UnitRef[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .map((u): UnitRef | null => {
      if (typeof u === 'string') return { printed: u, unitId: null };
      if (u && typeof u === 'object') {
        const o = u as Record<string, unknown>;
        const printed = typeof o.printed === 'string' ? o.printed : typeof o.name === 'string' ? o.name : '';
        if (!printed) return null;
        return {
          printed,
          unitId: typeof o.unitId === 'string' ? o.unitId : null,
          unitName: typeof o.unitName === 'string' ? o.unitName : null,
        };
      }
      return null;
    })
    .filter((u): u is UnitRef => u !== null);
}

/** The draft a freshly loaded plan starts from. */
export function draftFromPlan(plan: PlanDetail): PlanDraft {
  return {
    title: plan.title ?? null,
    issuer: plan.issuer ?? null,
    regionName: plan.regionName ?? null,
    issuedOn: plan.issuedOn ?? null,
    baseYear: plan.baseYear ?? null,
    defaultUnits: unitRefs(plan.defaultUnits),
    goals: plan.goals ?? [],
    measures: (plan.measures ?? []).map((m, i) => ({
      ...m,
      key: m.id ?? newLocalKey(),
      seq: m.seq ?? i + 1,
      number: m.number ?? String(i + 1),
      path: m.path ?? [],
      section: m.section ?? null,
      title: m.title ?? null,
      leadUnits: unitRefs(m.leadUnits),
      cooperatingUnits: unitRefs(m.cooperatingUnits),
      deadlines: m.deadlines ?? [],
      targets: m.targets ?? [],
      span: m.span ?? null,
      flags: m.flags ?? [],
    })),
  };
}

const stripUnitName = ({ printed, unitId }: UnitRef): UnitRef => ({ printed, unitId });

/** The PUT body: the whole draft with display order renumbered. */
export function toSaveInput(draft: PlanDraft, version: number): PlanSaveInput {
  return {
    version,
    title: draft.title?.trim() || null,
    issuer: draft.issuer?.trim() || null,
    regionName: draft.regionName?.trim() || null,
    issuedOn: draft.issuedOn || null,
    baseYear: draft.baseYear ?? null,
    defaultUnits: draft.defaultUnits.map(stripUnitName),
    goals: draft.goals,
    measures: draft.measures.map(({ key: _key, id, ...m }, i) => ({
      ...(id ? { id } : {}),
      ...m,
      seq: i + 1,
      leadUnits: m.leadUnits.map(stripUnitName),
      cooperatingUnits: m.cooperatingUnits.map(stripUnitName),
    })),
  };
}

/** Where the second part's words start in the source, looked for inside the measure's span. */
function locateInSource(source: string, span: Span | null, text: string): number | null {
  if (!span) return null;
  const probe = text.trim().slice(0, 12);
  if (!probe) return null;
  const found = source.indexOf(probe, span.start);
  return found >= 0 && found < span.end ? found : null;
}

function belongsToSecond(item: { text: string; span?: Span | null }, first: string, cut: number | null): boolean {
  if (item.span && cut !== null) return item.span.start >= cut;
  return !first.includes(item.text) && item.text.length > 0;
}

/**
 * Splits a measure at `offset` in its text. Units stay with both parts (they usually cover the
 * whole item); deadlines and targets go with the part that contains their words.
 * @returns the measures with the one at `index` replaced by two; unchanged when the cut is at an end
 */
export function splitMeasure(measures: DraftMeasure[], index: number, offset: number, source: string): DraftMeasure[] {
  const m = measures[index];
  if (!m) return measures;
  const firstText = m.text.slice(0, offset).trim();
  const secondText = m.text.slice(offset).trim();
  if (!firstText || !secondText) return measures;
  const cut = locateInSource(source, m.span, secondText);
  const second = (x: { text: string; span?: Span | null }) => belongsToSecond(x, firstText, cut);
  const firstPart: DraftMeasure = {
    ...m,
    text: firstText,
    deadlines: m.deadlines.filter((d) => !second(d)),
    targets: m.targets.filter((t) => !second(t)),
    span: m.span && cut !== null ? { start: m.span.start, end: cut } : m.span,
  };
  const secondPart: DraftMeasure = {
    ...m,
    key: newLocalKey(),
    id: null,
    number: `${m.number}-2`,
    title: null,
    text: secondText,
    leadUnits: m.leadUnits.map((u) => ({ ...u })),
    cooperatingUnits: m.cooperatingUnits.map((u) => ({ ...u })),
    deadlines: m.deadlines.filter(second),
    targets: m.targets.filter(second),
    span: m.span && cut !== null ? { start: cut, end: m.span.end } : m.span,
    flags: [],
  };
  return [...measures.slice(0, index), firstPart, secondPart, ...measures.slice(index + 1)];
}

function unionUnits(a: UnitRef[], b: UnitRef[]): UnitRef[] {
  const out = [...a];
  for (const u of b) if (!out.some((x) => x.printed === u.printed)) out.push(u);
  return out;
}

function unionBy<T>(a: T[], b: T[], key: (x: T) => string): T[] {
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((x) => !seen.has(key(x)))];
}

/** Merges the measure at `index` with the next one; the first keeps its number and title. */
export function mergeWithNext(measures: DraftMeasure[], index: number): DraftMeasure[] {
  const a = measures[index];
  const b = measures[index + 1];
  if (!a || !b) return measures;
  const merged: DraftMeasure = {
    ...a,
    text: `${a.text}${b.text}`,
    leadUnits: unionUnits(a.leadUnits, b.leadUnits),
    cooperatingUnits: unionUnits(a.cooperatingUnits, b.cooperatingUnits),
    deadlines: unionBy<Deadline>(a.deadlines, b.deadlines, (d) => `${d.text}|${d.date}`),
    targets: [...a.targets, ...b.targets],
    span: a.span && b.span ? { start: Math.min(a.span.start, b.span.start), end: Math.max(a.span.end, b.span.end) } : (a.span ?? b.span),
    flags: [...new Set([...a.flags, ...b.flags])],
  };
  return [...measures.slice(0, index), merged, ...measures.slice(index + 2)];
}

/** Chapters in reading order with the measures under each; measures without a chapter go first. */
export function groupByChapter(measures: DraftMeasure[]): Array<{ chapter: string | null; items: Array<{ measure: DraftMeasure; index: number }> }> {
  const groups: Array<{ chapter: string | null; items: Array<{ measure: DraftMeasure; index: number }> }> = [];
  measures.forEach((measure, index) => {
    const chapter = measure.section ?? (measure.path.length > 1 ? measure.path[0] : null);
    const last = groups[groups.length - 1];
    if (last && last.chapter === chapter) last.items.push({ measure, index });
    else groups.push({ chapter, items: [{ measure, index }] });
  });
  return groups;
}
