import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, toDayNumber } from '../calendar/iso-date.ts';
import { createWorkingCalendar } from '../calendar/working-calendar.ts';
import {
  computeTaskStatus,
  effectiveDueDate,
  isOnTime,
  type ReportState,
  type StatusLight,
  type TaskStatusInput,
} from './task-status.ts';

const calendar = createWorkingCalendar();

/** A signed task published on Monday 2026-03-02, due Tuesday 2026-06-30. */
function task(overrides: Partial<TaskStatusInput> = {}): TaskStatusInput {
  return {
    signedOn: '2026-03-03',
    closedOn: null,
    startOn: '2026-03-02',
    deadline: { due: '2026-06-30' },
    ...overrides,
  };
}

const status = (input: TaskStatusInput, today: string, thresholds = {}) =>
  computeTaskStatus(input, { today, calendar, thresholds });

describe(computeTaskStatus.name, () => {
  describe('done', () => {
    it('should be done once closed, on time or late', () => {
      const onTime = status(task({ closedOn: '2026-06-20' }), '2026-07-10');
      expect(onTime.light).toBe('done');
      expect(onTime.reasons).toEqual([
        {
          code: 'TASK_CLOSED',
          severity: 'done',
          message: '已于2026-06-20销号',
          params: { closedOn: '2026-06-20', deadline: '2026-06-30', onTime: true, lateWorkingDays: 0 },
        },
      ]);
      const late = status(task({ closedOn: '2026-07-03' }), '2026-07-10');
      expect(late.reasons[0].params).toMatchObject({ onTime: false, lateWorkingDays: 3 });
      expect(late.reasons[0].message).toBe('已于2026-07-03销号，晚于完成时限2026-06-30（3个工作日）');
    });

    it('should win over not signed', () => {
      expect(status(task({ signedOn: null, closedOn: '2026-04-01' }), '2026-04-01').light).toBe('done');
    });

    it('should ignore a closing date after today', () => {
      expect(status(task({ closedOn: '2026-04-02' }), '2026-04-01').light).toBe('green');
    });
  });

  describe('grey', () => {
    it('should be grey when not signed, and still list what is overdue', () => {
      const r = status(task({ signedOn: null }), '2026-07-02');
      expect(r.light).toBe('grey');
      expect(r.reasons.map((x) => x.code)).toEqual(['TASK_NOT_SIGNED', 'DEADLINE_OVERDUE']);
      expect(r.reasons[0].params.workingDaysSinceStart).toBe(calendar.workingDaysBetween('2026-03-02', '2026-07-02'));
    });

    it('should treat a signing date after today as not signed', () => {
      expect(status(task({ signedOn: '2026-03-10' }), '2026-03-05').light).toBe('grey');
    });
  });

  describe('deadline boundaries (default N = 3 working days)', () => {
    it('should be green 4 working days before, yellow at 3, yellow on the day, red the day after', () => {
      expect(status(task(), '2026-06-24').light).toBe('green'); // Wed: 25, 26, 29, 30 left
      const y3 = status(task(), '2026-06-25');
      expect(y3.light).toBe('yellow');
      expect(y3.reasons[0]).toMatchObject({
        code: 'DEADLINE_DUE_SOON',
        message: '任务完成时限为2026-06-30，还剩3个工作日',
        params: { due: '2026-06-30', remainingWorkingDays: 3, extended: false },
      });
      expect(status(task(), '2026-06-30').reasons[0].message).toBe('任务完成时限为2026-06-30，今天到期');
      const red = status(task(), '2026-07-01');
      expect(red.light).toBe('red');
      expect(red.reasons[0]).toMatchObject({
        code: 'DEADLINE_OVERDUE',
        message: '任务完成时限为2026-06-30，已逾期1个工作日',
        params: { overdueWorkingDays: 1, overdueDays: 1 },
      });
    });

    it('should follow the configured N, including 0', () => {
      expect(status(task(), '2026-06-24', { dueSoonWorkingDays: 4 }).light).toBe('yellow');
      expect(status(task(), '2026-06-29', { dueSoonWorkingDays: 0 }).light).toBe('green');
      expect(status(task(), '2026-06-30', { dueSoonWorkingDays: 0 }).light).toBe('yellow');
    });

    it('should count a weekend before the due day as no working days', () => {
      // Due Monday 2026-03-16; on Saturday 03-14 one working day is left.
      const r = status(task({ deadline: { due: '2026-03-16' } }), '2026-03-14', { dueSoonWorkingDays: 1 });
      expect(r.reasons[0].params.remainingWorkingDays).toBe(1);
      expect(r.light).toBe('yellow');
    });

    it('should be red but with 0 overdue working days on the weekend right after the due day', () => {
      const r = status(task({ deadline: { due: '2026-03-13' } }), '2026-03-14');
      expect(r.light).toBe('red');
      expect(r.reasons[0].params).toMatchObject({ overdueWorkingDays: 0, overdueDays: 1 });
      expect(r.reasons[0].message).toBe('任务完成时限为2026-03-13，已逾期');
    });

    it('should move a due date on a holiday to the next working day', () => {
      const t = task({ deadline: { due: '2026-10-03' } });
      expect(status(t, '2026-10-08').reasons[0]).toMatchObject({ code: 'DEADLINE_DUE_SOON', params: { due: '2026-10-08', plannedDue: '2026-10-03' } });
      expect(status(t, '2026-10-09').light).toBe('red');
      expect(status(t, '2026-10-05', { rollDueToWorkingDay: false }).light).toBe('red');
    });

    it('should measure yellow in working days across a holiday', () => {
      // Due Thursday 2026-10-08 right after National Day: from Monday 09-28 that is 3 working days (29, 30, 10-08)
      // although 10 calendar days; from 09-24 (before 中秋 09-25..27) it is 4.
      const t = task({ deadline: { due: '2026-10-08' } });
      expect(status(t, '2026-09-28').light).toBe('yellow');
      expect(status(t, '2026-09-24').light).toBe('green');
    });

    it('should use an approved extension', () => {
      const t = task({ deadline: { due: '2026-06-30', extendedTo: '2026-08-31' } });
      expect(status(t, '2026-07-15').light).toBe('green');
      const r = status(t, '2026-08-26'); // Wed: 27, 28, 31 left
      expect(r.reasons[0]).toMatchObject({
        code: 'DEADLINE_DUE_SOON',
        message: '任务完成时限为2026-08-31（已批准延期），还剩3个工作日',
        params: { due: '2026-08-31', plannedDue: '2026-06-30', extended: true },
      });
      expect(status(t, '2026-09-01').light).toBe('red');
    });

    it('should have no deadline checks for standing tasks', () => {
      const r = status(task({ deadline: null, progressPercent: 0 }), '2030-01-01');
      expect(r).toEqual({
        light: 'green',
        reasons: [{ code: 'ON_TRACK', severity: 'green', message: '按计划推进', params: { nextDue: null, nextDueWhat: null } }],
      });
    });
  });

  describe('milestones', () => {
    const m = (doneOn: string | null) => task({ milestones: [{ name: '出台实施细则', due: '2026-04-30', doneOn }] });

    it('should be red when a milestone is overdue and not done', () => {
      const r = status(m(null), '2026-05-07'); // 05-01..05 off: 05-06, 05-07 overdue
      expect(r.light).toBe('red');
      expect(r.reasons[0]).toMatchObject({
        code: 'MILESTONE_OVERDUE',
        message: '节点“出台实施细则”时限为2026-04-30，已逾期2个工作日',
        params: { name: '出台实施细则', overdueWorkingDays: 2 },
      });
    });

    it('should ignore done milestones but not ones marked done in the future', () => {
      expect(status(m('2026-04-29'), '2026-05-07').light).toBe('green');
      expect(status(m('2026-05-08'), '2026-05-07').light).toBe('red');
    });
  });

  describe('reports', () => {
    const withReport = (state: ReportState, due = '2026-04-08') =>
      task({ deadline: { due: '2026-12-31' }, reports: [{ label: '2026年3月', key: '2026-03', due, state }] });

    it('should be red when a report is overdue and not delivered', () => {
      for (const state of ['missing', 'draft', 'returned'] as const) {
        const r = status(withReport(state), '2026-04-09');
        expect(r.light).toBe('red');
        expect(r.reasons[0]).toMatchObject({
          code: 'REPORT_OVERDUE',
          message: '2026年3月进展报告应于2026-04-08前报送，已逾期1个工作日',
          params: { label: '2026年3月', key: '2026-03', state },
        });
      }
    });

    it('should not count delivered reports, even late ones', () => {
      expect(status(withReport('submitted'), '2026-04-20').light).toBe('green');
      expect(status(withReport('accepted'), '2026-04-20').light).toBe('green');
    });

    it('should warn before a report is due, across a holiday', () => {
      // September report due on the 1st working day after 09-30: 10-08.
      expect(status(withReport('missing', '2026-10-08'), '2026-09-28').reasons[0]).toMatchObject({
        code: 'REPORT_DUE_SOON',
        params: { remainingWorkingDays: 3 },
      });
      expect(status(withReport('missing', '2026-10-08'), '2026-09-24').light).toBe('green');
    });
  });

  describe('progress and KPIs', () => {
    const today = '2026-05-06';
    const elapsed =
      (calendar.workingDaysBetween('2026-03-02', today) / calendar.workingDaysBetween('2026-03-02', '2026-06-30')) * 100;

    it('should be yellow when progress lags elapsed time by more than the threshold, not at exactly it', () => {
      const lagging = status(task({ progressPercent: elapsed - 20 - 0.01 }), today);
      expect(lagging.light).toBe('yellow');
      expect(lagging.reasons[0].code).toBe('PROGRESS_LAGS');
      expect(lagging.reasons[0].params.elapsedPercent).toBeCloseTo(elapsed, 1);
      expect(status(task({ progressPercent: elapsed - 20 }), today).light).toBe('green');
      expect(status(task({ progressPercent: elapsed - 10 }), today, { progressLagPercent: 5 }).light).toBe('yellow');
    });

    it('should clamp progress outside 0..100', () => {
      expect(status(task({ progressPercent: 250 }), today).light).toBe('green');
      expect(status(task({ progressPercent: -5 }), today).reasons[0].params.progressPercent).toBe(0);
    });

    it('should be yellow when a KPI lags time to its by-date, red when missed after it', () => {
      const kpis = [
        { name: '企业开办时间压缩至1个工作日', attainment: 0.1, by: '2026-04-30' },
        { name: '网上可办率', attainment: 0.1 },
      ];
      const before = status(task({ kpis }), '2026-04-20');
      expect(before.light).toBe('yellow');
      expect(before.reasons.map((r) => r.code)).toEqual(['KPI_LAGS', 'KPI_LAGS']);
      expect(before.reasons[0].params.name).toBe('企业开办时间压缩至1个工作日'); // closer to its by-date: lags more
      const after = status(task({ kpis }), '2026-05-06');
      expect(after.light).toBe('red');
      expect(after.reasons[0]).toMatchObject({
        code: 'KPI_MISSED',
        message: '指标“企业开办时间压缩至1个工作日”应于2026-04-30前达成，目前完成10%',
      });
      expect(status(task({ kpis: [{ name: 'x', attainment: 1, by: '2026-04-30' }] }), '2026-05-06').light).toBe('green');
    });

    it('should be yellow when a KPI has no value after its by-date', () => {
      const t = task({ kpis: [{ name: '新增市场主体', attainment: null, by: '2026-04-30' }] });
      expect(status(t, '2026-04-30').light).toBe('green');
      expect(status(t, '2026-05-06').reasons[0].code).toBe('KPI_NO_VALUE');
    });
  });

  describe('reasons', () => {
    it('should list the worst first: red by overdue days, then yellow by nearness', () => {
      const r = status(
        task({
          deadline: { due: '2026-05-11' }, // from 05-07: 08, Saturday 05-09 (补班), 11
          progressPercent: 0,
          milestones: [
            { name: 'A', due: '2026-04-20', doneOn: null },
            { name: 'B', due: '2026-04-10', doneOn: null },
          ],
          reports: [
            { label: '2026年3月', due: '2026-04-08', state: 'submitted' },
            { label: '2026年4月', due: '2026-05-08', state: 'missing' },
          ],
        }),
        '2026-05-07',
      );
      expect(r.light).toBe('red');
      expect(r.reasons.map((x) => [x.code, x.params.name ?? x.params.label ?? null])).toEqual([
        ['MILESTONE_OVERDUE', 'B'],
        ['MILESTONE_OVERDUE', 'A'],
        ['REPORT_DUE_SOON', '2026年4月'], // 1 working day left
        ['DEADLINE_DUE_SOON', null], // 3 working days left
        ['PROGRESS_LAGS', null],
      ]);
    });

    it('should name the next due date when green', () => {
      const r = status(task({ reports: [{ label: '2026年3月', due: '2026-04-08', state: 'missing' }] }), '2026-03-20');
      expect(r.reasons).toEqual([
        {
          code: 'ON_TRACK',
          severity: 'green',
          message: '按计划推进；下一个时限：2026年3月进展报告 2026-04-08',
          params: { nextDue: '2026-04-08', nextDueWhat: '2026年3月进展报告' },
        },
      ]);
    });

    it('should always explain the light, worst first', () => {
      const day = fc.integer({ min: toDayNumber('2026-01-01'), max: toDayNumber('2026-12-31') }).map(fromDayNumber);
      const optDay = fc.option(day, { nil: null });
      const input = fc.record({
        signedOn: optDay,
        closedOn: optDay,
        startOn: day,
        deadline: fc.option(fc.record({ due: day, extendedTo: optDay }), { nil: null }),
        milestones: fc.array(fc.record({ name: fc.string(), due: day, doneOn: optDay }), { maxLength: 3 }),
        reports: fc.array(
          fc.record({
            label: fc.string(),
            due: day,
            state: fc.constantFrom<ReportState>('missing', 'draft', 'submitted', 'accepted', 'returned'),
          }),
          { maxLength: 4 },
        ),
        progressPercent: fc.option(fc.double({ min: -10, max: 110, noNaN: true }), { nil: null }),
        kpis: fc.array(fc.record({ name: fc.string(), attainment: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), by: optDay }), {
          maxLength: 2,
        }),
      });
      const order: Record<StatusLight, number> = { done: 0, grey: 1, red: 2, yellow: 3, green: 4 };
      fc.assert(
        fc.property(input, day, (t, today) => {
          const r = computeTaskStatus(t, { today, calendar });
          expect(r.reasons.length).toBeGreaterThan(0);
          expect(r.reasons[0].severity).toBe(r.light);
          for (let i = 1; i < r.reasons.length; i++) {
            expect(order[r.reasons[i].severity]).toBeGreaterThanOrEqual(order[r.reasons[i - 1].severity]);
          }
          if (t.closedOn !== null && t.closedOn <= today) expect(r.light).toBe('done');
          else if (t.signedOn === null || t.signedOn > today) expect(r.light).toBe('grey');
          for (const reason of r.reasons) expect(reason.message.length).toBeGreaterThan(0);
        }),
        { numRuns: 300 },
      );
    });
  });

  it('should reject malformed input and thresholds', () => {
    expect(() => status(task(), '2026/05/06')).toThrow(/CAL_INVALID_DATE/);
    expect(() => status(task({ startOn: '' }), '2026-05-06')).toThrow(/CAL_INVALID_DATE/);
    expect(() => status(task(), '2026-05-06', { dueSoonWorkingDays: -1 })).toThrow(/SUP_INVALID_THRESHOLD/);
    expect(() => status(task(), '2026-05-06', { dueSoonWorkingDays: 1.5 })).toThrow(/SUP_INVALID_THRESHOLD/);
    expect(() => status(task(), '2026-05-06', { progressLagPercent: 101 })).toThrow(/SUP_INVALID_THRESHOLD/);
    expect(() => status(task({ deadline: { due: '2026-02-30' } }), '2026-05-06')).toThrow(/CAL_INVALID_DATE/);
  });
});

describe(effectiveDueDate.name, () => {
  it('should prefer the extension and roll rest days forward unless told not to', () => {
    expect(effectiveDueDate({ due: '2024-10-01' }, calendar)).toBe('2024-10-08');
    expect(effectiveDueDate({ due: '2024-10-01' }, calendar, false)).toBe('2024-10-01');
    expect(effectiveDueDate({ due: '2024-09-01', extendedTo: '2024-09-30' }, calendar)).toBe('2024-09-30');
    expect(() => effectiveDueDate({ due: 'x' }, calendar, false)).toThrow(/CAL_INVALID_DATE/);
  });
});

describe(isOnTime.name, () => {
  it('should compare the delivery day with the effective due date', () => {
    expect(isOnTime({ due: '2024-10-01' }, '2024-10-08', calendar)).toBe(true);
    expect(isOnTime({ due: '2024-10-01' }, '2024-10-09', calendar)).toBe(false);
    expect(isOnTime({ due: '2024-10-01' }, '2024-10-08', calendar, false)).toBe(false);
    expect(isOnTime({ due: '2024-09-01', extendedTo: '2024-09-30' }, addDays('2024-09-30', 0), calendar)).toBe(true);
  });
});
