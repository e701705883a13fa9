import { describe, expect, it } from 'vitest';
import { ALLOWED_FROM, APPEAL_STATUSES, initialAppealState, legalEvents, transition, type AppealEvent, type AppealState } from './state-machine.ts';

const ok = (s: AppealState, e: AppealEvent): AppealState => {
  const r = transition(s, e);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.state;
};
const code = (s: AppealState, e: AppealEvent) => {
  const r = transition(s, e);
  return r.ok ? 'ok' : r.code;
};
const at = (status: AppealState['status'], extra: Partial<AppealState> = {}): AppealState => ({ ...initialAppealState(), unitId: 'u1', dispatchCount: 1, status, ...extra });

const SAMPLE: Record<AppealEvent['type'], AppealEvent> = {
  dispatch: { type: 'dispatch', unitId: 'u1' },
  sign: { type: 'sign' },
  dispute: { type: 'dispute', reason: '不属本单位职责' },
  decide_dispute: { type: 'decide_dispute', decision: 'uphold' },
  pause: { type: 'pause', reason: '等待企业补充材料' },
  resume: { type: 'resume' },
  extend: { type: 'extend', days: 10 },
  reply: { type: 'reply', text: '已办理' },
  callback: { type: 'callback', solved: true, satisfied: true },
  rate: { type: 'rate', rating: 5 },
  close: { type: 'close' },
  reopen: { type: 'reopen' },
  merge: { type: 'merge' },
  exclude: { type: 'exclude', reason: 'litigation' },
};

describe('appeal state machine', () => {
  it('should walk the whole loop 受理→派单→签收→办理→答复→回访→评价→销号', () => {
    let s = initialAppealState();
    s = ok(s, { type: 'dispatch', unitId: 'u1' });
    expect(s).toMatchObject({ status: 'dispatched', unitId: 'u1', dispatchCount: 1 });
    s = ok(s, { type: 'sign' });
    expect(s.status).toBe('handling');
    s = ok(s, { type: 'reply', text: '已协调解决' });
    expect(s.status).toBe('replied');
    s = ok(s, { type: 'callback', solved: true, satisfied: true });
    expect(s).toMatchObject({ status: 'called_back', solved: true, satisfied: true });
    s = ok(s, { type: 'rate', rating: 4 });
    expect(s).toMatchObject({ status: 'closed', rating: 4 });
  });

  it('should refuse every event from every status where it is not allowed, with APL_ILLEGAL_TRANSITION', () => {
    for (const status of APPEAL_STATUSES) {
      for (const [type, event] of Object.entries(SAMPLE)) {
        const allowed = ALLOWED_FROM[type as AppealEvent['type']].includes(status);
        const c = code(at(status, { rating: 1, satisfied: false }), event);
        if (!allowed) expect(c, `${type} from ${status}`).toBe('APL_ILLEGAL_TRANSITION');
        else expect(c, `${type} from ${status}`).not.toBe('APL_ILLEGAL_TRANSITION');
      }
    }
    expect(legalEvents('merged')).toEqual([]);
  });

  it('should close after a call-back, and refuse closing a replied appeal without one', () => {
    expect(ok(at('called_back', { solved: true, satisfied: true }), { type: 'close' }).status).toBe('closed');
    expect(code(at('replied'), { type: 'close' })).toBe('APL_CLOSE_NEEDS_CALLBACK');
    expect(ok(at('replied', { exclusion: 'litigation' }), { type: 'close' }).status).toBe('closed');
  });

  it('should route a dispute to the office, re-dispatch to another unit or uphold once', () => {
    const d = ok(at('dispatched'), { type: 'dispute', reason: '不属本单位职责' });
    expect(d.status).toBe('disputed');
    expect(code(at('dispatched'), { type: 'dispute', reason: '  ' })).toBe('APL_REASON_REQUIRED');
    const re = ok(d, { type: 'decide_dispute', decision: 'redispatch', unitId: 'u2' });
    expect(re).toMatchObject({ status: 'dispatched', unitId: 'u2', dispatchCount: 2 });
    expect(code(d, { type: 'decide_dispute', decision: 'redispatch', unitId: 'u1' })).toBe('APL_SAME_UNIT');
    const up = ok(d, { type: 'decide_dispute', decision: 'uphold' });
    expect(up).toMatchObject({ status: 'dispatched', unitId: 'u1', disputeUpheld: true });
    expect(code(up, { type: 'dispute', reason: '再次异议' })).toBe('APL_DISPUTE_UPHELD');
  });

  it('should pause and resume while waiting for the enterprise', () => {
    const w = ok(at('handling'), { type: 'pause', reason: '等待企业补充材料' });
    expect(w.status).toBe('waiting');
    expect(ok(w, { type: 'resume' }).status).toBe('handling');
    expect(code(at('handling'), { type: 'pause', reason: '' })).toBe('APL_REASON_REQUIRED');
  });

  it('should extend once, by 1..30 working days', () => {
    const e = ok(at('handling'), { type: 'extend', days: 30 });
    expect(e.extensionDays).toBe(30);
    expect(code(e, { type: 'extend', days: 5 })).toBe('APL_EXTENSION_USED');
    expect(code(at('handling'), { type: 'extend', days: 31 })).toBe('APL_EXTENSION_TOO_LONG');
    expect(code(at('handling'), { type: 'extend', days: 0 })).toBe('APL_EXTENSION_TOO_LONG');
  });

  it('should send a 差评 to rectification once, then a second call-back, then close', () => {
    const r = ok(at('called_back', { solved: false, satisfied: false }), { type: 'rate', rating: 2 });
    expect(r).toMatchObject({ status: 'rectifying', rectifications: 1, rating: 2 });
    const replied = ok(r, { type: 'reply', text: '整改完成' });
    expect(replied).toMatchObject({ status: 'replied', rating: null });
    const cb = ok(replied, { type: 'callback', solved: true, satisfied: false });
    const again = ok(cb, { type: 'rate', rating: 1 });
    expect(again).toMatchObject({ status: 'closed', rating: 1 });
    expect(code(at('replied'), { type: 'rate', rating: 6 })).toBe('APL_RATING_INVALID');
    expect(code(at('replied'), { type: 'rate', rating: 2.5 })).toBe('APL_RATING_INVALID');
  });

  it('should reopen an unsatisfied closed appeal once, and refuse a satisfied one', () => {
    const closed = at('closed', { rating: 2, rectifications: 1 });
    const re = ok(closed, { type: 'reopen' });
    expect(re).toMatchObject({ status: 'handling', reopenCount: 1, rating: null });
    expect(code({ ...re, status: 'closed', rating: 1 }, { type: 'reopen' })).toBe('APL_REOPEN_USED');
    expect(code(at('closed', { rating: 4 }), { type: 'reopen' })).toBe('APL_REOPEN_NOT_UNSATISFIED');
    expect(ok(at('closed', { satisfied: false }), { type: 'reopen' }).status).toBe('handling');
  });

  it('should merge early appeals and mark exclusions once', () => {
    expect(ok(at('received'), { type: 'merge' }).status).toBe('merged');
    const x = ok(at('handling'), { type: 'exclude', reason: 'arbitration' });
    expect(x).toMatchObject({ status: 'handling', exclusion: 'arbitration' });
    expect(code(x, { type: 'exclude', reason: 'petition' })).toBe('APL_ALREADY_EXCLUDED');
    // an excluded appeal's 差评 is recorded but does not trigger rectification
    expect(ok(at('called_back', { exclusion: 'unreasonable' }), { type: 'rate', rating: 1 }).status).toBe('closed');
  });
});
