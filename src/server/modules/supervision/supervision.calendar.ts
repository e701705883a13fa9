import type { Kysely } from 'kysely';
import { createWorkingCalendar, type WorkingCalendar } from '../../../core/calendar/index.ts';
import { DEFAULT_STATUS_THRESHOLDS } from '../../../core/supervision/index.ts';
import type { Database } from '../../db/schema.ts';
import type { ReportCycleName } from '../../db/schema-supervision.ts';
import { findSupervisionSettings, listOverridesForRegionPath } from './supervision.queries.ts';

/** Working calendars by region path, built once per operation (official data plus the overrides above). */
export class CalendarCache {
  private readonly calendars = new Map<string, Promise<WorkingCalendar>>();

  constructor(private readonly db: Kysely<Database>) {}

  forRegionPath(regionPath: string): Promise<WorkingCalendar> {
    let calendar = this.calendars.get(regionPath);
    if (!calendar) {
      calendar = listOverridesForRegionPath(this.db, regionPath).then((overrides) =>
        // Ordered from the top region down, so a county's override wins over the city's for the same day.
        createWorkingCalendar({ overrides: overrides.map((o) => ({ date: o.date, kind: o.kind, name: o.name ?? undefined })) }),
      );
      this.calendars.set(regionPath, calendar);
    }
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
