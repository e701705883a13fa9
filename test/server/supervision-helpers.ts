import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';

export interface MeasureSeed {
  number?: string;
  text?: string;
  leads: { printed: string; unitId: string | null }[];
  cooperating?: { printed: string; unitId: string | null }[];
  deadlines?: string[];
  targets?: { metric: string; op: '>=' | '<=' | '='; value: number; unit: string; by?: string | null; baseline?: number }[];
}

/** A draft plan with measures, written as the plans module stores them. */
export async function buildDraftPlan(db: Kysely<Database>, regionId: string, measures: MeasureSeed[], options: { baseYear?: number; defaultUnits?: { printed: string; unitId: string | null }[] } = {}) {
  const plan = await db
    .insertInto('plans')
    .values({
      region_id: regionId,
      title: `测试方案-${Math.random().toString(36).slice(2, 8)}`,
      base_year: options.baseYear ?? null,
      status: 'draft',
      source_name: 'test.txt',
      source_format: 'txt',
      source_text: '测试',
      default_units: JSON.stringify(options.defaultUnits ?? []),
      goals: '[]',
      issues: '[]',
      issuer: null,
      region_name: null,
      issued_on: null,
      created_by: null,
      published_at: null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let seq = 0;
  for (const m of measures) {
    seq += 1;
    await db
      .insertInto('plan_measures')
      .values({
        plan_id: plan.id,
        seq,
        number: m.number ?? String(seq),
        section: '一、测试',
        title: null,
        text: m.text ?? `第${seq}项举措`,
        lead_units: JSON.stringify(m.leads),
        cooperating_units: JSON.stringify(m.cooperating ?? []),
        deadlines: JSON.stringify((m.deadlines ?? []).map((d) => ({ text: `${d}前`, date: d }))),
        targets: JSON.stringify((m.targets ?? []).map((t) => ({ text: t.metric, by: null, ...t }))),
        span_start: null,
        span_end: null,
      })
      .execute();
  }
  return plan.id;
}
