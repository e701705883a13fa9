/**
 * Status lights (亮灯) of a supervised task, on the office's working-day calendar, each with its reasons.
 */
import { daysBetween, isIsoDate } from '../calendar/iso-date.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';

/** The light shown for a task. `done` is a closed task (销号). */
export type StatusLight = 'green' | 'yellow' | 'red' | 'grey' | 'done';

/** Why a light is what it is. Codes are stable (the web translates them); messages are zh-CN. */
export type StatusReasonCode =
  | 'TASK_CLOSED'
  | 'TASK_NOT_SIGNED'
  | 'DEADLINE_OVERDUE'
  | 'MILESTONE_OVERDUE'
  | 'REPORT_OVERDUE'
  | 'KPI_MISSED'
  | 'DEADLINE_DUE_SOON'
  | 'MILESTONE_DUE_SOON'
  | 'REPORT_DUE_SOON'
  | 'PROGRESS_LAGS'
  | 'KPI_LAGS'
  | 'KPI_NO_VALUE'
  | 'ON_TRACK';

/** One reason; `severity` is the light this reason alone would give. */
export interface StatusReason {
  code: StatusReasonCode;
  severity: StatusLight;
  /** Human-readable zh-CN sentence, e.g. `任务完成时限为2026-03-06，已逾期3个工作日`. */
  message: string;
  /** The values in the message, for translation and display (dates are `YYYY-MM-DD`). */
  params: Record<string, string | number | boolean | null>;
}

/** Result of {@link computeTaskStatus}. */
export interface TaskStatus {
  light: StatusLight;
  /** Never empty; the reason that decides the light comes first, then the others, worst first. */
  reasons: StatusReason[];
}

/** A due date with an optional approved extension (批准延期). */
export interface DueDate {
  /** Due date as planned (`YYYY-MM-DD`). */
  due: string;
  /** Approved extended due date; replaces `due` when set. Pending or refused requests must not be passed. */
  extendedTo?: string | null;
}

/** A milestone (节点) of a task. */
export interface MilestoneInput extends DueDate {
  name: string;
  /** Day the milestone was reported done (and accepted), or null. */
  doneOn: string | null;
}

/**
 * State of the report a unit owes for one period. `submitted` (awaiting review) and `accepted` count as
 * delivered; `missing`, `draft` and `returned` (退回, must be resubmitted) do not.
 */
export type ReportState = 'missing' | 'draft' | 'submitted' | 'accepted' | 'returned';

/** One owed report, typically an entry of `reportDueDates` joined with the stored report. */
export interface ReportInput extends DueDate {
  /** Period label, e.g. `2026年3月`. */
  label: string;
  key?: string;
  state: ReportState;
}

/** A KPI of the task with its current attainment (see `kpiAttainment`). */
export interface KpiProgressInput {
  name: string;
  /** 0..1, or null when no actual value has been reported yet. */
  attainment: number | null;
  /** Date by which the target must hold; defaults to the task deadline. */
  by?: string | null;
}

/** What {@link computeTaskStatus} needs to know about a task. */
export interface TaskStatusInput {
  /** Day the unit signed for the task (签收), or null. */
  signedOn: string | null;
  /** Day the task was closed (销号) on an accepted final report, or null. */
  closedOn: string | null;
  /** Day the task started (was published); the origin of elapsed time. */
  startOn: string;
  /** Final deadline, or null for standing tasks (长期坚持). */
  deadline: DueDate | null;
  milestones?: readonly MilestoneInput[];
  reports?: readonly ReportInput[];
  /** Latest reported completion, 0..100 (values outside are clamped), or null. */
  progressPercent?: number | null;
  kpis?: readonly KpiProgressInput[];
}

/** Thresholds the office sets for the lights. */
export interface StatusThresholds {
  /** Yellow when something is due within this many working days (0 = only on the due day). Default 3. */
  dueSoonWorkingDays: number;
  /** Yellow when progress (or KPI attainment) in % is more than this many points behind elapsed time. Default 20. */
  progressLagPercent: number;
  /**
   * When a due date falls on a rest day, it moves to the next working day (民法典 第二百零三条:
   * a period ending on a statutory holiday ends on the day after the holiday). Default true.
   */
  rollDueToWorkingDay: boolean;
}

/** Defaults of {@link StatusThresholds}. */
export const DEFAULT_STATUS_THRESHOLDS: Readonly<StatusThresholds> = Object.freeze({
  dueSoonWorkingDays: 3,
  progressLagPercent: 20,
  rollDueToWorkingDay: true,
});

/** Options of {@link computeTaskStatus}. */
export interface TaskStatusOptions {
  /** The office's local date today (`YYYY-MM-DD`); core never reads the clock. */
  today: string;
  calendar: WorkingCalendar;
  thresholds?: Partial<StatusThresholds>;
}

/**
 * The effective due date: the approved extension if any, else the planned date, moved to the next working day
 * when it is a rest day and `roll` is true.
 *
 * @param d due date and optional extension
 * @param calendar working calendar
 * @param roll whether to roll a rest day forward (default true)
 * @returns `YYYY-MM-DD`
 * @example effectiveDueDate({ due: '2024-10-01' }, cal) // '2024-10-08'
 */
export function effectiveDueDate(d: DueDate, calendar: WorkingCalendar, roll = true): string {
  const date = d.extendedTo ?? d.due;
  if (roll) return calendar.addWorkingDays(date, 0);
  if (!isIsoDate(date)) throw new RangeError(`CAL_INVALID_DATE: expected a YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  return date;
}

/**
 * Whether something delivered on `deliveredOn` met its due date (on or before the effective due date).
 * Use it to aggregate on-time counts for rankings.
 *
 * @param d due date and optional approved extension
 * @param deliveredOn day of submission or completion
 * @param calendar working calendar
 * @param roll whether a rest-day due date rolls to the next working day (default true)
 * @example isOnTime({ due: '2024-10-01' }, '2024-10-08', cal) // true: the due date rolls past National Day
 */
export function isOnTime(d: DueDate, deliveredOn: string, calendar: WorkingCalendar, roll = true): boolean {
  if (!isIsoDate(deliveredOn)) throw new RangeError(`CAL_INVALID_DATE: got ${JSON.stringify(deliveredOn)}`);
  return deliveredOn <= effectiveDueDate(d, calendar, roll);
}

const SEVERITY_ORDER: Record<StatusLight, number> = { done: 0, grey: 1, red: 2, yellow: 3, green: 4 };

/**
 * Computes the light of a task and why. Precedence: `done` (closed) > `grey` (not signed) > `red` > `yellow` >
 * `green`.
 * - red: the deadline, a milestone not done, or a report not delivered is past its effective due date
 *   (approved extension, rolled to a working day), or a KPI is below target after its by-date.
 * - yellow: one of those is due within `dueSoonWorkingDays` working days, counted as
 *   `calendar.workingDaysBetween(today, due)`, i.e. working days after today up to and including the due day
 *   (0 = due today; exactly N is still yellow, N + 1 is green); or progress % < elapsed % − `progressLagPercent`,
 *   where elapsed % = working days (start, today] / working days (start, deadline]; or a KPI's attainment % lags
 *   the time elapsed to its by-date the same way; or a KPI has no value after its by-date.
 * - green: none of the above; the reason says what is due next.
 * A grey task still lists its red and yellow reasons after the not-signed reason.
 *
 * @param input the task's dates, milestones, reports, progress and KPIs
 * @param options today, the calendar and thresholds
 * @returns the light and a non-empty list of reasons, worst first
 * @throws RangeError for malformed dates or thresholds (programmer errors)
 * @example
 * computeTaskStatus({ signedOn: '2026-03-02', closedOn: null, startOn: '2026-03-01',
 *   deadline: { due: '2026-06-30' }, reports: [{ label: '2026年3月', due: '2026-04-08', state: 'missing' }] },
 *   { today: '2026-04-09', calendar: cal })
 * // { light: 'red', reasons: [{ code: 'REPORT_OVERDUE', message: '2026年3月进展报告应于2026-04-08前报送，已逾期1个工作日', … }] }
 */
export function computeTaskStatus(input: TaskStatusInput, options: TaskStatusOptions): TaskStatus {
  const { today, calendar } = options;
  const t: StatusThresholds = { ...DEFAULT_STATUS_THRESHOLDS, ...options.thresholds };
  if (!isIsoDate(today)) throw new RangeError(`CAL_INVALID_DATE: today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  if (!isIsoDate(input.startOn)) {
    throw new RangeError(`CAL_INVALID_DATE: startOn must be YYYY-MM-DD, got ${JSON.stringify(input.startOn)}`);
  }
  if (!Number.isInteger(t.dueSoonWorkingDays) || t.dueSoonWorkingDays < 0) {
    throw new RangeError(`SUP_INVALID_THRESHOLD: dueSoonWorkingDays must be a non-negative integer, got ${t.dueSoonWorkingDays}`);
  }
  if (!Number.isFinite(t.progressLagPercent) || t.progressLagPercent < 0 || t.progressLagPercent > 100) {
    throw new RangeError(`SUP_INVALID_THRESHOLD: progressLagPercent must be in 0..100, got ${t.progressLagPercent}`);
  }
  const deadline = input.deadline ? effectiveDueDate(input.deadline, calendar, t.rollDueToWorkingDay) : null;

  if (isPast(input.closedOn, today)) {
    const closedOn = input.closedOn;
    const lateWorkingDays = deadline && closedOn > deadline ? calendar.workingDaysBetween(deadline, closedOn) : 0;
    const onTime = deadline === null || closedOn <= deadline;
    const late = onTime ? '' : `，晚于完成时限${deadline}${lateWorkingDays > 0 ? `（${lateWorkingDays}个工作日）` : ''}`;
    return {
      light: 'done',
      reasons: [reason('TASK_CLOSED', 'done', `已于${closedOn}销号${late}`, { closedOn, deadline, onTime, lateWorkingDays })],
    };
  }

  const ctx: Ctx = { today, calendar, t, startOn: input.startOn, found: [], upcoming: [] };
  if (input.deadline) checkDue(ctx, 'DEADLINE', '任务完成时限', input.deadline, {});
  for (const m of input.milestones ?? []) {
    if (!isPast(m.doneOn, today)) checkDue(ctx, 'MILESTONE', `节点“${m.name}”时限`, m, { name: m.name });
  }
  for (const rep of input.reports ?? []) {
    if (rep.state === 'submitted' || rep.state === 'accepted') continue;
    checkDue(ctx, 'REPORT', `${rep.label}进展报告`, rep, { label: rep.label, key: rep.key ?? null, state: rep.state });
  }

  if (deadline && input.progressPercent != null) {
    const progress = Math.min(100, Math.max(0, input.progressPercent));
    const elapsed = elapsedPercent(ctx, deadline);
    if (progress < elapsed - t.progressLagPercent) {
      ctx.found.push({
        r: reason('PROGRESS_LAGS', 'yellow', `完成进度${fmtPct(progress)}%，落后于时间进度${fmtPct(elapsed)}%`, {
          progressPercent: round1(progress),
          elapsedPercent: round1(elapsed),
          lagPercent: round1(elapsed - progress),
        }),
        weight: elapsed - progress,
      });
    }
  }

  for (const k of input.kpis ?? []) checkKpi(ctx, k, deadline);

  // Stable sort: equal keys keep the order deadline, milestones, reports, progress, KPIs.
  ctx.found.sort((a, b) => SEVERITY_ORDER[a.r.severity] - SEVERITY_ORDER[b.r.severity] || b.weight - a.weight);
  const reasons = ctx.found.map((f) => f.r);

  if (!isPast(input.signedOn, today)) {
    const sinceStart = input.startOn <= today ? calendar.workingDaysBetween(input.startOn, today) : 0;
    reasons.unshift(
      reason('TASK_NOT_SIGNED', 'grey', `尚未签收（下达${sinceStart}个工作日）`, {
        startOn: input.startOn,
        workingDaysSinceStart: sinceStart,
      }),
    );
    return { light: 'grey', reasons };
  }
  if (reasons.length > 0) return { light: reasons[0].severity, reasons };

  let next: { date: string; what: string } | undefined;
  for (const u of ctx.upcoming) if (!next || u.date < next.date) next = u;
  return {
    light: 'green',
    reasons: [
      reason('ON_TRACK', 'green', next ? `按计划推进；下一个时限：${next.what} ${next.date}` : '按计划推进', {
        nextDue: next?.date ?? null,
        nextDueWhat: next?.what ?? null,
      }),
    ],
  };
}

type Params = Record<string, string | number | boolean | null>;

// Working state of one computeTaskStatus call. The helpers below are module functions rather than closures
// so that a call allocates no functions (this runs for thousands of tasks per dashboard request).
interface Ctx {
  today: string;
  calendar: WorkingCalendar;
  t: StatusThresholds;
  startOn: string;
  /** Reasons found; `weight` orders them within a severity, larger is worse. */
  found: { r: StatusReason; weight: number }[];
  /** Due dates that are neither overdue nor due soon, for the green reason. */
  upcoming: { date: string; what: string }[];
}

function isPast(date: string | null | undefined, today: string): date is string {
  return date != null && date <= today;
}

function checkDue(ctx: Ctx, kind: 'DEADLINE' | 'MILESTONE' | 'REPORT', subject: string, d: DueDate, extra: Params): void {
  const { today, calendar, t } = ctx;
  const due = effectiveDueDate(d, calendar, t.rollDueToWorkingDay);
  const extended = d.extendedTo != null;
  if (today > due) {
    const overdueWorkingDays = calendar.workingDaysBetween(due, today);
    const overdueDays = daysBetween(due, today);
    const tail = overdueWorkingDays > 0 ? `已逾期${overdueWorkingDays}个工作日` : '已逾期';
    ctx.found.push({
      r: reason(`${kind}_OVERDUE`, 'red', `${subject}${dueText(kind, due, extended)}，${tail}`, {
        ...extra,
        due,
        plannedDue: d.due,
        extended,
        overdueWorkingDays,
        overdueDays,
      }),
      weight: overdueDays,
    });
    return;
  }
  const remainingWorkingDays = calendar.workingDaysBetween(today, due);
  if (remainingWorkingDays <= t.dueSoonWorkingDays) {
    const tail =
      due === today ? '今天到期' : remainingWorkingDays === 0 ? '到期前已无工作日' : `还剩${remainingWorkingDays}个工作日`;
    ctx.found.push({
      r: reason(`${kind}_DUE_SOON`, 'yellow', `${subject}${dueText(kind, due, extended)}，${tail}`, {
        ...extra,
        due,
        plannedDue: d.due,
        extended,
        remainingWorkingDays,
      }),
      weight: 1000 - remainingWorkingDays,
    });
  } else {
    ctx.upcoming.push({ date: due, what: subject });
  }
}

function dueText(kind: 'DEADLINE' | 'MILESTONE' | 'REPORT', due: string, extended: boolean): string {
  return `${kind === 'REPORT' ? `应于${due}前报送` : `为${due}`}${extended ? '（已批准延期）' : ''}`;
}

/** Share of working time elapsed from the task's start to `end`, in percent (0..100). */
function elapsedPercent(ctx: Ctx, end: string): number {
  const total = ctx.calendar.workingDaysBetween(ctx.startOn, end);
  if (total <= 0) return ctx.today >= end ? 100 : 0;
  const done = ctx.calendar.workingDaysBetween(ctx.startOn, ctx.today);
  return Math.min(100, Math.max(0, (done / total) * 100));
}

function checkKpi(ctx: Ctx, k: KpiProgressInput, deadline: string | null): void {
  const { today, calendar, t } = ctx;
  const by = k.by ? effectiveDueDate({ due: k.by }, calendar, t.rollDueToWorkingDay) : deadline;
  if (!by) return;
  const what = `指标“${k.name}”`;
  if (k.attainment === null) {
    if (today > by) {
      ctx.found.push({
        r: reason('KPI_NO_VALUE', 'yellow', `${what}应于${by}前达成，尚未填报实际值`, { name: k.name, by }),
        weight: 500,
      });
    }
    return;
  }
  const attained = Math.min(100, Math.max(0, k.attainment * 100));
  if (today > by) {
    if (attained < 100) {
      ctx.found.push({
        r: reason('KPI_MISSED', 'red', `${what}应于${by}前达成，目前完成${fmtPct(attained)}%`, {
          name: k.name,
          by,
          attainmentPercent: round1(attained),
        }),
        weight: daysBetween(by, today),
      });
    }
    return;
  }
  const elapsed = elapsedPercent(ctx, by);
  if (attained < elapsed - t.progressLagPercent) {
    ctx.found.push({
      r: reason('KPI_LAGS', 'yellow', `${what}完成${fmtPct(attained)}%，落后于时间进度${fmtPct(elapsed)}%`, {
        name: k.name,
        by,
        attainmentPercent: round1(attained),
        elapsedPercent: round1(elapsed),
      }),
      weight: elapsed - attained,
    });
  }
}

function reason(code: StatusReasonCode, severity: StatusLight, message: string, params: Params): StatusReason {
  return { code, severity, message, params };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function fmtPct(x: number): string {
  return String(round1(x));
}
