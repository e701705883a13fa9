/**
 * Calendar dates as ISO `YYYY-MM-DD` strings in the office's local calendar.
 *
 * A date here is a day on the wall calendar, not an instant: there is no time zone and no DST.
 * Internally a date is an integer day number (days since 1970-01-01), computed with integer
 * arithmetic (H. Hinnant's days_from_civil), which never consults the process time zone and is
 * fast enough to call for every due date of thousands of tasks per request.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Error code prefix used in messages of the RangeErrors thrown for malformed dates. */
export const CAL_INVALID_DATE = 'CAL_INVALID_DATE';

/**
 * Whether `value` is a real calendar date written as `YYYY-MM-DD` (e.g. `2024-02-29` yes, `2023-02-29` no).
 *
 * @param value any value
 * @returns true for a valid ISO calendar date string
 */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  if (y < 1) return false;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/**
 * Converts an ISO date to its day number (days since 1970-01-01; negative before).
 *
 * @param date `YYYY-MM-DD`
 * @returns the day number
 * @throws RangeError (`CAL_INVALID_DATE`) when `date` is not a valid ISO date
 * @example toDayNumber('1970-01-02') // 1
 */
export function toDayNumber(date: string): number {
  const hit = dayNumberCache.get(date);
  if (hit !== undefined) return hit;
  if (!isIsoDate(date)) {
    throw new RangeError(`${CAL_INVALID_DATE}: expected a YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  }
  const day = daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
  // A memo, not state: the same string always maps to the same number. Bounded so a long-running server
  // that sees many distinct dates does not grow without limit.
  if (dayNumberCache.size >= DAY_NUMBER_CACHE_LIMIT) dayNumberCache.clear();
  dayNumberCache.set(date, day);
  return day;
}

const DAY_NUMBER_CACHE_LIMIT = 50_000;
const dayNumberCache = new Map<string, number>();

/**
 * Converts a day number back to `YYYY-MM-DD`.
 *
 * @param day days since 1970-01-01
 * @returns the ISO date
 * @throws RangeError (`CAL_INVALID_DATE`) outside years 0001..9999 or for a non-integer
 */
export function fromDayNumber(day: number): string {
  if (!Number.isInteger(day)) throw new RangeError(`${CAL_INVALID_DATE}: day number must be an integer, got ${day}`);
  const p = civilFromDays(day);
  if (!(p.year >= 1 && p.year <= 9999)) throw new RangeError(`${CAL_INVALID_DATE}: year ${p.year} is out of range`);
  return `${String(p.year).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}`;
}

/**
 * Adds calendar days (not working days).
 *
 * @param date `YYYY-MM-DD`
 * @param days any integer, may be negative
 * @returns the shifted date
 * @example addDays('2024-02-28', 2) // '2024-03-01'
 */
export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Calendar days from `a` to `b` (`b - a`), negative when `b` is earlier.
 *
 * @param a `YYYY-MM-DD`
 * @param b `YYYY-MM-DD`
 * @returns the signed number of days
 */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

/**
 * ISO weekday of a date: 1 = Monday … 7 = Sunday.
 *
 * @param date `YYYY-MM-DD`
 * @returns 1..7
 */
export function isoWeekday(date: string): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

/** @internal ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/**
 * Compares two ISO dates; because the format is fixed-width, string order is date order.
 *
 * @returns negative, zero or positive like `Array.prototype.sort` expects
 */
export function compareIsoDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Number of days in a month of the proleptic Gregorian calendar.
 *
 * @param year e.g. 2024
 * @param month 1..12
 * @returns 28..31
 */
export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : DAYS_IN_MONTH[month - 1];
}

/**
 * Whether `year` is a Gregorian leap year.
 *
 * @param year e.g. 2024
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Builds `YYYY-MM-DD` from parts (no overflow normalisation).
 *
 * @throws RangeError (`CAL_INVALID_DATE`) when the parts are not a real date
 * @example isoDate(2026, 3, 5) // '2026-03-05'
 */
export function isoDate(year: number, month: number, day: number): string {
  const s = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  if (!isIsoDate(s)) throw new RangeError(`${CAL_INVALID_DATE}: ${year}-${month}-${day} is not a date`);
  return s;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// days_from_civil and civil_from_days from https://howardhinnant.github.io/date_algorithms.html:
// proleptic Gregorian, eras of 400 years, months counted from March so the leap day is last.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(z: number): { year: number; month: number; day: number } {
  const zz = z + 719_468;
  const era = Math.floor(zz / 146_097);
  const doe = zz - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
