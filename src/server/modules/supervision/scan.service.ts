import { inTransaction } from '../../db/transaction.ts';
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import { formatEscalationNumber } from '../../../core/supervision/index.ts';
import type { Database } from '../../db/schema.ts';
import type { DueKind } from '../../db/schema-supervision.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { CalendarCache, SettingsCache } from './supervision.calendar.ts';
import { officeToday } from './supervision.clock.ts';
import { notifyOffice, notifyUnit, queueWebhook } from './supervision.notify.ts';
import {
  claimDueDeliveries,
  leaseDelivery,
  insertEscalationOnce,
  insertReminderOnce,
  listIssuedKeys,
  listStatusFactsOfTasks,
  lockEscalationNumbering,
  nextEscalationSeq,
  updateDelivery,
  type StatusFactsRow,
} from './supervision.queries.ts';
import { evaluateTasks, refreshStaleLights } from './supervision.status.ts';
import { scanAppeals } from '../appeals/appeals.scan.ts';
import { checkWebhookTarget, guardedFetch, resolveAll, type ResolveAll } from './webhook-target.ts';

const SCANNER = { id: null, name: 'supervision-scan' };
const BATCH = 500;

export interface ScanResult {
  today: string;
  lightsRefreshed: number;
  reminders: number;
  escalations: number;
  /** Of which for appeals (企业诉求 clocks). */
  appealReminders?: number;
  appealEscalations?: number;
}

interface Due {
  kind: DueKind;
  period: string;
  label: string;
  due: string;
}

/**
 * The periodic supervision scan (催办/督办), for the office date of `now` (an argument, so tests move the
 * clock): refreshes stale lights, then for every open task and every report or deadline not yet delivered
 * creates a reminder when it is due within the region's `remindBeforeDays` working days, and an escalation
 * (督办单, numbered per issuing region and year, with a response date) once it is overdue. Unique keys on
 * (task, kind, period) make a rerun, a restart or two workers harmless: nothing is sent twice.
 */
export async function runSupervisionScan(db: Kysely<Database>, now: Date): Promise<ScanResult> {
  const today = officeToday(now);
  const result: ScanResult = { today, lightsRefreshed: await refreshStaleLights(db, today), reminders: 0, escalations: 0 };
  const calendars = new CalendarCache(db);
  const settings = new SettingsCache(db);
  let afterId: string | undefined;
  for (;;) {
    const tasks = await listStatusFactsOfTasks(db, { openOnly: true, limit: BATCH, afterId });
    if (tasks.length === 0) {
      const appeals = await scanAppeals(db, today, now, calendars, settings);
      return { ...result, reminders: result.reminders + appeals.reminders, escalations: result.escalations + appeals.escalations, appealReminders: appeals.reminders, appealEscalations: appeals.escalations };
    }
    afterId = tasks[tasks.length - 1].id;
    const issued = await listIssuedKeys(db, tasks.map((t) => t.id));
    for (const { task, evaluation } of await evaluateTasks(db, tasks, today, calendars)) {
      const calendar = await calendars.forRegionPath(task.region_path);
      const s = await settings.forRegionPath(task.plan_region_path);
      const owed: Due[] = evaluation.schedule
        .filter((r) => r.state !== 'submitted' && r.state !== 'accepted')
        .map((r) => ({ kind: 'report' as const, period: r.key, label: `${r.label}进展报告`, due: r.due }));
      // One notice covers a task's overdue reports: only the latest overdue period is escalated (earlier ones
      // were escalated when they fell due, or, on a first scan, are named by the task's light).
      const overdueReports = owed.filter((o) => o.due < today);
      const olderOverdue = new Set(overdueReports.slice(0, -1).map((o) => o.period));
      if (evaluation.deadline) owed.push({ kind: 'deadline', period: evaluation.deadline, label: '任务完成时限', due: evaluation.deadline });
      for (const item of owed) {
        const key = `${task.id}|${item.kind}|${item.period}`;
        const left = calendar.workingDaysBetween(today, item.due);
        if (left < 0) {
          if (issued.escalations.has(key) || (item.kind === 'report' && olderOverdue.has(item.period))) continue;
          const respondBy = calendar.addWorkingDays(today, s.escalationResponseDays);
          if (await escalate(db, task, item, today, respondBy, s.escalationPrefix, now)) result.escalations += 1;
        } else if (left <= s.remindBeforeDays) {
          if (issued.reminders.has(key)) continue;
          if (await remind(db, task, item, left, now)) result.reminders += 1;
        }
      }
    }
  }
}

async function remind(db: Kysely<Database>, task: StatusFactsRow, item: Due, left: number, now: Date): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const id = await insertReminderOnce(trx, { task_id: task.id, region_id: task.region_id, unit_id: task.unit_id, kind: item.kind, period: item.period, due_on: item.due });
    if (!id) return false;
    const full = task;
    const when = left === 0 ? '今天到期' : `还有${left}个工作日到期（${item.due}）`;
    const title = `催办：《${task.plan_title}》第${full.measure_number}项${item.label}${when}`;
    await recordAudit(trx, { actor: SCANNER, action: 'remind', entity: 'task', entityId: task.id, regionId: task.region_id, at: now, after: { reminderId: id, kind: item.kind, period: item.period, dueOn: item.due } });
    await notifyUnit(trx, task.unit_id, { kind: 'reminder', title, regionId: task.region_id, taskId: task.id, entity: 'reminder', entityId: id, at: now });
    await queueWebhook(trx, task.unit_id, { event: 'reminder', content: `【营商督办】${full.unit_name}：${title}`, data: { taskId: task.id, kind: item.kind, period: item.period, dueOn: item.due } });
    return true;
  });
}

async function escalate(db: Kysely<Database>, task: StatusFactsRow, item: Due, today: string, respondBy: string, prefix: string, now: Date): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const year = Number(today.slice(0, 4));
    await lockEscalationNumbering(trx, task.plan_region_id, year);
    const seq = await nextEscalationSeq(trx, task.plan_region_id, year);
    const number = formatEscalationNumber({ year, seq, prefix });
    const id = await insertEscalationOnce(trx, {
      task_id: task.id,
      region_id: task.region_id,
      unit_id: task.unit_id,
      issuer_region_id: task.plan_region_id,
      kind: item.kind,
      period: item.period,
      due_on: item.due,
      year,
      seq,
      number,
      issued_on: today,
      respond_by: respondBy,
    });
    if (!id) return false;
    const full = task;
    const title = `督办单${number}：《${task.plan_title}》第${full.measure_number}项${item.label}（${item.due}）已逾期，请于${respondBy}前书面回复`;
    await recordAudit(trx, { actor: SCANNER, action: 'escalate', entity: 'escalation', entityId: id, regionId: task.region_id, at: now, after: { taskId: task.id, number, kind: item.kind, period: item.period, dueOn: item.due, respondBy } });
    await notifyUnit(trx, task.unit_id, { kind: 'escalation', title, regionId: task.region_id, taskId: task.id, entity: 'escalation', entityId: id, at: now });
    await notifyOffice(trx, task.plan_region_path, { kind: 'escalation', title: `${full.unit_name}：${title}`, regionId: task.region_id, taskId: task.id, entity: 'escalation', entityId: id, at: now }, true);
    await queueWebhook(trx, task.unit_id, { event: 'escalation', content: `【营商督办】${full.unit_name}：${title}`, data: { taskId: task.id, escalationId: id, number, dueOn: item.due, respondBy } });
    return true;
  });
}

// ---------------------------------------------------------------- webhook deliveries

export const WEBHOOK_TIMEOUT_MS = 5000;
export const WEBHOOK_MAX_ATTEMPTS = 5;
const BACKOFF_MINUTES = [1, 5, 25, 125];
const LEASE_MS = 10 * 60_000;

export interface DeliveryLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * Posts due webhook deliveries (JSON, 5 s timeout), HMAC-signed when the unit set a secret. Failures are
 * recorded and retried with backoff by later runs, then marked failed. Logs name the delivery, the unit and
 * the host, never the URL (robot URLs carry access tokens) nor the secret.
 * Unless `allowPrivate`, a URL whose host is or resolves to a loopback, private, link-local or metadata address is
 * refused (not retried), checked before posting and again by the socket's lookup when it connects (DNS rebinding).
 */
export async function deliverWebhooks(
  db: Kysely<Database>,
  now: Date,
  log: DeliveryLog,
  options: { allowPrivate?: boolean; fetchImpl?: typeof fetch; resolve?: ResolveAll } = {},
): Promise<{ sent: number; failed: number }> {
  const allowPrivate = options.allowPrivate ?? false;
  const fetchImpl = options.fetchImpl ?? guardedFetch(allowPrivate);
  const resolve = options.resolve ?? resolveAll;
  const counts = { sent: 0, failed: 0 };
  // Claim with a short lease in its own transaction: no transaction (on PGlite: no session lock) is held
  // while waiting on a remote server.
  const due = await inTransaction(db, async (trx) => {
    const rows = await claimDueDeliveries(trx, now, 20);
    for (const d of rows) await leaseDelivery(trx, d.id, new Date(now.getTime() + LEASE_MS));
    return rows;
  });
  const trx = db;
  {
    for (const d of due) {
      const attempts = d.attempts + 1;
      if (!d.enabled) {
        await updateDelivery(trx, d.id, { status: 'failed', attempts: d.attempts, last_status: null, last_error: 'webhook disabled' });
        continue;
      }
      const target = await checkWebhookTarget(d.url, { allowPrivate, resolve });
      if (!target.ok && target.reason !== 'unresolved') {
        const hostOf = URL.canParse(d.url) ? new URL(d.url).host : null;
        await updateDelivery(trx, d.id, { status: 'failed', attempts, last_status: null, last_error: `refused: ${target.reason} address` });
        counts.failed += 1;
        log.warn({ deliveryId: d.id, unitId: d.unit_id, host: hostOf, reason: target.reason }, 'webhook delivery refused');
        continue;
      }
      const body = JSON.stringify(d.payload);
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'yingshang-webhook', 'x-yingshang-event': d.event, 'x-yingshang-delivery': d.id };
      if (d.secret) headers['x-yingshang-signature'] = `sha256=${createHmac('sha256', d.secret).update(body).digest('hex')}`;
      let status: number | null = null;
      let error: string | null = null;
      try {
        const res = await fetchImpl(d.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS), redirect: 'manual' });
        status = res.status;
        if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
        await res.body?.cancel().catch(() => {});
      } catch (err) {
        const e = err as { name?: string; code?: string; cause?: { code?: string } };
        error = e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.name ?? 'error');
      }
      const host = new URL(d.url).host;
      if (error === null) {
        await updateDelivery(trx, d.id, { status: 'sent', attempts, last_status: status, last_error: null, sent_at: now });
        counts.sent += 1;
        log.info({ deliveryId: d.id, unitId: d.unit_id, host, status }, 'webhook delivered');
      } else {
        const final = attempts >= WEBHOOK_MAX_ATTEMPTS;
        const next = new Date(now.getTime() + BACKOFF_MINUTES[Math.min(attempts - 1, BACKOFF_MINUTES.length - 1)] * 60_000);
        await updateDelivery(trx, d.id, { status: final ? 'failed' : 'pending', attempts, next_attempt_at: next, last_status: status, last_error: error });
        counts.failed += 1;
        log.warn({ deliveryId: d.id, unitId: d.unit_id, host, status, error, attempts }, 'webhook delivery failed');
      }
    }
  }
  return counts;
}
