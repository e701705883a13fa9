/**
 * The working-day calendar of one office: official holidays and 调休 working days, plus local
 * overrides (a city's own day off, a typhoon closure, or next year's arrangement entered before the
 * `chinese-days` package ships it).
 */
import {
  CAL_INVALID_DATE,
  daysInMonth,
  fromDayNumber,
  isIsoDate,
  isoDate,
  toDayNumber,
  weekdayOfDayNumber,
} from './iso-date.ts';
import { chineseDaysData, type OfficialCalendarData } from './official-holidays.ts';

/** A local change to the calendar; it wins over the official data and over the weekend rule. */
export interface CalendarOverride {
  /** `YYYY-MM-DD` */
  date: string;
  /** `workday`: people work that day; `holiday`: nobody works. */
  kind: 'workday' | 'holiday';
  /** Shown to users, e.g. `防台风停工` or `补班`. */
  name?: string;
}

/** Options of {@link createWorkingCalendar}. */
export interface WorkingCalendarOptions {
  /** Official arrangements; defaults to {@link chineseDaysData}. Pass `{ years: [], days: [] }` for weekends only. */
  official?: OfficialCalendarData;
  /** Local overrides; for a date listed twice the later entry wins. */
  overrides?: readonly CalendarOverride[];
  /**
   * Years the office has fully entered as overrides (e.g. 2027 from the State Council notice), so that
   * {@link WorkingCalendar.isCovered} reports them as authoritative.
   */
  coveredYears?: readonly number[];
}

/** Why a day is or is not a working day. */
export type DayKind =
  /** Monday–Friday with no arrangement. */
  | 'weekday'
  /** Saturday or Sunday with no arrangement. */
  | 'weekend'
  /** An official holiday (法定节假日 and the days joined to it by 调休). */
  | 'official-holiday'
  /** An official 调休 working day (补班), usually a weekend. */
  | 'official-workday'
  /** A local override that makes the day a holiday. */
  | 'local-holiday'
  /** A local override that makes the day a working day. */
  | 'local-workday';

/** Everything the calendar knows about one date. */
export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  /** Festival or override name, when any (also for 调休 working days, e.g. `春节`). */
  name?: string;
  /** 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
  /**
   * False when the official arrangement for this year is unknown (beyond the data, not declared in
   * `coveredYears`): the answer then comes from the weekend rule and overrides only and may change
   * once the arrangement is published.
   */
  covered: boolean;
}

/**
 * Working-day arithmetic on one office's calendar. All dates are `YYYY-MM-DD`; every method throws a
 * RangeError whose message starts with `CAL_INVALID_DATE` for a malformed date (a programmer error:
 * dates are validated at the API edge).
 */
export interface WorkingCalendar {
  /**
   * Whether people work on `date`: an override if any, else the official arrangement, else Monday–Friday.
   *
   * @example cal.isWorkingDay('2024-02-04') // true: a Sunday made a working day for 春节
   */
  isWorkingDay(date: string): boolean;

  /**
   * Moves by working days.
   * - `n > 0`: the n-th working day strictly after `date`.
   * - `n < 0`: the |n|-th working day strictly before `date`.
   * - `n = 0`: `date` itself when it is a working day, else the next working day (a period that ends on a
   *   holiday ends on the next working day, 民法典 第二百零三条).
   *
   * The result is always a working day. For `n > 0`, `workingDaysBetween(date, result) === n`. The result is
   * non-decreasing in `n` and in `date`, and strictly increasing in `n` except that from a rest day `n = 0` and
   * `n = 1` give the same day.
   *
   * @param date start date (need not be a working day)
   * @param n integer
   * @returns a working day
   * @throws RangeError when `n` is not an integer
   * @example cal.addWorkingDays('2024-09-30', 1) // '2024-10-08' (National Day 10-01..07)
   */
  addWorkingDays(date: string, n: number): string;

  /**
   * Working days from `a` to `b`, counting the half-open interval **(a, b]**: `a` is excluded and `b` is
   * included. When `b < a` the result is minus the count of (b, a]. So it is 0 when a = b, and for
   * consecutive working days Friday → Monday it is 1.
   *
   * Read it as "how many working days after `a`, up to and including `b`": the working days left until a
   * deadline `b` seen from `today = a`, or the working days by which `today = b` is past deadline `a`.
   *
   * @returns a signed integer
   * @example cal.workingDaysBetween('2024-09-30', '2024-10-08') // 1
   */
  workingDaysBetween(a: string, b: string): number;

  /**
   * Working days in the closed interval **[from, to]** (both ends included); 0 when `to < from`.
   *
   * @example cal.countWorkingDays('2024-10-01', '2024-10-07') // 0
   */
  countWorkingDays(from: string, to: string): number;

  /**
   * The n-th working day of a month; `n = -1` is the last working day, `-2` the one before, and so on.
   *
   * @param year e.g. 2026
   * @param month 1..12
   * @param n non-zero integer
   * @returns the date, or `undefined` when the month has fewer than |n| working days
   * @throws RangeError when `n` is 0 or not an integer, or month is not 1..12
   * @example cal.nthWorkingDayOfMonth(2024, 10, 1) // '2024-10-08'
   */
  nthWorkingDayOfMonth(year: number, month: number, n: number): string | undefined;

  /**
   * Name of the holiday on `date` (Chinese), for non-working days that have one: official holidays and
   * named local holidays. Ordinary weekends and working days (including 调休 working days) give `undefined`.
   *
   * @example cal.holidayName('2024-10-03') // '国庆节'
   */
  holidayName(date: string): string | undefined;

  /** Full description of a date, see {@link DayInfo}. */
  dayInfo(date: string): DayInfo;

  /**
   * Whether the official arrangement of the date's year is known (bundled data or `coveredYears`).
   *
   * @param dateOrYear `YYYY-MM-DD` or a year number
   */
  isCovered(dateOrYear: string | number): boolean;

  /** Covered years, ascending. */
  readonly coveredYears: readonly number[];
}

interface DayEntry {
  working: boolean;
  kind: DayKind;
  name?: string;
}

/**
 * Builds a {@link WorkingCalendar}. Pure: the result depends only on the arguments and the bundled data.
 *
 * Beyond the covered years the weekend rule applies (Monday–Friday work), `dayInfo().covered` is false, and
 * overrides still apply, so an office can enter next year's arrangement before the package update.
 *
 * @param options official data, local overrides and extra covered years
 * @returns the calendar
 * @throws RangeError (`CAL_INVALID_DATE`) when an override has a malformed date, or
 *   (`CAL_INVALID_OVERRIDE`) when its kind is neither `workday` nor `holiday`
 * @example
 * const cal = createWorkingCalendar({ overrides: [{ date: '2026-05-06', kind: 'holiday', name: '防台风' }] });
 * cal.isWorkingDay('2026-05-06') // false
 */
export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const official = options.official ?? chineseDaysData();
  const entries = new Map<number, DayEntry>();
  for (const d of official.days) {
    entries.set(toDayNumber(d.date), {
      working: d.kind === 'workday',
      kind: d.kind === 'workday' ? 'official-workday' : 'official-holiday',
      name: d.name,
    });
  }
  for (const o of options.overrides ?? []) {
    if (o.kind !== 'workday' && o.kind !== 'holiday') {
      throw new RangeError(`CAL_INVALID_OVERRIDE: kind must be workday or holiday, got ${JSON.stringify(o.kind)}`);
    }
    entries.set(toDayNumber(o.date), {
      working: o.kind === 'workday',
      kind: o.kind === 'workday' ? 'local-workday' : 'local-holiday',
      name: o.name,
    });
  }
  const covered = new Set<number>([...official.years, ...(options.coveredYears ?? [])]);
  const coveredYears = Object.freeze([...covered].sort((a, b) => a - b));

  const isWorkingNum = (day: number): boolean => {
    const e = entries.get(day);
    if (e) return e.working;
    return weekdayOfDayNumber(day) <= 5;
  };

  // Per-year prefix sums of working days, built lazily, so that counting over long spans is O(years).
  const prefixByYear = new Map<number, { start: number; prefix: Int32Array }>();
  const yearPrefix = (year: number) => {
    let p = prefixByYear.get(year);
    if (!p) {
      const start = toDayNumber(isoDate(year, 1, 1));
      const len = toDayNumber(isoDate(year, 12, 31)) - start + 1;
      const prefix = new Int32Array(len + 1);
      for (let i = 0; i < len; i++) prefix[i + 1] = prefix[i] + (isWorkingNum(start + i) ? 1 : 0);
      p = { start, prefix };
      prefixByYear.set(year, p);
    }
    return p;
  };
  // Working days in [Jan 1 of baseYear, day], for day in baseYear or later.
  const cumulative = (baseYear: number, day: number, dayYear: number): number => {
    let total = 0;
    for (let y = baseYear; y < dayYear; y++) {
      const p = yearPrefix(y);
      total += p.prefix[p.prefix.length - 1];
    }
    const p = yearPrefix(dayYear);
    return total + p.prefix[day - p.start + 1];
  };
  const countOpenClosed = (a: string, b: string): number => {
    // Working days in (a, b] with a <= b.
    const ya = Number(a.slice(0, 4));
    const yb = Number(b.slice(0, 4));
    return cumulative(ya, toDayNumber(b), yb) - cumulative(ya, toDayNumber(a), ya);
  };

  const dayInfo = (date: string): DayInfo => {
    const day = toDayNumber(date);
    const weekday = weekdayOfDayNumber(day);
    const e = entries.get(day);
    const base: DayEntry = e ?? { working: weekday <= 5, kind: weekday <= 5 ? 'weekday' : 'weekend' };
    const info: DayInfo = {
      date,
      working: base.working,
      kind: base.kind,
      isoWeekday: weekday,
      covered: covered.has(Number(date.slice(0, 4))),
    };
    if (base.name !== undefined) info.name = base.name;
    return info;
  };

  const cal: WorkingCalendar = {
    coveredYears,
    isWorkingDay: (date) => isWorkingNum(toDayNumber(date)),
    addWorkingDays(date, n) {
      if (!Number.isInteger(n)) throw new RangeError(`CAL_INVALID_ARGUMENT: n must be an integer, got ${n}`);
      let day = toDayNumber(date);
      if (n === 0) {
        if (isWorkingNum(day)) return date;
        while (!isWorkingNum(day)) day++;
        return fromDayNumber(day);
      }
      const step = n > 0 ? 1 : -1;
      let left = Math.abs(n);
      while (left > 0) {
        day += step;
        if (isWorkingNum(day)) left--;
      }
      return fromDayNumber(day);
    },
    workingDaysBetween(a, b) {
      toDayNumber(a);
      toDayNumber(b);
      // `|| 0` keeps the result +0 rather than -0 for equal counts.
      return a <= b ? countOpenClosed(a, b) : -countOpenClosed(b, a) || 0;
    },
    countWorkingDays(from, to) {
      const f = toDayNumber(from);
      toDayNumber(to);
      if (to < from) return 0;
      return countOpenClosed(from, to) + (isWorkingNum(f) ? 1 : 0);
    },
    nthWorkingDayOfMonth(year, month, n) {
      if (!Number.isInteger(n) || n === 0) {
        throw new RangeError(`CAL_INVALID_ARGUMENT: n must be a non-zero integer, got ${n}`);
      }
      if (!Number.isInteger(month) || month < 1 || month > 12) {
        throw new RangeError(`CAL_INVALID_ARGUMENT: month must be 1..12, got ${month}`);
      }
      const first = toDayNumber(isoDate(year, month, 1));
      const last = first + daysInMonth(year, month) - 1;
      let left = Math.abs(n);
      if (n > 0) {
        for (let d = first; d <= last; d++) if (isWorkingNum(d) && --left === 0) return fromDayNumber(d);
      } else {
        for (let d = last; d >= first; d--) if (isWorkingNum(d) && --left === 0) return fromDayNumber(d);
      }
      return undefined;
    },
    holidayName(date) {
      const info = dayInfo(date);
      return info.working ? undefined : info.name;
    },
    dayInfo,
    isCovered(dateOrYear) {
      if (typeof dateOrYear === 'number') return covered.has(dateOrYear);
      if (!isIsoDate(dateOrYear)) {
        throw new RangeError(`${CAL_INVALID_DATE}: expected a YYYY-MM-DD date, got ${JSON.stringify(dateOrYear)}`);
      }
      return covered.has(Number(dateOrYear.slice(0, 4)));
    },
  };
  return Object.freeze(cal);
}
