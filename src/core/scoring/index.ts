/** Scoring (营商环境评价): indicator trees, DB distance to frontier, aggregation, ranks, explanations, what-if. Pure. */
export * from './explain.ts';
export * from './normalise.ts';
export * from './score.ts';
export * from './tree.ts';
