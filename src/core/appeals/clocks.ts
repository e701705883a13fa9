import type { WorkingCalendar } from '../calendar/index.ts';

/** Working-day limits of a category: sign / reply / resolve (Shandong's 1 / 3 / 15 by default). */
export interface AppealLimits {
  signDays: number;
  replyDays: number;
  resolveDays: number;
}

export const DEFAULT_APPEAL_LIMITS: Readonly<AppealLimits> = Object.freeze({ signDays: 1, replyDays: 3, resolveDays: 15 });

/** A span while the appeal waited for the enterprise (dates inclusive; `to` null while still waiting). */
export interface AppealPause {
  from: string;
  to: string | null;
  reason: string;
}

/** The dates (office calendar, YYYY-MM-DD) that drive the clocks. */
export interface AppealClockFacts {
  receivedOn: string;
  /** The latest 派单 (a re-dispatch restarts the sign clock, never the resolve clock: 首接负责). */
  dispatchedOn: string | null;
  signedOn: string | null;
  repliedOn: string | null;
  closedOn: string | null;
  pauses: readonly AppealPause[];
  extensionDays: number;
  limits: AppealLimits;
}

export type ClockKind = 'sign' | 'reply' | 'resolve';
export type ClockState = 'not_started' | 'running' | 'paused' | 'met' | 'missed' | 'overdue';

export interface AppealClock {
  kind: ClockKind;
  state: ClockState;
  startedOn: string | null;
  dueOn: string | null;
  doneOn: string | null;
  /** Working days left (negative: overdue by); null when not running. */
  workingDaysLeft: number | null;
  /** Working days the clock stood still while waiting for the enterprise. */
  pausedDays: number;
  /** Human reason for the clock's due date, Chinese (shown beside it). */
  reason: string;
  /** The limit in working days (before any extension), so that other languages can say the reason too. */
  limitDays: number;
  /** Approved extension in working days (resolve clock only; 0 otherwise). */
  extensionDays: number;
}

/** Working days inside the pauses that fall after `start` (a pause still open runs to `today`). */
function pausedWorkingDays(cal: WorkingCalendar, pauses: readonly AppealPause[], start: string, today: string): number {
  let n = 0;
  for (const p of pauses) {
    const to = p.to ?? today;
    const from = p.from < start ? start : p.from;
    if (to >= from) n += cal.countWorkingDays(from, to);
  }
  return n;
}

/**
 * The three clocks of an appeal on `today`: sign within N working days of the dispatch, reply within M and
 * resolve (close) within K working days of intake, K plus one approved extension; reply and resolve stand still
 * while waiting for the enterprise (every paused working day moves the due date by one).
 *
 * @param cal the working calendar of the appeal's region (official 调休 and local overrides)
 * @param facts the appeal's dates
 * @param today the office date now
 * @returns the sign, reply and resolve clocks, each with its reason
 * @example computeClocks(cal, { receivedOn: '2024-09-27', dispatchedOn: '2024-09-27', … , limits: { signDays: 1, … } }, '2024-09-29')
 *   // sign due '2024-09-29' (the 调休 Sunday is a working day)
 */
export function computeClocks(cal: WorkingCalendar, facts: AppealClockFacts, today: string): AppealClock[] {
  const { limits } = facts;
  const clock = (kind: ClockKind, startedOn: string | null, days: number, doneOn: string | null, pausable: boolean, why: string): AppealClock => {
    const extensionDays = kind === 'resolve' ? facts.extensionDays : 0;
    const limitDays = days - extensionDays;
    if (!startedOn) return { kind, state: 'not_started', startedOn: null, dueOn: null, doneOn: null, workingDaysLeft: null, pausedDays: 0, reason: why, limitDays, extensionDays };
    const end = doneOn ?? today;
    const paused = pausable ? pausedWorkingDays(cal, facts.pauses, startedOn, end) : 0;
    const dueOn = cal.addWorkingDays(startedOn, days + paused);
    const reasons = [why];
    if (paused > 0) reasons.push(`等待企业补充暂停${paused}个工作日`);
    const reason = reasons.join('；');
    if (doneOn) return { kind, state: doneOn <= dueOn ? 'met' : 'missed', startedOn, dueOn, doneOn, workingDaysLeft: null, pausedDays: paused, reason, limitDays, extensionDays };
    const openPause = pausable && facts.pauses.some((p) => p.to === null);
    const left = cal.workingDaysBetween(today, dueOn);
    const state: ClockState = openPause ? 'paused' : left < 0 ? 'overdue' : 'running';
    return { kind, state, startedOn, dueOn, doneOn: null, workingDaysLeft: left, pausedDays: paused, reason, limitDays, extensionDays };
  };
  const resolveDays = limits.resolveDays + facts.extensionDays;
  return [
    clock('sign', facts.dispatchedOn, limits.signDays, facts.signedOn, false, `派单后${limits.signDays}个工作日内签收`),
    clock('reply', facts.dispatchedOn, limits.replyDays, facts.repliedOn, true, `派单后${limits.replyDays}个工作日内答复`),
    clock('resolve', facts.receivedOn, resolveDays, facts.closedOn, true,
      facts.extensionDays > 0 ? `受理后${limits.resolveDays}个工作日内办结，经批准延期${facts.extensionDays}个工作日` : `受理后${limits.resolveDays}个工作日内办结`),
  ];
}

/** The clock nearest its due date among those still running or overdue (for lists), or undefined. */
export function nextDueClock(clocks: readonly AppealClock[]): AppealClock | undefined {
  return clocks
    .filter((c) => c.state === 'running' || c.state === 'overdue')
    .sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? ''))[0];
}
