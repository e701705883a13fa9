/** Offices work on China Standard Time (UTC+8, no daylight saving); core takes "today" as a date. */
const OFFICE_UTC_OFFSET_MS = 8 * 3600_000;

/** The office's calendar date at `now`, `YYYY-MM-DD`. */
export function officeToday(now: Date): string {
  return new Date(now.getTime() + OFFICE_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The office date on which an instant fell, or null. */
export function officeDate(at: Date | null): string | null {
  return at ? officeToday(at) : null;
}
