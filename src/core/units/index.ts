/**
 * Unit-name resolution: a maintained dictionary of Chinese government department names,
 * normalisation of printed unit names, shorthand expansion ("州公安局、司法局") and resolution of
 * printed names to the organisation registry with ranked suggestions. Pure: no I/O, no clock.
 */
export { DEPARTMENTS, type DepartmentEntry } from './dictionary.ts';
export { foldUnitText } from './fold.ts';
export { createDepartmentLookup, DEFAULT_LOOKUP, type DepartmentLookup } from './lookup.ts';
export { normalizeUnitName, type NormalizedUnitName, type NormalizeUnitOptions, type RegionKind } from './normalize.ts';
export { levelOf, placeKey, regionInfo, relateRegions, type RegionInfo, type RegionRelation } from './region.ts';
export {
  buildUnitIndex,
  resolveUnits,
  type MatchHow,
  type RegistryUnit,
  type ResolveUnitsOptions,
  type SuggestionReason,
  type UnitIndex,
  type UnitResolution,
  type UnitSuggestion,
} from './resolve.ts';
export { expandShorthand, type ExpandedUnit, type ExpandShorthandOptions } from './shorthand.ts';
export { bigrams, dice } from './similarity.ts';
export { propagateUnitChoices, type UnitChoice } from './choices.ts';
