import type { Kysely } from 'kysely';
import { createWorkingCalendar, type WorkingCalendar } from '../../../core/calendar/index.ts';
import { DEFAULT_STATUS_THRESHOLDS } from '../../../core/supervision/index.ts';
import type { Database } from '../../db/schema.ts';
import type { ReportCycleName } from '../../db/schema-supervision.ts';
import { findSupervisionSettings, listOverridesForRegionPath } from './supervision.queries.ts';

/**
 * Calendars shared by every operation of this process, by region path (paths are made of region ids, so two
 * databases in one process do not collide). Cleared whenever this process writes an override; another server
 * process on the same database sees an override after at most `SHARED_CALENDAR_TTL_MS`.
 */
const sharedCalendars = new Map<string, { loadedAt: number; calendar: Promise<WorkingCalendar> }>();
export const SHARED_CALENDAR_TTL_MS = 60_000;

/** Forgets every shared calendar (called when a calendar override is written or deleted). */
export function clearSharedCalendars(): void {
  sharedCalendars.clear();
}

/** Working calendars by region path: per operation, backed by the process-wide cache above. */
export class CalendarCache {
  private readonly calendars = new Map<string, Promise<WorkingCalendar>>();

  constructor(private readonly db: Kysely<Database>) {}

  forRegionPath(regionPath: string): Promise<WorkingCalendar> {
    let calendar = this.calendars.get(regionPath);
    if (calendar) return calendar;
    const shared = sharedCalendars.get(regionPath);
    if (shared && Date.now() - shared.loadedAt < SHARED_CALENDAR_TTL_MS) calendar = shared.calendar;
    else {
      calendar = listOverridesForRegionPath(this.db, regionPath).then((overrides) =>
        // Ordered from the top region down, so a county's override wins over the city's for the same day.
        createWorkingCalendar({ overrides: overrides.map((o) => ({ date: o.date, kind: o.kind, name: o.name ?? undefined })) }),
      );
      const entry = { loadedAt: Date.now(), calendar };
      sharedCalendars.set(regionPath, entry);
      calendar.catch(() => {
        if (sharedCalendars.get(regionPath) === entry) sharedCalendars.delete(regionPath);
      });
    }
    this.calendars.set(regionPath, calendar);
    return calendar;
  }
}

export interface SupervisionSettings {
  cycle: ReportCycleName;
  nthWorkingDay: number;
  dueSoonDays: number;
  progressLagPct: number;
  remindBeforeDays: number;
  escalationResponseDays: number;
  escalationPrefix: string;
  rankingWeights: Record<string, number>;
  rankingMinTasks: number;
}

export const DEFAULT_SUPERVISION_SETTINGS: Readonly<SupervisionSettings> = Object.freeze({
  cycle: 'monthly',
  nthWorkingDay: 5,
  dueSoonDays: DEFAULT_STATUS_THRESHOLDS.dueSoonWorkingDays,
  progressLagPct: DEFAULT_STATUS_THRESHOLDS.progressLagPercent,
  remindBeforeDays: 3,
  escalationResponseDays: 3,
  escalationPrefix: '督办',
  rankingWeights: {},
  rankingMinTasks: 3,
});

/** The region's settings, inherited from the nearest region above that has some, else the defaults. */
export async function loadSupervisionSettings(db: Kysely<Database>, regionPath: string): Promise<SupervisionSettings> {
  const row = await findSupervisionSettings(db, regionPath);
  if (!row) return { ...DEFAULT_SUPERVISION_SETTINGS };
  return {
    cycle: row.cycle,
    nthWorkingDay: row.nth_working_day,
    dueSoonDays: row.due_soon_days,
    progressLagPct: row.progress_lag_pct,
    remindBeforeDays: row.remind_before_days,
    escalationResponseDays: row.escalation_response_days,
    escalationPrefix: row.escalation_prefix,
    rankingWeights: (row.ranking_weights ?? {}) as Record<string, number>,
    rankingMinTasks: row.ranking_min_tasks,
  };
}

export class SettingsCache {
  private readonly settings = new Map<string, Promise<SupervisionSettings>>();

  constructor(private readonly db: Kysely<Database>) {}

  forRegionPath(regionPath: string): Promise<SupervisionSettings> {
    let s = this.settings.get(regionPath);
    if (!s) {
      s = loadSupervisionSettings(this.db, regionPath);
      this.settings.set(regionPath, s);
    }
    return s;
  }
}
