/**
 * Metric normalisation for the 对标 (benchmarking) page: a built-in synonym table that offices
 * extend at runtime, `normalizeMetric`, safe unit conversion and `compareTargets`, which lines up
 * the quantified targets of all plans by metric and marks the best. Pure: no I/O, no clock.
 */
export {
  compareTargets,
  type BenchmarkEntry,
  type BenchmarkGroup,
  type BenchmarkResult,
  type TargetRow,
} from './compare.ts';
export { cleanMetric, normalizeMetric, type NormalizedMetric, type NormalizeMetricOptions } from './metric.ts';
export { BUILTIN_METRIC_SYNONYMS, type MetricSynonym, type UnitKind } from './synonyms.ts';
export { targetUnitInfo, type TargetUnitInfo } from './units.ts';
