/** Supervision (督查督办): reporting cycles, status lights, KPI attainment, rankings, escalation numbers. Pure. */
export * from './escalation-number.ts';
export * from './kpi-attainment.ts';
export * from './report-cycles.ts';
export * from './task-status.ts';
export * from './unit-ranking.ts';
export * from './evidence-limits.ts';
export * from './publish-check.ts';
export * from './bulletin-title.ts';
