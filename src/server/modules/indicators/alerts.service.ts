import type { Kysely } from 'kysely';
import { ROOT_KEY } from '../../../core/scoring/index.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { inTransaction } from '../../db/transaction.ts';
import { assertMeasureDueDate, createOneMeasureTask } from '../supervision/measure-task.service.ts';
import { notifyOffice, notifyUnit } from '../supervision/supervision.notify.ts';
import { canManageSystem, canReadEvaluation, canSeeRegion } from './indicators.permissions.ts';
import { insertAlertOnce, insertAlertRule, listAlertRules, listAlerts, listPeriods, listTargetLinks, lockAlertById, setAlertTask } from './indicators.queries.ts';
import { loadTree, scoreSystemPeriod } from './indicators.scoring.ts';
import { actorRef, assertPeriod, getSystemOrThrow } from './indicators.service.ts';

/**
 * Monitoring alerts (动态监测预警): per indicator, a rule fires when its score falls below a threshold, moves the
 * wrong way two periods running, or its value misses the linked plan target. A new alert notifies the
 * responsible unit and the office (supervision notifications), once per rule, region and period.
 */
export async function createAlertRule(db: Kysely<Database>, actor: Actor, input: { systemId: string; nodeKey: string; kind: 'below' | 'wrong_way' | 'misses_target'; threshold?: number }) {
  const s = await getSystemOrThrow(db, actor, input.systemId);
  if (!canManageSystem(actor, { regionPath: s.region_path })) throw new AppError('FORBIDDEN');
  const { tree } = await loadTree(db, s.id);
  if (!tree.index.has(input.nodeKey)) throw new AppError('NOT_FOUND', undefined, { field: 'nodeKey' });
  if (input.kind === 'below' && input.threshold === undefined) throw new AppError('VALIDATION', '请设置阈值', [{ field: 'body.threshold', message: 'required for kind below' }]);
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await insertAlertRule(trx, { system_id: s.id, node_key: input.nodeKey, kind: input.kind, threshold: input.threshold ?? null, open_task: false, created_by: actor.id });
    await recordAudit(trx, { actor: actorRef(actor), action: 'create', entity: 'indicator_alert_rule', entityId: id, regionId: s.region_id, after: input });
    return id;
  });
  return { id };
}

export async function listAlertsOf(db: Kysely<Database>, actor: Actor, q: { systemId: string; period?: string }) {
  const s = await getSystemOrThrow(db, actor, q.systemId);
  if (!canReadEvaluation(actor, { regionPath: s.region_path })) throw new AppError('FORBIDDEN');
  const [rules, alerts] = await Promise.all([listAlertRules(db, s.id), listAlerts(db, s.id, q.period)]);
  return {
    rules: rules.map((r) => ({ id: r.id, nodeKey: r.node_key, kind: r.kind, threshold: r.threshold })),
    items: alerts
      .filter((a) => canSeeRegion(actor, a.region_path))
      .map((a) => ({
        id: a.id,
        ruleId: a.rule_id,
        nodeKey: a.node_key,
        kind: a.kind,
        region: { id: a.region_id, name: a.region_name },
        period: a.period,
        message: a.message,
        createdAt: new Date(a.created_at).toISOString(),
        taskId: a.task_id,
        planId: a.plan_id,
        taskedAt: a.tasked_at ? new Date(a.tasked_at).toISOString() : null,
        policies: { openTask: !a.task_id && canManageSystem(actor, { regionPath: s.region_path }) },
      })),
  };
}

/** Evaluates every rule of a system for a period; returns the alerts raised now (old ones are not repeated). */
export async function scanAlerts(db: Kysely<Database>, actor: Actor, input: { systemId: string; period: string }, now: Date) {
  assertPeriod(input.period, 'body.period');
  const s = await getSystemOrThrow(db, actor, input.systemId);
  if (!canManageSystem(actor, { regionPath: s.region_path })) throw new AppError('FORBIDDEN');
  const { tree, nodes } = await loadTree(db, s.id);
  const rules = await listAlertRules(db, s.id);
  const periods = (await listPeriods(db, s.id)).map((p) => p.period).filter((p) => p <= input.period && p.length === input.period.length);
  const cur = await scoreSystemPeriod(db, s, input.period);
  const prev = periods.length >= 2 ? await scoreSystemPeriod(db, s, periods[periods.length - 2]) : null;
  const prev2 = periods.length >= 3 ? await scoreSystemPeriod(db, s, periods[periods.length - 3]) : null;
  const N = tree.keys.length;
  const L = tree.leafNodes.length;
  const raised: Array<{ ruleId: string; regionId: string; message: string }> = [];
  for (const rule of rules) {
    const n = tree.index.get(rule.node_key);
    if (n === undefined) continue;
    const node = nodes.find((x) => x.key === rule.node_key);
    const name = node?.name ?? (rule.node_key === ROOT_KEY ? '综合指数' : rule.node_key);
    const targets = rule.kind === 'misses_target' ? await listTargetLinks(db, s.id, rule.node_key) : [];
    cur.regions.forEach((region, i) => {
      const score = cur.scores.scores[i * N + n];
      let message: string | null = null;
      if (rule.kind === 'below' && !Number.isNaN(score) && rule.threshold !== null && score < rule.threshold) {
        message = `${region.name}「${name}」得分 ${score.toFixed(2)}，低于预警阈值 ${rule.threshold}`;
      } else if (rule.kind === 'wrong_way' && prev && prev2) {
        const at = (p: typeof cur) => p.scores.scores[p.regions.findIndex((r) => r.id === region.id) * N + n];
        const a = at(prev2);
        const b = at(prev);
        if (!Number.isNaN(a) && !Number.isNaN(b) && !Number.isNaN(score) && b < a && score < b) message = `${region.name}「${name}」得分连续两期下降（${a.toFixed(2)} → ${b.toFixed(2)} → ${score.toFixed(2)}）`;
      } else if (rule.kind === 'misses_target' && tree.leafOf[n] >= 0) {
        const v = cur.scores.values[i * L + tree.leafOf[n]];
        const lower = node?.direction === 'lower';
        const missed = targets.find((t) => !Number.isNaN(v) && (lower ? v > t.target : v < t.target));
        if (missed) message = `${region.name}「${name}」为 ${v}${node?.unit_label ?? ''}，未达到方案目标 ${missed.target_text || missed.target}`;
      }
      if (message) raised.push({ ruleId: rule.id, regionId: region.id, message });
    });
  }
  const fresh = [];
  for (const a of raised) {
    const isNew = await inTransaction(db, async (trx) => {
      if (!(await insertAlertOnce(trx, { rule_id: a.ruleId, region_id: a.regionId, period: input.period, message: a.message }))) return false;
      const rule = rules.find((r) => r.id === a.ruleId)!;
      const unitId = nodes.find((x) => x.key === rule.node_key)?.responsible_unit_id;
      const n = { kind: 'indicator_alert', title: `指标预警：${a.message}`, body: `期次 ${input.period}`, regionId: a.regionId, entity: 'indicator_system', entityId: s.id, at: now };
      if (unitId) await notifyUnit(trx, unitId, n);
      await notifyOffice(trx, s.region_path, n);
      await recordAudit(trx, { actor: actorRef(actor), action: 'alert', entity: 'indicator_alert', entityId: s.id, regionId: a.regionId, after: { ...a, period: input.period } });
      return true;
    });
    if (isNew) fresh.push(a);
  }
  const regionsShown = new Map(cur.regions.map((r) => [r.id, r]));
  return { raised: fresh.filter((a) => canSeeRegion(actor, regionsShown.get(a.regionId)!.path)).map((a) => ({ ...a, regionName: regionsShown.get(a.regionId)!.name })) };
}

export interface AlertTaskInput {
  /** Default: the leaf's responsible unit. */
  unitId?: string;
  dueDate: string;
  title?: string;
  text?: string;
}

/**
 * 预警→督办: turns a monitoring alert into a supervision task for the responsible unit — a one-measure plan
 * published through the supervision service — in one transaction with the alert's link and the audit entry.
 */
export async function taskFromAlert(db: Kysely<Database>, actor: Actor, alertId: string, input: AlertTaskInput, now: Date) {
  if (actor.role !== 'office' && actor.role !== 'admin') throw actor.role === 'leader' ? new AppError('FORBIDDEN') : new AppError('NOT_FOUND');
  const peek = await lockAlertById(db, alertId);
  if (!peek) throw new AppError('NOT_FOUND');
  const s = await getSystemOrThrow(db, actor, peek.system_id);
  if (!canSeeRegion(actor, peek.region_path)) throw new AppError('NOT_FOUND');
  if (!canManageSystem(actor, { regionPath: s.region_path })) throw new AppError('FORBIDDEN');
  assertMeasureDueDate(input.dueDate, now);
  const { nodes } = await loadTree(db, s.id);
  const node = nodes.find((n) => n.key === peek.node_key);
  const unitId = input.unitId ?? node?.responsible_unit_id ?? null;
  if (!unitId) throw new AppError('VALIDATION', '该指标未设置责任单位，请选择承办单位', [{ field: 'body.unitId', message: 'required: the indicator has no responsible unit' }]);
  return inTransaction(db, async (trx) => {
    const alert = await lockAlertById(trx, alertId);
    if (!alert) throw new AppError('NOT_FOUND');
    if (alert.task_id) throw new AppError('IND_ALERT_TASKED');
    const name = node?.name ?? (alert.node_key === ROOT_KEY ? '综合指数' : alert.node_key);
    const title = input.title?.trim() || `指标预警督办：${alert.region_name}「${name}」`;
    const measureText = input.text?.trim() || `${alert.message}（${alert.period}）。请分析原因，制定并落实整改措施，${input.dueDate}前完成并报送成效。`;
    const { planId, taskId } = await createOneMeasureTask(trx, actor, { title, measureText, unitId, dueDate: input.dueDate, regionId: actor.regionId ?? s.region_id }, now);
    await setAlertTask(trx, alert.id, { task_id: taskId, plan_id: planId, tasked_at: now });
    await recordAudit(trx, { actor: actorRef(actor), action: 'open_task', entity: 'indicator_alert', entityId: alert.id, regionId: alert.region_id, at: now, after: { planId, taskId, unitId, dueDate: input.dueDate, systemId: s.id, nodeKey: alert.node_key, period: alert.period } });
    return { alertId: alert.id, planId, taskId };
  });
}
