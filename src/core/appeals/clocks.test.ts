import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../calendar/index.ts';
import { computeClocks, DEFAULT_APPEAL_LIMITS, nextDueClock, type AppealClockFacts } from './clocks.ts';

const cal = createWorkingCalendar();
const base = (over: Partial<AppealClockFacts> = {}): AppealClockFacts => ({
  receivedOn: '2024-09-27', dispatchedOn: '2024-09-27', signedOn: null, repliedOn: null, closedOn: null, pauses: [], extensionDays: 0, limits: { ...DEFAULT_APPEAL_LIMITS }, ...over,
});
const byKind = (c: ReturnType<typeof computeClocks>) => Object.fromEntries(c.map((x) => [x.kind, x]));

describe('computeClocks', () => {
  it('should count the 调休 Sunday as a working day and skip National Day', () => {
    // 2024-09-27 Fri; 09-29 Sun is a 调休 working day; 10-01..07 holiday; 10-12 Sat is a working day.
    const c = byKind(computeClocks(cal, base(), '2024-09-27'));
    expect(c.sign).toMatchObject({ state: 'running', dueOn: '2024-09-29', workingDaysLeft: 1 });
    expect(c.reply.dueOn).toBe('2024-10-08');
    expect(c.reply.reason).toBe('派单后3个工作日内答复');
    expect(c.resolve.dueOn).toBe(cal.addWorkingDays('2024-09-27', 15));
  });

  it('should mark a clock met or missed once done, and overdue when past due', () => {
    const c = byKind(computeClocks(cal, base({ signedOn: '2024-09-29', repliedOn: '2024-10-10' }), '2024-10-10'));
    expect(c.sign.state).toBe('met');
    expect(c.reply.state).toBe('missed');
    const o = byKind(computeClocks(cal, base(), '2024-10-08'));
    expect(o.sign).toMatchObject({ state: 'overdue', workingDaysLeft: -2 });
    expect(nextDueClock(computeClocks(cal, base(), '2024-10-08'))?.kind).toBe('sign');
  });

  it('should stand the reply and resolve clocks still while waiting for the enterprise, with the reason', () => {
    const pauses = [{ from: '2024-10-08', to: '2024-10-09', reason: '补充材料' }];
    const c = byKind(computeClocks(cal, base({ signedOn: '2024-09-29', pauses }), '2024-10-10'));
    expect(c.reply.pausedDays).toBe(2);
    expect(c.reply.dueOn).toBe(cal.addWorkingDays('2024-09-27', 5));
    expect(c.reply.reason).toContain('等待企业补充暂停2个工作日');
    expect(c.sign.pausedDays).toBe(0);
    const open = byKind(computeClocks(cal, base({ signedOn: '2024-09-29', pauses: [{ from: '2024-10-08', to: null, reason: 'x' }] }), '2024-10-09'));
    expect(open.reply.state).toBe('paused');
  });

  it('should add an approved extension to the resolve clock only', () => {
    const c = byKind(computeClocks(cal, base({ extensionDays: 30 }), '2024-09-27'));
    expect(c.resolve.dueOn).toBe(cal.addWorkingDays('2024-09-27', 45));
    expect(c.resolve.reason).toContain('延期30个工作日');
    expect(c.reply.dueOn).toBe('2024-10-08');
  });

  it('should honour local overrides and per-category limits', () => {
    const local = createWorkingCalendar({ overrides: [{ date: '2024-09-29', kind: 'holiday', name: '地方' }] });
    const c = byKind(computeClocks(local, base({ limits: { signDays: 1, replyDays: 1, resolveDays: 5 } }), '2024-09-27'));
    expect(c.sign.dueOn).toBe('2024-09-30');
    expect(c.reply.reason).toBe('派单后1个工作日内答复');
    const none = byKind(computeClocks(cal, base({ dispatchedOn: null }), '2024-09-27'));
    expect(none.sign.state).toBe('not_started');
  });
});
