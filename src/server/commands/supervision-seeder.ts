import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { addDays, type WorkingCalendar } from '../../core/calendar/index.ts';
import { kpiAttainment } from '../../core/supervision/index.ts';
import type { Database } from '../db/schema.ts';
import type { NewReport } from '../db/schema-supervision.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import type { Actor } from '../modules/auth/auth.actor.ts';
import { createReport, reviewReport } from '../modules/supervision/reports.service.ts';
import { runSupervisionScan } from '../modules/supervision/scan.service.ts';
import { CalendarCache } from '../modules/supervision/supervision.calendar.ts';
import { officeToday } from '../modules/supervision/supervision.clock.ts';
import {
  findUnitNameForDemo,
  findUserForDemo,
  insertKpiValuesBulk,
  insertReportsBulk,
  listKpisOfTasks,
  listMeasuresOfPlan,
  listStatusFactsOfTasks,
  listTasksInScope,
  moveUserToUnitForDemo,
  setKpiActual,
  setPlanBaseYear,
  updateMeasureForDemo,
  updateTaskById,
} from '../modules/supervision/supervision.queries.ts';
import { evaluateTasks, refreshTaskLights } from '../modules/supervision/supervision.status.ts';
import { addInstruction, closeTask, createRequest, decideRequest } from '../modules/supervision/tasks.service.ts';
import type { SeedContext, SeedStep } from './demo-seeder.ts';
import { publishPlan } from './task-assigner.ts';

const SEEDER = { id: null, name: 'demo-seeder' };
/** Seed plans replayed as published tasks (the two others name no lead units). */
const DEMO_PLAN_KEYS = ['plan:000', 'plan:003', 'plan:004'];
/** The simulated history starts this many days before the first start. */
const HISTORY_DAYS = 130;

interface UnitRef {
  printed: string;
  unitId: string | null;
}

/** An instant at hh:mm office time (UTC+8) on `date`. */
const at = (date: string, hour = 10, minute = 0) => new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hour - 8, minute));

/** Deterministic pseudo-random numbers from a key (the history has the same shape on every install). */
function rng(key: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i += 1) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  let s = h >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
    s = Math.imul(s ^ (s >>> 13), 3266489909) >>> 0;
    return ((s ^ (s >>> 16)) >>> 0) / 4294967296;
  };
}

function shiftYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  return md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? `${y}-02-28` : `${y}-${md}`;
}

/** The demo user as a signed-in actor (for steps that go through the services). */
export async function actorOf(trx: Transaction<Database>, userId: string | undefined): Promise<Actor | null> {
  if (!userId) return null;
  const u = await findUserForDemo(trx, userId);
  if (!u) return null;
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, unitId: u.unit_id, unitName: u.unit_name, regionId: u.region_id, regionName: u.region_name, regionPath: u.region_path, enterpriseId: null, sessionId: 'demo-seed', csrfToken: 'demo-seed' };
}

/** Where a measure's deadline falls relative to the seeding day: it shapes the mix of lights. */
type DueClass = 'past' | 'soon' | 'later';

function dueClassOf(r: () => number): DueClass {
  const u = r();
  return u < 0.16 ? 'past' : u < 0.22 ? 'soon' : 'later';
}

/**
 * The office resolves what the parser left unresolved (printed names without a registry unit become
 * cooperating mentions; a measure left without a lead goes to the business-environment bureau), and the seed
 * plan is replayed around the seeding day: each measure gets one deadline, some weeks past (most of those tasks
 * are done), a few within days, most months ahead; quantified targets are due with the measure.
 */
async function prepareSeedPlan(trx: Transaction<Database>, planId: string, planKey: string, fallbackLead: UnitRef, today: string, startOn: string): Promise<void> {
  const measures = await listMeasuresOfPlan(trx, planId);
  for (const m of measures) {
    const r = rng(`${planKey}|measure|${m.seq}`);
    const kind = dueClassOf(r);
    const due = kind === 'past' ? addDays(today, -(12 + Math.floor(r() * 85))) : kind === 'soon' ? addDays(today, 1 + Math.floor(r() * 3)) : addDays(today, 45 + Math.floor(r() * 240));
    const leads = m.lead_units as UnitRef[];
    const resolved = leads.filter((x) => x.unitId);
    const moved = leads.filter((x) => !x.unitId);
    const printed = ((m.deadlines as { text?: string; date: string | null }[]) ?? []).at(-1);
    await updateMeasureForDemo(trx, m.id, {
      lead_units: JSON.stringify(resolved.length > 0 ? resolved : [fallbackLead]),
      cooperating_units: JSON.stringify([...(m.cooperating_units as UnitRef[]), ...moved]),
      deadlines: JSON.stringify([{ ...(printed ?? {}), text: printed?.text ?? `${due}前`, date: due < addDays(startOn, 28) ? addDays(startOn, 28) : due }]),
      targets: JSON.stringify(((m.targets as { by?: string | null }[]) ?? []).map((t) => ({ ...t, by: null }))),
    });
  }
  await setPlanBaseYear(trx, planId, Number(today.slice(0, 4)));
  await recordAudit(trx, { actor: SEEDER, action: 'update', entity: 'plan', entityId: planId, after: { demo: true, deadlinesAround: today, unresolvedLeadsMovedToCooperating: true } });
}

const RETURN_COMMENTS = ['佐证材料不足，请补充相关文件或照片', '进展描述过于笼统，请量化说明完成情况', '指标数据与上期不一致，请核实后重新报送'];
const SUMMARIES = ['已召开专题会议研究部署，制定工作方案并明确责任分工', '已完成现状调研和问题梳理，正在推进流程再造', '相关系统已上线试运行，正在组织培训和宣传', '已完成阶段性目标，形成可复制经验做法', '持续推进，按月调度，问题清单已销号过半'];

interface SimulatedTask {
  id: string;
  /** Played through the real services afterwards (closed, returned, extension…): history only, on time. */
  showcase: boolean;
  /** Forced outcome for the demo liaison's own tasks, so that it sees every light. */
  force?: Outcome;
  /** Stable across installs (plan, measure, unit), seeds the task's random history. */
  key: string;
}

/** What a task's history leads to on the seeding day. */
type Outcome = 'closed' | 'overdue' | 'grey' | 'missing' | 'lagging' | 'onTrack';

function outcomeOf(r: () => number, pastDue: boolean): Outcome {
  const u = r();
  if (pastDue) return u < 0.8 ? 'closed' : 'overdue';
  return u < 0.02 ? 'grey' : u < 0.07 ? 'missing' : u < 0.16 ? 'lagging' : 'onTrack';
}

/**
 * Months of reports for the published tasks, shaped so that the seeding day shows a believable mix: tasks past
 * their deadline were mostly finished and closed along the way (the completion chart rises), the rest are
 * overdue; of the open ones most report on time and keep pace (green; the current report often already sent and
 * waiting for review), some lag behind (yellow), a few skipped the last report (red), a couple were never signed
 * (grey). Some reports were late or returned and resubmitted. Written in bulk.
 */
async function simulateHistory(trx: Transaction<Database>, tasks: readonly SimulatedTask[], today: string, now: Date, officeId: string) {
  const facts = await listStatusFactsOfTasks(trx, { ids: tasks.map((t) => t.id) });
  const evaluated = await evaluateTasks(trx, facts, today);
  const kpis = await listKpisOfTasks(trx, tasks.map((t) => t.id));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const calendars = new CalendarCache(trx);
  const reports: (NewReport & { id: string })[] = [];
  const values: { report_id: string; kpi_id: string; actual: number }[] = [];
  for (const { task, evaluation } of evaluated) {
    const sim = byId.get(task.id)!;
    const r = rng(sim.key);
    const calendar: WorkingCalendar = await calendars.forRegionPath(task.region_path);
    const due = task.due_date ?? addDays(today, 90);
    const outcome: Outcome = sim.showcase ? 'onTrack' : (sim.force ?? outcomeOf(r, due < today));
    if (outcome === 'grey') continue; // never signed
    const signedAt = at(calendar.addWorkingDays(task.start_on, 1 + Math.floor(r() * 4)), 9, 30);
    const taskKpis = kpis.filter((k) => k.task_id === task.id);
    const span = Math.max(1, calendar.workingDaysBetween(task.start_on, due));
    const elapsedAt = (date: string) => Math.min(1, Math.max(0, calendar.workingDaysBetween(task.start_on, date) / span));
    const pace = outcome === 'lagging' ? 0.25 + r() * 0.2 : outcome === 'overdue' ? 0.7 + r() * 0.15 : 1 + r() * 0.15;
    // A closed task was finished on or shortly before its deadline (now and then a few days after).
    const finishOn = outcome === 'closed' ? (r() < 0.85 ? calendar.addWorkingDays(due, -Math.floor(r() * 8)) : calendar.addWorkingDays(due, 1 + Math.floor(r() * 3))) : null;
    const lastDay = finishOn && finishOn < today ? finishOn : today;
    const owed = evaluation.schedule.filter((s) => s.due < lastDay);
    // The report now due: sent early by a unit that keeps pace (it waits in the review inbox).
    const current = evaluation.schedule.find((s) => s.due >= today);
    const sendEarly = outcome === 'onTrack' && !sim.showcase && current && calendar.workingDaysBetween(today, current.due) <= task.due_soon_days + 2 && r() < 0.85;
    const periods = [...owed.map((period) => ({ period, early: false })), ...(sendEarly && current ? [{ period: current, early: true }] : [])];
    let progress = 0;
    let last: { progress: number; at: Date } | null = null;
    const kpiActual = new Map<string, number>();
    const kpiRows = (reportId: string, pct: number) => {
      for (const k of taskKpis) {
        const start = k.baseline ?? (k.op === '<=' ? k.target * 1.4 : k.target * 0.7);
        const actual = Math.round((start + (k.target - start) * Math.min(1, pct / 100)) * 100) / 100;
        values.push({ report_id: reportId, kpi_id: k.id, actual });
        kpiActual.set(k.id, actual);
      }
    };
    const reviewAt = (from: Date, days: number) => at(calendar.addWorkingDays(officeToday(from), days), 15, 0);
    periods.forEach(({ period, early }, index) => {
      const isLastOwed = !early && index === owed.length - 1;
      if (outcome === 'missing' && isLastOwed) return;
      const target = Math.round(100 * Math.min(1, elapsedAt(early ? today : period.due) * pace));
      progress = Math.min(outcome === 'closed' ? 95 : 92, Math.max(progress + 3, target));
      const p = sim.showcase ? 0 : r();
      const late = !early && p >= 0.82 && p < 0.92;
      const returned = !early && p >= 0.92;
      const lateOn = calendar.addWorkingDays(period.due, 1 + Math.floor(r() * 3));
      // A report that would come late after today came on time instead (only 'missing' tasks lack their last one).
      const submittedOn = early ? calendar.addWorkingDays(today, -Math.floor(r() * 2)) : late && lateOn < today ? lateOn : calendar.addWorkingDays(period.due, -Math.floor(r() * 4));
      const submittedAt = at(submittedOn, 9 + Math.floor(r() * 7), Math.floor(r() * 60));
      if (submittedAt.getTime() < signedAt.getTime() || submittedAt.getTime() > now.getTime()) return;
      const base = {
        task_id: task.id,
        region_id: task.region_id,
        unit_id: task.unit_id,
        period: period.key,
        period_label: period.label,
        due_on: period.due,
        summary: SUMMARIES[Math.floor(r() * SUMMARIES.length)],
        progress,
        is_final: false,
        fill_seconds: 90 + Math.floor(r() * 800),
        field_count: 2 + taskKpis.length,
        created_by: null,
        created_at: submittedAt,
        updated_at: submittedAt,
        submitted_at: submittedAt,
      };
      if (returned) {
        const id = randomUUID();
        const returnedAt = reviewAt(submittedAt, 1);
        const again = reviewAt(returnedAt, 2);
        const acceptedAt = reviewAt(again, 1);
        if (again > now) {
          reports.push({ ...base, id, status: returnedAt > now ? 'submitted' : 'returned', on_time: submittedOn <= period.due, reviewed_at: returnedAt > now ? null : returnedAt, reviewer_name: returnedAt > now ? null : '营商办 王主任', review_comment: returnedAt > now ? null : RETURN_COMMENTS[Math.floor(r() * RETURN_COMMENTS.length)] });
          kpiRows(id, progress);
          if (returnedAt <= now) return;
          last = { progress, at: submittedAt };
          return;
        }
        reports.push({ ...base, id, status: 'returned', on_time: submittedOn <= period.due, reviewed_at: returnedAt, reviewer_name: '营商办 王主任', review_comment: RETURN_COMMENTS[Math.floor(r() * RETURN_COMMENTS.length)] });
        kpiRows(id, progress);
        const id2 = randomUUID();
        reports.push({ ...base, id: id2, created_at: again, updated_at: again, submitted_at: again, status: acceptedAt > now ? 'submitted' : 'accepted', on_time: officeToday(again) <= period.due, reviewed_at: acceptedAt > now ? null : acceptedAt, reviewer_name: acceptedAt > now ? null : '营商办 王主任', review_comment: null });
        kpiRows(id2, progress);
        last = { progress, at: again };
        return;
      }
      const id = randomUUID();
      const acceptedAt = reviewAt(submittedAt, 1 + Math.floor(r() * 2));
      const pending = early || acceptedAt > now || (period.due >= addDays(today, -25) && r() < 0.35);
      reports.push({ ...base, id, status: pending ? 'submitted' : 'accepted', on_time: submittedOn <= period.due, reviewed_at: pending ? null : acceptedAt, reviewer_name: pending ? null : '营商办 王主任', review_comment: pending ? null : r() < 0.3 ? '同意，请继续推进' : null });
      kpiRows(id, progress);
      last = { progress, at: submittedAt };
    });
    let closed: { closedAt: Date; finishOn: string } | null = null;
    if (finishOn && finishOn < today) {
      // The final report, accepted, and the task closed (销号) a working day or two later.
      const submittedAt = at(finishOn, 10, 30);
      const acceptedAt = reviewAt(submittedAt, 1);
      const closedAt = at(calendar.addWorkingDays(officeToday(acceptedAt), 1), 11, 0);
      if (closedAt <= now && submittedAt > signedAt) {
        const id = randomUUID();
        const finalPeriod = evaluation.schedule.find((x) => x.due >= finishOn);
        reports.push({ id, task_id: task.id, region_id: task.region_id, unit_id: task.unit_id, period: finalPeriod?.key ?? `${finishOn.slice(0, 7)}`, period_label: finalPeriod?.label ?? `${finishOn.slice(0, 4)}年${Number(finishOn.slice(5, 7))}月`, due_on: due, summary: '各项任务已全部完成，相关制度文件已印发，成效经评估确认', progress: 100, is_final: true, fill_seconds: 300 + Math.floor(r() * 600), field_count: 2 + taskKpis.length, created_by: null, created_at: submittedAt, updated_at: submittedAt, submitted_at: submittedAt, status: 'accepted', on_time: finishOn <= due, reviewed_at: acceptedAt, reviewer_name: '营商办 王主任', review_comment: '材料齐全，同意销号' });
        kpiRows(id, 100);
        progress = 100;
        last = { progress, at: submittedAt };
        closed = { closedAt, finishOn };
      }
    }
    const delivered = last as { progress: number; at: Date } | null;
    const done = closed as { closedAt: Date; finishOn: string } | null;
    await updateTaskById(trx, task.id, {
      status: done ? 'closed' : delivered ? 'in_progress' : 'signed',
      signed_at: signedAt,
      progress: delivered?.progress ?? 0,
      last_report_at: delivered?.at ?? null,
      ...(done ? { closed_at: done.closedAt, closed_by: officeId, completed_on: done.finishOn, completed_on_time: done.finishOn <= due } : {}),
      updated_at: done?.closedAt ?? delivered?.at ?? signedAt,
    });
    for (const k of taskKpis) {
      const actual = kpiActual.get(k.id);
      if (actual !== undefined && delivered) await setKpiActual(trx, k.id, actual, kpiAttainment({ op: k.op, target: k.target, baseline: k.baseline, actual }), delivered.at);
    }
  }
  await insertReportsBulk(trx, reports);
  await insertKpiValuesBulk(trx, values);
  return reports.length;
}

/**
 * Demo step after the plans step: publishes three seed plans as if four months ago, simulates their
 * reporting history, and plays the showcase moments through the real services (a closed task, a returned
 * report, extension requests, instructions), then runs the reminder/escalation scan. If the demo `unit`
 * account's unit (市场监管局) had fewer than four tasks, the account moves to the city department with the
 * most tasks (and its display name says so).
 */
export async function seedSupervision({ trx, ids }: SeedContext, now: Date = new Date()): Promise<void> {
  const today = officeToday(now);
  const startOn = addDays(today, -HISTORY_DAYS);
  const office = await actorOf(trx, ids.get('user:office'));
  const leader = await actorOf(trx, ids.get('user:leader'));
  const businessId = ids.get('unit:business');
  if (!office || !businessId) return;
  const business = await findUnitNameForDemo(trx, businessId);
  const fallbackLead = { printed: business?.short_name ?? business?.name ?? '营商局', unitId: businessId };
  const planKeyOf = new Map<string, string>();
  for (const key of DEMO_PLAN_KEYS) {
    const planId = ids.get(key);
    if (!planId) continue;
    await prepareSeedPlan(trx, planId, key, fallbackLead, today, startOn);
    // Plans of other cities are published by the system (the demo office runs 定西市 only).
    const own = (await trx.selectFrom('plans').select('region_id').where('id', '=', planId).executeTakeFirst())?.region_id === ids.get('region:city');
    await publishPlan(trx, own ? office : null, planId, { cycle: 'monthly', nthWorkingDay: 5 }, at(startOn, 10));
    planKeyOf.set(planId, key);
  }
  if (planKeyOf.size === 0) return;
  const all: Awaited<ReturnType<typeof listTasksInScope>>['rows'] = [];
  for (const planId of planKeyOf.keys()) all.push(...(await listTasksInScope(trx, { kind: 'all' }, { planId, offset: 0, limit: 100_000 })).rows);

  // The demo liaison must have work to show.
  let unitUser = await actorOf(trx, ids.get('user:unit'));
  const countOf = (unitId: string | null) => all.filter((t) => t.unit_id === unitId).length;
  if (unitUser && countOf(unitUser.unitId) < 4) {
    const byUnit = new Map<string, number>();
    for (const t of all) if (t.region_id === ids.get('region:city')) byUnit.set(t.unit_id, (byUnit.get(t.unit_id) ?? 0) + 1);
    const [bestId] = [...byUnit.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
    const best = bestId ? await findUnitNameForDemo(trx, bestId) : undefined;
    if (best) {
      const displayName = `${best.short_name ?? best.name} 联络员 张三`;
      await moveUserToUnitForDemo(trx, unitUser.id, best, displayName);
      await recordAudit(trx, { actor: SEEDER, action: 'update', entity: 'user', entityId: unitUser.id, regionId: best.region_id, before: { unitId: unitUser.unitId }, after: { unitId: best.id, displayName, reason: 'demo liaison moved to a unit with tasks' } });
      unitUser = await actorOf(trx, unitUser.id);
    }
  }
  const mine = all.filter((t) => t.unit_id === unitUser?.unitId).sort((a, b) => a.measure_seq - b.measure_seq);
  // The liaison's first four play the showcase moments below; of the next ones one lags (yellow), one skipped its
  // last report (red) and one was finished and closed earlier (its deadline moved into the past).
  const open = mine.filter((t) => (t.due_date ?? today) >= addDays(today, 20));
  const showcaseIds = new Set(open.slice(0, 4).map((t) => t.id));
  const forced = new Map<string, Outcome>();
  const [lagging, missing] = open.slice(4);
  if (lagging) forced.set(lagging.id, 'lagging');
  if (missing) forced.set(missing.id, 'missing');
  const reportCount = await simulateHistory(trx, all.map((t) => ({ id: t.id, showcase: showcaseIds.has(t.id), force: forced.get(t.id), key: `${planKeyOf.get(t.plan_id)}|${t.measure_seq}|${t.unit_name}` })), today, now, office.id);
  for (const planId of planKeyOf.keys()) {
    await recordAudit(trx, { actor: SEEDER, action: 'seed', entity: 'plan', entityId: planId, at: now, after: { simulatedHistoryDays: HISTORY_DAYS, reports: reportCount } });
  }

  const ago = (days: number, hour = 10) => at(addDays(today, -days), hour);
  const [closing, returning, extending, instructed] = open;
  if (unitUser && closing) {
    const kpis = await listKpisOfTasks(trx, [closing.id]);
    const final = await createReport(trx, unitUser, closing.id, { summary: '各项任务已全部完成，相关制度文件已印发，成效经第三方评估确认', progress: 100, isFinal: true, submit: true, fillSeconds: 420, kpiValues: kpis.map((k) => ({ kpiId: k.id, actual: k.target })) }, ago(8));
    await reviewReport(trx, office, final.id, { decision: 'accept', comment: '材料齐全，同意销号' }, ago(7, 15));
    await closeTask(trx, office, closing.id, ago(6, 11));
  }
  if (unitUser && returning) {
    const report = await createReport(trx, unitUser, returning.id, { summary: '正在推进，已完成部分工作', progress: 60, submit: true, fillSeconds: 200 }, ago(3));
    await reviewReport(trx, office, report.id, { decision: 'return', comment: '请补充量化数据和佐证材料后重新报送' }, ago(2, 16));
  }
  if (unitUser && extending) {
    const due = extending.extended_due_date ?? extending.due_date ?? today;
    const approved = await createRequest(trx, unitUser, extending.id, { kind: 'extension', reason: '涉及省级系统对接，需延后完成', newDueDate: addDays(due > today ? due : today, 45) }, ago(20));
    await decideRequest(trx, office, approved.id, { decision: 'approve', comment: '同意延期，请倒排工期' }, ago(18, 15));
  }
  if (unitUser && instructed) {
    const due = instructed.extended_due_date ?? instructed.due_date ?? today;
    await createRequest(trx, unitUser, instructed.id, { kind: 'extension', reason: '受项目审批进度影响，申请延期一个月', newDueDate: addDays(due > today ? due : today, 30) }, ago(1));
    if (leader) await addInstruction(trx, leader, instructed.id, '此项是年度重点任务，请主要负责同志亲自调度，确保按期完成。', ago(4, 17));
  }
  const red = all.find((t) => !showcaseIds.has(t.id) && t.unit_id !== unitUser?.unitId && t.region_id === ids.get('region:city'));
  if (leader && red) await addInstruction(trx, leader, red.id, '请营商办加强督导，限期整改到位。', ago(2, 9));

  await refreshTaskLights(trx, all.map((t) => t.id), today);
  await runSupervisionScan(trx, now);
}

export const supervisionSeedStep: SeedStep = {
  name: 'supervision',
  run: (ctx) => seedSupervision(ctx, ctx.now),
};
