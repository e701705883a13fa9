import type { Kysely } from 'kysely';
import { formatEscalationNumber } from '../../../core/supervision/index.ts';
import type { Database } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { CalendarCache, SettingsCache } from '../supervision/supervision.calendar.ts';
import { notifyOffice, notifyUnit, queueWebhook } from '../supervision/supervision.notify.ts';
import { lockEscalationNumbering, nextEscalationSeq } from '../supervision/supervision.queries.ts';
import { inTransaction } from '../../db/transaction.ts';
import { insertAppealEscalationOnce, insertAppealReminderOnce, listIssuedAppealKeys, listOpenAppealsForScan, rootRegionIdOf, type ScanAppealRow } from './appeals.queries.ts';

const SCANNER = { id: null, name: 'supervision-scan' };
const BATCH = 500;
const LABEL = { sign: '签收时限', reply: '答复时限', resolve: '办结时限' } as const;
type ClockKind = keyof typeof LABEL;

/**
 * The appeals' share of the supervision scan (called from runSupervisionScan with its calendars and settings): for
 * every open, dispatched appeal, a 催办 when a clock (sign / reply / resolve) is due within `remindBeforeDays`
 * working days, and a 督办单 — numbered in the same series as the tasks' — once it is overdue. Keys on
 * (appeal, clock, due date) make a rerun harmless.
 */
export async function scanAppeals(db: Kysely<Database>, today: string, now: Date, calendars: CalendarCache, settings: SettingsCache): Promise<{ reminders: number; escalations: number }> {
  const result = { reminders: 0, escalations: 0 };
  let afterId: string | undefined;
  for (;;) {
    const appeals = await listOpenAppealsForScan(db, afterId, BATCH);
    if (appeals.length === 0) return result;
    afterId = appeals[appeals.length - 1].id;
    const issued = await listIssuedAppealKeys(db, appeals.map((a) => a.id));
    for (const a of appeals) {
      const cal = await calendars.forRegionPath(a.region_path);
      const s = await settings.forRegionPath(a.region_path);
      const owed: { kind: ClockKind; due: string }[] = [];
      if (!a.signed_at && a.sign_due && a.status === 'dispatched') owed.push({ kind: 'sign', due: a.sign_due });
      if (!a.replied_at && a.reply_due && a.status !== 'disputed') owed.push({ kind: 'reply', due: a.reply_due });
      if (a.resolve_due) owed.push({ kind: 'resolve', due: a.resolve_due });
      for (const item of owed) {
        const key = `${a.id}|${item.kind}|${item.due}`;
        const left = cal.workingDaysBetween(today, item.due);
        if (left < 0) {
          if (issued.escalations.has(key)) continue;
          if (await escalate(db, a, item, today, cal.addWorkingDays(today, s.escalationResponseDays), s.escalationPrefix, now)) result.escalations += 1;
        } else if (left <= s.remindBeforeDays) {
          if (issued.reminders.has(key)) continue;
          if (await remind(db, a, item, left, now)) result.reminders += 1;
        }
      }
    }
  }
}

async function remind(db: Kysely<Database>, a: ScanAppealRow, item: { kind: ClockKind; due: string }, left: number, now: Date) {
  return inTransaction(db, async (trx) => {
    const id = await insertAppealReminderOnce(trx, { appeal_id: a.id, region_id: a.region_id, unit_id: a.unit_id!, kind: item.kind, period: item.due, due_on: item.due });
    if (!id) return false;
    const when = left === 0 ? '今天到期' : `还有${left}个工作日到期（${item.due}）`;
    const title = `催办：企业诉求「${a.title}」（${a.number}）${LABEL[item.kind]}${when}`;
    await recordAudit(trx, { actor: SCANNER, action: 'remind', entity: 'appeal', entityId: a.id, regionId: a.region_id, at: now, after: { reminderId: id, kind: item.kind, dueOn: item.due } });
    await notifyUnit(trx, a.unit_id!, { kind: 'reminder', title, regionId: a.region_id, entity: 'appeal', entityId: a.id, at: now });
    await queueWebhook(trx, a.unit_id!, { event: 'reminder', content: `【企业诉求】${a.unit_name}：${title}`, data: { appealId: a.id, kind: item.kind, dueOn: item.due } });
    return true;
  });
}

async function escalate(db: Kysely<Database>, a: ScanAppealRow, item: { kind: ClockKind; due: string }, today: string, respondBy: string, prefix: string, now: Date) {
  return inTransaction(db, async (trx) => {
    const issuer = rootRegionIdOf(a.region_path);
    const year = Number(today.slice(0, 4));
    await lockEscalationNumbering(trx, issuer, year);
    const seq = await nextEscalationSeq(trx, issuer, year);
    const number = formatEscalationNumber({ year, seq, prefix });
    const id = await insertAppealEscalationOnce(trx, { appeal_id: a.id, region_id: a.region_id, unit_id: a.unit_id!, issuer_region_id: issuer, kind: item.kind, period: item.due, due_on: item.due, year, seq, number, issued_on: today, respond_by: respondBy });
    if (!id) return false;
    const title = `督办单${number}：企业诉求「${a.title}」（${a.number}）${LABEL[item.kind]}（${item.due}）已逾期，请于${respondBy}前办理并书面回复`;
    await recordAudit(trx, { actor: SCANNER, action: 'escalate', entity: 'escalation', entityId: id, regionId: a.region_id, at: now, after: { appealId: a.id, number, kind: item.kind, dueOn: item.due, respondBy } });
    await notifyUnit(trx, a.unit_id!, { kind: 'escalation', title, regionId: a.region_id, entity: 'appeal', entityId: a.id, at: now });
    await notifyOffice(trx, a.region_path, { kind: 'escalation', title: `${a.unit_name}：${title}`, regionId: a.region_id, entity: 'appeal', entityId: a.id, at: now }, true);
    await queueWebhook(trx, a.unit_id!, { event: 'escalation', content: `【企业诉求】${a.unit_name}：${title}`, data: { appealId: a.id, escalationId: id, number, dueOn: item.due, respondBy } });
    return true;
  });
}
