import { inTransaction } from '../db/transaction.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { NewTask, NewTaskKpi, ReportCycleName } from '../db/schema-supervision.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import type { Actor } from '../modules/auth/auth.actor.ts';
import { loadSupervisionSettings } from '../modules/supervision/supervision.calendar.ts';
import { officeToday } from '../modules/supervision/supervision.clock.ts';
import { notifyUnit, queueWebhook } from '../modules/supervision/supervision.notify.ts';
import { canManageRegion, canReadRegionData } from '../modules/supervision/supervision.permissions.ts';
import {
  findPlanForPublish,
  findUnitsByIds,
  insertTaskKpis,
  insertTasks,
  listMeasuresOfPlan,
  lockPlanById,
  markPlanPublished,
} from '../modules/supervision/supervision.queries.ts';
import { refreshTaskLights } from '../modules/supervision/supervision.status.ts';
import { countPastDue, describeUnresolvedLeads } from '../../core/supervision/publish-check.ts';

interface UnitRef {
  printed: string;
  unitId: string | null;
}
interface DeadlineJson {
  text?: string;
  date: string | null;
}
interface TargetJson {
  text?: string;
  metric: string;
  op: '>=' | '<=' | '=';
  value: number;
  unit?: string;
  by?: string | null;
  baseline?: number | null;
}

export interface PublishOptions {
  cycle?: ReportCycleName;
  nthWorkingDay?: number;
  dueSoonDays?: number;
  progressLagPct?: number;
}

export interface UnresolvedLeadUnit {
  measureId: string;
  number: string;
  /** The printed name, or null when the measure names no lead unit and the plan has no default unit. */
  printed: string | null;
}

const asRefs = (value: unknown): UnitRef[] => (Array.isArray(value) ? (value as UnitRef[]) : []);
const SYSTEM_ACTOR = { id: null, name: 'task-assigner' };

/** The tasks a plan would become (one per measure and known lead unit) and the leads that cannot own one. */
async function planTasks(db: Kysely<Database>, planId: string) {
  const plan = await findPlanForPublish(db, planId);
  const measures = await listMeasuresOfPlan(db, planId);
  const defaults = asRefs(plan?.default_units);
  const referenced = new Set<string>();
  for (const m of measures) for (const ref of [...asRefs(m.lead_units), ...asRefs(m.cooperating_units)]) if (ref.unitId) referenced.add(ref.unitId);
  for (const ref of defaults) if (ref.unitId) referenced.add(ref.unitId);
  const units = new Map((await findUnitsByIds(db, [...referenced])).map((u) => [u.id, u]));
  const known = (ref: UnitRef) => ref.unitId !== null && units.has(ref.unitId);

  const unresolved: UnresolvedLeadUnit[] = [];
  const planned: { measure: (typeof measures)[number]; leads: string[] }[] = [];
  for (const m of measures) {
    // A measure without a lead unit falls to the plan's default units (各县区、各部门 style plans).
    const leadRefs = asRefs(m.lead_units).length > 0 ? asRefs(m.lead_units) : defaults;
    if (leadRefs.length === 0) unresolved.push({ measureId: m.id, number: m.number, printed: null });
    for (const ref of leadRefs) if (!known(ref)) unresolved.push({ measureId: m.id, number: m.number, printed: ref.printed });
    planned.push({ measure: m, leads: [...new Set(leadRefs.filter(known).map((r) => r.unitId!))] });
  }
  return { measures, defaults, units, unresolved, planned };
}

/** SUP_UNRESOLVED_UNITS naming the measures and printed units (details.items keeps them for the UI). */
function unresolvedError(unresolved: UnresolvedLeadUnit[]): AppError {
  return new AppError('SUP_UNRESOLVED_UNITS', `部分举措的牵头单位尚未匹配到单位库，不能发布：${describeUnresolvedLeads(unresolved)}`, { items: unresolved });
}

const dueOf = (m: { deadlines: unknown }, yearEnd: string) => {
  const dates = ((m.deadlines as DeadlineJson[] | null) ?? []).map((d) => d.date).filter((d): d is string => typeof d === 'string').sort();
  return dates.at(-1) ?? yearEnd;
};

/** What publishing would do, checked before the office confirms: tasks, those already past due, unmatched leads. */
export interface PublishPreview {
  tasks: number;
  pastDue: number;
  unresolved: UnresolvedLeadUnit[];
  message: string | null;
}

/**
 * Dry run of `publishPlan` (nothing is written): how many tasks it would create, how many of them would be
 * overdue at once (their due date is before today), and the lead units that block it.
 * @throws AppError NOT_FOUND, FORBIDDEN, SUP_PLAN_NOT_DRAFT
 */
export async function previewPublish(db: Kysely<Database>, actor: Actor, planId: string, now: Date): Promise<PublishPreview> {
  const plan = await findPlanForPublish(db, planId);
  if (!plan || !canReadRegionData(actor, plan.region_path)) throw new AppError('NOT_FOUND');
  if (!canManageRegion(actor, plan.region_path)) throw new AppError('FORBIDDEN');
  if (plan.status !== 'draft') throw new AppError('SUP_PLAN_NOT_DRAFT', undefined, { status: plan.status });
  const today = officeToday(now);
  const yearEnd = `${plan.base_year ?? Number(today.slice(0, 4))}-12-31`;
  const { unresolved, planned } = await planTasks(db, planId);
  const dues = planned.flatMap(({ measure, leads }) => leads.map(() => dueOf(measure, yearEnd)));
  return { tasks: dues.length, pastDue: countPastDue(dues, today), unresolved, message: unresolved.length > 0 ? unresolvedError(unresolved).message : null };
}

/**
 * Publishes a reviewed plan (下达): one task per measure and resolved lead unit (主办), with the measure's
 * cooperating units and the plan's default units attached (协办), the latest deadline as due date (else the
 * plan year's end), earlier deadlines as milestones, and KPIs from the quantified targets. The plan becomes
 * `published` in the same transaction, so a second publish is refused (409) and nothing is half-published.
 * @throws AppError NOT_FOUND, FORBIDDEN, SUP_PLAN_NOT_DRAFT, SUP_UNRESOLVED_UNITS (details.items lists them)
 */
export async function publishPlan(db: Kysely<Database>, actor: Actor | null, planId: string, options: PublishOptions, now: Date) {
  const plan = await findPlanForPublish(db, planId);
  if (actor) {
    if (!plan || !canReadRegionData(actor, plan.region_path)) throw new AppError('NOT_FOUND');
    if (!canManageRegion(actor, plan.region_path)) throw new AppError('FORBIDDEN');
  } else if (!plan) throw new AppError('NOT_FOUND');
  const settings = await loadSupervisionSettings(db, plan.region_path);
  const cycle = options.cycle ?? settings.cycle;
  const nth = options.nthWorkingDay ?? settings.nthWorkingDay;
  const dueSoon = options.dueSoonDays ?? settings.dueSoonDays;
  const lag = options.progressLagPct ?? settings.progressLagPct;
  const today = officeToday(now);
  const yearEnd = `${plan.base_year ?? Number(today.slice(0, 4))}-12-31`;

  return inTransaction(db, async (trx) => {
    const locked = await lockPlanById(trx, planId);
    if (!locked) throw new AppError('NOT_FOUND');
    if (locked.status !== 'draft') throw new AppError('SUP_PLAN_NOT_DRAFT', undefined, { status: locked.status });

    const { measures, defaults, units, unresolved, planned } = await planTasks(trx, planId);
    if (unresolved.length > 0) throw unresolvedError(unresolved);

    const newTasks: NewTask[] = [];
    const targetsByKey = new Map<string, TargetJson[]>();
    for (const { measure: m, leads } of planned) {
      const deadlines = ((m.deadlines as DeadlineJson[] | null) ?? []).filter((d) => typeof d.date === 'string').sort((a, b) => a.date!.localeCompare(b.date!));
      const due = deadlines.length > 0 ? deadlines[deadlines.length - 1].date! : yearEnd;
      const milestones = deadlines.slice(0, -1).map((d) => ({ name: d.text ?? d.date!, due: d.date! }));
      for (const unitId of leads) {
        const cooperating = [...asRefs(m.lead_units).filter((r) => r.unitId !== unitId), ...asRefs(m.cooperating_units), ...defaults]
          .filter((r, i, all) => r.unitId !== unitId && all.findIndex((o) => (o.unitId ?? o.printed) === (r.unitId ?? r.printed)) === i)
          .map((r) => ({ printed: r.printed, unitId: r.unitId && units.has(r.unitId) ? r.unitId : null, name: r.unitId ? units.get(r.unitId)?.name ?? null : null }));
        newTasks.push({
          region_id: units.get(unitId)!.region_id,
          unit_id: unitId,
          plan_id: planId,
          measure_id: m.id,
          cooperating_units: JSON.stringify(cooperating),
          milestones: JSON.stringify(milestones),
          start_on: today,
          due_date: due,
          cycle,
          nth_working_day: nth,
          due_soon_days: dueSoon,
          progress_lag_pct: lag,
          created_at: now,
          updated_at: now,
        });
        targetsByKey.set(`${m.id}|${unitId}`, ((m.targets as TargetJson[] | null) ?? []).filter((t) => Number.isFinite(t.value) && ['>=', '<=', '='].includes(t.op)));
      }
    }
    const created: { id: string; unit_id: string; measure_id: string }[] = [];
    for (let i = 0; i < newTasks.length; i += 500) created.push(...(await insertTasks(trx, newTasks.slice(i, i + 500))));
    const kpis: NewTaskKpi[] = [];
    for (const t of created) {
      (targetsByKey.get(`${t.measure_id}|${t.unit_id}`) ?? []).forEach((target, seq) =>
        kpis.push({
          task_id: t.id,
          seq,
          metric: target.metric,
          op: target.op,
          target: target.value,
          unit: target.unit ?? '',
          by_date: target.by ?? null,
          baseline: typeof target.baseline === 'number' ? target.baseline : null,
          text: target.text ?? null,
        }),
      );
    }
    await insertTaskKpis(trx, kpis);
    await markPlanPublished(trx, planId, now);
    await refreshTaskLights(trx, created.map((t) => t.id), today);
    await recordAudit(trx, {
      actor: actor ? { id: actor.id, name: actor.username } : SYSTEM_ACTOR,
      action: 'publish',
      entity: 'plan',
      entityId: planId,
      regionId: plan.region_id,
      at: now,
      before: { status: 'draft' },
      after: { status: 'published', cycle, nthWorkingDay: nth, dueSoonDays: dueSoon, progressLagPct: lag, tasks: created.map((t) => ({ id: t.id, unitId: t.unit_id, measureId: t.measure_id })), kpis: kpis.length },
    });
    const perUnit = new Map<string, number>();
    for (const t of created) perUnit.set(t.unit_id, (perUnit.get(t.unit_id) ?? 0) + 1);
    for (const [unitId, count] of perUnit) {
      const title = `《${plan.title}》下达任务${count}项，请签收`;
      await notifyUnit(trx, unitId, { kind: 'task_assigned', title, regionId: plan.region_id, entity: 'plan', entityId: planId, at: now });
      await queueWebhook(trx, unitId, { event: 'task.assigned', content: `【营商督办】${units.get(unitId)?.name ?? ''}：${title}`, data: { planId, planTitle: plan.title, tasks: count } });
    }
    return { planId, tasksCreated: created.length, kpisCreated: kpis.length };
  });
}
