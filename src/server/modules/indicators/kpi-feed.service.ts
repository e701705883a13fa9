import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudits, type AuditEntry } from '../audit/audit.service.ts';
import { findValuesFor, listChildRegions, listLinksOfMeasure, upsertValues } from './indicators.queries.ts';

/**
 * A task's KPI feeds the indicator it moves (任务 KPI → 指标): when the office accepts a report, every KPI value in
 * it whose plan measure target is linked to an indicator leaf is written as that leaf's value for the evaluated
 * region the task belongs to and the period the report covers — source 'task_kpi', with the task it came from —
 * so no collection round asks the unit for the same number again. Runs inside the acceptance transaction.
 */
export interface AcceptedReportFacts {
  taskId: string;
  measureId: string;
  /** The task's region (the unit's region). */
  regionId: string;
  taskLabel: string;
  report: { id: string; period: string; periodLabel: string };
  /** The report's KPI values with their KPI's target. */
  kpis: ReadonlyArray<{ kpiId: string; metric: string; target: number; unit: string; actual: number }>;
  actor: { id: string; name: string };
  /** Office date of the acceptance (YYYY-MM-DD), used when the report period names no month. */
  today: string;
  at: Date;
}

/** The indicator period ('YYYY', 'YYYY-Qn', 'YYYY-MM') of a report period key for a leaf's cycle. */
export function indicatorPeriodOf(reportPeriod: string, cycle: 'year' | 'quarter' | 'month', today: string): string {
  let year = reportPeriod.slice(0, 4);
  let month: number;
  const m = /^(\d{4})-(\d{2})/.exec(reportPeriod);
  const q = /^(\d{4})-Q([1-4])$/.exec(reportPeriod);
  if (m) month = Number(m[2]);
  else if (q) month = 3 * Number(q[2]);
  else {
    // Weekly keys (YYYY-Www) and anything else: the month of the acceptance.
    if (!/^\d{4}$/.test(year)) year = today.slice(0, 4);
    month = year === today.slice(0, 4) ? Number(today.slice(5, 7)) : 12;
  }
  if (cycle === 'year') return year;
  if (cycle === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return `${year}-${String(month).padStart(2, '0')}`;
}

export interface FedValue {
  systemId: string;
  nodeKey: string;
  regionId: string;
  period: string;
  value: number;
}

export async function feedIndicatorsFromReport(trx: Transaction<Database>, f: AcceptedReportFacts): Promise<FedValue[]> {
  if (f.kpis.length === 0) return [];
  const links = (await listLinksOfMeasure(trx, f.measureId)).filter((l) => l.is_leaf);
  if (links.length === 0) return [];
  const taskRegion = await trx.selectFrom('regions').select('path').where('id', '=', f.regionId).executeTakeFirst();
  if (!taskRegion) return [];
  const fed: FedValue[] = [];
  const audits: AuditEntry[] = [];
  for (const link of links) {
    // The KPI whose target is the linked target; a task with one reported KPI needs no match.
    const kpi = f.kpis.find((k) => k.target === link.target) ?? (f.kpis.length === 1 ? f.kpis[0] : undefined);
    if (!kpi) continue;
    // The evaluated region (a child of the system's region) that contains the task's region.
    const region = (await listChildRegions(trx, link.system_region_id)).find((r) => taskRegion.path.startsWith(r.path));
    if (!region) continue;
    const period = indicatorPeriodOf(f.report.period, link.cycle, f.today);
    const [before] = await findValuesFor(trx, link.system_id, period, [{ region_id: region.id, node_key: link.node_key }]);
    const evidence = `由督办任务KPI计算：${f.taskLabel}，${f.report.periodLabel}报送「${kpi.metric}」${kpi.actual}${kpi.unit}，营商办审核通过`;
    await upsertValues(trx, [{ system_id: link.system_id, node_key: link.node_key, region_id: region.id, period, value: kpi.actual, source: 'task_kpi', round_id: null, task_id: f.taskId, evidence, entered_by: f.actor.id, entered_by_name: f.actor.name, entered_at: f.at }]);
    audits.push({
      actor: f.actor,
      action: before ? 'update' : 'create',
      entity: 'indicator_value',
      entityId: link.system_id,
      regionId: region.id,
      at: f.at,
      before: before ? { period, nodeKey: link.node_key, value: before.value, source: before.source } : null,
      after: { period, nodeKey: link.node_key, value: kpi.actual, source: 'task_kpi', taskId: f.taskId, reportId: f.report.id, kpiId: kpi.kpiId },
    });
    fed.push({ systemId: link.system_id, nodeKey: link.node_key, regionId: region.id, period, value: kpi.actual });
  }
  if (audits.length) await recordAudits(trx, audits);
  return fed;
}
