import type { Kysely } from 'kysely';
import { addDays, daysInMonth } from '../../../core/calendar/index.ts';
import { bulletinTitle, planSubject, rankUnits } from '../../../core/supervision/index.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { buildBulletinDocx, type BulletinData } from '../../exports/bulletin-docx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { scopeOf, type Actor } from '../auth/auth.actor.ts';
import { CalendarCache, loadSupervisionSettings } from '../supervision/supervision.calendar.ts';
import { officeToday } from '../supervision/supervision.clock.ts';
import { canReadRegionData } from '../supervision/supervision.permissions.ts';
import { refreshStaleLightsInScope } from '../supervision/supervision.status.ts';
import { findPlanHeader, listFinishedTasks, listOverdueTasks, planTotals, type PlanHeader } from './bulletin.queries.ts';
import { aggregateRanking, effectiveWeights } from './rankings.service.ts';

const pct = (num: number, den: number) => (den > 0 ? `${((100 * num) / den).toFixed(1)}%` : '—');
const short = (m: { title: string | null; text: string }) => (m.title || m.text).replace(/\s+/g, '').slice(0, 60);

/** A plan the actor may report on as the office (office/leader of the plan's region or above, admin). */
export async function getPlanForBulletinOrThrow(db: Kysely<Database>, actor: Actor, planId: string): Promise<PlanHeader> {
  const plan = await findPlanHeader(db, planId);
  if (!plan || !canReadRegionData(actor, plan.region_path)) throw new AppError('NOT_FOUND');
  return plan;
}

/**
 * Gathers what the 通报 says for a plan and a month: totals, the ranking of units as of the month's end (or today),
 * the overdue list and the tasks finished in the month.
 */
export async function bulletinData(db: Kysely<Database>, actor: Actor, plan: PlanHeader, period: string, now: Date): Promise<BulletinData> {
  const today = officeToday(now);
  const [y, m] = period.split('-').map(Number);
  const from = `${period}-01`;
  const monthEnd = `${period}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
  if (from > today) throw new AppError('VALIDATION', '通报期次不能晚于当前月份', [{ field: 'querystring.period', message: 'must not be in the future' }]);
  // Counts are taken the day after the period (as of its end), or today for the running month.
  const asOf = monthEnd < today ? addDays(monthEnd, 1) : today;
  const scope = scopeOf(actor);
  const [settings, calendar] = await Promise.all([loadSupervisionSettings(db, plan.region_path), new CalendarCache(db).forRegionPath(plan.region_path)]);
  await refreshStaleLightsInScope(db, scope, today);
  const [totals, rows, overdue, finished] = await Promise.all([
    planTotals(db, scope, plan.id, asOf),
    aggregateRanking(db, scope, { planId: plan.id }, 'unit', { from, asOf }, calendar),
    listOverdueTasks(db, scope, plan.id, asOf, 200),
    listFinishedTasks(db, scope, plan.id, from, monthEnd, 10),
  ]);
  const ranked = rankUnits(rows, effectiveWeights(settings.rankingWeights), { minTasks: settings.rankingMinTasks });
  const periodLabel = `${y}年${m}月`;
  const reportsDue = rows.reduce((s, r) => s + r.reportsDue, 0);
  const reportsOnTime = rows.reduce((s, r) => s + r.reportsOnTime, 0);
  const top = ranked.filter((r) => r.rank === 1).map((r) => r.row.unitName);
  const summary = [
    `截至${asOf.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}，《${planSubject(plan.title) ?? ''}》共分解任务${totals.tasks}项，涉及责任单位${totals.units}个；已完成销号${totals.done}项，完成率${pct(totals.done, totals.tasks)}；逾期未完成${totals.overdue}项；尚未签收${totals.unsigned}项。`,
    `本期应报送进展报告${reportsDue}份，按时报送${reportsOnTime}份，报送及时率${pct(reportsOnTime, reportsDue)}。${top.length ? `综合得分排名第一的是${top.join('、')}。` : ''}`,
  ];
  const highlights = finished.map((f) => {
    const early = f.due && f.finished_on < f.due ? calendar.workingDaysBetween(f.finished_on, f.due) : 0;
    return `${f.unit_name}完成第${f.measure_number}项任务“${short(f)}”${early > 0 ? `，较时限提前${early}个工作日` : ''}。`;
  });
  return {
    title: bulletinTitle(plan.title, periodLabel),
    issuer: `${plan.region_name}优化营商环境工作领导小组办公室`,
    docNumber: null,
    periodLabel,
    issuedOn: today,
    summary,
    ranking: ranked.map((r) => ({
      rank: r.rank,
      unitName: r.row.unitName,
      tasks: r.row.tasks,
      done: r.row.done,
      overdue: r.row.overdue,
      onTimeRate: r.components.onTime,
      reportingRate: r.components.reporting,
      kpiAttainment: r.components.kpi,
      score: r.score,
      flagged: r.flagged ?? null,
    })),
    overdue: overdue.map((o) => ({
      unitName: o.unit_name,
      measureNumber: o.measure_number,
      title: short(o),
      dueDate: o.due,
      overdueWorkingDays: Math.max(1, calendar.workingDaysBetween(o.due, asOf)),
    })),
    highlights,
    requirements: totals.overdue > 0 ? ['请逾期单位在5个工作日内提交整改说明，明确完成时限；各单位按时签收任务、按期报送进展，确保数据真实准确。'] : [],
  };
}

/** The bulletin file; downloading it is recorded (it leaves the platform). */
export async function exportBulletin(db: Kysely<Database>, actor: Actor, planId: string, period: string | undefined, now: Date) {
  const plan = await getPlanForBulletinOrThrow(db, actor, planId);
  const p = period ?? officeToday(now).slice(0, 7);
  const data = await bulletinData(db, actor, plan, p, now);
  const file = await buildBulletinDocx(data);
  await db.transaction().execute((trx) =>
    recordAudit(trx, { actor: { id: actor.id, name: actor.username }, action: 'export', entity: 'bulletin', entityId: plan.id, regionId: plan.region_id, after: { period: p, units: data.ranking.length } }),
  );
  return { file, filename: `${data.title}.docx` };
}
