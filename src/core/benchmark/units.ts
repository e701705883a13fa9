import type { UnitKind } from './synonyms.ts';

/** How a target unit converts, if at all. */
export interface TargetUnitInfo {
  /**
   * Units in the same family convert exactly into each other: 'time' (分钟, 小时, 天, 日, 自然日),
   * 'money' (元, 万元, 亿元). Any other unit is its own family ('unit:个工作日', 'unit:%'), so
   * 工作日 never mixes with 天 (a working day is not 24 hours, and 3 工作日 can span 5 days).
   */
  family: string;
  /** Multiplier to the family's base (hours for time, 元 for money); 1 for own-family units. */
  factor: number;
  kind: UnitKind;
}

const TIME: Record<string, number> = { 秒: 1 / 3600, 秒钟: 1 / 3600, 分钟: 1 / 60, 分: 1 / 60, 小时: 1, 个小时: 1, 天: 24, 日: 24, 自然日: 24, 个自然日: 24 };
const MONEY: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8 };
const WORKING = new Set(['工作日', '个工作日']);
const MONTH = new Set(['月', '个月']);

/**
 * Classify a target unit as printed ('个工作日', '小时', '%', '亿元', '家').
 *
 * Note '分' is read as minutes only in a time context; as a score (满意度 95 分) it would be
 * wrong, so callers should only convert when the family says 'time' and the synonym kind agrees.
 *
 * @param unit unit as printed
 * @returns family, factor to the family base, and kind
 * @example
 * targetUnitInfo('天') // { family: 'time', factor: 24, kind: 'duration' }
 */
export function targetUnitInfo(unit: string): TargetUnitInfo {
  const u = String(unit ?? '').normalize('NFKC').replace(/\s+/gu, '');
  if (u in TIME && u !== '分') return { family: 'time', factor: TIME[u], kind: 'duration' };
  if (WORKING.has(u)) return { family: 'unit:工作日', factor: 1, kind: 'duration' };
  if (MONTH.has(u)) return { family: 'unit:月', factor: 1, kind: 'duration' };
  if (u in MONEY) return { family: 'money', factor: MONEY[u], kind: 'money' };
  if (u === '%' || u === '％') return { family: 'unit:%', factor: 1, kind: 'percent' };
  // 个环节 and 环节 count the same thing; 个 alone stays as it is.
  const counted = u.length > 1 && u.startsWith('个') ? u.slice(1) : u;
  return { family: `unit:${counted}`, factor: 1, kind: 'count' };
}
