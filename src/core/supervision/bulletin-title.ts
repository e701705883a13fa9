/**
 * The title of a plan's 通报 (bulletin), in the form offices write it: 关于《方案名》2026年3月落实情况的通报.
 */

/** A covering notice around the plan's name: 关于印发《…》的通知, 关于转发…的通知. */
const WRAPPER = /^(?:[\u4e00-\u9fa5]{2,30}?)?关于(?:印发|转发|印送|下发)(.+?)的通知$/;

/**
 * The plan's own name out of a stored title, so that the bulletin never wraps a wrapper: a covering notice
 * (关于印发…的通知, nested ones included) is unwrapped and the 《》 are dropped.
 *
 * @param title the plan's stored title, possibly null
 * @returns the bare name, or null when there is none
 * @example planSubject('国务院办公厅关于印发《提升行政执行能力行动方案》的通知') // '提升行政执行能力行动方案'
 */
export function planSubject(title: string | null): string | null {
  let s = (title ?? '').replace(/\s+/g, '');
  for (let guard = 0; guard < 3; guard++) {
    s = s.replace(/^《(.+)》$/, '$1');
    const m = WRAPPER.exec(s);
    if (!m) break;
    s = m[1];
  }
  s = s.replace(/^《(.+)》$/, '$1');
  return s.length > 0 ? s : null;
}

/**
 * The bulletin's title for a plan and a period.
 *
 * @param planTitle the plan's stored title (a covering notice is unwrapped)
 * @param periodLabel e.g. 2026年3月
 * @returns e.g. 关于《某市优化营商环境行动方案》2026年3月落实情况的通报
 */
export function bulletinTitle(planTitle: string | null, periodLabel: string): string {
  return `关于《${planSubject(planTitle) ?? '营商环境工作方案'}》${periodLabel}落实情况的通报`;
}
