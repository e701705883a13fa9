/**
 * When the reviewer sets or changes the plan year, deadlines printed without a year ("6月底前",
 * "年底前", "年内") move to the new year; those with a year of their own ("2023年6月底前") stay.
 */
import type { PlanDraft } from './plan-draft.ts';

const HAS_YEAR = /\d{4}\s*年/;
const MONTH_END = /(\d{1,2})\s*月(?:底|末)?(?:前|以前|之前)?/;
const YEAR_END = /年底|年末|年内|全年/;

function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The date a year-less deadline text means in `year`, or null when it cannot be read. */
export function resolveYearless(text: string, year: number): string | null {
  const month = MONTH_END.exec(text);
  if (month) {
    const m = Number(month[1]);
    if (m >= 1 && m <= 12) return lastDayOfMonth(year, m);
  }
  if (YEAR_END.test(text)) return `${year}-12-31`;
  return null;
}

/** Moves `date` from the old base year to the new one, keeping month and day. */
function shift(date: string | null, from: number | null, to: number): string | null {
  if (!date || from === null || !date.startsWith(`${from}-`)) return date;
  const moved = `${to}${date.slice(4)}`;
  // 29 February does not exist every year.
  return moved.endsWith('-02-29') && new Date(`${moved}T00:00:00Z`).getUTCDate() !== 29 ? `${to}-02-28` : moved;
}

export function rebaseYear(draft: PlanDraft, year: number | null): PlanDraft {
  const from = draft.baseYear;
  if (year === null || year === from) return { ...draft, baseYear: year };
  return {
    ...draft,
    baseYear: year,
    measures: draft.measures.map((m) => {
      const moved = new Map<string | null, string | null>();
      const deadlines = m.deadlines.map((d) => {
        if (HAS_YEAR.test(d.text)) return d;
        const date = d.date ? shift(d.date, from, year) : resolveYearless(d.text, year);
        moved.set(d.date, date);
        return { ...d, date };
      });
      // A target's "by" came from a deadline in its sentence: it follows that deadline.
      const targets = m.targets.map((x) => (x.by !== null && moved.has(x.by) ? { ...x, by: moved.get(x.by) ?? null } : x));
      return { ...m, deadlines, targets };
    }),
  };
}
