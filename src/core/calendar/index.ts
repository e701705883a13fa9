/** Working-day calendar: official Chinese holidays and 调休 (chinese-days) plus local overrides. Pure. */
export * from './iso-date.ts';
export * from './official-holidays.ts';
export * from './working-calendar.ts';
