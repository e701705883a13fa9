/**
 * The State Council's holiday arrangements (放假安排, including 调休 working weekends) as plain data,
 * taken from the `chinese-days` package.
 *
 * We read its bundled JSON rather than calling its functions: its functions parse dates through
 * `Date` in the process time zone, while we want pure `YYYY-MM-DD` arithmetic.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/** One day of an official arrangement that differs from the Monday–Friday rule, or confirms a holiday. */
export interface OfficialDay {
  /** `YYYY-MM-DD` */
  date: string;
  /** `holiday`: no work (may fall on a weekday or weekend); `workday`: a 调休 working day (often a weekend). */
  kind: 'holiday' | 'workday';
  /** Chinese name of the festival it belongs to, e.g. `春节`. */
  name: string;
  /** English name, e.g. `Spring Festival`. */
  nameEn?: string;
}

/** Official calendar data: the days and the years whose arrangement the data fully contains. */
export interface OfficialCalendarData {
  /** Years (ascending) whose whole official arrangement is present in `days`. */
  years: number[];
  days: OfficialDay[];
}

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let cached: OfficialCalendarData | undefined;

/**
 * The official arrangements bundled with `chinese-days` (1.5.7 covers 2004–2026; the 2027 arrangement
 * is normally published each November, after which the package is updated).
 *
 * A year counts as covered when the data holds at least one holiday in it: every arrangement since
 * 1999 includes 元旦, so a year with no holiday at all has not been published.
 *
 * @returns frozen data; the same object on every call
 * @example chineseDaysData().years.at(-1) // 2026 with chinese-days 1.5.7
 */
export function chineseDaysData(): OfficialCalendarData {
  if (!cached) cached = parseChineseDaysJson(chineseDays as ChineseDaysJson);
  return cached;
}

/**
 * Converts the `chinese-days` JSON shape (`{ holidays: { date: "Spring Festival,春节,4" }, workdays: {…} }`)
 * into {@link OfficialCalendarData}. Exported so tests and future data sources can reuse it.
 *
 * @param json the package's `dist/chinese-days.json` content
 * @returns frozen data with days sorted by date
 */
export function parseChineseDaysJson(json: ChineseDaysJson): OfficialCalendarData {
  const days: OfficialDay[] = [];
  const years = new Set<number>();
  for (const [kind, map] of [
    ['holiday', json.holidays],
    ['workday', json.workdays],
  ] as const) {
    for (const [date, label] of Object.entries(map)) {
      const [nameEn, name] = label.split(',');
      days.push(Object.freeze({ date, kind, name: name ?? nameEn, nameEn }));
      if (kind === 'holiday') years.add(Number(date.slice(0, 4)));
    }
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return Object.freeze({ years: Object.freeze([...years].sort((a, b) => a - b)) as number[], days: Object.freeze(days) as OfficialDay[] });
}
