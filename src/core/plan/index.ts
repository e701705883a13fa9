/** Public surface of the plan parser. */
export { parsePlan, MeasureFlag } from './parse-plan.ts';
export { extractUnits, splitUnits } from './units.ts';
export { extractDeadlines } from './deadlines.ts';
export { extractTargets } from './targets.ts';
export { cnToInt, readMarker } from './numbering.ts';
export type * from './types.ts';
