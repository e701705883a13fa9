/**
 * The appeal (诉求) state machine: 受理 → 派单 → 签收 → 办理 → 答复 → 回访 → 评价 → 销号, with 派单异议 and the
 * office's decision, pauses while waiting for the enterprise, one approved extension, 差评 → 整改 with a second
 * call-back, one reopen, merging and the recorded review that marks an appeal unreasonable or out of scope.
 * Pure: the caller passes `now`; refused transitions come back as `{ ok: false, code }`, never as exceptions.
 */

export const APPEAL_STATUSES = [
  'received', // 受理
  'dispatched', // 已派单，待签收
  'disputed', // 派单异议，待办公室裁定
  'handling', // 已签收，办理中
  'waiting', // 等待企业补充（时限暂停）
  'replied', // 已答复，待回访
  'called_back', // 已回访，待评价或销号
  'rectifying', // 差评整改中
  'closed', // 已销号
  'merged', // 已并入另一诉求
] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** Why an appeal is kept out of the rates; only set by a recorded review. */
export type ExclusionReason = 'unreasonable' | 'litigation' | 'arbitration' | 'petition' | 'police' | 'out_of_scope';
export const EXCLUSION_REASONS: readonly ExclusionReason[] = ['unreasonable', 'litigation', 'arbitration', 'petition', 'police', 'out_of_scope'];

/** The facts of an appeal the machine needs (the server maps its row onto this). */
export interface AppealState {
  status: AppealStatus;
  unitId: string | null;
  /** Dispatches so far (1 after the first 派单). */
  dispatchCount: number;
  /** True after the office upheld a dispute: the unit may not dispute the same dispatch again. */
  disputeUpheld: boolean;
  reopenCount: number;
  extensionDays: number;
  /** The last call-back's verdict, null before one. */
  solved: boolean | null;
  satisfied: boolean | null;
  /** 1..5 (国办发〔2019〕51号), null before a rating. */
  rating: number | null;
  /** Rectification rounds after 差评 (at most one). */
  rectifications: number;
  exclusion: ExclusionReason | null;
}

export type AppealEvent =
  | { type: 'dispatch'; unitId: string }
  | { type: 'sign' }
  | { type: 'dispute'; reason: string }
  | { type: 'decide_dispute'; decision: 'redispatch'; unitId: string }
  | { type: 'decide_dispute'; decision: 'uphold' }
  | { type: 'pause'; reason: string }
  | { type: 'resume' }
  | { type: 'extend'; days: number }
  | { type: 'reply'; text: string }
  | { type: 'callback'; solved: boolean; satisfied: boolean }
  | { type: 'rate'; rating: number }
  | { type: 'close' }
  | { type: 'reopen' }
  | { type: 'merge' }
  | { type: 'exclude'; reason: ExclusionReason };

export type AppealEventType = AppealEvent['type'];

/** Refusal codes (the server maps each to an `APL_*` error). */
export type TransitionCode =
  | 'APL_ILLEGAL_TRANSITION'
  | 'APL_SAME_UNIT'
  | 'APL_DISPUTE_UPHELD'
  | 'APL_EXTENSION_USED'
  | 'APL_EXTENSION_TOO_LONG'
  | 'APL_RATING_INVALID'
  | 'APL_CLOSE_NEEDS_CALLBACK'
  | 'APL_REOPEN_USED'
  | 'APL_REOPEN_NOT_UNSATISFIED'
  | 'APL_REASON_REQUIRED'
  | 'APL_ALREADY_EXCLUDED';

export type TransitionResult = { ok: true; state: AppealState } | { ok: false; code: TransitionCode; message: string };

/** Longest approved extension, in working days (one extension per appeal). */
export const MAX_EXTENSION_DAYS = 30;
/** Ratings at or below this are 差评 (不满意 ★2, 非常不满意 ★1). */
export const BAD_RATING_MAX = 2;

/** The five 好差评 levels, best first. */
export const RATING_LEVELS = [
  { value: 5, label: '非常满意' },
  { value: 4, label: '满意' },
  { value: 3, label: '基本满意' },
  { value: 2, label: '不满意' },
  { value: 1, label: '非常不满意' },
] as const;

/** From which statuses each event is legal. */
export const ALLOWED_FROM: Readonly<Record<AppealEventType, readonly AppealStatus[]>> = {
  dispatch: ['received'],
  sign: ['dispatched'],
  dispute: ['dispatched'],
  decide_dispute: ['disputed'],
  pause: ['handling'],
  resume: ['waiting'],
  extend: ['handling', 'waiting', 'rectifying'],
  reply: ['handling', 'rectifying'],
  callback: ['replied'],
  rate: ['replied', 'called_back'],
  close: ['called_back', 'replied'],
  reopen: ['closed'],
  merge: ['received', 'dispatched'],
  exclude: ['received', 'dispatched', 'disputed', 'handling', 'waiting', 'replied', 'called_back', 'rectifying', 'closed'],
};

/** A fresh appeal as intake creates it. */
export function initialAppealState(): AppealState {
  return { status: 'received', unitId: null, dispatchCount: 0, disputeUpheld: false, reopenCount: 0, extensionDays: 0, solved: null, satisfied: null, rating: null, rectifications: 0, exclusion: null };
}

/** True when the enterprise is on record as unsatisfied (差评 or a 'not satisfied' call-back). */
export function isUnsatisfied(s: Pick<AppealState, 'rating' | 'satisfied'>): boolean {
  if (s.rating !== null) return s.rating <= BAD_RATING_MAX;
  return s.satisfied === false;
}

const refuse = (code: TransitionCode, message: string): TransitionResult => ({ ok: false, code, message });

/**
 * Applies one event to an appeal.
 *
 * @param state the appeal now
 * @param event what a user asks to do
 * @returns the next state, or a refusal with a code naming why
 * @example transition(initialAppealState(), { type: 'sign' }) // { ok: false, code: 'APL_ILLEGAL_TRANSITION', … }
 */
export function transition(state: AppealState, event: AppealEvent): TransitionResult {
  if (!ALLOWED_FROM[event.type].includes(state.status)) {
    return refuse('APL_ILLEGAL_TRANSITION', `cannot ${event.type} an appeal in status ${state.status}`);
  }
  const s = { ...state };
  switch (event.type) {
    case 'dispatch':
      return { ok: true, state: { ...s, status: 'dispatched', unitId: event.unitId, dispatchCount: s.dispatchCount + 1, disputeUpheld: false } };
    case 'sign':
      return { ok: true, state: { ...s, status: 'handling' } };
    case 'dispute':
      if (s.disputeUpheld) return refuse('APL_DISPUTE_UPHELD', 'the office already upheld this dispatch');
      if (!event.reason.trim()) return refuse('APL_REASON_REQUIRED', 'a dispute needs a reason');
      return { ok: true, state: { ...s, status: 'disputed' } };
    case 'decide_dispute':
      if (event.decision === 'uphold') return { ok: true, state: { ...s, status: 'dispatched', disputeUpheld: true } };
      if (event.unitId === s.unitId) return refuse('APL_SAME_UNIT', 're-dispatch must name another unit');
      return { ok: true, state: { ...s, status: 'dispatched', unitId: event.unitId, dispatchCount: s.dispatchCount + 1, disputeUpheld: false } };
    case 'pause':
      if (!event.reason.trim()) return refuse('APL_REASON_REQUIRED', 'a pause needs a reason');
      return { ok: true, state: { ...s, status: 'waiting' } };
    case 'resume':
      return { ok: true, state: { ...s, status: 'handling' } };
    case 'extend':
      if (s.extensionDays > 0) return refuse('APL_EXTENSION_USED', 'an appeal is extended at most once');
      if (!Number.isInteger(event.days) || event.days < 1 || event.days > MAX_EXTENSION_DAYS) {
        return refuse('APL_EXTENSION_TOO_LONG', `an extension is 1..${MAX_EXTENSION_DAYS} working days`);
      }
      return { ok: true, state: { ...s, extensionDays: event.days } };
    case 'reply':
      if (!event.text.trim()) return refuse('APL_REASON_REQUIRED', 'a reply needs text');
      return { ok: true, state: { ...s, status: 'replied', solved: null, satisfied: null, rating: s.status === 'rectifying' ? null : s.rating } };
    case 'callback':
      return { ok: true, state: { ...s, status: 'called_back', solved: event.solved, satisfied: event.satisfied } };
    case 'rate': {
      if (!Number.isInteger(event.rating) || event.rating < 1 || event.rating > 5) return refuse('APL_RATING_INVALID', 'a rating is 1..5');
      const next = { ...s, rating: event.rating };
      // 差评 goes to rectification once ("件件有整改"); a second 差评 after rectification stays on record and the appeal can close.
      if (event.rating <= BAD_RATING_MAX && s.rectifications === 0 && s.exclusion === null) {
        return { ok: true, state: { ...next, status: 'rectifying', rectifications: 1 } };
      }
      return { ok: true, state: { ...next, status: 'closed' } };
    }
    case 'close':
      // 销号 only after a call-back (or a rating, which closes by itself above).
      if (s.status === 'replied' && s.exclusion === null) return refuse('APL_CLOSE_NEEDS_CALLBACK', 'close only after the call-back or the rating');
      return { ok: true, state: { ...s, status: 'closed' } };
    case 'reopen':
      if (s.reopenCount >= 1) return refuse('APL_REOPEN_USED', 'an appeal is reopened at most once');
      if (!isUnsatisfied(s)) return refuse('APL_REOPEN_NOT_UNSATISFIED', 'only an unsatisfied appeal may be reopened');
      return { ok: true, state: { ...s, status: 'handling', reopenCount: s.reopenCount + 1, solved: null, satisfied: null, rating: null } };
    case 'merge':
      return { ok: true, state: { ...s, status: 'merged' } };
    case 'exclude':
      if (s.exclusion !== null) return refuse('APL_ALREADY_EXCLUDED', 'the appeal is already marked');
      return { ok: true, state: { ...s, exclusion: event.reason } };
  }
}

/** The events legal from a status (for the UI's policies; role checks are the server's). */
export function legalEvents(status: AppealStatus): AppealEventType[] {
  return (Object.keys(ALLOWED_FROM) as AppealEventType[]).filter((t) => ALLOWED_FROM[t].includes(status));
}
